//! Meetings (giao ban, e-Cabinet): the list, the form, one meeting, presenter mode and the
//! print view of its conclusions notice.

mod conclusions;
mod detail;
mod form;
mod presenter;

pub use conclusions::ConclusionsPage;
pub use detail::MeetingPage;
pub use form::MeetingFormPage;
pub use presenter::PresenterPage;

use ioc_domain::dto::{MeetingView, Page};
use ioc_domain::{MeetingKind, MeetingState};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::api;
use crate::components::{loaded, Pager};
use crate::filters::set_query_with;
use crate::format;
use crate::i18n::i18n;
use crate::session;

const PER_PAGE: u64 = 20;

/// Whether the signed-in user may create meetings (the domain's policy).
pub(crate) fn can_manage() -> bool {
    session::actor().is_some_and(|a| ioc_domain::policy::can_manage_meetings(&a))
}

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let i = i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    let params = Memo::new(move |_| {
        query.with(|q| {
            let mut pairs: Vec<(&'static str, String)> = Vec::new();
            for k in ["kind", "state"] {
                if let Some(v) = q.get(k) {
                    pairs.push((k, v));
                }
            }
            pairs.push(("page", q.get("page").unwrap_or_else(|| "1".into())));
            pairs.push(("per_page", PER_PAGE.to_string()));
            pairs
        })
    });
    let list = LocalResource::new(move || {
        let qs = api::query(&params.get());
        async move { api::get::<Page<MeetingView>>(format!("/api/v1/meetings{qs}")).await }
    });
    let value = move |k: &'static str| query.with(|q| q.get(k).unwrap_or_default());
    let set = move |k: &'static str, v: String| set_query_with(navigate.clone(), location.clone(), query, k, v);
    let (set_kind, set_state) = (set.clone(), set.clone());
    let on_page = Callback::new(move |p: u64| set("page", p.to_string()));
    view! {
        <section class="page meetings">
            <div class="page-head">
                <h1>{move || i.t("Cuộc họp giao ban", "Meetings")}</h1>
                <Show when=can_manage>
                    <a class="btn primary" href="/meetings/new" data-testid="new-meeting">{move || i.t("Tạo cuộc họp", "New meeting")}</a>
                </Show>
            </div>
            <form class="filter-bar" on:submit=|ev| ev.prevent_default() aria-label=move || i.t("Lọc cuộc họp", "Filter meetings")>
                <div class="filter">
                    <label for="m-kind">{move || i.t("Loại cuộc họp", "Kind")}</label>
                    <select id="m-kind" on:change=move |ev| set_kind("kind", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        {MeetingKind::ALL.iter().map(|k| { let k = *k; view! {
                            <option value=k.as_str() selected=move || value("kind") == k.as_str()>{move || i.t(k.label_vi(), k.label_en())}</option>
                        }}).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="m-state">{move || i.t("Trạng thái", "State")}</label>
                    <select id="m-state" on:change=move |ev| set_state("state", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        {MeetingState::ALL.iter().map(|s| { let s = *s; view! {
                            <option value=s.as_str() selected=move || value("state") == s.as_str()>{move || i.t(s.label_vi(), s.label_en())}</option>
                        }}).collect_view()}
                    </select>
                </div>
            </form>
            {loaded(list, move |p| {
                let (total, page) = (p.total, p.page);
                view! {
                    <div class="table-wrap">
                        <table class="data" data-testid="meetings-table">
                            <thead><tr>
                                <th scope="col">{move || i.t("Thời gian", "When")}</th>
                                <th scope="col">{move || i.t("Cuộc họp", "Meeting")}</th>
                                <th scope="col">{move || i.t("Loại", "Kind")}</th>
                                <th scope="col">{move || i.t("Chủ trì", "Chair")}</th>
                                <th scope="col">{move || i.t("Trạng thái", "State")}</th>
                            </tr></thead>
                            <tbody>
                                {p.items.into_iter().map(|m| { let (kind, state) = (m.kind, m.state); view! {
                                    <tr data-meeting-id=m.id data-state=state.as_str()>
                                        <td>{format::datetime(m.starts_at)}</td>
                                        <td><a href=format!("/meetings/{}", m.id)>{m.title.clone()}</a></td>
                                        <td>{move || i.t(kind.label_vi(), kind.label_en())}</td>
                                        <td>{m.chair.display_name.clone()}</td>
                                        <td><span class=format!("tag state-{}", state.as_str())>{move || i.t(state.label_vi(), state.label_en())}</span></td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager page=Signal::derive(move || page) per_page=Signal::derive(|| PER_PAGE)
                        total=Signal::derive(move || total) on_page=on_page />
                }
            })}
        </section>
    }
}
