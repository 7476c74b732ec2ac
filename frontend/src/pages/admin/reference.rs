//! Reference lists: communes/wards (editable) and the fixed code lists (read only, with
//! their Vietnamese and English labels).

use ioc_domain::dto::{CodeLabel, LocalityInput, LocalityView};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{ErrorBanner, Field, FormErrors, SelectField};
use crate::filters::ref_data;
use crate::i18n::i18n;

#[component]
pub fn ReferenceTab() -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("ward".to_owned());
    let errors = FormErrors::new();
    let error = RwSignal::new(None::<ApiError>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = LocalityInput {
            code: code.get_untracked(),
            name: name.get_untracked(),
            kind: kind.get_untracked(),
        };
        if let Err(e) = input.validate() {
            errors.set(e.0);
            return;
        }
        errors.spawn_save(
            error,
            async move { api::post::<_, LocalityView>("/api/v1/localities", &input).await },
            move |_| {
                code.set(String::new());
                name.set(String::new());
                leptos::task::spawn_local(refs.load());
            },
        );
    };
    let kinds = Signal::derive(move || {
        vec![
            ("ward".to_owned(), i.t("Phường", "Ward").to_owned()),
            ("commune".to_owned(), i.t("Xã", "Commune").to_owned()),
        ]
    });
    let list = move |title_vi: &'static str, title_en: &'static str, items: Vec<CodeLabel>| {
        view! {
            <div class="panel">
                <h3>{move || i.t(title_vi, title_en)}</h3>
                <table class="data">
                    <thead><tr><th scope="col">{i.t("Mã", "Code")}</th><th scope="col">"Tiếng Việt"</th><th scope="col">"English"</th></tr></thead>
                    <tbody>{items.into_iter().map(|c| view! { <tr><td><code>{c.code}</code></td><td>{c.label_vi}</td><td>{c.label_en}</td></tr> }).collect_view()}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <h2>{move || i.t("Xã, phường", "Communes and wards")}</h2>
        <ErrorBanner error=error />
        <form class="card subform" on:submit=add novalidate>
            <div class="form-grid">
                <Field id="l-code" key="code" label=i.label("Mã", "Code") value=code errors=errors required=true />
                <Field id="l-name" key="name" label=i.label("Tên", "Name") value=name errors=errors required=true />
                <SelectField id="l-kind" key="kind" label=i.label("Loại", "Kind") value=kind errors=errors options=kinds />
            </div>
            <button type="submit" class="btn primary">{move || i.t("+ Thêm xã, phường", "+ Add")}</button>
        </form>
        <p class="muted">{move || refs.lists.with(|l| l.as_ref().map(|l| l.localities.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(" · ")))}</p>
        <h2>{move || i.t("Danh mục cố định", "Fixed code lists")}</h2>
        <div class="charts" data-testid="code-lists">
            {move || refs.lists.get().map(|l| view! {
                {list("Lĩnh vực", "Sectors", l.sectors.clone())}
                {list("Nhóm dự án", "Project groups", l.project_groups.clone())}
                {list("Giai đoạn", "Phases", l.phases.clone())}
                {list("Nhóm khó khăn", "Difficulty categories", l.difficulty_categories.clone())}
                {list("Nguồn vốn", "Capital sources", l.capital_sources.clone())}
                {list("Tình trạng tiến độ", "Progress statuses", l.progress_statuses.clone())}
            })}
        </div>
    }
}
