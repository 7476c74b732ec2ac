//! The JSON export feed: every project (archived ones included, flagged) with all its
//! records, in (updated_at, id) order so a client can pull incrementally and resume.

use chrono::{DateTime, Utc};
use ioc_domain::dto::{CapitalPlanView, DifficultyView, DisbursementView, ProgressReportView, ProjectView};
use ioc_domain::policy::Actor;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::children;
use super::cursor::Cursor;
use crate::entities::project;
use crate::error::ApiError;
use crate::store;

/// Version of the export's shape: the minor part grows with added fields, the major part
/// with anything a client must change for.
pub const SCHEMA_VERSION: &str = "1.0";
const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 1000;

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// Only projects changed strictly after this instant (RFC 3339 with `Z` or an encoded
    /// offset, e.g. `2026-01-31T17:00:00.123456Z`). A project changes when its general
    /// information or any of its records is written.
    pub updated_since: Option<DateTime<Utc>>,
    /// `next_cursor` of the previous page, as received.
    pub cursor: Option<String>,
    /// Projects per page: 1 to 1000, default 100.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
}

/// One project as exported: the fields of `ProjectView` plus every record under it, each
/// list in the order of the project's own endpoint (newest first).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExportProject {
    #[serde(flatten)]
    pub project: ProjectView,
    pub reports: Vec<ProgressReportView>,
    pub capital_plans: Vec<CapitalPlanView>,
    pub disbursements: Vec<DisbursementView>,
    pub difficulties: Vec<DifficultyView>,
}

/// A page of the export feed.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExportPage {
    /// `1.0`: the shape documented here.
    #[schema(example = "1.0")]
    pub schema_version: String,
    pub generated_at: DateTime<Utc>,
    /// Ordered by (`updated_at`, `id`) ascending.
    pub projects: Vec<ExportProject>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

pub async fn feed(conn: &impl ConnectionTrait, q: &FeedQuery, actor: &Actor) -> Result<ExportPage, ApiError> {
    use project::Column as C;
    let limit = ioc_domain::paging::bounded_integer("limit", q.limit.as_deref(), DEFAULT_LIMIT, 1, MAX_LIMIT)?;
    let mut cond = Condition::all();
    if let Some(since) = q.updated_since {
        ioc_domain::dates::check_instant("updated_since", since)?;
        cond = cond.add(C::UpdatedAt.gt(since));
    }
    if let Some(raw) = q.cursor.as_deref().filter(|s| !s.is_empty()) {
        let after = Cursor::decode(raw)?;
        cond = cond.add(
            Condition::any().add(C::UpdatedAt.gt(after.updated_at)).add(
                Condition::all()
                    .add(C::UpdatedAt.eq(after.updated_at))
                    .add(C::Id.gt(after.id)),
            ),
        );
    }
    // One row more than the page tells whether another page follows.
    let mut rows = project::Entity::find()
        .filter(cond)
        .order_by_asc(C::UpdatedAt)
        .order_by_asc(C::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = rows.last().filter(|_| more).map(|p| {
        Cursor {
            updated_at: p.updated_at,
            id: p.id,
        }
        .encode()
    });
    let mut kids = children::load(conn, &rows).await?;
    let projects = store::projects::views(conn, rows, actor)
        .await?
        .into_iter()
        .map(|v| ExportProject {
            reports: kids.reports_of(v.id),
            capital_plans: kids.capital_plans_of(v.id),
            disbursements: kids.disbursements_of(v.id),
            difficulties: kids.difficulties_of(v.id),
            project: v,
        })
        .collect();
    Ok(ExportPage {
        schema_version: SCHEMA_VERSION.into(),
        generated_at: store::now(),
        projects,
        next_cursor,
    })
}
