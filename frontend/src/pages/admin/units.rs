//! Units: investors, project management units, departments, communes.

use ioc_domain::dto::{UnitInput, UnitView};
use ioc_domain::UnitKind;
use leptos::prelude::*;

use super::options;
use crate::api::{self, ApiError};
use crate::components::{loaded, ErrorBanner, Field, FormErrors, SelectField};
use crate::i18n::i18n;

#[component]
pub fn UnitsTab() -> impl IntoView {
    let i = i18n();
    let refs = crate::filters::ref_data();
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::get::<Vec<UnitView>>("/api/v1/units")
    });
    // None: no form; Some(None): new; Some(Some(unit)): edit.
    let editing = RwSignal::new(None::<Option<UnitView>>);
    let error = RwSignal::new(None::<ApiError>);
    let done = Callback::new(move |_| {
        editing.set(None);
        reload.update(|n| *n += 1);
        leptos::task::spawn_local(refs.load());
    });
    let remove = move |u: UnitView| {
        leptos::task::spawn_local(async move {
            match api::delete(&format!("/api/v1/units/{}", u.id), &api::etag("unit", u.id, u.version)).await {
                Ok(()) => done.run(()),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    view! {
        {move || editing.get().map(|u| view! { <UnitForm unit=u on_done=done /> })}
        <button type="button" class="btn primary" data-testid="new-unit" on:click=move |_| editing.set(Some(None))>
            {move || i.t("+ Thêm đơn vị", "+ New unit")}
        </button>
        <ErrorBanner error=error />
        {loaded(list, move |units| view! {
                <div class="table-wrap"><table class="data" data-testid="admin-units">
                    <thead><tr>
                        <th scope="col">{i.t("Mã", "Code")}</th><th scope="col">{i.t("Tên đơn vị", "Name")}</th>
                        <th scope="col">{i.t("Loại", "Kind")}</th><th scope="col">{i.t("Thao tác", "Actions")}</th>
                    </tr></thead>
                    <tbody>{units.into_iter().map(|u| {
                        let (u1, u2) = (u.clone(), u.clone());
                        view! { <tr data-unit-id=u.id>
                            <td>{u.code.clone()}</td><td>{u.name.clone()}</td>
                            <td>{i.t(u.kind.label_vi(), u.kind.label_en())}</td>
                            <td class="actions">
                                <button type="button" class="btn secondary" on:click=move |_| editing.set(Some(Some(u1.clone())))>{i.t("Sửa", "Edit")}</button>
                                <button type="button" class="btn danger" on:click=move |_| remove(u2.clone())>{i.t("Xoá", "Delete")}</button>
                            </td>
                        </tr> }
                    }).collect_view()}</tbody>
                </table></div>
            }.into_any())}
    }
}

#[component]
fn UnitForm(unit: Option<UnitView>, on_done: Callback<()>) -> impl IntoView {
    let i = i18n();
    let code = RwSignal::new(unit.as_ref().map(|u| u.code.clone()).unwrap_or_default());
    let name = RwSignal::new(unit.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let kind = RwSignal::new(unit.as_ref().map_or("investor", |u| u.kind.as_str()).to_owned());
    let errors = FormErrors::new();
    let server_error = RwSignal::new(None::<ApiError>);
    let unit = StoredValue::new(unit);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = UnitInput {
            code: code.get_untracked(),
            name: name.get_untracked(),
            kind: UnitKind::parse(&kind.get_untracked()).unwrap_or(UnitKind::Other),
        };
        if let Err(e) = input.validate() {
            errors.set(e.0);
            return;
        }
        let target = unit.get_value();
        let existing = target.map(|u| (u.id, api::etag("unit", u.id, u.version)));
        errors.spawn_save(
            server_error,
            async move { api::save::<_, UnitView>("/api/v1/units", existing, &input).await },
            move |_| on_done.run(()),
        );
    };
    view! {
        <form class="card subform" on:submit=save novalidate>
            <ErrorBanner error=server_error />
            <div class="form-grid">
                <Field id="u-code" key="code" label=i.label("Mã đơn vị", "Code") value=code errors=errors required=true />
                <Field id="u-name" key="name" label=i.label("Tên đơn vị", "Name") value=name errors=errors required=true />
                <SelectField id="u-kind" key="kind" label=i.label("Loại", "Kind") value=kind errors=errors options=options(|l| &l.unit_kinds) />
            </div>
            <div class="form-actions">
                <button type="submit" class="btn primary">{move || i.t("Lưu", "Save")}</button>
                <button type="button" class="btn secondary" on:click=move |_| on_done.run(())>{move || i.t("Đóng", "Close")}</button>
            </div>
        </form>
    }
}
