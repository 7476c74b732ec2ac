//! How a task stands against its deadline, and which reminder is due.
//!
//! A task is overdue when its deadline has passed and it is not confirmed (a done report
//! waiting for confirmation is still overdue: the province has not accepted it). It is done on
//! time when the unit reported it done by the deadline, whenever the province confirmed it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DeadlineStatus, TaskState};

/// Default days before the deadline a task counts as due soon (`IOC_TASK_DUE_SOON_DAYS`).
pub const DEFAULT_DUE_SOON_DAYS: i64 = 3;

/// Default reminders, days before the deadline (`IOC_TASK_REMINDER_DAYS`).
pub const DEFAULT_REMINDER_DAYS: &[i64] = &[3, 1];

/// The dates of a task that the deadline rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDates {
    pub state: TaskState,
    pub deadline: NaiveDate,
    /// When the unit last reported it done (kept after confirmation).
    pub done_reported_on: Option<NaiveDate>,
}

pub fn deadline_status(t: &TaskDates, today: NaiveDate, due_soon_days: i64) -> DeadlineStatus {
    if t.state == TaskState::Confirmed {
        return match t.done_reported_on {
            Some(d) if d > t.deadline => DeadlineStatus::DoneLate,
            _ => DeadlineStatus::DoneOnTime,
        };
    }
    if today > t.deadline {
        DeadlineStatus::Overdue
    } else if (t.deadline - today).num_days() <= due_soon_days {
        DeadlineStatus::DueSoon
    } else {
        DeadlineStatus::OnTime
    }
}

pub fn is_overdue(t: &TaskDates, today: NaiveDate) -> bool {
    t.state != TaskState::Confirmed && today > t.deadline
}

/// Days past the deadline of an overdue task; 0 otherwise.
pub fn days_overdue(t: &TaskDates, today: NaiveDate) -> i64 {
    if is_overdue(t, today) {
        (today - t.deadline).num_days()
    } else {
        0
    }
}

/// The reminder due today, as its offset in days before the deadline, given the offset of the
/// last reminder already sent for the current deadline (`None`: none yet).
///
/// Only tasks still to be done are reminded (not reported done, not confirmed). The due offset
/// is the smallest configured offset the task has reached (`days left <= offset`), so a missed
/// run sends the nearer reminder once rather than every skipped one. Calling it again with the
/// returned offset as `last_sent` answers `None`: a scan can run any number of times a day.
pub fn reminder_due(t: &TaskDates, today: NaiveDate, offsets: &[i64], last_sent: Option<i64>) -> Option<i64> {
    if matches!(t.state, TaskState::ReportedDone | TaskState::Confirmed) {
        return None;
    }
    let left = (t.deadline - today).num_days();
    if left < 0 {
        return None;
    }
    let due = offsets.iter().copied().filter(|o| *o >= 0 && left <= *o).min()?;
    match last_sent {
        Some(sent) if sent <= due => None,
        _ => Some(due),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn dates(state: TaskState, deadline: NaiveDate, done: Option<NaiveDate>) -> TaskDates {
        TaskDates {
            state,
            deadline,
            done_reported_on: done,
        }
    }

    #[test]
    fn a_task_is_on_time_then_due_soon_then_overdue_until_confirmed() {
        let t = dates(TaskState::InProgress, d(6, 10), None);
        assert_eq!(deadline_status(&t, d(6, 1), 3), DeadlineStatus::OnTime);
        assert_eq!(deadline_status(&t, d(6, 7), 3), DeadlineStatus::DueSoon);
        assert_eq!(deadline_status(&t, d(6, 10), 3), DeadlineStatus::DueSoon);
        assert_eq!(deadline_status(&t, d(6, 11), 3), DeadlineStatus::Overdue);
        assert_eq!(days_overdue(&t, d(6, 15)), 5);
        let reported = dates(TaskState::ReportedDone, d(6, 10), Some(d(6, 9)));
        assert_eq!(deadline_status(&reported, d(6, 12), 3), DeadlineStatus::Overdue);
        let on_time = dates(TaskState::Confirmed, d(6, 10), Some(d(6, 9)));
        assert_eq!(deadline_status(&on_time, d(7, 1), 3), DeadlineStatus::DoneOnTime);
        assert_eq!(days_overdue(&on_time, d(7, 1)), 0);
        let late = dates(TaskState::Confirmed, d(6, 10), Some(d(6, 12)));
        assert_eq!(deadline_status(&late, d(7, 1), 3), DeadlineStatus::DoneLate);
    }

    #[test]
    fn reminders_go_three_days_and_one_day_before_and_once_each() {
        let t = dates(TaskState::Acknowledged, d(6, 10), None);
        let offs = DEFAULT_REMINDER_DAYS;
        assert_eq!(reminder_due(&t, d(6, 6), offs, None), None);
        assert_eq!(reminder_due(&t, d(6, 7), offs, None), Some(3));
        assert_eq!(reminder_due(&t, d(6, 7), offs, Some(3)), None);
        assert_eq!(reminder_due(&t, d(6, 8), offs, Some(3)), None);
        assert_eq!(reminder_due(&t, d(6, 9), offs, Some(3)), Some(1));
        assert_eq!(reminder_due(&t, d(6, 10), offs, Some(1)), None);
        // A missed run sends the nearer reminder once, not both.
        assert_eq!(reminder_due(&t, d(6, 9), offs, None), Some(1));
        assert_eq!(reminder_due(&t, d(6, 11), offs, None), None, "overdue is its own event");
        let done = dates(TaskState::ReportedDone, d(6, 10), Some(d(6, 5)));
        assert_eq!(reminder_due(&done, d(6, 9), offs, None), None);
    }

    proptest! {
        #[test]
        fn a_reminder_sent_is_never_due_again_that_day(
            left in -5i64..20, last in proptest::option::of(0i64..5)
        ) {
            let today = d(6, 1);
            let t = dates(TaskState::InProgress, today + chrono::Duration::days(left), None);
            if let Some(o) = reminder_due(&t, today, DEFAULT_REMINDER_DAYS, last) {
                prop_assert!(left <= o && left >= 0);
                prop_assert_eq!(reminder_due(&t, today, DEFAULT_REMINDER_DAYS, Some(o)), None);
            }
        }

        #[test]
        fn overdue_and_days_overdue_agree(left in -30i64..30, confirmed: bool) {
            let today = d(6, 1);
            let state = if confirmed { TaskState::Confirmed } else { TaskState::InProgress };
            let t = dates(state, today + chrono::Duration::days(left), None);
            prop_assert_eq!(is_overdue(&t, today), days_overdue(&t, today) > 0);
            prop_assert_eq!(deadline_status(&t, today, 3) == DeadlineStatus::Overdue, is_overdue(&t, today));
        }
    }
}
