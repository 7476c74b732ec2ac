//! The IOC wall: the dashboard full-screen at 1920×1080, large type, refreshed on a timer
//! and rotating through the five groups. The session refreshes itself (see `session`), so
//! no login prompt interrupts it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::filters;
use crate::format;
use crate::i18n::i18n;
use crate::pages::dashboard::{self, DifficultyGroup, DisbursementGroup, OverviewGroup, ProgressGroup};
use crate::pages::direction_group::{self, DirectionGroup};

const GROUPS: [&str; 5] = ["overview", "progress", "disbursement", "difficulties", "direction"];

#[component]
pub fn WallPage() -> impl IntoView {
    let i = i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(filters::current));
    let secs = |key: &str, default: u64| {
        query
            .with_untracked(|q| q.get(key).and_then(|v| v.parse::<u64>().ok()))
            .unwrap_or(default)
            .max(1)
    };
    let rotate = secs("rotate", 20);
    let refresh = secs("refresh", 60);
    let tick = RwSignal::new(0u64);
    // `?start=direction` starts on that group (`group` is the project-group filter).
    let first = query
        .with_untracked(|q| q.get("start"))
        .and_then(|g| GROUPS.iter().position(|x| *x == g));
    let slot = RwSignal::new(first.unwrap_or(0));
    let clock = RwSignal::new(String::new());
    let update_clock = move || {
        let now = chrono::Utc::now().with_timezone(&format::vn_offset());
        clock.set(now.format("%H:%M · %d/%m/%Y").to_string());
    };
    update_clock();
    let h1 = set_interval_with_handle(
        move || slot.update(|s| *s = (*s + 1) % GROUPS.len()),
        std::time::Duration::from_secs(rotate),
    );
    let h2 = set_interval_with_handle(
        move || tick.update(|t| *t += 1),
        std::time::Duration::from_secs(refresh),
    );
    let h3 = set_interval_with_handle(update_clock, std::time::Duration::from_secs(15));
    on_cleanup(move || {
        for h in [h1, h2, h3].into_iter().flatten() {
            h.clear();
        }
    });
    let data = LocalResource::new(move || {
        tick.track();
        dashboard::load(filter.get())
    });
    let direction = LocalResource::new(move || {
        tick.track();
        direction_group::load(filter.get())
    });
    // Keep the last good data on screen while a refresh is in flight or fails.
    let last = RwSignal::new(None::<dashboard::DashboardData>);
    let last_direction = RwSignal::new(None::<ioc_domain::dto::DirectionBoard>);
    Effect::new(move |_| {
        if let Some(Ok(d)) = data.get() {
            last.set(Some(d));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(d)) = direction.get() {
            last_direction.set(Some(d));
        }
    });
    let group_title = move |g: &str| match g {
        "overview" => i.t("Tổng quan", "Overview"),
        "progress" => i.t("Tiến độ", "Progress"),
        "disbursement" => i.t("Giải ngân", "Disbursement"),
        "direction" => i.t("Chỉ đạo, điều hành", "Direction"),
        _ => i.t("Khó khăn, vướng mắc", "Difficulties"),
    };
    view! {
        <div class="wall" data-testid="wall">
            <div class="wall-head">
                <h1>{move || i.t("Dự án trọng điểm tỉnh Đồng Nai", "Đồng Nai key projects")}</h1>
                <div class="wall-clock" aria-live="off">{move || clock.get()}</div>
            </div>
            <div class="wall-tabs" role="tablist">
                {GROUPS.iter().enumerate().map(|(k, g)| view! {
                    <span role="tab" aria-selected=move || (slot.get() == k).to_string() class:on=move || slot.get() == k>{move || group_title(g)}</span>
                }).collect_view()}
            </div>
            <div class="wall-body">
                {move || match last.get() {
                    None => match data.get() {
                        Some(Err(e)) => view! { <div class="banner error" role="alert">{e.message()}</div> }.into_any(),
                        _ => view! { <p>{i.t("Đang tải…", "Loading…")}</p> }.into_any(),
                    },
                    Some(d) => {
                        let g = GROUPS[slot.get()];
                        let body = match g {
                            "overview" => view! { <OverviewGroup data=d.overview.clone() /> }.into_any(),
                            "progress" => view! { <ProgressGroup data=d.progress.clone() /> }.into_any(),
                            "disbursement" => view! { <DisbursementGroup data=d.disbursement.clone() /> }.into_any(),
                            "direction" => match last_direction.get() {
                                Some(b) => view! { <DirectionGroup data=b /> }.into_any(),
                                None => view! { <p>{i.t("Đang tải…", "Loading…")}</p> }.into_any(),
                            },
                            _ => view! { <DifficultyGroup data=d.difficulties.clone() /> }.into_any(),
                        };
                        view! { <div data-testid="wall-group" data-group=g>{body}</div> }.into_any()
                    }
                }}
            </div>
            <div class="wall-foot">
                <span>{move || last.get().map(|d| format!("{} {}", i.t("Số liệu đến ngày", "Figures as of"), format::date(d.overview.as_of)))}</span>
                <span>{move || last.get().map(|d| format!("{}: {}", i.t("Cảnh báo đang mở", "Open alerts"), d.alert_counts.total_open))}</span>
            </div>
        </div>
    }
}
