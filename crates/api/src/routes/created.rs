//! `201 Created` answers: the new record, the URL where it now lives (`Location`) and, for
//! versioned records, the `ETag` a following update must send in `If-Match`.

use actix_web::http::header;
use actix_web::HttpResponse;
use serde::Serialize;

/// `path` is the record's path under `/api/v1` (`/projects/12`).
pub fn created<T: Serialize>(path: &str, tag: Option<String>, body: &T) -> HttpResponse {
    let mut res = HttpResponse::Created();
    res.insert_header((header::LOCATION, format!("/api/v1{path}")));
    if let Some(tag) = tag {
        res.insert_header((header::ETAG, tag));
    }
    res.json(body)
}
