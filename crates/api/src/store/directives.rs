//! Directives (ý kiến chỉ đạo): record one with its tasks, correct it, list and read.

use chrono::NaiveDate;
use ioc_domain::direction::DirectiveSource;
use ioc_domain::dto::{DirectiveView, Page, ValidDirective};
use ioc_domain::Role;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::Deserialize;

use super::tasks::{self, Viewer};
use crate::entities::{difficulty, directive, directive_difficulty, directive_project, project, user};
use crate::error::ApiError;
use crate::routes::etag::etag;

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectiveFilter {
    /// `meeting`, `document` or `ad_hoc`.
    pub source: Option<String>,
    pub meeting_id: Option<i32>,
    /// Directives related to this project.
    pub project_id: Option<i32>,
    /// Directives given by this leader.
    pub issued_by: Option<i32>,
    /// Issued on or after.
    pub from: Option<NaiveDate>,
    /// Issued on or before.
    pub to: Option<NaiveDate>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<directive::Model, ApiError> {
    directive::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn view(conn: &impl ConnectionTrait, d: directive::Model, v: &Viewer) -> Result<DirectiveView, ApiError> {
    Ok(tasks::views::directive_views(conn, vec![d], v)
        .await?
        .pop()
        .expect("one view"))
}

pub async fn list(
    conn: &impl ConnectionTrait,
    f: &DirectiveFilter,
    v: &Viewer,
) -> Result<Page<DirectiveView>, ApiError> {
    use directive::Column as C;
    let paging = super::paging(&f.page, &f.per_page)?;
    let mut errs = ioc_domain::ValidationErrors::new();
    ioc_domain::dates::check_dates(&mut errs, [("from", f.from), ("to", f.to)]);
    if !errs.is_empty() {
        return Err(errs.into());
    }
    let mut cond = Condition::all();
    if let Some(s) = super::code_list("source", &f.source, DirectiveSource::parse)? {
        cond = cond.add(C::Source.is_in(s));
    }
    if let Some(m) = f.meeting_id {
        cond = cond.add(C::MeetingId.eq(m));
    }
    if let Some(p) = f.project_id {
        cond = cond.add(C::Id.in_subquery(related_to_project(p)));
    }
    if let Some(u) = f.issued_by {
        cond = cond.add(C::IssuedBy.eq(u));
    }
    if let Some(d) = f.from {
        cond = cond.add(C::IssuedOn.gte(d));
    }
    if let Some(d) = f.to {
        cond = cond.add(C::IssuedOn.lte(d));
    }
    let sel = directive::Entity::find().filter(cond);
    let total = sel.clone().count(conn).await?;
    let rows = sel
        .order_by_desc(C::IssuedOn)
        .order_by_desc(C::Id)
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    Ok(Page {
        items: tasks::views::directive_views(conn, rows, v).await?,
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}

/// The leader the directive is issued by: the one named, who must hold the `leader` role; a
/// leader recording without naming one issues it in their own name.
async fn issuer(
    conn: &impl ConnectionTrait,
    d: &ValidDirective,
    recorder: &ioc_domain::Actor,
) -> Result<i32, ApiError> {
    let id = match (d.issued_by, recorder.role) {
        (Some(id), _) => id,
        (None, Role::Leader) => recorder.user_id,
        (None, _) => {
            return Err(ApiError::Validation(ioc_domain::ValidationErrors(vec![
                ioc_domain::FieldError::required("issued_by"),
            ])))
        }
    };
    let is_leader = user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .is_some_and(|u| u.active && u.role == Role::Leader.as_str());
    if !is_leader {
        return Err(ApiError::field(
            "issued_by",
            "not_a_leader",
            "Người chỉ đạo phải là tài khoản lãnh đạo UBND tỉnh đang hoạt động.",
            "The issuer must be an active provincial leader account.",
        ));
    }
    Ok(id)
}

async fn check_links(conn: &impl ConnectionTrait, d: &ValidDirective) -> Result<(), ApiError> {
    super::require_ids(conn, project::Entity, &d.project_ids, || {
        ApiError::field("project_ids", "unknown", "Có dự án không tồn tại.", "Unknown project.")
    })
    .await?;
    super::require_ids(conn, difficulty::Entity, &d.difficulty_ids, || {
        ApiError::field(
            "difficulty_ids",
            "unknown",
            "Có khó khăn, vướng mắc không tồn tại.",
            "Unknown difficulty.",
        )
    })
    .await?;
    if let Some(id) = d.meeting_id {
        let exists = crate::entities::meeting::Entity::find_by_id(id).count(conn).await? > 0;
        if !exists {
            return Err(ApiError::field(
                "meeting_id",
                "unknown",
                "Cuộc họp không tồn tại.",
                "Unknown meeting.",
            ));
        }
    }
    Ok(())
}

/// The ids of the directives related to project `p`, as a subquery (directive and task lists).
pub fn related_to_project(p: i32) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(directive_project::Column::DirectiveId)
        .from(directive_project::Entity)
        .and_where(Expr::col(directive_project::Column::ProjectId).eq(p))
        .to_owned()
}

async fn write_links(conn: &impl ConnectionTrait, id: i32, d: &ValidDirective) -> Result<(), ApiError> {
    directive_project::Entity::delete_many()
        .filter(directive_project::Column::DirectiveId.eq(id))
        .exec(conn)
        .await?;
    directive_difficulty::Entity::delete_many()
        .filter(directive_difficulty::Column::DirectiveId.eq(id))
        .exec(conn)
        .await?;
    if !d.project_ids.is_empty() {
        directive_project::Entity::insert_many(d.project_ids.iter().map(|p| directive_project::ActiveModel {
            directive_id: Set(id),
            project_id: Set(*p),
        }))
        .exec_without_returning(conn)
        .await?;
    }
    if !d.difficulty_ids.is_empty() {
        directive_difficulty::Entity::insert_many(d.difficulty_ids.iter().map(|x| directive_difficulty::ActiveModel {
            directive_id: Set(id),
            difficulty_id: Set(*x),
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Records a directive and its tasks; returns the directive row and the task rows.
pub async fn create(
    conn: &impl ConnectionTrait,
    d: &ValidDirective,
    recorder: &ioc_domain::Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(directive::Model, Vec<crate::entities::task::Model>), ApiError> {
    let issued_by = issuer(conn, d, recorder).await?;
    check_links(conn, d).await?;
    let row = directive::ActiveModel {
        text: Set(d.text.clone()),
        issued_by: Set(issued_by),
        recorded_by: Set(recorder.user_id),
        issued_on: Set(d.issued_on),
        source: Set(d.source.as_str().into()),
        meeting_id: Set(d.meeting_id),
        document_number: Set(d.document_number.clone()),
        priority: Set(d.priority.as_str().into()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    write_links(conn, row.id, d).await?;
    crate::notify::tasks::directive_created(conn, &row).await?;
    let mut rows = Vec::new();
    for (i, t) in d.tasks.iter().enumerate() {
        rows.push(tasks::create(conn, row.id, t, &format!("tasks[{i}]."), recorder.user_id, now).await?);
    }
    Ok((row, rows))
}

pub async fn update(
    conn: &impl ConnectionTrait,
    id: i32,
    expected_version: i32,
    d: &ValidDirective,
    recorder: &ioc_domain::Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<directive::Model, ApiError> {
    use directive::Column as C;
    let issued_by = issuer(conn, d, recorder).await?;
    check_links(conn, d).await?;
    let res = directive::Entity::update_many()
        .col_expr(C::Text, Expr::value(d.text.clone()))
        .col_expr(C::IssuedBy, Expr::value(issued_by))
        .col_expr(C::IssuedOn, Expr::value(d.issued_on))
        .col_expr(C::Source, Expr::value(d.source.as_str()))
        .col_expr(C::MeetingId, Expr::value(d.meeting_id))
        .col_expr(C::DocumentNumber, Expr::value(d.document_number.clone()))
        .col_expr(C::Priority, Expr::value(d.priority.as_str()))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await?;
    let current = get(conn, id).await?;
    super::check_version_hit(res.rows_affected, Some(etag("directive", id, current.version)))?;
    write_links(conn, id, d).await?;
    Ok(current)
}
