//! Small building blocks shared by the pages.

mod fields;
mod inbox_badge;
mod status;

pub use fields::*;
pub use inbox_badge::*;
pub use status::*;

use leptos::prelude::*;

use crate::api::{ApiError, ApiResult};
use crate::i18n::i18n;

#[component]
pub fn Loading() -> impl IntoView {
    let i = i18n();
    view! { <p class="loading" role="status" aria-live="polite">{move || i.t("Đang tải…", "Loading…")}</p> }
}

#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    view! {
        {move || error.get().map(|e| view! {
            <div class="banner error" role="alert" data-testid="error-banner">{e.message()}</div>
        })}
    }
}

/// A headline figure. `raw` is the exact API value, kept in `data-value` for tests and
/// screen readers' detail.
#[component]
pub fn Kpi(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] raw: Signal<String>,
    #[prop(optional, into)] hint: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="kpi" data-testid=format!("kpi-{id}") data-value=raw>
            <div class="kpi-label">{label}</div>
            <div class="kpi-value">{value}</div>
            <div class="kpi-hint">{hint}</div>
        </div>
    }
}

/// Previous / next page links with "page x of y".
#[component]
pub fn Pager(
    #[prop(into)] page: Signal<u64>,
    #[prop(into)] per_page: Signal<u64>,
    #[prop(into)] total: Signal<u64>,
    on_page: Callback<u64>,
) -> impl IntoView {
    let i = i18n();
    let pages = move || total.get().div_ceil(per_page.get().max(1)).max(1);
    view! {
        <nav class="pager" aria-label=move || i.t("Phân trang", "Pagination")>
            <button type="button" class="btn secondary" disabled=move || { page.get() <= 1 }
                on:click=move |_| on_page.run(page.get_untracked().saturating_sub(1).max(1))>
                {move || i.t("‹ Trước", "‹ Previous")}
            </button>
            <span data-testid="page-info">
                {move || format!("{} {} / {}", i.t("Trang", "Page"), page.get(), pages())}
            </span>
            <button type="button" class="btn secondary" disabled=move || { page.get() >= pages() }
                on:click=move |_| on_page.run(page.get_untracked() + 1)>
                {move || i.t("Sau ›", "Next ›")}
            </button>
        </nav>
    }
}

/// A resource's view: "loading" until it answers, its error as a banner, else `f(value)`.
pub fn loaded<T, V>(res: LocalResource<ApiResult<T>>, f: impl Fn(T) -> V + 'static) -> impl Fn() -> AnyView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match res.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(e)) => view! { <div class="banner error" role="alert">{e.message()}</div> }.into_any(),
        Some(Ok(v)) => f(v).into_any(),
    }
}
