//! The one filter bar: its state lives in the URL query (bookmarkable, shareable), and the
//! same keys are passed straight to the API, so every widget sees the same selection.

use ioc_domain::dto::{CodeLabel, ReferenceLists, UnitView};
use ioc_domain::UnitKind;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::i18n::i18n;

/// Filter keys, as in the URL and in the API's project filters.
pub const KEYS: &[&str] = &[
    "locality",
    "investor",
    "sector",
    "phase",
    "group",
    "status",
    "has_open_difficulties",
    "slow_disbursement",
    "q",
];

/// Code lists and units, loaded once after sign-in.
#[derive(Clone, Copy)]
pub struct RefData {
    pub lists: RwSignal<Option<ReferenceLists>>,
    pub units: RwSignal<Vec<UnitView>>,
}

pub fn ref_data() -> RefData {
    expect_context::<RefData>()
}

impl RefData {
    pub fn new() -> Self {
        RefData {
            lists: RwSignal::new(None),
            units: RwSignal::new(Vec::new()),
        }
    }

    pub async fn load(self) {
        if let Ok(l) = crate::api::get::<ReferenceLists>("/api/v1/reference").await {
            self.lists.set(Some(l));
        }
        if let Ok(u) = crate::api::get::<Vec<UnitView>>("/api/v1/units").await {
            self.units.set(u);
        }
    }

    /// The label of a code in one of the lists, in the UI language.
    pub fn label(self, pick: fn(&ReferenceLists) -> &Vec<CodeLabel>, code: &str) -> String {
        let i = i18n();
        self.lists.with(|l| {
            l.as_ref()
                .and_then(|l| {
                    pick(l)
                        .iter()
                        .find(|c| c.code == code)
                        .map(|c| i.pick(&c.label_vi, &c.label_en))
                })
                .unwrap_or_else(|| code.to_owned())
        })
    }
}

/// The current filter pairs from the URL (only the filter keys, non-empty).
pub fn current(query: &ParamsMap) -> Vec<(&'static str, String)> {
    KEYS.iter()
        .filter_map(|k| query.get(k).filter(|v| !v.is_empty()).map(|v| (*k, v)))
        .collect()
}

/// Sets one key of the query (empty removes it), resets paging, keeps the path.
pub fn set_query_with(
    navigate: impl Fn(&str, NavigateOptions),
    location: leptos_router::location::Location,
    query: Memo<ParamsMap>,
    key: &'static str,
    value: String,
) {
    let mut q = query.get_untracked();
    if value.is_empty() {
        q.remove(key);
    } else {
        q.replace(key, value);
    }
    if key != "page" {
        q.remove("page");
    }
    let path = location.pathname.get_untracked();
    navigate(
        &format!("{path}{}", q.to_query_string()),
        NavigateOptions {
            scroll: false,
            ..Default::default()
        },
    );
}

#[component]
pub fn FilterBar() -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    let location2 = location.clone();
    let set =
        move |key: &'static str, value: String| set_query_with(navigate.clone(), location2.clone(), query, key, value);
    let set_loc = set.clone();
    let set_inv = set.clone();
    let set_diff = set.clone();
    let set_slow = set.clone();
    let set_q = set.clone();
    let value = move |key: &'static str| query.with(|q| q.get(key).unwrap_or_default());

    let code_select = move |key: &'static str,
                            label_vi: &'static str,
                            label_en: &'static str,
                            pick: fn(&ReferenceLists) -> &Vec<CodeLabel>| {
        let set = set.clone();
        let id = format!("f-{key}");
        view! {
            <div class="filter">
                <label for=id.clone()>{move || i.t(label_vi, label_en)}</label>
                <select
                    id=id
                    prop:value=move || value(key)
                    on:change=move |ev| set(key, event_target_value(&ev))
                >
                    <option value="">{move || i.t("Tất cả", "All")}</option>
                    {move || {
                        refs.lists.with(|l| {
                            l.as_ref()
                                .map(|l| {
                                    pick(l)
                                        .iter()
                                        .map(|c| {
                                            let selected = value(key) == c.code;
                                            view! {
                                                <option value=c.code.clone() selected=selected>
                                                    {i.pick(&c.label_vi, &c.label_en)}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                })
                        })
                    }}
                </select>
            </div>
        }
    };

    let navigate_clear = use_navigate();
    view! {
        <form class="filter-bar" role="search" aria-label=move || i.t("Bộ lọc dự án", "Project filters")
            on:submit=|ev| ev.prevent_default()>
            <div class="filter">
                <label for="f-q">{move || i.t("Tìm kiếm", "Search")}</label>
                <input id="f-q" type="search" placeholder=move || i.t("Mã hoặc tên dự án", "Code or name")
                    prop:value=move || value("q")
                    on:change=move |ev| set_q("q", event_target_value(&ev)) />
            </div>
            <div class="filter">
                <label for="f-locality">{move || i.t("Xã, phường", "Commune/ward")}</label>
                <select id="f-locality" prop:value=move || value("locality")
                    on:change=move |ev| set_loc("locality", event_target_value(&ev))>
                    <option value="">{move || i.t("Tất cả", "All")}</option>
                    {move || refs.lists.with(|l| l.as_ref().map(|l| l.localities.iter().map(|loc| {
                        let selected = value("locality") == loc.code;
                        view! { <option value=loc.code.clone() selected=selected>{loc.name.clone()}</option> }
                    }).collect_view()))}
                </select>
            </div>
            <div class="filter">
                <label for="f-investor">{move || i.t("Chủ đầu tư", "Investor")}</label>
                <select id="f-investor" prop:value=move || value("investor")
                    on:change=move |ev| set_inv("investor", event_target_value(&ev))>
                    <option value="">{move || i.t("Tất cả", "All")}</option>
                    {move || refs.units.with(|us| us.iter()
                        .filter(|u| matches!(u.kind, UnitKind::Investor | UnitKind::ProjectManagementUnit | UnitKind::LandFundCentre | UnitKind::Commune))
                        .map(|u| {
                            let id = u.id.to_string();
                            let selected = value("investor") == id;
                            view! { <option value=id selected=selected>{u.name.clone()}</option> }
                        }).collect_view())}
                </select>
            </div>
            {code_select("sector", "Lĩnh vực", "Sector", |l| &l.sectors)}
            {code_select("phase", "Giai đoạn", "Phase", |l| &l.phases)}
            {code_select("group", "Nhóm dự án", "Project group", |l| &l.project_groups)}
            {code_select("status", "Tình trạng", "Status", |l| &l.progress_statuses)}
            <div class="filter check">
                <input id="f-difficulties" type="checkbox"
                    prop:checked=move || value("has_open_difficulties") == "true"
                    on:change=move |ev| set_diff("has_open_difficulties", if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                <label for="f-difficulties">{move || i.t("Có khó khăn, vướng mắc", "Has open difficulties")}</label>
            </div>
            <div class="filter check">
                <input id="f-slow" type="checkbox"
                    prop:checked=move || value("slow_disbursement") == "true"
                    on:change=move |ev| set_slow("slow_disbursement", if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                <label for="f-slow">{move || i.t("Giải ngân chậm", "Slow disbursement")}</label>
            </div>
            <button type="button" class="btn secondary" data-testid="clear-filters"
                on:click=move |_| {
                    let path = location.pathname.get_untracked();
                    navigate_clear(&path, NavigateOptions { scroll: false, ..Default::default() });
                }>
                {move || i.t("Xoá bộ lọc", "Clear filters")}
            </button>
        </form>
    }
}
