//! Reading alerts: the filtered list, a project's history, counts for the dashboard.

use std::collections::HashMap;

use ioc_domain::alerts::{AlertSeverity, AlertType};
use ioc_domain::dto::{AlertCounts, AlertSeverityCount, AlertTypeCount, AlertView, Page};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use serde::Deserialize;

use crate::entities::{alert, project, user};
use crate::error::ApiError;
use crate::store::projects::ProjectFilter;

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertFilter {
    /// Alert type (`progress_delayed`, `disbursement_slow`, `open_difficulty`, `forecast_late`,
    /// `stale_data`); several separated by commas.
    #[serde(rename = "type")]
    pub alert_type: Option<String>,
    /// `low`, `medium`, `high`; several separated by commas.
    pub severity: Option<String>,
    pub project_id: Option<i32>,
    /// Open alerts (default true); false lists closed ones.
    pub open: Option<bool>,
    /// Only acknowledged (true) or unacknowledged (false) alerts.
    pub acknowledged: Option<bool>,
}

/// Highest severity first, then the newest.
fn worst_first(sel: sea_orm::Select<alert::Entity>) -> sea_orm::Select<alert::Entity> {
    use alert::Column as C;
    sel.order_by(
        Expr::Case(Box::new(
            Expr::case(C::Severity.eq("high"), 3)
                .case(C::Severity.eq("medium"), 2)
                .finally(1),
        )),
        Order::Desc,
    )
    .order_by_desc(C::OpenedAt)
    .order_by_desc(C::Id)
}

/// Alerts `f` selects, of the projects `projects` selects (its paging pages the alerts; its
/// sort does not apply).
pub async fn list(
    conn: &impl ConnectionTrait,
    f: &AlertFilter,
    projects: &ProjectFilter,
) -> Result<Page<AlertView>, ApiError> {
    use alert::Column as C;
    let paging = crate::store::paging(&projects.page, &projects.per_page)?;
    let mut cond = Condition::all();
    if let Some(v) = crate::store::code_list("type", &f.alert_type, AlertType::parse)? {
        cond = cond.add(C::AlertType.is_in(v));
    }
    if let Some(v) = crate::store::code_list("severity", &f.severity, AlertSeverity::parse)? {
        cond = cond.add(C::Severity.is_in(v));
    }
    if let Some(v) = f.project_id {
        cond = cond.add(C::ProjectId.eq(v));
    }
    cond = cond.add(if f.open.unwrap_or(true) {
        C::ClosedAt.is_null()
    } else {
        C::ClosedAt.is_not_null()
    });
    match f.acknowledged {
        Some(true) => cond = cond.add(C::AcknowledgedAt.is_not_null()),
        Some(false) => cond = cond.add(C::AcknowledgedAt.is_null()),
        None => {}
    }
    // Archived projects left the key list; their alerts close at the next evaluation and are
    // hidden until then, as in the project list.
    let ids = projects
        .select(conn)
        .await?
        .select_only()
        .column(project::Column::Id)
        .into_query();
    cond = cond.add(C::ProjectId.in_subquery(ids));
    let sel = alert::Entity::find().filter(cond);
    let total = sel.clone().count(conn).await?;
    let rows = worst_first(sel)
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    Ok(Page {
        items: views(conn, rows).await?,
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}

/// Every alert of a project, open and closed, worst and newest first.
pub async fn list_for_project(conn: &impl ConnectionTrait, project_id: i32) -> Result<Vec<AlertView>, ApiError> {
    let rows = worst_first(alert::Entity::find().filter(alert::Column::ProjectId.eq(project_id)))
        .all(conn)
        .await?;
    views(conn, rows).await
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<alert::Model, ApiError> {
    alert::Entity::find_by_id(id).one(conn).await?.ok_or(ApiError::NotFound)
}

/// Open alerts per type and severity, for the projects `filter` selects (the dashboard's
/// filters; its sorting and paging do not apply).
pub async fn counts(conn: &impl ConnectionTrait, filter: &ProjectFilter) -> Result<AlertCounts, ApiError> {
    use alert::Column as C;
    let ids = filter
        .select(conn)
        .await?
        .select_only()
        .column(project::Column::Id)
        .into_query();
    // COUNT(acknowledged_at) counts the acknowledged ones (COUNT skips NULLs).
    let rows: Vec<(String, String, i64, i64)> = alert::Entity::find()
        .select_only()
        .column(C::AlertType)
        .column(C::Severity)
        .column_as(Expr::from(Func::count(Expr::col(C::Id))), "n")
        .column_as(Expr::from(Func::count(Expr::col(C::AcknowledgedAt))), "acked")
        .filter(C::ClosedAt.is_null())
        .filter(C::ProjectId.in_subquery(ids))
        .group_by(C::AlertType)
        .group_by(C::Severity)
        .into_tuple()
        .all(conn)
        .await?;
    let by_type = AlertType::ALL
        .iter()
        .map(|t| {
            let mine = rows.iter().filter(|r| r.0 == t.as_str());
            let (open, acked) = mine.fold((0, 0), |(n, a), r| (n + r.2, a + r.3));
            AlertTypeCount {
                alert_type: *t,
                title_vi: t.title_vi().into(),
                title_en: t.title_en().into(),
                open: open as u64,
                unacknowledged: (open - acked) as u64,
            }
        })
        .collect::<Vec<_>>();
    let by_severity = AlertSeverity::ALL
        .iter()
        .rev()
        .map(|s| AlertSeverityCount {
            severity: *s,
            open: rows.iter().filter(|r| r.1 == s.as_str()).map(|r| r.2).sum::<i64>() as u64,
        })
        .collect();
    Ok(AlertCounts {
        total_open: by_type.iter().map(|c| c.open).sum(),
        by_type,
        by_severity,
    })
}

pub async fn view(conn: &impl ConnectionTrait, row: alert::Model) -> Result<AlertView, ApiError> {
    Ok(views(conn, vec![row]).await?.pop().expect("one view"))
}

/// Rows to views, with project, responsible unit and acknowledging user joined in.
pub async fn views(conn: &impl ConnectionTrait, rows: Vec<alert::Model>) -> Result<Vec<AlertView>, ApiError> {
    let units = crate::store::units::all_by_id(conn).await?;
    let pids: Vec<i32> = rows.iter().map(|a| a.project_id).collect();
    let projects = crate::store::projects::by_ids(conn, pids).await?;
    let uids: Vec<i32> = rows.iter().filter_map(|a| a.acknowledged_by).collect();
    let users: HashMap<i32, String> = if uids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(uids))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|a| {
            let p = projects.get(&a.project_id);
            let responsible = p
                .and_then(|p| p.managing_unit_id.or(Some(p.investor_unit_id)))
                .and_then(|id| units.get(&id))
                .map(crate::store::units::unit_ref);
            AlertView {
                id: a.id,
                project_id: a.project_id,
                project_code: p.map(|p| p.code.clone()).unwrap_or_default(),
                project_name: p.map(|p| p.name.clone()).unwrap_or_default(),
                alert_type: AlertType::parse(&a.alert_type).unwrap_or(AlertType::ProgressDelayed),
                severity: AlertSeverity::parse(&a.severity).unwrap_or(AlertSeverity::Medium),
                title_vi: a.title_vi,
                title_en: a.title_en,
                message_vi: a.message_vi,
                message_en: a.message_en,
                responsible_unit: responsible,
                opened_at: a.opened_at,
                closed_at: a.closed_at,
                acknowledged_at: a.acknowledged_at,
                acknowledged_by_name: a.acknowledged_by.and_then(|id| users.get(&id).cloned()),
                acknowledged_by: a.acknowledged_by,
                ack_note: a.ack_note,
                version: a.version,
            }
        })
        .collect())
}
