//! Exports and the integration pull: the JSON feed (round trip, incremental, cursor), the
//! CSV and XLSX tables, and the OC4IDS package checked against the standard's own schema.

use std::io::Read;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use ioc_api::store::exports::ExportPage;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, project_json, report_json, spawn_app, today, Client, TestApp};

const FEED: &str = "/api/v1/export/projects.json";

async fn created(res: reqwest::Response) -> Value {
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

/// Creates a project as the admin from `project_json(code, investor)` with `changes` applied.
async fn add_project(app: &TestApp, code: &str, investor: i32, changes: Value) -> i64 {
    let mut p = project_json(code, investor);
    for (k, v) in changes.as_object().unwrap() {
        p[k] = v.clone();
    }
    created(app.admin().await.post("/api/v1/projects", &p).await).await["id"]
        .as_i64()
        .unwrap()
}

/// Two of each record under project A (as its unit's editor), one report under project B.
async fn seed_records(app: &TestApp) {
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let t = today();
    let year = chrono::Datelike::year(&t);
    for (days, pct, output) in [(14, "10.25", "1000000000"), (7, "12.5", "2500000000")] {
        created(
            editor
                .post(
                    &format!("{base}/reports"),
                    &report_json(t - Duration::days(days), pct, output),
                )
                .await,
        )
        .await;
    }
    for (y, source, amount) in [
        (year - 1, "central_budget", "30000000000"),
        (year, "provincial_budget", "80000000000"),
    ] {
        created(
            editor
                .post(
                    &format!("{base}/capital-plans"),
                    &json!({"year": y, "source": source, "amount": amount}),
                )
                .await,
        )
        .await;
    }
    for (days, amount) in [(400, "7000000000"), (0, "20000000000")] {
        created(
            editor
                .post(
                    &format!("{base}/disbursements"),
                    &json!({"paid_on": (t - Duration::days(days)).to_string(), "amount": amount, "note": "Đợt 1"}),
                )
                .await,
        )
        .await;
    }
    created(
        editor
            .post(
                &format!("{base}/difficulties"),
                &json!({"category": "site_clearance", "title": "Vướng 12 hộ dân chưa bàn giao mặt bằng",
                        "proposed_solution": "UBND xã vận động, cưỡng chế theo quy định",
                        "responsible_unit_id": app.fx.unit_dept, "needs_leader_direction": true,
                        "raised_on": (t - Duration::days(20)).to_string()}),
            )
            .await,
    )
    .await;
    created(
        editor
            .post(
                &format!("{base}/difficulties"),
                &json!({"category": "capital", "title": "Chậm bố trí vốn", "status": "resolved",
                        "raised_on": (t - Duration::days(30)).to_string(),
                        "resolved_on": (t - Duration::days(2)).to_string(),
                        "resolution_note": "Đã bố trí vốn bổ sung"}),
            )
            .await,
    )
    .await;
    let b = format!("/api/v1/projects/{}/reports", app.fx.project_b);
    created(app.editor_b().await.post(&b, &report_json(t, "3", "0")).await).await;
}

async fn pull(client: &Client, query: &str) -> ExportPage {
    serde_json::from_value(client.get_json(&format!("{FEED}{query}")).await).expect("the export parses into its DTOs")
}

fn ids(page: &ExportPage) -> Vec<i32> {
    page.projects.iter().map(|p| p.project.id).collect()
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

#[tokio::test]
async fn the_json_export_re_imported_equals_what_the_project_endpoints_return() {
    let app = spawn_app().await;
    seed_records(&app).await;
    let client = app.integrator().await;
    let page = pull(&client, "").await;
    assert_eq!(page.schema_version, "1.0");
    assert_eq!(page.next_cursor, None);
    assert_eq!(page.projects.len(), 2);
    let a = page.projects.iter().find(|p| p.project.id == app.fx.project_a).unwrap();
    assert_eq!(
        (
            a.reports.len(),
            a.capital_plans.len(),
            a.disbursements.len(),
            a.difficulties.len()
        ),
        (2, 2, 2, 2)
    );
    for p in &page.projects {
        let base = format!("/api/v1/projects/{}", p.project.id);
        let same = |exported: Value, source: Value, what: &str| assert_eq!(exported, source, "{what} of {base}");
        same(json!(p.project), client.get_json(&base).await, "project");
        same(
            json!(p.reports),
            client.get_json(&format!("{base}/reports")).await,
            "reports",
        );
        same(
            json!(p.capital_plans),
            client.get_json(&format!("{base}/capital-plans")).await,
            "capital plans",
        );
        same(
            json!(p.disbursements),
            client.get_json(&format!("{base}/disbursements")).await,
            "disbursements",
        );
        same(
            json!(p.difficulties),
            client.get_json(&format!("{base}/difficulties")).await,
            "difficulties",
        );
    }
}

#[tokio::test]
async fn updated_since_returns_only_projects_changed_after_it() {
    let app = spawn_app().await;
    let client = app.integrator().await;
    let first = pull(&client, "").await;
    let high_water = first.projects.iter().map(|p| p.project.updated_at).max().unwrap();
    assert!(pull(&client, &format!("?updated_since={}", stamp(high_water)))
        .await
        .projects
        .is_empty());
    let path = format!("/api/v1/projects/{}/reports", app.fx.project_b);
    created(app.editor_b().await.post(&path, &report_json(today(), "4", "0")).await).await;
    let changed = pull(&client, &format!("?updated_since={}", stamp(high_water))).await;
    assert_eq!(ids(&changed), [app.fx.project_b]);
    assert_eq!(changed.projects[0].reports.len(), 1);
    let newest = changed.projects[0].project.updated_at;
    assert!(pull(&client, &format!("?updated_since={}", stamp(newest)))
        .await
        .projects
        .is_empty());
    // A malformed timestamp is the client's error.
    let res = client.get(&format!("{FEED}?updated_since=yesterday")).await;
    assert_eq!(problem(res, 400).await["code"], "invalid_query");
}

#[tokio::test]
async fn cursor_pagination_visits_every_project_exactly_once_archived_ones_included() {
    use ioc_api::entities::project;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = spawn_app().await;
    let mut all = vec![app.fx.project_a as i64, app.fx.project_b as i64];
    for i in 1..=5 {
        all.push(add_project(&app, &format!("PG-{i}"), app.fx.unit_a, json!({})).await);
    }
    let admin = app.admin().await;
    let path = format!("/api/v1/projects/{}", all[2]);
    let (_, tag) = admin.get_with_etag(&path).await;
    assert_eq!(admin.delete(&path, Some(&tag)).await.status(), StatusCode::OK);
    // Four projects share one timestamp: only the id tiebreak keeps pages apart.
    let tie = DateTime::from_timestamp_micros(Utc::now().timestamp_micros()).unwrap();
    project::Entity::update_many()
        .col_expr(project::Column::UpdatedAt, Expr::value(tie))
        .filter(project::Column::Id.is_in(all[3..7].iter().map(|id| *id as i32)))
        .exec(&app.db)
        .await
        .unwrap();

    let client = app.integrator().await;
    let mut seen = Vec::new();
    let mut order = Vec::new();
    let mut query = "?limit=1".to_owned();
    loop {
        let page = pull(&client, &query).await;
        assert_eq!(page.projects.len(), 1, "one project per page");
        let p = &page.projects[0].project;
        seen.push(p.id as i64);
        order.push((p.updated_at, p.id));
        if p.id as i64 == all[2] {
            assert!(p.archived, "the archived project carries its flag");
        }
        match page.next_cursor {
            Some(c) => query = format!("?limit=1&cursor={c}"),
            None => break,
        }
        assert!(seen.len() <= all.len(), "the cursor loops");
    }
    let mut sorted = seen.clone();
    sorted.sort();
    all.sort();
    assert_eq!(sorted, all, "every project exactly once");
    assert!(order.windows(2).all(|w| w[0] < w[1]), "ascending (updated_at, id)");

    let pages: Vec<usize> = {
        let first = pull(&client, "?limit=3").await;
        let second = pull(&client, &format!("?limit=3&cursor={}", first.next_cursor.unwrap())).await;
        let third = pull(&client, &format!("?limit=3&cursor={}", second.next_cursor.unwrap())).await;
        assert_eq!(third.next_cursor, None);
        vec![first.projects.len(), second.projects.len(), third.projects.len()]
    };
    assert_eq!(pages, [3, 3, 1]);
    let res = client.get(&format!("{FEED}?cursor=not-a-cursor")).await;
    assert_eq!(problem(res, 400).await["code"], "invalid_cursor");
}

const HEADERS: [&str; 19] = [
    "Mã dự án",
    "Tên dự án",
    "Nhóm",
    "Lĩnh vực",
    "Giai đoạn",
    "Chủ đầu tư",
    "Ban QLDA",
    "Địa phương",
    "Tổng mức đầu tư (VNĐ)",
    "Khởi công kế hoạch",
    "Hoàn thành kế hoạch",
    "Tỷ lệ hoàn thành (%)",
    "Kế hoạch (%)",
    "Trạng thái",
    "Sản lượng (VNĐ)",
    "Kế hoạch vốn năm (VNĐ)",
    "Đã giải ngân (VNĐ)",
    "Tỷ lệ giải ngân (%)",
    "Khó khăn chưa xử lý",
];

#[tokio::test]
async fn the_csv_export_has_a_bom_vietnamese_headers_and_one_row_per_filtered_project() {
    let app = spawn_app().await;
    let id = add_project(
        &app,
        "CSV-1",
        app.fx.unit_b,
        json!({"managing_unit_id": app.fx.unit_a, "locality_codes": ["X-PHULY", "P-TAMPHUOC"]}),
    )
    .await;
    let admin = app.admin().await;
    let year = chrono::Datelike::year(&today());
    let base = format!("/api/v1/projects/{id}");
    created(
        admin
            .post(
                &format!("{base}/capital-plans"),
                &json!({"year": year, "source": "oda", "amount": "80000000000"}),
            )
            .await,
    )
    .await;
    created(
        admin
            .post(
                &format!("{base}/disbursements"),
                &json!({"paid_on": today().to_string(), "amount": "20000000000"}),
            )
            .await,
    )
    .await;
    add_project(&app, "CSV-2", app.fx.unit_a, json!({})).await;

    let res = app
        .viewer()
        .await
        .get(&format!("/api/v1/export/projects.csv?investor={}", app.fx.unit_b))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"du-an.csv\""
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), HEADERS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let codes: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(codes, ["CSV-1", "FX-B"], "the investor's projects, by code");
    let view = admin.get_json(&base).await;
    let status = ioc_domain::ProgressStatus::parse(view["progress"]["status"].as_str().unwrap()).unwrap();
    let r = &rows[0];
    assert_eq!(&r[1], "Đường CSV-1");
    assert_eq!((&r[2], &r[3], &r[4]), ("Nhóm B", "Giao thông", "Thực hiện đầu tư"));
    assert_eq!((&r[5], &r[6]), ("Ban QLDA B", "Ban QLDA A"));
    assert_eq!(&r[7], "Phường Tam Phước; Xã Phú Lý");
    assert_eq!(&r[8], "250000000000");
    assert_eq!(&r[9], view["planned_start"].as_str().unwrap());
    assert_eq!(&r[13], status.label_vi());
    assert_eq!((&r[15], &r[16], &r[17]), ("80000000000", "20000000000", "25.00"));
    assert_eq!(&rows[1][17], "", "no rate without a capital plan");
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

#[tokio::test]
async fn the_xlsx_export_has_a_sheet_per_group_with_a_bold_frozen_header_and_numeric_amounts() {
    let app = spawn_app().await;
    add_project(&app, "XL-N", app.fx.unit_a, json!({"group": "national"})).await;
    let res = app.viewer().await.get("/api/v1/export/projects.xlsx").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"du-an.xlsx\""
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"));
    let workbook = unzip(&bytes, "xl/workbook.xml");
    let names: Vec<usize> = ["Quan trọng quốc gia", "Nhóm A", "Nhóm B", "Nhóm C"]
        .iter()
        .map(|n| {
            workbook
                .find(&format!("name=\"{n}\""))
                .unwrap_or_else(|| panic!("sheet {n}"))
        })
        .collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]), "all four groups, in order");
    let strings = unzip(&bytes, "xl/sharedStrings.xml");
    for h in HEADERS {
        assert!(strings.contains(h), "header {h}");
    }
    let styles = unzip(&bytes, "xl/styles.xml");
    for needle in ["formatCode=\"#,##0\"", "formatCode=\"0.00\"", "<b/>"] {
        assert!(styles.contains(needle), "{needle} in styles");
    }
    let row_count = |xml: &str| xml.matches("<row ").count();
    let national = unzip(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(row_count(&national), 2, "header and XL-N");
    assert!(national.contains("<v>250000000000</v>"), "the amount is a number cell");
    assert_eq!(
        row_count(&unzip(&bytes, "xl/worksheets/sheet2.xml")),
        1,
        "group A: header only"
    );
    let group_b = unzip(&bytes, "xl/worksheets/sheet3.xml");
    assert_eq!(row_count(&group_b), 3, "header, FX-A, FX-B");
    assert!(group_b.contains("ySplit=\"1\"") && group_b.contains("state=\"frozen\""));
}

/// A project in preparation, one completed with coordinates and records, besides the
/// fixture's two in implementation.
async fn seed_oc4ids(app: &TestApp) {
    let t = today();
    let d = |days: i64| (t - Duration::days(days)).to_string();
    add_project(
        app,
        "OC-PREP",
        app.fx.unit_b,
        json!({"phase": "preparation", "sector": "urban_infrastructure", "group": "national",
               "description": "Khu tái định cư"}),
    )
    .await;
    let done = add_project(
        app,
        "OC-DONE",
        app.fx.unit_a,
        json!({"phase": "completion", "sector": "irrigation", "managing_unit_id": app.fx.unit_b,
               "planned_start": d(400), "planned_end": d(40), "actual_start": d(390), "actual_end": d(30),
               "latitude": 10.95, "longitude": 106.82}),
    )
    .await;
    let admin = app.admin().await;
    let base = format!("/api/v1/projects/{done}");
    created(
        admin
            .post(
                &format!("{base}/reports"),
                &report_json(t - Duration::days(31), "100", "250000000000"),
            )
            .await,
    )
    .await;
    let year = chrono::Datelike::year(&t);
    created(
        admin
            .post(
                &format!("{base}/capital-plans"),
                &json!({"year": year, "source": "central_budget", "amount": "9007199254740991"}),
            )
            .await,
    )
    .await;
    created(
        admin
            .post(
                &format!("{base}/disbursements"),
                &json!({"paid_on": d(0), "amount": "1500000000"}),
            )
            .await,
    )
    .await;
}

fn by_id<'a>(package: &'a Value, id: &str) -> &'a Value {
    package["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("{id} in the package"))
}

#[tokio::test]
async fn the_oc4ids_package_maps_phases_sectors_parties_dates_and_amounts() {
    let app = spawn_app().await;
    seed_oc4ids(&app).await;
    let client = app.integrator().await;
    let pkg = client.get_json("/api/v1/export/oc4ids.json").await;
    assert_eq!(pkg["version"], "0.9");
    assert_eq!(pkg["publisher"]["name"], "UBND tỉnh Đồng Nai / Sở Xây dựng");
    assert!(pkg["uri"].as_str().unwrap().ends_with("/api/v1/export/oc4ids.json"));
    assert_eq!(pkg["projects"].as_array().unwrap().len(), 4);

    let prep = by_id(&pkg, "oc4ids-dn-OC-PREP");
    assert_eq!(prep["status"], "preparation");
    assert!(prep.get("sector").is_none(), "no OC4IDS code fits urban infrastructure");
    assert_eq!(prep["additionalClassifications"][0]["id"], "urban_infrastructure");
    assert_eq!(prep["description"], "Khu tái định cư");

    let fx = by_id(&pkg, "oc4ids-dn-FX-A");
    assert_eq!(fx["status"], "implementation");
    assert_eq!(fx["sector"], json!(["transport"]));
    assert!(fx.get("description").is_none(), "empty text is left out");
    assert_eq!(
        fx["budget"]["amount"],
        json!({"amount": 100000000000_i64, "currency": "VND"})
    );
    assert_eq!(fx["milestones"][1]["status"], "scheduled");

    let done = by_id(&pkg, "oc4ids-dn-OC-DONE");
    let t = today();
    let dt = |days: i64| format!("{}T00:00:00Z", t - Duration::days(days));
    assert_eq!(done["status"], "completion");
    assert_eq!(done["sector"], json!(["naturalResources"]));
    assert_eq!(done["period"]["startDate"], dt(400));
    assert_eq!(done["period"]["endDate"], dt(40));
    assert_eq!(done["completion"]["endDate"], dt(30));
    assert!(done["completion"]["endDateDetails"]
        .as_str()
        .unwrap()
        .contains("chậm 10 ngày"));
    assert_eq!(done["milestones"][1]["status"], "met");
    assert_eq!(done["milestones"][1]["dateMet"], dt(30));
    let roles = |i: usize| done["parties"][i]["roles"].clone();
    assert_eq!(roles(0), json!(["publicAuthority", "buyer"]));
    assert_eq!(roles(1), json!(["procuringEntity", "administrativeEntity"]));
    assert_eq!(done["publicAuthority"]["id"], "BQLDA-A");
    let site = done["locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "site")
        .unwrap();
    assert_eq!(
        site["geometry"],
        json!({"type": "Point", "coordinates": [106.82, 10.95]})
    );
    // 2^53 - 1 đồng is still an exact JSON number.
    let line = &done["budget"]["budgetBreakdowns"][0]["budgetBreakdown"][0];
    assert_eq!(line["amount"]["amount"].as_i64(), Some(9_007_199_254_740_991));
    assert_eq!(done["transactions"][0]["value"]["amount"].as_i64(), Some(1_500_000_000));
    assert_eq!(done["metrics"][0]["observations"][0]["measure"], json!(100.0));

    let only_prep = client.get_json("/api/v1/export/oc4ids.json?phase=preparation").await;
    let ids: Vec<&Value> = only_prep["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["id"])
        .collect();
    assert_eq!(ids, [&json!("oc4ids-dn-OC-PREP")]);
}

/// Resolves the package schema's `$ref` to the project schema URL to the local copy.
struct LocalSchemas(std::path::PathBuf);

const PROJECT_SCHEMA_URL: &str =
    "https://standard.open-contracting.org/infrastructure/schema/0__9__5/project-schema.json";

impl jsonschema::Retrieve for LocalSchemas {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str() != PROJECT_SCHEMA_URL {
            return Err(format!("no local copy of {uri}").into());
        }
        Ok(serde_json::from_str(&std::fs::read_to_string(
            self.0.join("project-schema.json"),
        )?)?)
    }
}

#[tokio::test]
async fn the_oc4ids_package_validates_against_the_oc4ids_0_9_5_schema() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/oc4ids-schema-0.9.5");
    if !dir.join("project-package-schema.json").exists() {
        eprintln!(
            "skipped: no OC4IDS schema at {} (../shared beside the repository)",
            dir.display()
        );
        return;
    }
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("project-package-schema.json")).unwrap()).unwrap();
    let validator = jsonschema::draft4::options()
        .with_retriever(LocalSchemas(dir))
        .should_validate_formats(true)
        .build(&schema)
        .expect("the OC4IDS package schema compiles");
    let app = spawn_app().await;
    seed_oc4ids(&app).await;
    let client = app.integrator().await;
    for query in ["", "?phase=completion", "?sector=transport&include_archived=true"] {
        let pkg = client.get_json(&format!("/api/v1/export/oc4ids.json{query}")).await;
        let errors: Vec<String> = validator
            .iter_errors(&pkg)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "package{query} breaks OC4IDS 0.9.5:\n{}",
            errors.join("\n")
        );
    }
    // The project schema is really in force: "completed" is not a projectStatus code.
    let mut pkg = client.get_json("/api/v1/export/oc4ids.json").await;
    pkg["projects"][0]["status"] = json!("completed");
    assert!(!validator.is_valid(&pkg));
}

#[tokio::test]
async fn every_role_and_integrator_tokens_read_every_export_and_anonymous_callers_get_401() {
    let app = spawn_app().await;
    let paths = [
        FEED,
        "/api/v1/export/projects.csv",
        "/api/v1/export/projects.xlsx",
        "/api/v1/export/oc4ids.json",
    ];
    let integrator = app.integrator().await;
    for path in paths {
        assert_eq!(integrator.get(path).await.status(), StatusCode::OK, "integrator {path}");
        let body = problem(app.anon().get(path).await, 401).await;
        assert_eq!(body["code"], "missing_token", "{path}");
    }
    for user in ["admin", "coordinator", "editor_a", "viewer"] {
        assert_eq!(app.login(user).await.get(FEED).await.status(), StatusCode::OK, "{user}");
    }
}
