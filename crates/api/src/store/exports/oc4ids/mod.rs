//! The OC4IDS 0.9 (Open Contracting for Infrastructure Data Standard) project package of the
//! filtered projects, for national and international transparency portals.

mod mapping;
mod project;
mod types;

pub use project::ID_PREFIX;
pub use types::*;

use chrono::NaiveDate;
use ioc_domain::policy::Actor;
use sea_orm::{ConnectionTrait, QueryOrder};

use super::children;
use crate::entities::project as projects;
use crate::error::ApiError;
use crate::store;
use crate::store::projects::ProjectFilter;

pub const PUBLISHER: &str = "UBND tỉnh Đồng Nai / Sở Xây dựng";
/// CC BY 4.0, an Open Definition conformant licence as OC4IDS recommends. The province has
/// not chosen its open-data licence yet; when it does, it replaces this one.
pub const LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";
pub const VERSION: &str = "0.9";

/// The package of every project matching `filter` (sorted by code); `uri` names the package
/// (the request that produced it). With no matching project, `projects` is empty, which the
/// schema (`minItems: 1`) does not allow: there is nothing to publish then.
pub async fn package(
    conn: &impl ConnectionTrait,
    filter: &ProjectFilter,
    actor: &Actor,
    uri: String,
    today: NaiveDate,
) -> Result<Oc4idsPackage, ApiError> {
    let rows = filter
        .select(conn)
        .await?
        .order_by_asc(projects::Column::Code)
        .order_by_asc(projects::Column::Id)
        .all(conn)
        .await?;
    let mut kids = children::load(conn, &rows).await?;
    let views = store::projects::views(conn, rows, actor).await?;
    let published = views.iter().map(|v| v.updated_at).max().unwrap_or_else(store::now);
    let projects = views
        .into_iter()
        .map(|v| {
            let records = project::Records {
                reports: kids.reports_of(v.id),
                capital_plans: kids.capital_plans_of(v.id),
                disbursements: kids.disbursements_of(v.id),
            };
            project::project(v, records, today)
        })
        .collect();
    Ok(Oc4idsPackage {
        uri,
        published_date: mapping::instant(published),
        publisher: Publisher { name: PUBLISHER.into() },
        license: LICENSE.into(),
        version: VERSION.into(),
        projects,
    })
}
