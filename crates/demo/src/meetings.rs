//! Demo meetings: last week's weekly review (closed, with its snapshot and the directives it
//! gave), next week's review (scheduled) and a site visit. Dates relative to `today`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ioc_domain::direction::TaskAction;
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
    /// What happened to the task since, in order, so the demo shows every state.
    pub steps: Vec<DemoTaskStep>,
}

/// One action on a demo task, `days_after` the meeting: unit actions by the lead unit's
/// editor (or an administrator for units without a demo account), decisions by the
/// coordinator.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoTaskStep {
    pub action: TaskAction,
    pub days_after: i64,
    pub note: String,
    pub new_deadline: Option<NaiveDate>,
    pub evidence: Option<String>,
}

fn step(action: TaskAction, days_after: i64, note: &str) -> DemoTaskStep {
    DemoTaskStep {
        action,
        days_after,
        note: s(note),
        new_deadline: None,
        evidence: None,
    }
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
        steps: Vec::new(),
    }
}

impl DemoMeetingTask {
    fn then(mut self, steps: Vec<DemoTaskStep>) -> Self {
        self.steps = steps;
        self
    }
}

pub fn demo_meetings(today: NaiveDate) -> Vec<DemoMeeting> {
    use TaskAction as A;
    let last = today - Duration::days(7);
    let attendees = vec![s("sxd"), s("stc"), s("bqlda"), s("bqlgt")];
    let units = vec![s(SXD), s(STC), s(BQLDA_DTXD), s(BQLDA_GT), s(TTPTQD)];
    let earlier = today - Duration::days(14);
    vec![
        DemoMeeting {
            title: s("Giao ban tuần các dự án trọng điểm"),
            kind: MeetingKind::WeeklyReview,
            starts_at: morning(earlier),
            location: s("Phòng họp số 1, UBND tỉnh Đồng Nai"),
            chair_username: s("lanhdao"),
            attendee_usernames: attendees.clone(),
            attendee_unit_codes: units.clone(),
            agenda: vec![
                (s("DN-GT-001"), s("Vướng mắc giải phóng mặt bằng")),
                (s("DN-GT-003"), s("Tiến độ thi công")),
            ],
            notice_number: Some(s("118/TB-UBND")),
            started: true,
            closed: true,
            directives: vec![DemoMeetingDirective {
                text: s("Hoàn thành kiểm đếm, áp giá bồi thường phần diện tích còn lại trong tháng."),
                project_codes: vec![s("DN-GT-001")],
                tasks: vec![
                    task("Hoàn thành kiểm đếm, lập phương án bồi thường", TTPTQD, &[UB_LONGTHANH], today - Duration::days(8), "Phương án bồi thường được phê duyệt")
                        .then(vec![
                            step(A::Acknowledge, 1, "Đã tiếp nhận"),
                            step(A::Start, 1, "Đang kiểm đếm"),
                            step(A::ReportDone, 9, "Đã trình phê duyệt phương án"),
                            step(A::Confirm, 10, "Đã phê duyệt phương án, hoàn thành chậm 3 ngày"),
                        ]),
                    task("Di dời đường điện trung thế trong phạm vi thi công", BQLDA_DTXD, &[], today - Duration::days(10), "Mặt bằng không còn đường điện")
                        .then(vec![step(A::Acknowledge, 1, "Đã tiếp nhận"), step(A::Start, 2, "Đã làm việc với điện lực")]),
                ],
            }],
        },
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
                        task("Hoàn thành chi trả bồi thường cho các hộ còn lại", TTPTQD, &[UB_LONGTHANH], today + Duration::days(14), "Bàn giao toàn bộ mặt bằng")
                            .then(vec![step(A::Acknowledge, 1, "Đã tiếp nhận, phân công phòng bồi thường"), step(A::Start, 2, "Đã lập phương án chi trả")]),
                        task("Tổ chức đối thoại với các hộ chưa đồng thuận", UB_LONGTHANH, &[TTPTQD], today - Duration::days(2), "Biên bản đối thoại")
                            .then(vec![step(A::Acknowledge, 2, "UBND xã đã tiếp nhận")]),
                    ],
                },
                DemoMeetingDirective {
                    text: s("Rà soát, đề xuất điều chuyển kế hoạch vốn của các dự án giải ngân chậm."),
                    project_codes: vec![s("DN-GT-002")],
                    tasks: vec![task("Báo cáo đề xuất điều chuyển vốn", BQLDA_GT, &[STC], today + Duration::days(3), "Tờ trình điều chuyển vốn")
                        .then(vec![
                            step(A::Acknowledge, 1, "Đã tiếp nhận"),
                            step(A::Start, 1, "Đang rà soát số liệu giải ngân"),
                            DemoTaskStep {
                                evidence: Some(s("Tờ trình số 58/TTr-BQLGT")),
                                ..step(A::ReportDone, 5, "Đã gửi tờ trình đề xuất điều chuyển vốn")
                            },
                        ])],
                },
                DemoMeetingDirective {
                    text: s("Tập trung nhân lực, thiết bị thi công ba ca; báo cáo tiến độ hằng tuần."),
                    project_codes: vec![s("DN-GT-003")],
                    tasks: vec![
                        task("Bổ sung mũi thi công, báo cáo kế hoạch tăng ca", BQLDA_DTXD, &[], today - Duration::days(1), "Kế hoạch thi công ba ca")
                            .then(vec![
                                step(A::Acknowledge, 0, "Đã tiếp nhận"),
                                step(A::Start, 1, "Đã yêu cầu nhà thầu bổ sung thiết bị"),
                                DemoTaskStep {
                                    evidence: Some(s("Báo cáo 112/BC-BQLDA")),
                                    ..step(A::ReportDone, 4, "Nhà thầu đã bổ sung hai mũi thi công")
                                },
                                step(A::Confirm, 5, "Đạt yêu cầu"),
                            ]),
                        task("Hoàn thiện hồ sơ điều chỉnh thiết kế nút giao", BQLDA_DTXD, &[SXD], today + Duration::days(5), "Hồ sơ trình thẩm định")
                            .then(vec![
                                step(A::Acknowledge, 1, "Đã tiếp nhận"),
                                step(A::Start, 1, "Đang làm việc với đơn vị tư vấn"),
                                DemoTaskStep {
                                    new_deadline: Some(today + Duration::days(30)),
                                    ..step(A::RequestExtension, 6, "Chờ số liệu khảo sát địa chất bổ sung")
                                },
                            ]),
                    ],
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
