//! Serving the single-page app: files from the static directory, `index.html` for deep
//! links, problem+json for unknown API paths, and compressed bodies when the client asks.

use reqwest::StatusCode;

use crate::helpers::spawn_app_with;

const INDEX: &str = "<!doctype html><title>IOC</title><script type=module src=/pkg/app.js></script>";

#[tokio::test]
async fn the_spa_is_served_with_deep_links_and_compression() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::create_dir(dist.path().join("pkg")).unwrap();
    // Compressible like a real module: long and repetitive.
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0"
        .iter()
        .copied()
        .chain((0..200_000u32).map(|i| (i % 7) as u8))
        .collect();
    std::fs::write(dist.path().join("pkg/app_bg.wasm"), &wasm).unwrap();
    let static_dir = dist.path().to_path_buf();
    let app = spawn_app_with(move |s| s.static_dir = Some(static_dir)).await;
    let http = reqwest::Client::new();
    let get = |path: &str| http.get(format!("{}{path}", app.address));

    for path in ["/", "/projects/12", "/projects?sector=transport", "/wall"] {
        let res = get(path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(
            res.headers()["content-type"].to_str().unwrap().starts_with("text/html"),
            "{path}"
        );
        assert_eq!(res.text().await.unwrap(), INDEX, "{path} serves index.html");
    }

    let res = get("/pkg/app_bg.wasm").send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert!(
        res.headers().get("content-encoding").is_none(),
        "not compressed unless asked"
    );
    assert_eq!(res.bytes().await.unwrap().len(), wasm.len());

    let res = get("/pkg/app_bg.wasm")
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let compressed = res.bytes().await.unwrap();
    assert!(
        compressed.len() * 10 < wasm.len(),
        "gzip shrinks it: {} bytes",
        compressed.len()
    );

    // JSON answers are compressed too, and unknown API paths stay problems, not the app.
    let res = get("/api/v1/nope")
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = get("/api/v1/reference").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
