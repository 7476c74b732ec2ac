//! Chart images: valid SVG with Vietnamese labels, PNG with the asked dimensions.

use reqwest::StatusCode;

use crate::helpers::{report_json, spawn_app, today};

#[tokio::test]
async fn every_chart_renders_as_svg_with_vietnamese_labels() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    admin
        .post(
            &format!("/api/v1/projects/{}/reports", app.fx.project_a),
            &report_json(today(), "60", "0"),
        )
        .await;
    for (name, label) in [
        ("status", "Chậm tiến độ"),
        ("progress", "Tiến độ thực hiện theo tuần"),
        ("disbursement", "Giải ngân lũy kế"),
        ("difficulties", "Giải phóng mặt bằng"),
    ] {
        let res = app.viewer().await.get(&format!("/api/v1/charts/{name}")).await;
        assert_eq!(res.status(), StatusCode::OK, "{name}");
        assert_eq!(res.headers()["content-type"], "image/svg+xml");
        let svg = res.text().await.unwrap();
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{name}: well-formed SVG"
        );
        assert!(svg.contains(label), "{name}: label {label} missing");
        assert!(
            svg.contains("width=\"1920\"") && svg.contains("height=\"1080\""),
            "{name}: wall size"
        );
    }
}

#[tokio::test]
async fn png_charts_have_the_requested_size() {
    let app = spawn_app().await;
    let res = app
        .viewer()
        .await
        .get("/api/v1/charts/status?format=png&width=800&height=450")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    let png = res.bytes().await.unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, right after the chunk header.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (800, 450));
}

#[tokio::test]
async fn charts_take_the_dashboard_filters() {
    let app = spawn_app().await;
    let v = app.viewer().await;
    let all = v.get("/api/v1/charts/status").await.text().await.unwrap();
    assert!(all.contains("(2 dự án"), "both fixture projects");
    let one = v
        .get(&format!("/api/v1/charts/status?investor={}", app.fx.unit_a))
        .await
        .text()
        .await
        .unwrap();
    assert!(one.contains("(1 dự án"));
    assert_eq!(v.get("/api/v1/charts/pie").await.status(), StatusCode::NOT_FOUND);
}
