//! What a meeting opens with and leaves: the follow-up list (with the clock moved) and the
//! conclusions notice as JSON and as a DOCX whose text is read back.

use std::io::Read;

use chrono::{Duration, NaiveDate};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, today, Client, TestApp};
use crate::meetings::{create_meeting, meeting_json, user_id};

fn at(d: NaiveDate) -> String {
    format!("{d}T01:30:00Z")
}

async fn weekly_on(app: &TestApp, who: &Client, d: NaiveDate) -> i64 {
    let mut body = meeting_json(app).await;
    body["starts_at"] = json!(at(d));
    create_meeting(who, &body).await.0["id"].as_i64().unwrap()
}

/// Records a directive with its tasks as the coordinator on the leader's behalf.
async fn directive(app: &TestApp, who: &Client, source: Value, tasks: Value, issued_on: NaiveDate) -> Value {
    let mut body = json!({
        "text": "Khẩn trương hoàn thành bồi thường, giải phóng mặt bằng đoạn qua phường Tam Phước.",
        "issued_by": user_id(app, "leader").await,
        "issued_on": issued_on.to_string(),
        "project_ids": [app.fx.project_a],
        "tasks": tasks
    });
    for (k, v) in source.as_object().unwrap() {
        body[k] = v.clone();
    }
    let res = who.post("/api/v1/directives", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

fn task(app: &TestApp, description: &str, deadline: NaiveDate) -> Value {
    json!({"description": description, "lead_unit_id": app.fx.unit_a, "supporting_unit_ids": [app.fx.unit_b],
           "deadline": deadline.to_string(), "expected_result": "Bàn giao mặt bằng"})
}

fn descriptions(f: &Value) -> Vec<&str> {
    f["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["description"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_meeting_opens_with_the_tasks_due_or_overdue_since_the_previous_meeting_of_its_kind() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let t = today();
    let previous = weekly_on(&app, &coordinator, t - Duration::days(7)).await;
    let next = weekly_on(&app, &coordinator, t + Duration::days(3)).await;
    // A thematic meeting in between is not "the previous meeting" of a weekly review.
    let mut thematic = meeting_json(&app).await;
    thematic["kind"] = json!("thematic");
    thematic["starts_at"] = json!(at(t));
    create_meeting(&coordinator, &thematic).await;

    directive(
        &app,
        &coordinator,
        json!({"source": "meeting", "meeting_id": previous}),
        json!([
            task(&app, "Chi trả bồi thường", t + Duration::days(1)),
            task(&app, "Thảm nhựa", t + Duration::days(10))
        ]),
        t - Duration::days(7),
    )
    .await;
    directive(
        &app,
        &coordinator,
        json!({"source": "ad_hoc"}),
        json!([task(&app, "Kiểm đếm đất", t - Duration::days(10))]),
        t - Duration::days(20),
    )
    .await;

    let viewer = app.viewer().await;
    let f = viewer.get_json(&format!("/api/v1/meetings/{next}/follow-up")).await;
    assert_eq!(f["previous_meeting"]["id"], previous);
    assert_eq!(f["since"], (t - Duration::days(7)).to_string());
    assert_eq!(f["until"], (t + Duration::days(3)).to_string());
    // Oldest deadline first; the task due after this meeting is not on its list.
    assert_eq!(descriptions(&f), vec!["Kiểm đếm đất", "Chi trả bồi thường"]);
    assert_eq!(f["tasks"][0]["deadline_status"], "overdue");
    assert_eq!(f["tasks"][1]["deadline_status"], "due_soon");

    // Two days later the task due tomorrow is overdue by one day.
    app.clock.advance(Duration::days(2));
    let f = viewer.get_json(&format!("/api/v1/meetings/{next}/follow-up")).await;
    assert_eq!(f["tasks"][1]["deadline_status"], "overdue");
    assert_eq!(f["tasks"][1]["days_overdue"], 1);

    // The first meeting has no previous one: what was overdue by its date.
    let f = viewer.get_json(&format!("/api/v1/meetings/{previous}/follow-up")).await;
    assert!(f["previous_meeting"].is_null());
    assert_eq!(descriptions(&f), vec!["Kiểm đếm đất"]);
    problem(
        app.integrator()
            .await
            .get(&format!("/api/v1/meetings/{next}/follow-up"))
            .await,
        403,
    )
    .await;
}

fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // The text of the runs, one per line.
    xml.split("<w:t")
        .skip(1)
        .filter_map(|p| Some(&p[p.find('>')? + 1..p.find("</w:t>")?]))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn the_conclusions_notice_groups_the_meetings_directives_by_project_as_json_and_as_a_docx() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let t = today();
    let mut body = meeting_json(&app).await;
    body["notice_number"] = json!("125/TB-UBND");
    body["starts_at"] = json!(at(t));
    let (m, _) = create_meeting(&coordinator, &body).await;
    let id = m["id"].as_i64().unwrap();
    directive(
        &app,
        &coordinator,
        json!({"source": "meeting", "meeting_id": id}),
        json!([task(
            &app,
            "Hoàn thành chi trả bồi thường cho các hộ còn lại",
            t + Duration::days(14)
        )]),
        t,
    )
    .await;
    // A directive of another meeting is not in this notice.
    let other = weekly_on(&app, &coordinator, t - Duration::days(7)).await;
    let mut elsewhere = json!([task(&app, "Việc của cuộc họp khác", t + Duration::days(3))]);
    elsewhere[0]["lead_unit_id"] = json!(app.fx.unit_dept);
    directive(
        &app,
        &coordinator,
        json!({"source": "meeting", "meeting_id": other}),
        elsewhere,
        t,
    )
    .await;

    let c = app
        .editor_b()
        .await
        .get_json(&format!("/api/v1/meetings/{id}/conclusions"))
        .await;
    assert_eq!(c["notice_number"], "125/TB-UBND");
    assert_eq!(c["groups"].as_array().unwrap().len(), 1);
    assert_eq!(c["groups"][0]["project"]["code"], "FX-A");
    assert_eq!(
        c["groups"][0]["directives"][0]["tasks"][0]["lead_unit"]["name"],
        "Ban QLDA A"
    );
    let recipients: Vec<&str> = c["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(recipients, vec!["Ban QLDA A", "Sở Xây dựng", "Ban QLDA B"]);

    let res = app
        .viewer()
        .await
        .get(&format!("/api/v1/meetings/{id}/conclusions.docx"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains(".docx"));
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let text = docx_text(&bytes);
    let deadline = (t + Duration::days(14)).format("%d/%m/%Y").to_string();
    for expected in [
        "UBND TỈNH ĐỒNG NAI".to_owned(),
        "Số: 125/TB-UBND".to_owned(),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned(),
        "Độc lập - Tự do - Hạnh phúc".to_owned(),
        "THÔNG BÁO".to_owned(),
        "1. Dự án Dự án FX-A (FX-A)".to_owned(),
        "- Khẩn trương hoàn thành bồi thường, giải phóng mặt bằng đoạn qua phường Tam Phước.".to_owned(),
        format!(
            "Giao Ban QLDA A chủ trì, phối hợp với Ban QLDA B: Hoàn thành chi trả bồi thường cho các hộ còn lại; \
             thời hạn hoàn thành: {deadline}. Kết quả: Bàn giao mặt bằng"
        ),
        "Nơi nhận:".to_owned(),
        "- Sở Xây dựng;".to_owned(),
        "KT. CHỦ TỊCH".to_owned(),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in\n{text}");
    }
    assert!(!text.contains("Việc của cuộc họp khác"));
    problem(
        app.integrator()
            .await
            .get(&format!("/api/v1/meetings/{id}/conclusions.docx"))
            .await,
        403,
    )
    .await;
}
