//! Yearly capital plans of a project (kế hoạch vốn): listed for everyone, added, corrected
//! and removed by whoever may edit the project.

use ioc_domain::dto::{CapitalPlanInput, CapitalPlanView};
use ioc_domain::CapitalSource;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{ErrorBanner, Field, FormErrors, Kind, SelectField};
use crate::filters::ref_data;
use crate::format;
use crate::i18n::i18n;
use crate::pages::admin::options;

#[component]
pub fn CapitalPlans(pid: i32, plans: Vec<CapitalPlanView>, can_edit: bool, reload: RwSignal<u32>) -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let mut plans = plans;
    plans.sort_by_key(|p| (std::cmp::Reverse(p.year), p.source.as_str()));
    let plans = StoredValue::new(plans);
    // None: closed; Some(None): new plan; Some(Some(plan)): correcting one.
    let editing = RwSignal::new(None::<Option<CapitalPlanView>>);
    let error = RwSignal::new(None::<ApiError>);
    let remove = move |p: CapitalPlanView| {
        leptos::task::spawn_local(async move {
            let path = format!("/api/v1/projects/{pid}/capital-plans/{}", p.id);
            match api::delete(&path, &api::etag("capital_plan", p.id, p.version)).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let done = Callback::new(move |_| {
        editing.set(None);
        reload.update(|n| *n += 1);
    });
    view! {
        <section class="panel section" aria-labelledby="h-plans">
            <div class="subform-head">
                <h2 id="h-plans">{move || i.t("Kế hoạch vốn theo năm", "Yearly capital plans")}</h2>
                {can_edit.then(|| view! {
                    <button type="button" class="btn secondary" data-testid="add-capital-plan" on:click=move |_| editing.set(Some(None))>
                        {move || i.t("+ Thêm kế hoạch vốn", "+ Add a capital plan")}
                    </button>
                })}
            </div>
            <ErrorBanner error=error />
            {move || editing.get().map(|p| view! { <PlanForm pid=pid plan=p on_done=done /> })}
            <div class="table-wrap">
            <table class="data" data-testid="capital-plans">
                <thead><tr>
                    <th scope="col">{move || i.t("Năm", "Year")}</th>
                    <th scope="col">{move || i.t("Nguồn vốn", "Source")}</th>
                    <th scope="col" class="num">{move || i.t("Số vốn", "Amount")}</th>
                    <th scope="col">{move || i.t("Tiến độ giải ngân KH", "Planned schedule")}</th>
                    <th scope="col">{move || i.t("Ghi chú", "Note")}</th>
                    {can_edit.then(|| view! { <th scope="col">{move || i.t("Thao tác", "Actions")}</th> })}
                </tr></thead>
                <tbody>
                    {move || plans.get_value().into_iter().map(|p| {
                        let (p1, p2) = (p.clone(), p.clone());
                        view! {
                            <tr data-plan-id=p.id>
                                <td>{p.year}</td>
                                <td>{refs.label(|l| &l.capital_sources, p.source.as_str())}</td>
                                <td class="num">{format::money(p.amount, i.lang())}</td>
                                <td>{if p.uses_default_schedule { i.t("Mặc định của tỉnh", "Province default") } else { i.t("Riêng của dự án", "Project's own") }}</td>
                                <td>{p.note.clone()}</td>
                                {can_edit.then(|| view! {
                                    <td class="actions">
                                        <button type="button" class="btn secondary" on:click=move |_| editing.set(Some(Some(p1.clone())))>{i.t("Sửa", "Edit")}</button>
                                        <button type="button" class="btn danger" on:click=move |_| remove(p2.clone())>{i.t("Xoá", "Delete")}</button>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

#[component]
fn PlanForm(pid: i32, plan: Option<CapitalPlanView>, on_done: Callback<()>) -> impl IntoView {
    let i = i18n();
    let p = plan.as_ref();
    let year = RwSignal::new(
        p.map_or_else(|| chrono::Datelike::year(&format::today()), |p| p.year)
            .to_string(),
    );
    let source = RwSignal::new(p.map_or("provincial_budget", |p| p.source.as_str()).to_owned());
    let amount = RwSignal::new(p.map(|p| p.amount.to_db().to_string()).unwrap_or_default());
    let note = RwSignal::new(p.map(|p| p.note.clone()).unwrap_or_default());
    let errors = FormErrors::new();
    let server_error = RwSignal::new(None::<ApiError>);
    let plan = StoredValue::new(plan);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut errs = Vec::new();
        let y = year.get_untracked().trim().parse::<i32>().unwrap_or_else(|_| {
            errs.push(ioc_domain::FieldError::new(
                "year",
                "invalid_number",
                "Năm không hợp lệ.",
                "Invalid year.",
            ));
            0
        });
        let a = format::parse_money_input(&amount.get_untracked()).unwrap_or_else(|| {
            errs.push(ioc_domain::FieldError::new(
                "amount",
                "invalid_number",
                "Phải là một số.",
                "Must be a number.",
            ));
            rust_decimal::Decimal::ZERO
        });
        let existing = plan.get_value();
        let input = CapitalPlanInput {
            year: y,
            source: CapitalSource::parse(&source.get_untracked()).unwrap_or(CapitalSource::ProvincialBudget),
            amount: a,
            // A correction keeps the project's own schedule, if it has one.
            schedule: existing
                .as_ref()
                .filter(|p| !p.uses_default_schedule)
                .map(|p| p.schedule.iter().map(|s| s.value()).collect()),
            note: note.get_untracked(),
        };
        if errs.is_empty() {
            if let Err(e) = input.validate() {
                errs = e.0;
            }
        }
        if !errs.is_empty() {
            errors.set(errs);
            return;
        }
        errors.set(Vec::new());
        let target = existing.map(|p| (p.id, api::etag("capital_plan", p.id, p.version)));
        errors.spawn_save(
            server_error,
            async move {
                let collection = format!("/api/v1/projects/{pid}/capital-plans");
                api::save::<_, CapitalPlanView>(&collection, target, &input).await
            },
            move |_| on_done.run(()),
        );
    };
    view! {
        <form class="subform" on:submit=save novalidate data-testid="capital-plan-form">
            <ErrorBanner error=server_error />
            <div class="form-grid">
                <Field id="cp-year" key="year" label=i.label("Năm", "Year") value=year errors=errors kind=Kind::Number inputmode="numeric" required=true />
                <SelectField id="cp-source" key="source" label=i.label("Nguồn vốn", "Source") value=source errors=errors options=options(|l| &l.capital_sources) />
                <Field id="cp-amount" key="amount" label=i.label("Số vốn (đồng)", "Amount (VND)") value=amount errors=errors kind=Kind::Number inputmode="numeric" required=true />
                <Field id="cp-note" key="note" label=i.label("Ghi chú", "Note") value=note errors=errors />
            </div>
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="save-capital-plan">{move || i.t("Lưu", "Save")}</button>
                <button type="button" class="btn secondary" on:click=move |_| on_done.run(())>{move || i.t("Đóng", "Close")}</button>
            </div>
        </form>
    }
}
