//! Alerts: filter, read, and (coordinators, admins) acknowledge with a note.

use ioc_domain::alerts::{AlertSeverity, AlertType};
use ioc_domain::dto::{AlertAckInput, AlertView, Page};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::api;
use crate::components::{loaded, Pager};
use crate::filters::set_query_with;
use crate::format;
use crate::i18n::i18n;
use crate::session;

const PER_PAGE: u64 = 25;

#[component]
pub fn AlertsPage() -> impl IntoView {
    let i = i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    let reload = RwSignal::new(0u32);
    let params = Memo::new(move |_| {
        query.with(|q| {
            // The project filters of the shared filter bar, then the alert's own.
            let mut pairs: Vec<(&'static str, String)> = crate::filters::current(q);
            for k in ["type", "severity", "acknowledged"] {
                if let Some(v) = q.get(k) {
                    pairs.push((k, v));
                }
            }
            pairs.push(("open", q.get("open").unwrap_or_else(|| "true".into())));
            pairs.push(("page", q.get("page").unwrap_or_else(|| "1".into())));
            pairs.push(("per_page", PER_PAGE.to_string()));
            pairs
        })
    });
    let list = LocalResource::new(move || {
        reload.track();
        let qs = api::query(&params.get());
        async move { api::get::<Page<AlertView>>(format!("/api/v1/alerts{qs}")).await }
    });
    let value = move |k: &'static str| query.with(|q| q.get(k).unwrap_or_default());
    let set = {
        let (navigate, location) = (navigate.clone(), location.clone());
        move |k: &'static str, v: String| set_query_with(navigate.clone(), location.clone(), query, k, v)
    };
    let (set_type, set_sev, set_open, set_ack) = (set.clone(), set.clone(), set.clone(), set.clone());
    let on_page = Callback::new(move |p: u64| set("page", p.to_string()));
    view! {
        <section class="page alerts">
            <h1>{move || i.t("Cảnh báo", "Alerts")}</h1>
            <crate::filters::FilterBar />
            <form class="filter-bar" on:submit=|ev| ev.prevent_default() aria-label=move || i.t("Lọc cảnh báo", "Filter alerts")>
                <div class="filter">
                    <label for="a-type">{move || i.t("Loại cảnh báo", "Alert type")}</label>
                    <select id="a-type" on:change=move |ev| set_type("type", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        {AlertType::ALL.iter().map(|t| {
                            let t = *t;
                            view! { <option value=t.as_str() selected=move || value("type") == t.as_str()>{move || i.t(t.title_vi(), t.title_en())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="a-severity">{move || i.t("Mức độ", "Severity")}</label>
                    <select id="a-severity" on:change=move |ev| set_sev("severity", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        {AlertSeverity::ALL.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.as_str() selected=move || value("severity") == s.as_str()>{move || severity_label(i, s)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="a-open">{move || i.t("Trạng thái", "State")}</label>
                    <select id="a-open" on:change=move |ev| set_open("open", event_target_value(&ev))>
                        <option value="true" selected=move || value("open") != "false">{move || i.t("Đang mở", "Open")}</option>
                        <option value="false" selected=move || value("open") == "false">{move || i.t("Đã đóng", "Closed")}</option>
                    </select>
                </div>
                <div class="filter">
                    <label for="a-ack">{move || i.t("Tiếp nhận", "Acknowledgement")}</label>
                    <select id="a-ack" on:change=move |ev| set_ack("acknowledged", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        <option value="false" selected=move || value("acknowledged") == "false">{move || i.t("Chưa tiếp nhận", "Not acknowledged")}</option>
                        <option value="true" selected=move || value("acknowledged") == "true">{move || i.t("Đã tiếp nhận", "Acknowledged")}</option>
                    </select>
                </div>
            </form>
            {loaded(list, move |p| {
                    let (total, page) = (p.total, p.page);
                    view! {
                        <p class="muted" data-testid="alerts-total" data-value=total.to_string()>
                            {format!("{} {}", format::count(total, i.lang()), i.t("cảnh báo", "alerts"))}
                        </p>
                        <ul class="alert-list big">
                            {p.items.into_iter().map(|a| view! { <AlertItem alert=a reload=reload /> }).collect_view()}
                        </ul>
                        <Pager page=Signal::derive(move || page) per_page=Signal::derive(|| PER_PAGE)
                            total=Signal::derive(move || total) on_page=on_page />
                    }.into_any()
                })}
        </section>
    }
}

fn severity_label(i: crate::i18n::I18n, s: AlertSeverity) -> &'static str {
    match s {
        AlertSeverity::High => i.t("Cao", "High"),
        AlertSeverity::Medium => i.t("Trung bình", "Medium"),
        AlertSeverity::Low => i.t("Thấp", "Low"),
    }
}

#[component]
fn AlertItem(alert: AlertView, reload: RwSignal<u32>) -> impl IntoView {
    let i = i18n();
    let id = alert.id;
    let version = alert.version;
    let open = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let acknowledge = move |_| {
        let input = AlertAckInput {
            note: note.get_untracked(),
        };
        if let Err(e) = input.validate() {
            error.set(e.0.first().map(|f| i.pick(&f.message_vi, &f.message_en)));
            return;
        }
        leptos::task::spawn_local(async move {
            let res = api::send::<_, AlertView>(
                gloo_net::http::Method::POST,
                &format!("/api/v1/alerts/{id}/acknowledge"),
                Some(&input),
                Some(&api::etag("alert", id, version)),
            )
            .await;
            match res {
                Ok(_) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let can_ack = session::is_coordinator_or_admin() && alert.acknowledged_at.is_none() && alert.closed_at.is_none();
    let sev = alert.severity;
    view! {
        <li class=format!("sev-{}", sev.as_str()) data-alert-id=id data-type=alert.alert_type.as_str()>
            <div class="subform-head">
                <div>
                    <span class="tag">{move || severity_label(i, sev)}</span>" "
                    <a href=format!("/projects/{}", alert.project_id)>{alert.project_code.clone()}</a>
                    " · "<strong>{i.pick(&alert.title_vi, &alert.title_en)}</strong>
                </div>
                {can_ack.then(|| view! {
                    <button type="button" class="btn secondary" data-testid=format!("ack-{id}")
                        aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                        {move || i.t("Tiếp nhận", "Acknowledge")}
                    </button>
                })}
            </div>
            <div>{i.pick(&alert.message_vi, &alert.message_en)}</div>
            <div class="muted">
                {alert.project_name.clone()}
                {alert.responsible_unit.clone().map(|u| format!(" · {}", u.name))}
                {format!(" · {} {}", i.t("mở lúc", "opened"), format::datetime(alert.opened_at))}
                {alert.closed_at.map(|t| format!(" · {} {}", i.t("đóng lúc", "closed"), format::datetime(t)))}
            </div>
            {alert.acknowledged_at.map(|t| view! {
                <div class="solution" data-testid=format!("acked-{id}")>
                    {format!("{} {} ({}): {}", i.t("Đã tiếp nhận", "Acknowledged"), format::datetime(t),
                        alert.acknowledged_by_name.clone().unwrap_or_default(), alert.ack_note.clone().unwrap_or_default())}
                </div>
            })}
            <Show when=move || open.get()>
                <div class="field">
                    <label for=format!("ack-note-{id}")>{move || i.t("Nội dung xử lý / chỉ đạo", "Action taken / direction")}</label>
                    <textarea id=format!("ack-note-{id}") rows="2" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <button type="button" class="btn primary" data-testid=format!("ack-confirm-{id}") on:click=acknowledge>
                    {move || i.t("Xác nhận tiếp nhận", "Confirm")}
                </button>
            </Show>
        </li>
    }
}
