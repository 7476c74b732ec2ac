//! The project list: every filter of the province's dashboard, sorting and pagination, in SQL.

use ioc_domain::dto::{Page, ProjectView};
use ioc_domain::policy::Actor;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, Select,
};
use serde::Deserialize;

use crate::entities::{locality, project, project_locality};
use crate::error::ApiError;

/// Filters shared by the project list and (later) the dashboard.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectFilter {
    /// Commune/ward code (địa phương).
    pub locality: Option<String>,
    /// Investor unit id (chủ đầu tư).
    pub investor: Option<i32>,
    /// Managing unit id (Ban QLDA).
    pub managing_unit: Option<i32>,
    /// Projects where this unit is investor or managing unit.
    pub unit: Option<i32>,
    /// Sector code; several separated by commas.
    pub sector: Option<String>,
    /// Phase code; several separated by commas.
    pub phase: Option<String>,
    /// Project group code (`national`, `a`, `b`, `c`); several separated by commas.
    pub group: Option<String>,
    /// Progress status (`ahead`, `on_track`, `at_risk`, `delayed`, `completed`); several separated by commas.
    pub status: Option<String>,
    /// Only projects with (true) or without (false) open difficulties.
    pub has_open_difficulties: Option<bool>,
    /// Only projects whose disbursement is slow (true) or not slow (false).
    pub slow_disbursement: Option<bool>,
    /// Only key projects (true) or only others (false).
    pub key_project: Option<bool>,
    /// Text search in code and name, accent-insensitive.
    pub q: Option<String>,
    /// Include archived projects (default false).
    pub include_archived: Option<bool>,
    /// Sort field: `code`, `name`, `total_investment`, `actual_percent`, `status`, `planned_end`,
    /// `updated_at`, `disbursement_rate`; prefix `-` for descending. Default `code`.
    pub sort: Option<String>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

impl ProjectFilter {
    /// `Some(include_archived)` when the filter keeps every project (active, or all),
    /// whatever the sort and page: aggregates kept for the whole portfolio then serve.
    pub fn whole_portfolio(&self) -> Option<bool> {
        let ProjectFilter {
            locality,
            investor,
            managing_unit,
            unit,
            sector,
            phase,
            group,
            status,
            has_open_difficulties,
            slow_disbursement,
            key_project,
            q,
            include_archived,
            sort: _,
            page: _,
            per_page: _,
        } = self;
        let narrowed = locality.is_some()
            || investor.is_some()
            || managing_unit.is_some()
            || unit.is_some()
            || sector.is_some()
            || phase.is_some()
            || group.is_some()
            || status.is_some()
            || has_open_difficulties.is_some()
            || slow_disbursement.is_some()
            || key_project.is_some()
            || q.is_some();
        (!narrowed).then_some(include_archived.unwrap_or(false))
    }

    /// The filtered (unsorted, unpaginated) query.
    pub async fn select(&self, conn: &impl ConnectionTrait) -> Result<Select<project::Entity>, ApiError> {
        use project::Column as C;
        let mut cond = Condition::all();
        if !self.include_archived.unwrap_or(false) {
            cond = cond.add(C::Archived.eq(false));
        }
        if let Some(code) = crate::store::query_text("locality", &self.locality, 32)? {
            let loc = locality::Entity::find()
                .filter(locality::Column::Code.eq(code))
                .one(conn)
                .await?;
            let loc_id = loc.map_or(-1, |l| l.id);
            cond = cond.add(
                C::Id.in_subquery(
                    Query::select()
                        .column(project_locality::Column::ProjectId)
                        .from(project_locality::Entity)
                        .and_where(Expr::col(project_locality::Column::LocalityId).eq(loc_id))
                        .to_owned(),
                ),
            );
        }
        if let Some(v) = self.investor {
            cond = cond.add(C::InvestorUnitId.eq(v));
        }
        if let Some(v) = self.managing_unit {
            cond = cond.add(C::ManagingUnitId.eq(v));
        }
        if let Some(v) = self.unit {
            cond = cond.add(
                Condition::any()
                    .add(C::InvestorUnitId.eq(v))
                    .add(C::ManagingUnitId.eq(v)),
            );
        }
        if let Some(v) = crate::store::code_list("sector", &self.sector, ioc_domain::Sector::parse)? {
            cond = cond.add(C::Sector.is_in(v));
        }
        if let Some(v) = crate::store::code_list("phase", &self.phase, ioc_domain::Phase::parse)? {
            cond = cond.add(C::Phase.is_in(v));
        }
        if let Some(v) = crate::store::code_list("group", &self.group, ioc_domain::ProjectGroup::parse)? {
            cond = cond.add(C::ProjectGroup.is_in(v));
        }
        if let Some(v) = crate::store::code_list("status", &self.status, ioc_domain::ProgressStatus::parse)? {
            cond = cond.add(C::ProgressStatus.is_in(v));
        }
        match self.has_open_difficulties {
            Some(true) => cond = cond.add(C::OpenDifficulties.gt(0)),
            Some(false) => cond = cond.add(C::OpenDifficulties.eq(0)),
            None => {}
        }
        match self.slow_disbursement {
            Some(true) => cond = cond.add(C::DisbursementStatus.eq("slow")),
            Some(false) => cond = cond.add(C::DisbursementStatus.ne("slow")),
            None => {}
        }
        if let Some(v) = self.key_project {
            cond = cond.add(C::IsKeyProject.eq(v));
        }
        if let Some(q) = crate::store::query_text("q", &self.q, 200)? {
            use ioc_domain::text::{fold, like_contains, LIKE_ESCAPE};
            // `%` and `_` typed by a user match themselves, on both databases.
            let pattern = sea_orm::sea_query::LikeExpr::new(like_contains(&fold(&q))).escape(LIKE_ESCAPE);
            cond = cond.add(C::SearchText.like(pattern));
        }
        Ok(project::Entity::find().filter(cond))
    }

    fn order(&self, sel: Select<project::Entity>) -> Result<Select<project::Entity>, ApiError> {
        use project::Column as C;
        let raw = self.sort.as_deref().unwrap_or("code");
        let (field, dir) = match raw.strip_prefix('-') {
            Some(f) => (f, Order::Desc),
            None => (raw, Order::Asc),
        };
        let sel = match field {
            "code" => sel.order_by(C::Code, dir),
            "name" => sel.order_by(C::Name, dir),
            "total_investment" => sel.order_by(C::TotalInvestment, dir),
            "actual_percent" => sel.order_by(C::ActualBp, dir),
            "planned_end" => sel.order_by(C::PlannedEnd, dir),
            "updated_at" => sel.order_by(C::UpdatedAt, dir),
            // Worst first when descending: delayed, at risk, on track, ahead, completed.
            "status" => sel.order_by(
                Expr::Case(Box::new(
                    Expr::case(C::ProgressStatus.eq("delayed"), 4)
                        .case(C::ProgressStatus.eq("at_risk"), 3)
                        .case(C::ProgressStatus.eq("on_track"), 2)
                        .case(C::ProgressStatus.eq("ahead"), 1)
                        .finally(0),
                )),
                dir,
            ),
            // Rate = disbursed / plan, compared without division: plans of 0 sort first.
            "disbursement_rate" => sel.order_by(
                Expr::Case(Box::new(
                    Expr::case(C::YearPlan.eq(0), Expr::val(-1.0))
                        .finally(Expr::col(C::YearDisbursed).mul(1.0).div(Expr::col(C::YearPlan))),
                )),
                dir,
            ),
            _ => {
                return Err(ApiError::field(
                    "sort",
                    "invalid_choice",
                    format!("Không sắp xếp được theo \"{field}\"."),
                    format!("Cannot sort by \"{field}\"."),
                ))
            }
        };
        // A stable tiebreak so pages never overlap or skip.
        Ok(sel.order_by_asc(C::Id))
    }
}

pub async fn list(
    conn: &impl ConnectionTrait,
    filter: &ProjectFilter,
    actor: &Actor,
) -> Result<Page<ProjectView>, ApiError> {
    let paging = crate::store::paging(&filter.page, &filter.per_page)?;
    let sel = filter.select(conn).await?;
    let total = sel.clone().count(conn).await?;
    let rows = filter
        .order(sel)?
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    Ok(Page {
        items: super::views(conn, rows, actor).await?,
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}
