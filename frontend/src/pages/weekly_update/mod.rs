//! The weekly e-form: progress, output value, disbursements and difficulties in one atomic
//! submission. The domain crate's validators run here first (the same rules as the
//! server); server errors land on the same fields; a 412 keeps everything typed.

use ioc_domain::dto::{
    DifficultyInput, DifficultyUpdate, DifficultyView, DisbursementInput, PreviousReport, ProgressReportInput,
    ProgressReportView, ProjectView, WeeklyUpdateInput, WeeklyUpdateResult,
};
use ioc_domain::{DifficultyCategory, DifficultyStatus, FieldError, ValidationErrors, Vnd};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::api::{self, ApiError};
use crate::components::{problem_field_errors, Field, FormErrors, Kind, Loading, SelectField};
use crate::filters::ref_data;
use crate::format;
use crate::i18n::i18n;
use crate::pages::project_detail::project_id;

mod draft;

#[derive(Clone)]
struct Base {
    project: ProjectView,
    reports: Vec<ProgressReportView>,
    difficulties: Vec<DifficultyView>,
}

impl Base {
    /// The difficulties the form offers to update: every one not resolved yet.
    fn open_edits(&self) -> Vec<DiffEdit> {
        self.difficulties
            .iter()
            .filter(|d| d.status != DifficultyStatus::Resolved)
            .cloned()
            .map(DiffEdit::new)
            .collect()
    }
}

async fn load_base(id: i32) -> Result<Base, ApiError> {
    let (project, reports, difficulties) = futures::join!(
        api::get::<ProjectView>(format!("/api/v1/projects/{id}")),
        api::get::<Vec<ProgressReportView>>(format!("/api/v1/projects/{id}/reports")),
        api::get::<Vec<DifficultyView>>(format!("/api/v1/projects/{id}/difficulties")),
    );
    Ok(Base {
        project: project?,
        reports: reports?,
        difficulties: difficulties?,
    })
}

#[derive(Clone, Copy)]
struct DisbRow {
    key: usize,
    paid_on: RwSignal<String>,
    amount: RwSignal<String>,
    note: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct NewDiffRow {
    key: usize,
    category: RwSignal<String>,
    title: RwSignal<String>,
    detail: RwSignal<String>,
    proposed_solution: RwSignal<String>,
    responsible_unit_id: RwSignal<String>,
    needs_direction: RwSignal<bool>,
    raised_on: RwSignal<String>,
}

/// An existing difficulty the officer may update; `read` is the version the edit is based on.
#[derive(Clone, Copy)]
struct DiffEdit {
    id: i32,
    read: RwSignal<DifficultyView>,
    editing: RwSignal<bool>,
    status: RwSignal<String>,
    proposed_solution: RwSignal<String>,
    resolved_on: RwSignal<String>,
    resolution_note: RwSignal<String>,
    needs_direction: RwSignal<bool>,
    /// Set on a 412: the newer version someone else saved.
    newer: RwSignal<Option<DifficultyView>>,
}

impl DiffEdit {
    fn new(d: DifficultyView) -> Self {
        DiffEdit {
            id: d.id,
            status: RwSignal::new(d.status.as_str().to_owned()),
            proposed_solution: RwSignal::new(d.proposed_solution.clone()),
            resolved_on: RwSignal::new(d.resolved_on.map(|x| x.to_string()).unwrap_or_default()),
            resolution_note: RwSignal::new(d.resolution_note.clone().unwrap_or_default()),
            needs_direction: RwSignal::new(d.needs_leader_direction),
            editing: RwSignal::new(false),
            newer: RwSignal::new(None),
            read: RwSignal::new(d),
        }
    }
}

#[derive(Clone, Copy)]
struct Form {
    as_of: RwSignal<String>,
    actual_percent: RwSignal<String>,
    output_value: RwSignal<String>,
    work_done: RwSignal<String>,
    next_week_plan: RwSignal<String>,
    correction_reason: RwSignal<String>,
    disbursements: RwSignal<Vec<DisbRow>>,
    new_difficulties: RwSignal<Vec<NewDiffRow>>,
    edits: RwSignal<Vec<DiffEdit>>,
    next_disb: RwSignal<usize>,
    next_diff: RwSignal<usize>,
}

fn parse_date(field: &str, s: &str, errs: &mut ValidationErrors) -> Option<chrono::NaiveDate> {
    match s.trim().parse() {
        Ok(d) => Some(d),
        Err(_) => {
            errs.push(FieldError::new(
                field,
                "invalid_date",
                "Ngày không hợp lệ.",
                "Invalid date.",
            ));
            None
        }
    }
}

fn parse_number(field: &str, s: &str, money: bool, errs: &mut ValidationErrors) -> Option<Decimal> {
    let v = if money {
        format::parse_money_input(s)
    } else {
        format::parse_decimal_input(s)
    };
    if v.is_none() {
        errs.push(if s.trim().is_empty() {
            FieldError::required(field)
        } else {
            FieldError::new(field, "invalid_number", "Phải là một số.", "Must be a number.")
        });
    }
    v
}

impl Form {
    /// Reads the form into the API input, with every parse and domain-rule error keyed by a
    /// stable form path (`report.x`, `disb[k].x`, `newdiff[k].x`, `diff[id].x`).
    fn build(&self, base: &Base) -> Result<(WeeklyUpdateInput, Vec<i32>), Vec<FieldError>> {
        let today = format::today();
        let mut errs = ValidationErrors::new();
        let mut parse = ValidationErrors::new();
        let as_of = parse_date("as_of", &self.as_of.get_untracked(), &mut parse);
        let actual = parse_number(
            "actual_percent",
            &self.actual_percent.get_untracked(),
            false,
            &mut parse,
        );
        let output = parse_number("output_value", &self.output_value.get_untracked(), true, &mut parse);
        errs.extend_prefixed(parse, "report.");
        let reason = self.correction_reason.get_untracked();
        let report = ProgressReportInput {
            as_of: as_of.unwrap_or(today),
            actual_percent: actual.unwrap_or_default(),
            output_value: output.unwrap_or_default(),
            work_done: self.work_done.get_untracked(),
            next_week_plan: self.next_week_plan.get_untracked(),
            correction_reason: (!reason.trim().is_empty()).then_some(reason),
        };
        if let (Some(_), Some(_), Some(_)) = (as_of, actual, output) {
            let previous = base
                .reports
                .iter()
                .filter(|r| r.as_of < report.as_of)
                .max_by_key(|r| r.as_of)
                .map(|r| PreviousReport {
                    as_of: r.as_of,
                    actual: r.actual_percent,
                    output_value: r.output_value,
                });
            if let Err(e) = report.validate(today, base.project.planned_start, previous) {
                errs.extend_prefixed(e, "report.");
            }
        }

        let mut disbursements = Vec::new();
        for row in self.disbursements.get_untracked() {
            let prefix = format!("disb[{}].", row.key);
            let mut p = ValidationErrors::new();
            let paid_on = parse_date("paid_on", &row.paid_on.get_untracked(), &mut p);
            let amount = parse_number("amount", &row.amount.get_untracked(), true, &mut p);
            let input = DisbursementInput {
                paid_on: paid_on.unwrap_or(today),
                amount: amount.unwrap_or_default(),
                note: row.note.get_untracked(),
            };
            if p.is_empty() {
                if let Err(e) = input.validate(today) {
                    errs.extend_prefixed(e, &prefix);
                }
            } else {
                errs.extend_prefixed(p, &prefix);
            }
            disbursements.push(input);
        }

        let mut new_difficulties = Vec::new();
        for row in self.new_difficulties.get_untracked() {
            let prefix = format!("newdiff[{}].", row.key);
            let mut p = ValidationErrors::new();
            let raised_on = parse_date("raised_on", &row.raised_on.get_untracked(), &mut p);
            let category =
                DifficultyCategory::parse(&row.category.get_untracked()).unwrap_or(DifficultyCategory::Other);
            let input = DifficultyInput {
                category,
                title: row.title.get_untracked(),
                detail: row.detail.get_untracked(),
                proposed_solution: row.proposed_solution.get_untracked(),
                responsible_unit_id: row.responsible_unit_id.get_untracked().parse().ok(),
                needs_leader_direction: row.needs_direction.get_untracked(),
                status: DifficultyStatus::Open,
                raised_on: raised_on.unwrap_or(today),
                resolved_on: None,
                resolution_note: None,
            };
            if p.is_empty() {
                if let Err(e) = input.validate(today) {
                    errs.extend_prefixed(e, &prefix);
                }
            } else {
                errs.extend_prefixed(p, &prefix);
            }
            new_difficulties.push(input);
        }

        let mut difficulty_updates = Vec::new();
        let mut update_ids = Vec::new();
        for edit in self
            .edits
            .get_untracked()
            .into_iter()
            .filter(|e| e.editing.get_untracked())
        {
            let prefix = format!("diff[{}].", edit.id);
            let read = edit.read.get_untracked();
            let mut p = ValidationErrors::new();
            let resolved_text = edit.resolved_on.get_untracked();
            let resolved_on = if resolved_text.trim().is_empty() {
                None
            } else {
                parse_date("resolved_on", &resolved_text, &mut p)
            };
            let note = edit.resolution_note.get_untracked();
            let input = DifficultyInput {
                category: read.category,
                title: read.title.clone(),
                detail: read.detail.clone(),
                proposed_solution: edit.proposed_solution.get_untracked(),
                responsible_unit_id: read.responsible_unit.as_ref().map(|u| u.id),
                needs_leader_direction: edit.needs_direction.get_untracked(),
                status: DifficultyStatus::parse(&edit.status.get_untracked()).unwrap_or(read.status),
                raised_on: read.raised_on,
                resolved_on,
                resolution_note: (!note.trim().is_empty()).then_some(note),
            };
            if p.is_empty() {
                if let Err(e) = input.validate(today) {
                    errs.extend_prefixed(e, &prefix);
                }
            } else {
                errs.extend_prefixed(p, &prefix);
            }
            update_ids.push(edit.id);
            difficulty_updates.push(DifficultyUpdate {
                id: edit.id,
                version: read.version,
                difficulty: input,
            });
        }

        if errs.is_empty() {
            Ok((
                WeeklyUpdateInput {
                    report,
                    disbursements,
                    new_difficulties,
                    difficulty_updates,
                },
                update_ids,
            ))
        } else {
            Err(errs.0)
        }
    }

    /// Maps the server's paths (`disbursements[1].amount`) onto the form's stable ones.
    fn translate(&self, errors: Vec<FieldError>, update_ids: &[i32]) -> Vec<FieldError> {
        let disb: Vec<usize> = self.disbursements.get_untracked().iter().map(|r| r.key).collect();
        let newd: Vec<usize> = self.new_difficulties.get_untracked().iter().map(|r| r.key).collect();
        errors
            .into_iter()
            .map(|mut e| {
                let f = e.field.clone();
                let map = |name: &str, keys: &dyn Fn(usize) -> Option<String>| -> Option<String> {
                    let rest = f.strip_prefix(name)?.strip_prefix('[')?;
                    let (idx, tail) = rest.split_once(']')?;
                    Some(format!("{}{}", keys(idx.parse().ok()?)?, tail))
                };
                e.field = map("disbursements", &|k| disb.get(k).map(|key| format!("disb[{key}]")))
                    .or_else(|| {
                        map("new_difficulties", &|k| {
                            newd.get(k).map(|key| format!("newdiff[{key}]"))
                        })
                    })
                    .or_else(|| {
                        map("difficulty_updates", &|k| {
                            update_ids.get(k).map(|id| format!("diff[{id}]"))
                        })
                    })
                    .unwrap_or(f.clone());
                e
            })
            .collect()
    }
}

#[component]
pub fn WeeklyUpdatePage() -> impl IntoView {
    let i = i18n();
    let id = project_id();
    let base = LocalResource::new(move || load_base(id.get()));
    view! {
        <section class="page weekly">
            {move || match base.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(e)) => view! { <div class="banner error" role="alert">{e.message()}</div> }.into_any(),
                Some(Ok(b)) if !b.project.can_edit => view! {
                    <h1>{i.t("Cập nhật tuần", "Weekly update")}</h1>
                    <div class="banner error" role="alert" data-testid="forbidden">
                        {move || i.t("Bạn không có quyền cập nhật dự án này.", "You may not update this project.")}
                    </div>
                    <p><a href=format!("/projects/{}", b.project.id)>{move || i.t("← Về dự án", "← Back to the project")}</a></p>
                }.into_any(),
                Some(Ok(b)) => view! { <WeeklyForm base=b /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn WeeklyForm(base: Base) -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let base = RwSignal::new(base);
    let latest = base.with_untracked(|b| b.reports.iter().max_by_key(|r| r.as_of).cloned());
    let form = Form {
        as_of: RwSignal::new(format::today().to_string()),
        actual_percent: RwSignal::new(
            latest
                .as_ref()
                .map(|r| r.actual_percent.value().normalize().to_string())
                .unwrap_or_default(),
        ),
        output_value: RwSignal::new(
            latest
                .as_ref()
                .map(|r| r.output_value.to_db().to_string())
                .unwrap_or_default(),
        ),
        work_done: RwSignal::new(String::new()),
        next_week_plan: RwSignal::new(String::new()),
        correction_reason: RwSignal::new(String::new()),
        disbursements: RwSignal::new(Vec::new()),
        new_difficulties: RwSignal::new(Vec::new()),
        edits: RwSignal::new(base.with_untracked(Base::open_edits)),
        next_disb: RwSignal::new(0),
        next_diff: RwSignal::new(0),
    };
    let errors = FormErrors::new();
    let server_error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(None::<WeeklyUpdateResult>);
    let conflict = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let project = move || base.with(|b| b.project.clone());

    // Drafts: restore an unsent entry, then keep the draft in step with the form.
    let draft_key = StoredValue::new(draft::key(base.with_untracked(|b| b.project.id)));
    let pristine = RwSignal::new(form.to_draft_untracked());
    let restored = RwSignal::new(false);
    if let Some(d) = draft::load(&draft_key.get_value()) {
        if d != pristine.get_untracked() {
            form.apply_draft(d);
            restored.set(true);
        }
    }
    Effect::new(move |_| {
        let now = form.to_draft();
        let key = draft_key.get_value();
        if pristine.with_untracked(|p| *p == now) {
            draft::remove(&key);
        } else {
            draft::store(&key, &now);
        }
    });
    let discard = move |_| {
        draft::remove(&draft_key.get_value());
        restored.set(false);
        // Reload the page: the form starts again from the latest stored data.
        let _ = window().location().reload();
    };
    let pid = base.with_untracked(|b| b.project.id);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        server_error.set(None);
        let built = base.with_untracked(|b| form.build(b));
        let (input, update_ids) = match built {
            Ok(x) => x,
            Err(errs) => {
                errors.set(errs);
                focus_first_error();
                return;
            }
        };
        errors.set(Vec::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let res =
                api::post::<_, WeeklyUpdateResult>(&format!("/api/v1/projects/{pid}/weekly-update"), &input).await;
            busy.set(false);
            match res {
                Ok(r) => {
                    // Saved: start the next entry from the new state.
                    form.disbursements.set(Vec::new());
                    form.new_difficulties.set(Vec::new());
                    form.work_done.set(String::new());
                    form.next_week_plan.set(String::new());
                    form.correction_reason.set(String::new());
                    conflict.set(false);
                    if let Ok(b) = load_base(pid).await {
                        form.edits.set(b.open_edits());
                        base.set(b);
                    }
                    saved.set(Some(r));
                    restored.set(false);
                    pristine.set(form.to_draft_untracked());
                    draft::remove(&draft_key.get_value());
                }
                Err(e) if e.is_conflict() => {
                    // Someone changed a difficulty: show their version next to ours, keep ours.
                    if let Ok(fresh) =
                        api::get::<Vec<DifficultyView>>(format!("/api/v1/projects/{pid}/difficulties")).await
                    {
                        for edit in form.edits.get_untracked() {
                            if let Some(f) = fresh.iter().find(|f| f.id == edit.id) {
                                if f.version != edit.read.get_untracked().version {
                                    edit.newer.set(Some(f.clone()));
                                }
                            }
                        }
                    }
                    conflict.set(true);
                    server_error.set(Some(e));
                }
                Err(e) => {
                    errors.set(form.translate(problem_field_errors(&e), &update_ids));
                    server_error.set(Some(e));
                    focus_first_error();
                }
            }
        });
    };

    let reapply = move |_| {
        for edit in form.edits.get_untracked() {
            if let Some(newer) = edit.newer.get_untracked() {
                edit.read.set(newer);
                edit.newer.set(None);
            }
        }
        conflict.set(false);
        server_error.set(None);
    };

    let add_disb = move |_| {
        let key = form.next_disb.get_untracked();
        form.next_disb.set(key + 1);
        form.disbursements.update(|v| {
            v.push(DisbRow {
                key,
                paid_on: RwSignal::new(format::today().to_string()),
                amount: RwSignal::new(String::new()),
                note: RwSignal::new(String::new()),
            })
        });
    };
    let add_diff = move |_| {
        let key = form.next_diff.get_untracked();
        form.next_diff.set(key + 1);
        form.new_difficulties.update(|v| {
            v.push(NewDiffRow {
                key,
                category: RwSignal::new("site_clearance".into()),
                title: RwSignal::new(String::new()),
                detail: RwSignal::new(String::new()),
                proposed_solution: RwSignal::new(String::new()),
                responsible_unit_id: RwSignal::new(String::new()),
                needs_direction: RwSignal::new(false),
                raised_on: RwSignal::new(format::today().to_string()),
            })
        });
    };

    let category_options = Signal::derive(move || {
        refs.lists.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.difficulty_categories
                        .iter()
                        .map(|c| (c.code.clone(), i.pick(&c.label_vi, &c.label_en)))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let status_options = Signal::derive(move || {
        refs.lists.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.difficulty_statuses
                        .iter()
                        .map(|c| (c.code.clone(), i.pick(&c.label_vi, &c.label_en)))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let unit_options = Signal::derive(move || {
        refs.units
            .with(|u| u.iter().map(|u| (u.id.to_string(), u.name.clone())).collect::<Vec<_>>())
    });
    let money_hint = move |s: RwSignal<String>| {
        Signal::derive(move || {
            format::parse_money_input(&s.get())
                .and_then(|d| Vnd::parse("x", d).ok())
                .map(|v| format!("= {}", format::money(v, i.lang())))
                .unwrap_or_else(|| {
                    i.t(
                        "Đơn vị: đồng (có thể gõ dấu chấm phân cách)",
                        "In whole đồng (dots allowed as separators)",
                    )
                    .to_owned()
                })
        })
    };

    view! {
        <p><a href=format!("/projects/{pid}")>{move || i.t("← Về dự án", "← Back to the project")}</a></p>
        <h1>{move || i.t("Cập nhật tiến độ tuần", "Weekly progress update")}</h1>
        <p class="muted">{move || { let p = project(); format!("{} — {}", p.code, p.name) }}</p>
        {move || saved.get().map(|r| view! {
            <div class="banner ok" role="status" data-testid="save-success">
                {i.t("Đã lưu báo cáo ngày ", "Saved the report of ")}{format::date(r.report.as_of)}
                {format!(" ({} {})", i.t("hoàn thành", "complete"), format::pct(r.report.actual_percent, i.lang()))}". "
                <a href=format!("/projects/{pid}")>{i.t("Xem dự án", "View the project")}</a>
            </div>
        })}
        <Show when=move || restored.get()>
            <div class="banner warn" role="status" data-testid="draft-restored">
                {move || i.t("Đã khôi phục nội dung chưa gửi của lần trước.", "Restored what you had typed but not sent.")}" "
                <button type="button" class="btn link" data-testid="discard-draft" on:click=discard>
                    {move || i.t("Bỏ bản nháp", "Discard the draft")}
                </button>
            </div>
        </Show>
        <Show when=move || conflict.get()>
            <div class="banner warn" role="alert" data-testid="conflict">
                <strong>{move || i.t("Có người vừa cập nhật khó khăn của dự án này; chưa lưu gì.", "Someone has just changed a difficulty of this project; nothing was saved.")}</strong>
                <p>{move || i.t(
                    "Dữ liệu mới hơn hiển thị bên dưới từng khó khăn. Nội dung bạn đã nhập vẫn được giữ nguyên; bấm \"Áp dụng lại\" để gửi lại trên dữ liệu mới.",
                    "The newer data is shown under each difficulty. What you typed is kept; press \"Re-apply\" to submit it over the newer data.")}</p>
                <button type="button" class="btn primary" data-testid="reapply" on:click=reapply>{move || i.t("Áp dụng lại", "Re-apply")}</button>
            </div>
        </Show>
        {move || server_error.get().filter(|_| !conflict.get()).map(|e| view! {
            <div class="banner error" role="alert" data-testid="server-error">{e.message()}</div>
        })}
        <Show when=move || !errors.is_empty()>
            <div class="banner error" role="alert" data-testid="error-summary">
                <strong>{move || i.t("Vui lòng sửa các lỗi sau:", "Please correct the following:")}</strong>
                <ul>{move || errors.0.get().into_iter().map(|e| view! { <li>{i.pick(&e.message_vi, &e.message_en)}</li> }).collect_view()}</ul>
            </div>
        </Show>
        <form on:submit=submit novalidate>
            <fieldset>
                <legend>{move || i.t("Tiến độ", "Progress")}</legend>
                <div class="form-grid">
                    <Field id="as_of" key="report.as_of" label=i.label("Ngày báo cáo", "Report date") value=form.as_of errors=errors kind=Kind::Date required=true />
                    <Field id="actual_percent" key="report.actual_percent" label=i.label("Tỷ lệ hoàn thành (%)", "Percent complete (%)") value=form.actual_percent errors=errors kind=Kind::Number required=true
                        hint=Signal::derive(move || { let p = project(); format!("{} {} · {} {}", i.t("Kế hoạch hiện tại:", "Planned now:"), format::pct(p.progress.planned_percent, i.lang()), i.t("báo cáo trước:", "previous report:"), format::pct(p.progress.actual_percent, i.lang())) }) />
                    <Field id="output_value" key="report.output_value" label=i.label("Sản lượng lũy kế (đồng)", "Cumulative output value (VND)") value=form.output_value errors=errors kind=Kind::Number inputmode="numeric" required=true hint=money_hint(form.output_value) />
                </div>
                <div class="form-grid">
                    <Field id="work_done" key="report.work_done" label=i.label("Khối lượng thực hiện trong tuần", "Work done this week") value=form.work_done errors=errors kind=Kind::TextArea />
                    <Field id="next_week_plan" key="report.next_week_plan" label=i.label("Kế hoạch tuần tới", "Plan for next week") value=form.next_week_plan errors=errors kind=Kind::TextArea />
                    <Field id="correction_reason" key="report.correction_reason" label=i.label("Lý do điều chỉnh (nếu giảm so với kỳ trước)", "Correction reason (if lower than before)") value=form.correction_reason errors=errors kind=Kind::TextArea />
                </div>
            </fieldset>

            <fieldset>
                <legend>{move || i.t("Giải ngân trong tuần", "Disbursements this week")}</legend>
                <For each=move || form.disbursements.get() key=|r| r.key let:row>
                    <div class="subform" data-disbursement-row=row.key>
                        <div class="form-grid">
                            <Field id=format!("disb-{}-paid_on", row.key) key=format!("disb[{}].paid_on", row.key) label=i.label("Ngày giải ngân", "Date paid") value=row.paid_on errors=errors kind=Kind::Date required=true />
                            <Field id=format!("disb-{}-amount", row.key) key=format!("disb[{}].amount", row.key) label=i.label("Số tiền (đồng)", "Amount (VND)") value=row.amount errors=errors kind=Kind::Number inputmode="numeric" required=true hint=money_hint(row.amount) />
                            <Field id=format!("disb-{}-note", row.key) key=format!("disb[{}].note", row.key) label=i.label("Ghi chú", "Note") value=row.note errors=errors />
                        </div>
                        <button type="button" class="btn danger" on:click=move |_| form.disbursements.update(|v| v.retain(|r| r.key != row.key))>
                            {move || i.t("Bỏ dòng này", "Remove")}
                        </button>
                    </div>
                </For>
                <button type="button" class="btn secondary" data-testid="add-disbursement" on:click=add_disb>
                    {move || i.t("+ Thêm khoản giải ngân", "+ Add a disbursement")}
                </button>
            </fieldset>

            <fieldset>
                <legend>{move || i.t("Khó khăn, vướng mắc đang mở", "Open difficulties")}</legend>
                {move || form.edits.with(Vec::is_empty).then(|| view! { <p class="muted">{i.t("Không có khó khăn đang mở.", "No open difficulties.")}</p> })}
                <For each=move || form.edits.get() key=|e| e.id let:edit>
                    <div class="subform" data-difficulty-id=edit.id>
                        <div class="subform-head">
                            <div>
                                <strong>{move || edit.read.with(|r| r.title.clone())}</strong>
                                <span class="tag">{move || edit.read.with(|r| refs.label(|l| &l.difficulty_categories, r.category.as_str()))}</span>
                                <span class="tag">{move || edit.read.with(|r| refs.label(|l| &l.difficulty_statuses, r.status.as_str()))}</span>
                            </div>
                            <button type="button" class="btn secondary" data-testid=format!("edit-difficulty-{}", edit.id)
                                aria-expanded=move || edit.editing.get().to_string()
                                on:click=move |_| edit.editing.update(|e| *e = !*e)>
                                {move || if edit.editing.get() { i.t("Không cập nhật", "Leave unchanged") } else { i.t("Cập nhật", "Update") }}
                            </button>
                        </div>
                        {move || edit.newer.get().map(|n| view! {
                            <div class="banner warn" data-testid=format!("newer-{}", edit.id)>
                                <strong>{i.t("Phiên bản mới hơn: ", "Newer version: ")}</strong>
                                {refs.label(|l| &l.difficulty_statuses, n.status.as_str())}" · "
                                {i.t("Đề xuất: ", "Proposed: ")}{n.proposed_solution.clone()}
                                {n.resolution_note.clone().map(|r| format!(" · {}{r}", i.t("Kết quả: ", "Resolution: ")))}
                                {format!(" ({})", format::datetime(n.updated_at))}
                            </div>
                        })}
                        <Show when=move || edit.editing.get()>
                            <div class="form-grid">
                                <SelectField id=format!("diff-{}-status", edit.id) key=format!("diff[{}].status", edit.id) label=i.label("Trạng thái", "Status") value=edit.status errors=errors options=status_options />
                                <Field id=format!("diff-{}-proposed_solution", edit.id) key=format!("diff[{}].proposed_solution", edit.id) label=i.label("Đề xuất, kiến nghị", "Proposed solution") value=edit.proposed_solution errors=errors kind=Kind::TextArea />
                                <Field id=format!("diff-{}-resolved_on", edit.id) key=format!("diff[{}].resolved_on", edit.id) label=i.label("Ngày giải quyết", "Resolved on") value=edit.resolved_on errors=errors kind=Kind::Date />
                                <Field id=format!("diff-{}-resolution_note", edit.id) key=format!("diff[{}].resolution_note", edit.id) label=i.label("Kết quả giải quyết", "Resolution") value=edit.resolution_note errors=errors kind=Kind::TextArea />
                            </div>
                            <div class="filter check">
                                <input type="checkbox" id=format!("diff-{}-needs_leader_direction", edit.id)
                                    prop:checked=move || edit.needs_direction.get()
                                    on:change=move |ev| edit.needs_direction.set(event_target_checked(&ev)) />
                                <label for=format!("diff-{}-needs_leader_direction", edit.id)>{move || i.t("Cần lãnh đạo tỉnh chỉ đạo", "Needs provincial leaders' direction")}</label>
                            </div>
                        </Show>
                    </div>
                </For>
            </fieldset>

            <fieldset>
                <legend>{move || i.t("Khó khăn, vướng mắc mới", "New difficulties")}</legend>
                <For each=move || form.new_difficulties.get() key=|r| r.key let:row>
                    <div class="subform" data-new-difficulty=row.key>
                        <div class="form-grid">
                            <SelectField id=format!("newdiff-{}-category", row.key) key=format!("newdiff[{}].category", row.key) label=i.label("Nhóm khó khăn", "Category") value=row.category errors=errors options=category_options />
                            <Field id=format!("newdiff-{}-title", row.key) key=format!("newdiff[{}].title", row.key) label=i.label("Nội dung", "Title") value=row.title errors=errors required=true />
                            <Field id=format!("newdiff-{}-raised_on", row.key) key=format!("newdiff[{}].raised_on", row.key) label=i.label("Ngày phát sinh", "Raised on") value=row.raised_on errors=errors kind=Kind::Date required=true />
                            <SelectField id=format!("newdiff-{}-responsible_unit_id", row.key) key=format!("newdiff[{}].responsible_unit_id", row.key) label=i.label("Đơn vị chủ trì xử lý", "Responsible unit") value=row.responsible_unit_id errors=errors options=unit_options allow_empty=true />
                            <Field id=format!("newdiff-{}-detail", row.key) key=format!("newdiff[{}].detail", row.key) label=i.label("Chi tiết", "Detail") value=row.detail errors=errors kind=Kind::TextArea />
                            <Field id=format!("newdiff-{}-proposed_solution", row.key) key=format!("newdiff[{}].proposed_solution", row.key) label=i.label("Đề xuất, kiến nghị", "Proposed solution") value=row.proposed_solution errors=errors kind=Kind::TextArea />
                        </div>
                        <div class="filter check">
                            <input type="checkbox" id=format!("newdiff-{}-needs_leader_direction", row.key)
                                prop:checked=move || row.needs_direction.get()
                                on:change=move |ev| row.needs_direction.set(event_target_checked(&ev)) />
                            <label for=format!("newdiff-{}-needs_leader_direction", row.key)>{move || i.t("Cần lãnh đạo tỉnh chỉ đạo", "Needs provincial leaders' direction")}</label>
                        </div>
                        <button type="button" class="btn danger" on:click=move |_| form.new_difficulties.update(|v| v.retain(|r| r.key != row.key))>
                            {move || i.t("Bỏ dòng này", "Remove")}
                        </button>
                    </div>
                </For>
                <button type="button" class="btn secondary" data-testid="add-difficulty" on:click=add_diff>
                    {move || i.t("+ Thêm khó khăn mới", "+ Add a difficulty")}
                </button>
            </fieldset>

            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="submit-weekly" disabled=move || busy.get()>
                    {move || if busy.get() { i.t("Đang gửi…", "Submitting…") } else { i.t("Gửi cập nhật", "Submit the update") }}
                </button>
                <a class="btn secondary" href=format!("/projects/{pid}")>{move || i.t("Huỷ", "Cancel")}</a>
            </div>
        </form>
    }
}

/// Moves keyboard focus to the first invalid field once the errors have rendered.
fn focus_first_error() {
    leptos::task::spawn_local(async {
        crate::session::sleep_ms(30).await;
        if let Ok(Some(el)) = document().query_selector("[aria-invalid=true]") {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}
