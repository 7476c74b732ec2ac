//! Serves the built single-page app; unknown non-API paths get `index.html` so deep links
//! (`/projects/12`) load the app, which routes on the client.

use std::path::PathBuf;

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};

pub fn service(dir: PathBuf) -> Files {
    let index = dir.join("index.html");
    Files::new("/", dir)
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                if req.path().starts_with("/api/") {
                    let res = crate::error::ApiError::NotFound.problem().response();
                    return Ok(ServiceResponse::new(req, res));
                }
                let file = NamedFile::open_async(index).await?;
                let res = file.into_response(&req);
                Ok(ServiceResponse::new(req, res))
            }
        }))
}
