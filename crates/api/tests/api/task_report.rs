//! The follow-up report (tình hình thực hiện ý kiến chỉ đạo) as XLSX: downloaded, unzipped and
//! read back cell by cell: the per-unit figures with the clock moved past deadlines, the
//! detail rows with their Vietnamese text, the filters, formula neutralising, who may read it.

use std::collections::HashMap;
use std::io::Read;

use chrono::{Duration, NaiveDate};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::directives::{record, task_json};
use crate::helpers::{problem, spawn_app, today, Client, TestApp};

const REPORT: &str = "/api/v1/tasks/report.xlsx";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")";

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Between `open` (the end of a start tag's name, e.g. `<t`) and `</close>`, the text.
fn inner<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)?;
    let from = start + s[start..].find('>')? + 1;
    let end = from + s[from..].find(close)?;
    Some(&s[from..end])
}

/// One sheet as rows (1-based row number) of cells by column letter; shared strings resolved,
/// numbers (dates included) as written.
fn sheet(bytes: &[u8], n: usize) -> HashMap<u32, HashMap<String, String>> {
    let shared: Vec<String> = unzip(bytes, "xl/sharedStrings.xml")
        .split("<si>")
        .skip(1)
        .map(|si| unescape(inner(si, "<t", "</t>").unwrap_or("")))
        .collect();
    let xml = unzip(bytes, &format!("xl/worksheets/sheet{n}.xml"));
    let mut rows = HashMap::new();
    for row in xml.split("<row ").skip(1) {
        let num: u32 = row["r=\"".len()..].split('"').next().unwrap().parse().unwrap();
        let mut cells = HashMap::new();
        for c in row.split("<c ").skip(1) {
            let r = c["r=\"".len()..].split('"').next().unwrap();
            let col: String = r.chars().take_while(|ch| ch.is_ascii_alphabetic()).collect();
            let Some(v) = inner(c, "<v", "</v>") else { continue };
            let head = &c[..c.find('>').unwrap()];
            let value = if head.contains("t=\"s\"") {
                shared[v.parse::<usize>().unwrap()].clone()
            } else {
                v.to_owned()
            };
            cells.insert(col, value);
        }
        rows.insert(num, cells);
    }
    rows
}

/// The rows whose column `col` holds `value`.
fn rows_where<'a>(
    s: &'a HashMap<u32, HashMap<String, String>>,
    col: &str,
    value: &str,
) -> Vec<&'a HashMap<String, String>> {
    let mut keys: Vec<&u32> = s.keys().filter(|k| s[k].get(col).is_some_and(|v| v == value)).collect();
    keys.sort();
    keys.into_iter().map(|k| &s[k]).collect()
}

fn cols<'a>(row: &'a HashMap<String, String>, names: &[&str]) -> Vec<&'a str> {
    names
        .iter()
        .map(|c| row.get(*c).map(String::as_str).unwrap_or(""))
        .collect()
}

fn serial(d: NaiveDate) -> String {
    (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
        .num_days()
        .to_string()
}

fn body(action: &str) -> Value {
    match action {
        "report_done" => json!({"action": action, "note": "Đã bàn giao mặt bằng", "evidence": "Báo cáo 15/BC-BQLDA"}),
        _ => json!({"action": action, "note": ""}),
    }
}

async fn walk(admin: &Client, id: i64, actions: &[&str]) {
    for a in actions {
        let (_, etag) = admin.get_with_etag(&format!("/api/v1/tasks/{id}")).await;
        let res = admin
            .post_if_match(&format!("/api/v1/tasks/{id}/transitions"), &body(a), &etag)
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{a}");
    }
}

async fn download(client: &Client, query: &str) -> Vec<u8> {
    let res = client.get(&format!("{REPORT}{query}")).await;
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"tinh-hinh-thuc-hien-y-kien-chi-dao.xlsx\""
    );
    res.bytes().await.unwrap().to_vec()
}

/// Today T: unit A has a task confirmed on time, one confirmed late, one overdue and one in
/// progress (whose description looks like a formula); unit B one reported done after its
/// deadline but not confirmed (overdue) and one in progress with a supporting unit. The
/// clock ends at T+5. Returns the task ids in that order.
async fn seed(app: &TestApp) -> Vec<i64> {
    let (a, b) = (app.fx.unit_a, app.fx.unit_b);
    let mut in_progress_a = task_json(a, 30);
    in_progress_a["description"] = json!(FORMULA);
    let mut in_progress_b = task_json(b, 20);
    in_progress_b["description"] = json!("Lập phương án tái định cư cho các hộ dân xã Phú Lý");
    in_progress_b["supporting_unit_ids"] = json!([app.fx.unit_dept]);
    let d = record(
        app,
        vec![
            task_json(a, 2),
            task_json(a, 2),
            task_json(a, 2),
            in_progress_a,
            task_json(b, 2),
            in_progress_b,
        ],
    )
    .await;
    let ids: Vec<i64> = d["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    let admin = app.admin().await;
    walk(&admin, ids[0], &["acknowledge", "start", "report_done", "confirm"]).await;
    walk(&admin, ids[1], &["acknowledge", "start"]).await;
    app.clock.advance(Duration::days(5));
    walk(&admin, ids[1], &["report_done", "confirm"]).await;
    walk(&admin, ids[4], &["acknowledge", "start", "report_done"]).await;
    ids
}

#[tokio::test]
async fn the_report_tallies_each_lead_unit_and_lists_every_task_as_of_the_servers_today() {
    let app = spawn_app().await;
    seed(&app).await;
    let now = today() + Duration::days(5);
    let bytes = download(&app.viewer().await, "").await;
    let workbook = unzip(&bytes, "xl/workbook.xml");
    let summary_at = workbook.find("name=\"Tổng hợp theo đơn vị\"").expect("summary sheet");
    let detail_at = workbook.find("name=\"Chi tiết nhiệm vụ\"").expect("detail sheet");
    assert!(summary_at < detail_at);

    let summary = sheet(&bytes, 1);
    assert_eq!(summary[&1]["A"], "TÌNH HÌNH THỰC HIỆN Ý KIẾN CHỈ ĐẠO");
    assert_eq!(summary[&2]["A"], "Tất cả thời hạn");
    assert_eq!(summary[&3]["A"], format!("Số liệu đến ngày {}", now.format("%d/%m/%Y")));
    assert_eq!(summary[&5]["C"], "Số nhiệm vụ được giao");
    assert_eq!(summary[&6]["C"], "Tasks assigned");
    let figures = ["C", "D", "E", "F", "G", "H"];
    let a = rows_where(&summary, "B", "Ban QLDA A");
    assert_eq!(cols(a[0], &figures), ["4", "1", "1", "1", "1", "50"]);
    let b = rows_where(&summary, "B", "Ban QLDA B");
    assert_eq!(
        cols(b[0], &figures),
        ["2", "0", "0", "1", "1", ""],
        "no share before any confirmation"
    );
    let total = rows_where(&summary, "B", "Tổng cộng");
    assert_eq!(cols(total[0], &figures), ["6", "1", "1", "2", "2", "50"]);
    assert_eq!(summary[&7]["A"], "1");
    assert_eq!(summary[&8]["B"], "Ban QLDA B", "units by name, then the total");

    let detail = sheet(&bytes, 2);
    assert_eq!(detail[&1]["A"], "TÌNH HÌNH THỰC HIỆN Ý KIẾN CHỈ ĐẠO");
    assert_eq!(detail[&5]["B"], "Ý kiến chỉ đạo");
    assert_eq!(detail[&6]["B"], "Directive");
    let tasks: Vec<_> = (7..13).map(|r| &detail[&r]).collect();
    assert!(!detail.contains_key(&13), "six tasks");
    let units: Vec<&str> = tasks.iter().map(|r| r["H"].as_str()).collect();
    assert_eq!(
        units,
        [
            "Ban QLDA A",
            "Ban QLDA A",
            "Ban QLDA A",
            "Ban QLDA A",
            "Ban QLDA B",
            "Ban QLDA B"
        ]
    );
    let first = tasks[0];
    assert_eq!(
        cols(first, &["B", "C", "D", "F"]),
        [
            "Yêu cầu các đơn vị tập trung tháo gỡ vướng mắc giải phóng mặt bằng",
            "Văn bản chỉ đạo",
            "123/TB-UBND",
            "leader"
        ]
    );
    assert_eq!(first["E"], serial(today()), "issued on, a date cell");
    assert_eq!(first["J"], serial(today() + Duration::days(2)), "deadline, a date cell");
    assert_eq!(
        cols(first, &["G", "L", "M", "N", "O"]),
        [
            "Hoàn thành bồi thường, giải phóng mặt bằng đoạn qua phường Tam Phước",
            "Đã xác nhận hoàn thành",
            "Hoàn thành đúng hạn",
            "0",
            "Đã bàn giao mặt bằng"
        ]
    );
    assert_eq!(first["P"], serial(today()), "reported on the first day");
    let statuses: Vec<&str> = tasks.iter().map(|r| r["M"].as_str()).collect();
    assert_eq!(
        statuses,
        [
            "Hoàn thành đúng hạn",
            "Hoàn thành trễ hạn",
            "Quá hạn",
            "Trong hạn",
            "Quá hạn",
            "Trong hạn"
        ]
    );
    assert_eq!(tasks[1]["P"], serial(now), "the late one reported at T+5");
    assert_eq!(cols(tasks[2], &["L", "N"]), ["Đã giao", "3"]);
    assert!(!tasks[2].contains_key("O"), "no report yet");
    assert_eq!(cols(tasks[4], &["L", "N"]), ["Đã báo cáo hoàn thành", "3"]);
    assert_eq!(
        cols(tasks[5], &["G", "I"]),
        ["Lập phương án tái định cư cho các hộ dân xã Phú Lý", "Sở Xây dựng"]
    );
}

#[tokio::test]
async fn a_formula_looking_description_is_written_as_neutralised_text() {
    let app = spawn_app().await;
    seed(&app).await;
    let bytes = download(&app.leader().await, "").await;
    let detail = sheet(&bytes, 2);
    let row = rows_where(&detail, "G", &format!("'{FORMULA}"));
    assert_eq!(row.len(), 1, "the description with a leading apostrophe");
    let xml = unzip(&bytes, "xl/worksheets/sheet2.xml");
    assert!(!xml.contains("<f>"), "no formula cell anywhere");
}

#[tokio::test]
async fn a_unit_filter_and_a_deadline_period_narrow_both_sheets() {
    let app = spawn_app().await;
    seed(&app).await;
    let coordinator = app.coordinator().await;
    let bytes = download(&coordinator, &format!("?unit={}", app.fx.unit_b)).await;
    let summary = sheet(&bytes, 1);
    assert!(rows_where(&summary, "B", "Ban QLDA A").is_empty());
    assert_eq!(rows_where(&summary, "B", "Ban QLDA B").len(), 1);
    assert_eq!(rows_where(&summary, "B", "Tổng cộng")[0]["C"], "2");
    let detail = sheet(&bytes, 2);
    assert_eq!(rows_where(&detail, "H", "Ban QLDA B").len(), 2);
    assert!(rows_where(&detail, "H", "Ban QLDA A").is_empty());

    let (from, to) = (today() + Duration::days(10), today() + Duration::days(40));
    let bytes = download(&coordinator, &format!("?from={from}&to={to}")).await;
    let summary = sheet(&bytes, 1);
    assert_eq!(
        summary[&2]["A"],
        format!(
            "Thời hạn từ ngày {} đến ngày {}",
            from.format("%d/%m/%Y"),
            to.format("%d/%m/%Y")
        )
    );
    let figures = ["C", "D", "E", "F", "G"];
    assert_eq!(
        cols(rows_where(&summary, "B", "Tổng cộng")[0], &figures),
        ["2", "0", "0", "2", "0"]
    );
    assert_eq!(sheet(&bytes, 2).keys().filter(|r| **r >= 7).count(), 2);

    let bytes = download(&coordinator, &format!("?state=confirmed&lead_unit={}", app.fx.unit_a)).await;
    assert_eq!(
        cols(rows_where(&sheet(&bytes, 1), "B", "Tổng cộng")[0], &figures),
        ["2", "1", "1", "0", "0"]
    );
}

#[tokio::test]
async fn every_role_downloads_the_report_anonymous_callers_get_401_and_bad_filters_422() {
    let app = spawn_app().await;
    seed(&app).await;
    let mut clients = vec![("integrator token", app.integrator().await)];
    for who in ["admin", "coordinator", "leader", "editor_a", "editor_b", "viewer"] {
        clients.push((who, app.login(who).await));
    }
    for (who, client) in clients {
        assert_eq!(client.get(REPORT).await.status(), StatusCode::OK, "{who}");
    }
    problem(app.anon().get(REPORT).await, 401).await;
    let p = problem(app.viewer().await.get(&format!("{REPORT}?from=1900-01-01")).await, 422).await;
    assert_eq!(p["code"], "validation_failed", "{p}");
    let p = problem(app.viewer().await.get(&format!("{REPORT}?state=lost")).await, 422).await;
    assert!(p.to_string().contains("state"), "{p}");
    problem(app.viewer().await.get(&format!("{REPORT}?unit=abc")).await, 400).await;
}
