//! Projects: list (archived included), create, edit, archive and restore.

use chrono::NaiveDate;
use ioc_domain::dto::{Page, ProjectInput, ProjectView};
use ioc_domain::policy::can_reassign_project;
use ioc_domain::{FieldError, Phase, ProjectGroup, Sector, ValidationErrors};
use leptos::prelude::*;

use super::{options, unit_options};
use crate::api::{self, ApiError};
use crate::components::{loaded, ErrorBanner, Field, FormErrors, Kind, SelectField, StatusBadge};
use crate::format;
use crate::i18n::i18n;

#[component]
pub fn ProjectsTab(editing: Option<i32>) -> impl IntoView {
    let i = i18n();
    let reload = RwSignal::new(0u32);
    let q = RwSignal::new(String::new());
    // None: list only; Some(None): new project; Some(Some(id)): edit.
    let form = RwSignal::new(editing.map(Some));
    let list = LocalResource::new(move || {
        reload.track();
        let qs = api::query(&[
            ("q", q.get()),
            ("include_archived", "true".into()),
            ("per_page", "100".into()),
        ]);
        async move { api::get::<Page<ProjectView>>(format!("/api/v1/projects{qs}")).await }
    });
    let error = RwSignal::new(None::<ApiError>);
    let archive = move |p: ProjectView| {
        leptos::task::spawn_local(async move {
            let tag = api::etag("project", p.id, p.version);
            let res = if p.archived {
                api::send::<(), serde_json::Value>(
                    gloo_net::http::Method::POST,
                    &format!("/api/v1/projects/{}/restore", p.id),
                    None,
                    Some(&tag),
                )
                .await
                .map(|_| ())
            } else {
                api::delete(&format!("/api/v1/projects/{}", p.id), &tag).await
            };
            match res {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        {move || form.get().map(|target| view! {
            <ProjectForm id=target on_done=Callback::new(move |_| { form.set(None); reload.update(|n| *n += 1); }) />
        })}
        <div class="page-head">
            <div class="filter">
                <label for="admin-q">{move || i.t("Tìm dự án", "Find a project")}</label>
                <input id="admin-q" type="search" on:change=move |ev| q.set(event_target_value(&ev)) />
            </div>
            <button type="button" class="btn primary" data-testid="new-project" on:click=move |_| form.set(Some(None))>
                {move || i.t("+ Thêm dự án", "+ New project")}
            </button>
        </div>
        <ErrorBanner error=error />
        {loaded(list, move |p| view! {
                <div class="table-wrap">
                <table class="data" data-testid="admin-projects">
                    <thead><tr>
                        <th scope="col">{i.t("Mã", "Code")}</th>
                        <th scope="col">{i.t("Tên dự án", "Name")}</th>
                        <th scope="col">{i.t("Chủ đầu tư", "Investor")}</th>
                        <th scope="col">{i.t("Tình trạng", "Status")}</th>
                        <th scope="col">{i.t("Thao tác", "Actions")}</th>
                    </tr></thead>
                    <tbody>
                        {p.items.into_iter().map(|x| {
                            let id = x.id;
                            let archived = x.archived;
                            let x2 = x.clone();
                            view! {
                                <tr data-project-id=id class:muted=archived>
                                    <td><a href=format!("/projects/{id}")>{x.code.clone()}</a></td>
                                    <td>{x.name.clone()}{archived.then(|| view! { <span class="tag">{i.t("Đã lưu trữ", "Archived")}</span> })}</td>
                                    <td>{x.investor.name.clone()}</td>
                                    <td><StatusBadge status=x.progress.status /></td>
                                    <td class="actions">
                                        <button type="button" class="btn secondary" on:click=move |_| form.set(Some(Some(id)))>{i.t("Sửa", "Edit")}</button>
                                        <button type="button" class="btn danger" on:click=move |_| archive(x2.clone())>
                                            {if archived { i.t("Khôi phục", "Restore") } else { i.t("Lưu trữ", "Archive") }}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any())}
    }
}

#[derive(Clone, Copy)]
struct ProjectFields {
    code: RwSignal<String>,
    name: RwSignal<String>,
    description: RwSignal<String>,
    group: RwSignal<String>,
    sector: RwSignal<String>,
    phase: RwSignal<String>,
    investor: RwSignal<String>,
    managing: RwSignal<String>,
    localities: RwSignal<Vec<String>>,
    key_project: RwSignal<bool>,
    total: RwSignal<String>,
    planned_start: RwSignal<String>,
    planned_end: RwSignal<String>,
    actual_start: RwSignal<String>,
    actual_end: RwSignal<String>,
}

impl ProjectFields {
    fn from(p: Option<&ProjectView>) -> Self {
        let s = |f: &dyn Fn(&ProjectView) -> String, d: &str| RwSignal::new(p.map(f).unwrap_or_else(|| d.to_owned()));
        ProjectFields {
            code: s(&|p| p.code.clone(), ""),
            name: s(&|p| p.name.clone(), ""),
            description: s(&|p| p.description.clone(), ""),
            group: s(&|p| p.group.as_str().into(), "b"),
            sector: s(&|p| p.sector.as_str().into(), "transport"),
            phase: s(&|p| p.phase.as_str().into(), "implementation"),
            investor: s(&|p| p.investor.id.to_string(), ""),
            managing: s(
                &|p| p.managing_unit.as_ref().map(|u| u.id.to_string()).unwrap_or_default(),
                "",
            ),
            localities: RwSignal::new(
                p.map(|p| p.localities.iter().map(|l| l.code.clone()).collect())
                    .unwrap_or_default(),
            ),
            key_project: RwSignal::new(p.is_none_or(|p| p.is_key_project)),
            total: s(&|p| p.total_investment.to_db().to_string(), ""),
            planned_start: s(&|p| p.planned_start.to_string(), ""),
            planned_end: s(&|p| p.planned_end.to_string(), ""),
            actual_start: s(&|p| p.actual_start.map(|d| d.to_string()).unwrap_or_default(), ""),
            actual_end: s(&|p| p.actual_end.map(|d| d.to_string()).unwrap_or_default(), ""),
        }
    }

    fn build(&self, existing: Option<&ProjectView>) -> Result<ProjectInput, Vec<FieldError>> {
        let mut errs = ValidationErrors::new();
        let date = |f: &str, s: RwSignal<String>, errs: &mut ValidationErrors| -> Option<NaiveDate> {
            let v = s.get_untracked();
            if v.trim().is_empty() {
                return None;
            }
            v.parse()
                .map_err(|_| {
                    errs.push(FieldError::new(
                        f,
                        "invalid_date",
                        "Ngày không hợp lệ.",
                        "Invalid date.",
                    ))
                })
                .ok()
        };
        let planned_start = date("planned_start", self.planned_start, &mut errs);
        let planned_end = date("planned_end", self.planned_end, &mut errs);
        for (f, v) in [("planned_start", planned_start), ("planned_end", planned_end)] {
            if v.is_none() && !errs.fields().contains(&f) {
                errs.push(FieldError::required(f));
            }
        }
        let actual_start = date("actual_start", self.actual_start, &mut errs);
        let actual_end = date("actual_end", self.actual_end, &mut errs);
        let total = format::parse_money_input(&self.total.get_untracked());
        if total.is_none() {
            errs.push(FieldError::new(
                "total_investment",
                "invalid_number",
                "Phải là một số.",
                "Must be a number.",
            ));
        }
        let investor = self.investor.get_untracked().parse::<i32>().ok();
        if investor.is_none() {
            errs.push(FieldError::required("investor_unit_id"));
        }
        let input = ProjectInput {
            code: self.code.get_untracked(),
            name: self.name.get_untracked(),
            description: self.description.get_untracked(),
            group: ProjectGroup::parse(&self.group.get_untracked()).unwrap_or(ProjectGroup::B),
            sector: Sector::parse(&self.sector.get_untracked()).unwrap_or(Sector::Other),
            phase: Phase::parse(&self.phase.get_untracked()).unwrap_or(Phase::Implementation),
            investor_unit_id: investor.unwrap_or_default(),
            managing_unit_id: self.managing.get_untracked().parse().ok(),
            locality_codes: self.localities.get_untracked(),
            latitude: existing.and_then(|p| p.latitude),
            longitude: existing.and_then(|p| p.longitude),
            is_key_project: self.key_project.get_untracked(),
            total_investment: total.unwrap_or_default(),
            planned_start: planned_start.unwrap_or_default(),
            planned_end: planned_end.unwrap_or_default(),
            actual_start,
            actual_end,
            // The baseline curve is kept as it is; it is edited through the API.
            baseline: existing.map(|p| p.baseline.clone()).unwrap_or_default(),
        };
        if errs.is_empty() {
            input.validate(format::today()).map(|_| input.clone()).map_err(|e| e.0)
        } else {
            Err(errs.0)
        }
    }
}

/// The project's general information form (new or existing), used by the admin list and by
/// the project page for whoever may edit the project.
#[component]
pub fn ProjectForm(id: Option<i32>, on_done: Callback<()>) -> impl IntoView {
    let project = LocalResource::new(move || async move {
        match id {
            Some(id) => api::get_with_etag::<ProjectView>(&format!("/api/v1/projects/{id}"))
                .await
                .map(|(p, t)| Some((p, t))),
            None => Ok(None),
        }
    });
    view! {
        {loaded(project, move |existing| view! { <ProjectFormBody existing=existing on_done=on_done /> }.into_any())}
    }
}

#[component]
fn ProjectFormBody(existing: Option<(ProjectView, Option<String>)>, on_done: Callback<()>) -> impl IntoView {
    let i = i18n();
    let refs = crate::filters::ref_data();
    let fields = ProjectFields::from(existing.as_ref().map(|(p, _)| p));
    let errors = FormErrors::new();
    let server_error = RwSignal::new(None::<ApiError>);
    let etag = RwSignal::new(existing.as_ref().and_then(|(_, t)| t.clone()));
    let existing = StoredValue::new(existing.map(|(p, _)| p));
    // A unit editor keeps its project's figures but not who owns it: the server refuses a new
    // investor or managing unit (403), so the form does not offer one.
    let fixed_owner = !crate::session::actor().is_some_and(|a| can_reassign_project(&a));
    let owner_hint = fixed_owner.then(|| {
        i.label(
            "Chỉ Sở Xây dựng hoặc quản trị viên được đổi chủ đầu tư và đơn vị quản lý.",
            "Only coordinators and administrators may change the investor and managing unit.",
        )
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = match existing.with_value(|p| fields.build(p.as_ref())) {
            Ok(x) => x,
            Err(e) => {
                errors.set(e);
                return;
            }
        };
        errors.set(Vec::new());
        let target = existing.with_value(|p| p.as_ref().map(|p| p.id));
        let existing = target.map(|id| (id, etag.get_untracked().unwrap_or_default()));
        errors.spawn_save(
            server_error,
            async move {
                let res = api::save::<_, ProjectView>("/api/v1/projects", existing, &input).await;
                if let Err(e) = &res {
                    if e.is_conflict() {
                        // Keep the input; take the current version so a second save applies it.
                        etag.set(e.problem.current_etag.clone());
                    }
                }
                res
            },
            move |_| on_done.run(()),
        );
    };
    let locality_options = move || {
        refs.lists
            .with(|l| l.as_ref().map(|l| l.localities.clone()).unwrap_or_default())
    };
    view! {
        <form class="card subform" on:submit=save novalidate data-testid="project-form">
            <h2>{move || if existing.with_value(Option::is_some) { i.t("Sửa dự án", "Edit project") } else { i.t("Thêm dự án", "New project") }}</h2>
            {move || server_error.get().map(|e| view! {
                <div class="banner error" role="alert">{e.message()}
                    {e.is_conflict().then(|| i.t(" Dữ liệu đã được người khác sửa; bấm Lưu lần nữa để ghi đè bằng nội dung của bạn.", " Someone else changed it; press Save again to apply your version."))}
                </div>
            })}
            <div class="form-grid">
                <Field id="p-code" key="code" label=i.label("Mã dự án", "Code") value=fields.code errors=errors required=true />
                <Field id="p-name" key="name" label=i.label("Tên dự án", "Name") value=fields.name errors=errors required=true />
                <SelectField id="p-group" key="group" label=i.label("Nhóm", "Group") value=fields.group errors=errors options=options(|l| &l.project_groups) />
                <SelectField id="p-sector" key="sector" label=i.label("Lĩnh vực", "Sector") value=fields.sector errors=errors options=options(|l| &l.sectors) />
                <SelectField id="p-phase" key="phase" label=i.label("Giai đoạn", "Phase") value=fields.phase errors=errors options=options(|l| &l.phases) />
                <SelectField id="p-investor" key="investor_unit_id" label=i.label("Chủ đầu tư", "Investor") value=fields.investor errors=errors options=unit_options() allow_empty=true disabled=fixed_owner hint=owner_hint />
                <SelectField id="p-managing" key="managing_unit_id" label=i.label("Đơn vị quản lý", "Managing unit") value=fields.managing errors=errors options=unit_options() allow_empty=true disabled=fixed_owner hint=owner_hint />
                <Field id="p-total" key="total_investment" label=i.label("Tổng mức đầu tư (đồng)", "Total investment (VND)") value=fields.total errors=errors kind=Kind::Number inputmode="numeric" required=true />
                <Field id="p-planned-start" key="planned_start" label=i.label("Khởi công (KH)", "Planned start") value=fields.planned_start errors=errors kind=Kind::Date required=true />
                <Field id="p-planned-end" key="planned_end" label=i.label("Hoàn thành (KH)", "Planned end") value=fields.planned_end errors=errors kind=Kind::Date required=true />
                <Field id="p-actual-start" key="actual_start" label=i.label("Khởi công (TT)", "Actual start") value=fields.actual_start errors=errors kind=Kind::Date />
                <Field id="p-actual-end" key="actual_end" label=i.label("Hoàn thành (TT)", "Actual end") value=fields.actual_end errors=errors kind=Kind::Date />
            </div>
            <div class="field">
                <label for="p-localities">{move || i.t("Xã, phường (giữ Ctrl để chọn nhiều)", "Communes/wards (Ctrl to pick several)")}</label>
                <select id="p-localities" multiple size="6"
                    on:change=move |ev| {
                        let el: web_sys::HtmlSelectElement = wasm_bindgen::JsCast::unchecked_into(event_target::<web_sys::Element>(&ev));
                        let opts = el.selected_options();
                        let picked = (0..opts.length()).filter_map(|k| opts.item(k)).filter_map(|o| o.get_attribute("value")).collect();
                        fields.localities.set(picked);
                    }>
                    {move || locality_options().into_iter().map(|l| {
                        let selected = fields.localities.with_untracked(|v| v.contains(&l.code));
                        view! { <option value=l.code.clone() selected=selected>{l.name.clone()}</option> }
                    }).collect_view()}
                </select>
                {move || errors.message("locality_codes").map(|m| view! { <p class="field-error" id="p-localities-error">{m}</p> })}
            </div>
            <Field id="p-description" key="description" label=i.label("Mô tả", "Description") value=fields.description errors=errors kind=Kind::TextArea />
            <div class="filter check">
                <input type="checkbox" id="p-key" prop:checked=move || fields.key_project.get() on:change=move |ev| fields.key_project.set(event_target_checked(&ev)) />
                <label for="p-key">{move || i.t("Dự án trọng điểm", "Key project")}</label>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="save-project">{move || i.t("Lưu", "Save")}</button>
                <button type="button" class="btn secondary" on:click=move |_| on_done.run(())>{move || i.t("Đóng", "Close")}</button>
            </div>
        </form>
    }
}
