//! Group 5 of the dashboard — Chỉ đạo, điều hành: tasks by state, overdue by unit, the share
//! confirmed on time and the oldest overdue tasks. The same widget on the IOC wall.

use ioc_domain::direction::TaskState;
use ioc_domain::dto::DirectionBoard;
use leptos::prelude::*;

use crate::api::{self, ApiResult};
use crate::charts::{Bar, BarList};
use crate::components::Kpi;
use crate::format;
use crate::i18n::i18n;

/// `GET /dashboard/direction` with the dashboard's filters.
pub async fn load(filter: Vec<(&'static str, String)>) -> ApiResult<DirectionBoard> {
    let mut pairs = filter;
    pairs.push(("top", "8".into()));
    api::get::<DirectionBoard>(format!("/api/v1/dashboard/direction{}", api::query(&pairs))).await
}

fn state_colour(s: TaskState) -> &'static str {
    match s {
        TaskState::Assigned => "#6b7280",
        TaskState::Acknowledged => "#1565c0",
        TaskState::InProgress => "#0b6e4f",
        TaskState::ReportedDone => "#8a5a00",
        TaskState::Confirmed => "#2e7d32",
    }
}

#[component]
pub fn DirectionGroup(data: DirectionBoard) -> impl IntoView {
    let i = i18n();
    let d = StoredValue::new(data);
    let lang = move || i.lang();
    let by_state = move || {
        d.get_value()
            .by_state
            .iter()
            .map(|s| Bar {
                key: s.state.as_str().into(),
                label: i.pick(&s.label_vi, &s.label_en),
                value: s.count as f64,
                display: format::count(s.count, lang()),
                colour: state_colour(s.state),
            })
            .collect::<Vec<_>>()
    };
    let by_unit = move || {
        d.get_value()
            .overdue_by_unit
            .iter()
            .filter(|u| u.overdue > 0)
            .map(|u| Bar {
                key: u.unit.id.to_string(),
                label: u.unit.name.clone(),
                value: u.overdue as f64,
                display: format!(
                    "{} / {}",
                    format::count(u.overdue, lang()),
                    format::count(u.total, lang())
                ),
                colour: "#c62828",
            })
            .collect::<Vec<_>>()
    };
    let share = d.get_value().confirmed_on_time_share;
    let v = d.get_value();
    view! {
        <section class="group" aria-labelledby="g-direction" data-group="direction" data-testid="direction-group">
            <h2 id="g-direction">{move || i.t("5. Chỉ đạo, điều hành", "5. Direction and follow-up")}</h2>
            <div class="kpis">
                <Kpi id="tasks-total" label=i.label("Nhiệm vụ", "Tasks") value=Signal::derive(move || format::count(v.total, lang())) raw=v.total.to_string() />
                <Kpi id="tasks-overdue" label=i.label("Quá hạn", "Overdue") value=Signal::derive(move || format::count(v.overdue_total, lang())) raw=v.overdue_total.to_string() />
                <Kpi id="tasks-due-soon" label=i.label("Sắp đến hạn", "Due soon") value=Signal::derive(move || format::count(v.due_soon_total, lang())) raw=v.due_soon_total.to_string() />
                <Kpi id="tasks-on-time" label=i.label("Hoàn thành đúng hạn", "Confirmed on time")
                    value=Signal::derive(move || share.map(|p| format::pct(p, lang())).unwrap_or_else(|| "—".into()))
                    raw=share.map(|p| p.value().to_string()).unwrap_or_default()
                    hint=Signal::derive(move || format!("{} / {} {}", v.confirmed_on_time, v.confirmed_total, i.t("đã xác nhận", "confirmed"))) />
            </div>
            <div class="charts">
                <div class="panel">
                    <h3>{move || i.t("Nhiệm vụ theo trạng thái", "Tasks by state")}</h3>
                    <BarList testid="chart-task-states" title=i.label("Nhiệm vụ theo trạng thái", "Tasks by state") bars=Signal::derive(by_state) />
                </div>
                <div class="panel">
                    <h3>{move || i.t("Quá hạn theo đơn vị", "Overdue by unit")}</h3>
                    <BarList testid="chart-overdue-units" title=i.label("Quá hạn theo đơn vị", "Overdue by unit") bars=Signal::derive(by_unit) />
                </div>
                <div class="panel wide">
                    <h3>{move || i.t("Nhiệm vụ quá hạn lâu nhất", "Oldest overdue tasks")}</h3>
                    <ol class="rank" data-testid="oldest-overdue">
                        {d.get_value().oldest_overdue.into_iter().map(|t| view! {
                            <li data-task-id=t.task_id>
                                <a href=format!("/tasks/{}", t.task_id)>{t.description.clone()}</a>
                                <span class="rank-value">
                                    {format!("{} · {} {} · {} {}", t.lead_unit.name, i.t("hạn", "due"), format::date(t.deadline), t.days_overdue, i.t("ngày quá hạn", "days overdue"))}
                                </span>
                            </li>
                        }).collect_view()}
                    </ol>
                    <a href="/tasks?overdue=true">{move || i.t("Xem tất cả nhiệm vụ quá hạn", "All overdue tasks")}</a>
                </div>
            </div>
        </section>
    }
}
