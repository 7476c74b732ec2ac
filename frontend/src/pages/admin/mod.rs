//! Administration (admins): projects, units, users, integrator tokens, reference lists.

pub(crate) mod projects;
mod reference;
mod tokens;
mod units;
mod users;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::i18n;
use crate::session;

const TABS: [(&str, &str, &str); 5] = [
    ("projects", "Dự án", "Projects"),
    ("units", "Đơn vị", "Units"),
    ("users", "Người dùng", "Users"),
    ("tokens", "Khoá tích hợp", "Integrator tokens"),
    ("reference", "Danh mục", "Reference lists"),
];

#[component]
pub fn AdminPage() -> impl IntoView {
    let i = i18n();
    let query = use_query_map();
    // `?edit=<id>` (from a project page) opens that project's form.
    let editing = query.with_untracked(|q| q.get("edit").and_then(|v| v.parse::<i32>().ok()));
    let tab = RwSignal::new("projects");
    if !session::is_coordinator_or_admin() {
        return view! {
            <section class="page">
                <h1>{move || i.t("Quản trị", "Administration")}</h1>
                <div class="banner error" role="alert" data-testid="forbidden">
                    {move || i.t("Chỉ quản trị viên được vào trang này.", "Only administrators may open this page.")}
                </div>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="page admin">
            <h1>{move || i.t("Quản trị hệ thống", "Administration")}</h1>
            <div class="tabs" role="tablist">
                // Coordinators manage projects; accounts, units and tokens are the admins'.
                {TABS.iter().filter(|(key, _, _)| session::is_admin() || *key == "projects").map(|(key, vi, en)| {
                    let key = *key;
                    let (vi, en) = (*vi, *en);
                    view! {
                        <button type="button" role="tab" data-testid=format!("admin-tab-{key}")
                            aria-selected=move || (tab.get() == key).to_string()
                            on:click=move |_| tab.set(key)>{move || i.t(vi, en)}</button>
                    }
                }).collect_view()}
            </div>
            <div role="tabpanel">
                {move || match tab.get() {
                    "units" => view! { <units::UnitsTab /> }.into_any(),
                    "users" => view! { <users::UsersTab /> }.into_any(),
                    "tokens" => view! { <tokens::TokensTab /> }.into_any(),
                    "reference" => view! { <reference::ReferenceTab /> }.into_any(),
                    _ => view! { <projects::ProjectsTab editing=editing /> }.into_any(),
                }}
            </div>
        </section>
    }
    .into_any()
}

/// (code, label) pairs of a code list, for a `<select>`.
pub(crate) fn options(
    pick: fn(&ioc_domain::dto::ReferenceLists) -> &Vec<ioc_domain::dto::CodeLabel>,
) -> Signal<Vec<(String, String)>> {
    let i = i18n();
    let refs = crate::filters::ref_data();
    Signal::derive(move || {
        refs.lists.with(|l| {
            l.as_ref()
                .map(|l| {
                    pick(l)
                        .iter()
                        .map(|c| (c.code.clone(), i.pick(&c.label_vi, &c.label_en)))
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

pub(crate) fn unit_options() -> Signal<Vec<(String, String)>> {
    let refs = crate::filters::ref_data();
    Signal::derive(move || {
        refs.units
            .with(|u| u.iter().map(|u| (u.id.to_string(), u.name.clone())).collect())
    })
}
