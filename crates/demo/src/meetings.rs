//! Demo meetings: last week's weekly review (closed, with its snapshot and the directives it
//! gave), next week's review (scheduled) and a site visit. Dates relative to `today`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ioc_domain::MeetingKind;
use serde::{Deserialize, Serialize};

use crate::units::{BQLDA_DTXD, BQLDA_GT, STC, SXD, TTPTQD, UB_LONGTHANH};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoMeeting {
    pub title: String,
    pub kind: MeetingKind,
    pub starts_at: DateTime<Utc>,
    pub location: String,
    pub chair_username: String,
    pub attendee_usernames: Vec<String>,
    pub attendee_unit_codes: Vec<String>,
    /// Project codes in order of discussion, with notes.
    pub agenda: Vec<(String, String)>,
    pub notice_number: Option<String>,
    /// Started (snapshot taken) and, if `closed`, closed.
    pub started: bool,
    pub closed: bool,
    pub directives: Vec<DemoMeetingDirective>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoMeetingDirective {
    pub text: String,
    pub project_codes: Vec<String>,
    pub tasks: Vec<DemoMeetingTask>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoMeetingTask {
    pub description: String,
    pub lead_unit_code: String,
    pub supporting_unit_codes: Vec<String>,
    pub deadline: NaiveDate,
    pub expected_result: String,
}

/// 08:30 in Đồng Nai (UTC+7) on `d`.
fn morning(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(1, 30, 0).expect("valid time").and_utc()
}

fn s(v: &str) -> String {
    v.to_owned()
}

fn task(description: &str, lead: &str, support: &[&str], deadline: NaiveDate, result: &str) -> DemoMeetingTask {
    DemoMeetingTask {
        description: s(description),
        lead_unit_code: s(lead),
        supporting_unit_codes: support.iter().map(|c| s(c)).collect(),
        deadline,
        expected_result: s(result),
    }
}

pub fn demo_meetings(today: NaiveDate) -> Vec<DemoMeeting> {
    let last = today - Duration::days(7);
    let attendees = vec![s("sxd"), s("stc"), s("bqlda"), s("bqlgt")];
    let units = vec![s(SXD), s(STC), s(BQLDA_DTXD), s(BQLDA_GT), s(TTPTQD)];
    vec![
        DemoMeeting {
            title: s("Giao ban tuần các dự án trọng điểm"),
            kind: MeetingKind::WeeklyReview,
            starts_at: morning(last),
            location: s("Phòng họp số 1, UBND tỉnh Đồng Nai"),
            chair_username: s("lanhdao"),
            attendee_usernames: attendees.clone(),
            attendee_unit_codes: units.clone(),
            agenda: vec![
                (s("DN-GT-001"), s("Giải phóng mặt bằng đoạn qua xã Long Thành")),
                (s("DN-GT-002"), s("Giải ngân vốn năm")),
                (s("DN-GT-003"), String::new()),
            ],
            notice_number: Some(s("125/TB-UBND")),
            started: true,
            closed: true,
            directives: vec![
                DemoMeetingDirective {
                    text: s("Khẩn trương hoàn thành bồi thường, giải phóng mặt bằng phần diện tích còn lại để bàn giao cho nhà thầu thi công."),
                    project_codes: vec![s("DN-GT-001")],
                    tasks: vec![
                        task("Hoàn thành chi trả bồi thường cho các hộ còn lại", TTPTQD, &[UB_LONGTHANH], today + Duration::days(14), "Bàn giao toàn bộ mặt bằng"),
                        task("Tổ chức đối thoại với các hộ chưa đồng thuận", UB_LONGTHANH, &[TTPTQD], today - Duration::days(2), "Biên bản đối thoại"),
                    ],
                },
                DemoMeetingDirective {
                    text: s("Rà soát, đề xuất điều chuyển kế hoạch vốn của các dự án giải ngân chậm."),
                    project_codes: vec![s("DN-GT-002")],
                    tasks: vec![task("Báo cáo đề xuất điều chuyển vốn", BQLDA_GT, &[STC], today + Duration::days(3), "Tờ trình điều chuyển vốn")],
                },
            ],
        },
        DemoMeeting {
            title: s("Giao ban tuần các dự án trọng điểm"),
            kind: MeetingKind::WeeklyReview,
            starts_at: morning(today + Duration::days(7)),
            location: s("Phòng họp số 1, UBND tỉnh Đồng Nai"),
            chair_username: s("lanhdao"),
            attendee_usernames: attendees,
            attendee_unit_codes: units,
            agenda: vec![
                (s("DN-GT-001"), s("Kiểm điểm kết luận tuần trước")),
                (s("DN-GT-002"), String::new()),
            ],
            notice_number: None,
            started: false,
            closed: false,
            directives: vec![],
        },
        DemoMeeting {
            title: s("Kiểm tra hiện trường Đường 25C"),
            kind: MeetingKind::SiteVisit,
            starts_at: morning(today + Duration::days(2)),
            location: s("Công trường xã Long Thành"),
            chair_username: s("lanhdao"),
            attendee_usernames: vec![s("sxd"), s("bqlgt")],
            attendee_unit_codes: vec![s(BQLDA_GT), s(UB_LONGTHANH)],
            agenda: vec![(s("DN-GT-001"), s("Hiện trạng mặt bằng"))],
            notice_number: None,
            started: false,
            closed: false,
            directives: vec![],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_meetings_name_only_demo_projects_units_and_users_and_one_is_closed_with_directives() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let data = crate::demo_dataset(today);
        let meetings = demo_meetings(today);
        for m in &meetings {
            for (code, _) in &m.agenda {
                assert!(data.projects.iter().any(|p| &p.input.code == code), "{code}");
            }
            let units = m.attendee_unit_codes.iter().chain(
                m.directives
                    .iter()
                    .flat_map(|d| d.tasks.iter())
                    .flat_map(|t| std::iter::once(&t.lead_unit_code).chain(&t.supporting_unit_codes)),
            );
            for u in units {
                assert!(data.units.iter().any(|x| &x.code == u), "{u}");
            }
            for u in m.attendee_usernames.iter().chain([&m.chair_username]) {
                assert!(data.users.iter().any(|x| &x.username == u), "{u}");
            }
            for t in m.directives.iter().flat_map(|d| &d.tasks) {
                assert!(t.deadline >= m.starts_at.date_naive(), "a task due before its meeting");
            }
        }
        assert!(meetings.iter().any(|m| m.closed && !m.directives.is_empty()));
        assert!(meetings.iter().any(|m| !m.started));
    }
}
