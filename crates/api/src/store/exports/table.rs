//! The project table of the CSV and XLSX exports: the list's filters, every matching row
//! (no pagination) sorted by code, and one column model both writers share.

use chrono::NaiveDate;
use ioc_domain::dto::ProjectView;
use ioc_domain::policy::Actor;
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, QueryOrder};

use crate::entities::project;
use crate::error::ApiError;
use crate::store;
use crate::store::projects::ProjectFilter;

/// Headers in Vietnamese as the province's reports name them, and XLSX column widths.
pub const COLUMNS: [(&str, f64); 19] = [
    ("Mã dự án", 14.0),
    ("Tên dự án", 60.0),
    ("Nhóm", 18.0),
    ("Lĩnh vực", 22.0),
    ("Giai đoạn", 18.0),
    ("Chủ đầu tư", 36.0),
    ("Ban QLDA", 36.0),
    ("Địa phương", 30.0),
    ("Tổng mức đầu tư (VNĐ)", 22.0),
    ("Khởi công kế hoạch", 14.0),
    ("Hoàn thành kế hoạch", 14.0),
    ("Tỷ lệ hoàn thành (%)", 12.0),
    ("Kế hoạch (%)", 12.0),
    ("Trạng thái", 24.0),
    ("Sản lượng (VNĐ)", 22.0),
    ("Kế hoạch vốn năm (VNĐ)", 22.0),
    ("Đã giải ngân (VNĐ)", 22.0),
    ("Tỷ lệ giải ngân (%)", 12.0),
    ("Khó khăn chưa xử lý", 12.0),
];

/// One cell, typed so each writer formats it: CSV as text, XLSX as a number or date cell.
/// `Empty` where the figure does not exist (a rate without a plan).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Vnd(i64),
    Date(NaiveDate),
    Percent(Decimal),
    Count(i64),
    Empty,
}

/// Every project matching `filter` (pagination and `sort` ignored), sorted by code.
pub async fn load(
    conn: &impl ConnectionTrait,
    filter: &ProjectFilter,
    actor: &Actor,
) -> Result<Vec<ProjectView>, ApiError> {
    let rows = filter
        .select(conn)
        .await?
        .order_by_asc(project::Column::Code)
        .order_by_asc(project::Column::Id)
        .all(conn)
        .await?;
    store::projects::views(conn, rows, actor).await
}

/// The row of one project, in `COLUMNS` order (the array length keeps the two in step).
pub fn row(p: &ProjectView) -> [Cell; COLUMNS.len()] {
    let localities: Vec<&str> = p.localities.iter().map(|l| l.name.as_str()).collect();
    [
        Cell::Text(p.code.clone()),
        Cell::Text(p.name.clone()),
        Cell::Text(p.group.label_vi().into()),
        Cell::Text(p.sector.label_vi().into()),
        Cell::Text(p.phase.label_vi().into()),
        Cell::Text(p.investor.name.clone()),
        Cell::Text(p.managing_unit.as_ref().map(|u| u.name.clone()).unwrap_or_default()),
        Cell::Text(localities.join("; ")),
        Cell::Vnd(p.total_investment.to_db()),
        Cell::Date(p.planned_start),
        Cell::Date(p.planned_end),
        Cell::Percent(p.progress.actual_percent.value()),
        Cell::Percent(p.progress.planned_percent.value()),
        Cell::Text(p.progress.status.label_vi().into()),
        Cell::Vnd(p.progress.output_value.to_db()),
        Cell::Vnd(p.disbursement.plan.to_db()),
        Cell::Vnd(p.disbursement.disbursed.to_db()),
        p.disbursement.rate_percent.map_or(Cell::Empty, Cell::Percent),
        Cell::Count(p.open_difficulties.into()),
    ]
}
