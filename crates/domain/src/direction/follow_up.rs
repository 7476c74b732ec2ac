//! The follow-up report's figures (tình hình thực hiện ý kiến chỉ đạo): how a unit's tasks
//! stand against their deadlines. Each task falls in exactly one column, so the columns add up
//! to the tasks assigned; the share confirmed on time is taken over the confirmed tasks, as on
//! the dashboard's group 5.

use rust_decimal::Decimal;

use super::DeadlineStatus;
use crate::Percent;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpTally {
    pub assigned: u64,
    pub confirmed_on_time: u64,
    pub confirmed_late: u64,
    /// Not confirmed, deadline not passed (on time or due soon).
    pub in_progress: u64,
    /// Not confirmed, deadline passed (a done report awaiting confirmation included).
    pub overdue: u64,
}

impl FollowUpTally {
    pub fn add(&mut self, status: DeadlineStatus) {
        self.assigned += 1;
        match status {
            DeadlineStatus::DoneOnTime => self.confirmed_on_time += 1,
            DeadlineStatus::DoneLate => self.confirmed_late += 1,
            DeadlineStatus::OnTime | DeadlineStatus::DueSoon => self.in_progress += 1,
            DeadlineStatus::Overdue => self.overdue += 1,
        }
    }

    pub fn merge(&mut self, other: &FollowUpTally) {
        self.assigned += other.assigned;
        self.confirmed_on_time += other.confirmed_on_time;
        self.confirmed_late += other.confirmed_late;
        self.in_progress += other.in_progress;
        self.overdue += other.overdue;
    }

    /// Confirmed on time over confirmed, 0–100 with two decimals; `None` before any is confirmed.
    pub fn on_time_share(&self) -> Option<Percent> {
        let confirmed = self.confirmed_on_time + self.confirmed_late;
        (confirmed > 0)
            .then(|| Percent::clamped(Decimal::from(self.confirmed_on_time * 100) / Decimal::from(confirmed)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn tally(statuses: &[DeadlineStatus]) -> FollowUpTally {
        let mut t = FollowUpTally::default();
        for s in statuses {
            t.add(*s);
        }
        t
    }

    #[test]
    fn every_task_falls_in_exactly_one_column() {
        use DeadlineStatus::*;
        let t = tally(&[OnTime, DueSoon, Overdue, Overdue, DoneOnTime, DoneLate]);
        assert_eq!(
            t,
            FollowUpTally {
                assigned: 6,
                confirmed_on_time: 1,
                confirmed_late: 1,
                in_progress: 2,
                overdue: 2
            }
        );
        assert_eq!(
            t.confirmed_on_time + t.confirmed_late + t.in_progress + t.overdue,
            t.assigned
        );
    }

    #[test]
    fn the_share_on_time_is_over_confirmed_tasks_and_absent_before_any() {
        use DeadlineStatus::*;
        assert_eq!(tally(&[OnTime, Overdue]).on_time_share(), None);
        let share = tally(&[DoneOnTime, DoneOnTime, DoneLate, Overdue])
            .on_time_share()
            .unwrap();
        assert_eq!(share.value(), dec!(66.67));
    }

    #[test]
    fn merged_tallies_add_up_column_by_column() {
        use DeadlineStatus::*;
        let mut a = tally(&[DoneOnTime, Overdue]);
        a.merge(&tally(&[DoneLate, DueSoon]));
        assert_eq!(a, tally(&[DoneOnTime, Overdue, DoneLate, DueSoon]));
    }
}
