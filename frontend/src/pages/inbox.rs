//! The inbox: my notifications, newest first; mark one or all read; each item links to its
//! task, alert or meeting.

use ioc_domain::dto::{NotificationView, Page};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::api;
use crate::components::{loaded, unread, ErrorBanner, Pager};
use crate::filters::set_query_with;
use crate::format;
use crate::i18n::i18n;

const PER_PAGE: u64 = 20;

#[component]
pub fn InboxPage() -> impl IntoView {
    let i = i18n();
    let badge = unread();
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    let reload = RwSignal::new(0u32);
    let error = RwSignal::new(None::<api::ApiError>);
    let only_unread = move || query.with(|q| q.get("unread").as_deref() == Some("true"));
    let list = LocalResource::new(move || {
        reload.track();
        let qs = api::query(&[
            ("unread", if only_unread() { "true".into() } else { String::new() }),
            ("page", query.with(|q| q.get("page").unwrap_or_else(|| "1".into()))),
            ("per_page", PER_PAGE.to_string()),
        ]);
        async move { api::get::<Page<NotificationView>>(format!("/api/v1/notifications{qs}")).await }
    });
    let changed = move || {
        reload.update(|n| *n += 1);
        badge.refresh();
    };
    let read_all = move |_| {
        leptos::task::spawn_local(async move {
            match api::post_action("/api/v1/notifications/read-all", None).await {
                Ok(()) => changed(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let set = move |k: &'static str, v: String| set_query_with(navigate.clone(), location.clone(), query, k, v);
    let set_unread = set.clone();
    let on_page = Callback::new(move |p: u64| set("page", p.to_string()));
    view! {
        <section class="page inbox">
            <div class="page-head">
                <h1>{move || i.t("Thông báo", "Notifications")}</h1>
                <div class="actions">
                    <button type="button" class="btn secondary" data-testid="read-all" on:click=read_all>
                        {move || i.t("Đánh dấu tất cả đã đọc", "Mark all read")}
                    </button>
                    <a class="btn secondary" href="/settings">{move || i.t("Cài đặt thông báo", "Notification settings")}</a>
                </div>
            </div>
            <div class="filter check">
                <input id="inbox-unread" type="checkbox" prop:checked=only_unread
                    on:change=move |ev| set_unread("unread", if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                <label for="inbox-unread">{move || i.t("Chỉ hiện chưa đọc", "Unread only")}</label>
            </div>
            <ErrorBanner error=error />
            {loaded(list, move |p| {
                let (total, page) = (p.total, p.page);
                view! {
                    <p class="muted" data-testid="inbox-total" data-value=total.to_string()>
                        {format!("{} {}", format::count(total, i.lang()), i.t("thông báo", "notifications"))}
                    </p>
                    {(total == 0).then(|| view! { <p class="empty">{i.t("Không có thông báo.", "No notifications.")}</p> })}
                    <ul class="inbox-list">
                        {p.items.into_iter().map(|n| view! { <InboxItem item=n error=error on_change=Callback::new(move |_| changed()) /> }).collect_view()}
                    </ul>
                    <Pager page=Signal::derive(move || page) per_page=Signal::derive(|| PER_PAGE)
                        total=Signal::derive(move || total) on_page=on_page />
                }
            })}
        </section>
    }
}

#[component]
fn InboxItem(item: NotificationView, error: RwSignal<Option<api::ApiError>>, on_change: Callback<()>) -> impl IntoView {
    let i = i18n();
    let id = item.id;
    let unread = item.read_at.is_none();
    let navigate = use_navigate();
    let mark = move || async move { api::post_action(&format!("/api/v1/notifications/{id}/read"), None).await };
    let link = item.link.clone();
    // Opening an unread item marks it read first, then follows its link.
    let open = move |ev: leptos::ev::MouseEvent| {
        let Some(href) = link.clone() else { return };
        ev.prevent_default();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            if unread {
                let _ = mark().await;
                on_change.run(());
            }
            navigate(&href, Default::default());
        });
    };
    let mark_only = move |_| {
        leptos::task::spawn_local(async move {
            match mark().await {
                Ok(()) => on_change.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let title = i.pick(&item.title, &item.title_en);
    let body = i.pick(&item.body, &item.body_en);
    let event = item.event;
    view! {
        <li class="inbox-item" class:unread=unread data-notification-id=id data-event=event.as_str()>
            <div class="subform-head">
                <div>
                    {unread.then(|| view! { <span class="dot" aria-hidden="true"></span> })}
                    {unread.then(|| view! { <span class="sr-only">{i.t("Chưa đọc: ", "Unread: ")}</span> })}
                    <span class="tag">{move || i.t(event.label_vi(), event.label_en())}</span>" "
                    {match item.link.clone() {
                        Some(href) => view! { <a href=href on:click=open data-testid=format!("open-{id}")><strong>{title.clone()}</strong></a> }.into_any(),
                        None => view! { <strong>{title.clone()}</strong> }.into_any(),
                    }}
                </div>
                {unread.then(|| view! {
                    <button type="button" class="btn secondary" data-testid=format!("read-{id}") on:click=mark_only>
                        {move || i.t("Đã đọc", "Mark read")}
                    </button>
                })}
            </div>
            <div class="inbox-body">{body}</div>
            <div class="muted">{format::datetime(item.created_at)}</div>
        </li>
    }
}
