//! Chart images for IOC video walls and documents: SVG or PNG, 1920×1080 by default, with
//! the dashboard's filters.

use actix_web::{get, web, HttpResponse};
use ioc_domain::{ProgressStatus, VndTotal};
use plotters::style::RGBColor;
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::charts::{self, bar_chart, line_chart, Bar, Format, Series, Size};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::dashboard::{self, DashboardParams};
use crate::store::projects::ProjectFilter;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(chart);
}

#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChartName {
    /// Cơ cấu tình trạng dự án: projects per progress status.
    Status,
    /// Tiến độ theo thời gian: average actual vs planned % per week.
    Progress,
    /// Giải ngân lũy kế: cumulative disbursement vs the planned schedule, by month.
    Disbursement,
    /// Khó khăn, vướng mắc: open difficulties per category.
    Difficulties,
}

/// The bytes of a chart image (documentation only: the handler sends the rendered bytes).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ChartImage(pub Vec<u8>);

#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImageParams {
    /// `svg` (default) or `png`.
    #[param(inline)]
    pub format: Option<Format>,
    /// Pixels, 320–3840 (default 1920).
    #[param(value_type = Option<u32>, minimum = 320, maximum = 3840)]
    pub width: Option<String>,
    /// Pixels, 240–2160 (default 1080).
    #[param(value_type = Option<u32>, minimum = 240, maximum = 2160)]
    pub height: Option<String>,
}

const GREEN: RGBColor = RGBColor(46, 125, 50);
const LIGHT_GREEN: RGBColor = RGBColor(102, 187, 106);
const YELLOW: RGBColor = RGBColor(249, 168, 37);
const RED: RGBColor = RGBColor(198, 40, 40);
const BLUE: RGBColor = RGBColor(21, 101, 192);
const ORANGE: RGBColor = RGBColor(239, 108, 0);
const GREY: RGBColor = RGBColor(120, 120, 120);

fn status_colour(s: ProgressStatus) -> RGBColor {
    match s {
        ProgressStatus::Ahead => GREEN,
        ProgressStatus::OnTrack => LIGHT_GREEN,
        ProgressStatus::AtRisk => YELLOW,
        ProgressStatus::Delayed => RED,
        ProgressStatus::Completed => BLUE,
    }
}

/// Billions of đồng, for axis display only.
fn billions(v: VndTotal) -> f64 {
    v.to_f64() / 1e9
}

/// A dashboard chart as an image (`status`, `progress`, `disbursement`, `difficulties`).
///
/// Labels are Vietnamese with full diacritics; PNGs are drawn with an embedded font
/// (Be Vietnam Pro, SIL OFL), so they look the same on every server.
#[utoipa::path(
    tag = "charts",
    params(("name" = inline(ChartName), Path, description = "Which chart"), ImageParams, ProjectFilter, DashboardParams),
    responses(
        (status = 200, description = "The image, SVG or PNG as `format` asks",
            content((ChartImage = "image/svg+xml"), (ChartImage = "image/png"))),
        (status = 404, description = "Unknown chart")
    ),
    security(("bearer" = []))
)]
#[get("/charts/{name}")]
async fn chart(
    state: web::Data<AppState>,
    _user: AuthUser,
    name: web::Path<String>,
    img: web::Query<ImageParams>,
    f: web::Query<ProjectFilter>,
    p: web::Query<DashboardParams>,
) -> Result<HttpResponse, ApiError> {
    let name: ChartName =
        serde_json::from_value(serde_json::Value::String(name.into_inner())).map_err(|_| ApiError::NotFound)?;
    let (db, today, t) = (&state.db, state.today(), &state.settings.thresholds);
    let format = img.format.unwrap_or(Format::Svg);
    let size = Size::parse(img.width.as_deref(), img.height.as_deref())?;
    let image = match name {
        ChartName::Status => {
            let o = dashboard::overview(db, &f, &p, today, t).await?;
            let s = &o.by_status;
            let bars = [
                (ProgressStatus::Ahead, s.ahead),
                (ProgressStatus::OnTrack, s.on_track),
                (ProgressStatus::AtRisk, s.at_risk),
                (ProgressStatus::Delayed, s.delayed),
                (ProgressStatus::Completed, s.completed),
            ]
            .into_iter()
            .map(|(st, n)| Bar {
                label: st.label_vi().to_owned(),
                value: n as f64,
                colour: status_colour(st),
            })
            .collect();
            let title = format!(
                "Cơ cấu tình trạng dự án ({} dự án, {})",
                o.projects,
                o.as_of.format("%d/%m/%Y")
            );
            web::block(move || charts::render(&bar_chart(title, "Số dự án", bars), format, size)).await
        }
        ChartName::Progress => {
            let o = dashboard::overview(db, &f, &p, today, t).await?;
            let weeks = &o.progress_over_time;
            let labels = weeks.iter().map(|w| w.week_start.format("%d/%m").to_string()).collect();
            let pct = |v: ioc_domain::Percent| v.value().to_f64();
            let actual = weeks
                .iter()
                .map(|w| (w.reports > 0).then(|| pct(w.avg_actual_percent)).flatten())
                .collect();
            let planned = weeks
                .iter()
                .map(|w| (w.reports > 0).then(|| pct(w.avg_planned_percent)).flatten())
                .collect();
            let series = vec![
                Series {
                    name: "Kế hoạch (%)".into(),
                    colour: GREY,
                    points: planned,
                },
                Series {
                    name: "Thực hiện (%)".into(),
                    colour: BLUE,
                    points: actual,
                },
            ];
            web::block(move || {
                charts::render(
                    &line_chart(
                        "Tiến độ thực hiện theo tuần",
                        "Tỷ lệ hoàn thành bình quân (%)",
                        labels,
                        series,
                    ),
                    format,
                    size,
                )
            })
            .await
        }
        ChartName::Disbursement => {
            let d = dashboard::disbursement(db, &f, &p, today).await?;
            let labels = (1..=12).map(|m| format!("T{m}")).collect();
            let planned = d
                .by_month
                .iter()
                .map(|m| Some(billions(m.planned_cumulative)))
                .collect();
            let actual = d.by_month.iter().map(|m| m.actual_cumulative.map(billions)).collect();
            let series = vec![
                Series {
                    name: "Kế hoạch giải ngân".into(),
                    colour: GREY,
                    points: planned,
                },
                Series {
                    name: "Đã giải ngân".into(),
                    colour: GREEN,
                    points: actual,
                },
            ];
            let title = format!("Giải ngân lũy kế năm {} so với kế hoạch", d.year);
            web::block(move || charts::render(&line_chart(title, "Tỷ đồng", labels, series), format, size)).await
        }
        ChartName::Difficulties => {
            let d = dashboard::difficulties(db, &f, &p, today).await?;
            let bars = d
                .open_by_category
                .iter()
                .map(|c| Bar {
                    label: c.label_vi.clone(),
                    value: c.open as f64,
                    colour: ORANGE,
                })
                .collect();
            let title = format!("Khó khăn, vướng mắc chưa xử lý theo nhóm ({})", d.open_total);
            web::block(move || charts::render(&bar_chart(title, "Số khó khăn", bars), format, size)).await
        }
    }
    .map_err(|e| anyhow::anyhow!("chart task: {e}"))?
    .map_err(|e| anyhow::anyhow!(e))?;
    Ok(HttpResponse::Ok()
        .insert_header(("content-type", image.content_type))
        .insert_header(("cache-control", "no-cache"))
        .body(image.bytes))
}
