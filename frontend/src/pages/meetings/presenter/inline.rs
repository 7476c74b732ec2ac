//! A directive typed during the meeting: text, lead unit, deadline. It is recorded as the
//! chair's directive from this meeting, on the project shown, with one task for the lead
//! unit, and appears on the slide at once.

use ioc_domain::direction::{DirectiveSource, Priority};
use ioc_domain::dto::{DirectiveInput, DirectiveMode, DirectiveView, TaskInput};
use leptos::prelude::*;

use crate::api;
use crate::components::{ErrorBanner, FormErrors};
use crate::filters::ref_data;
use crate::format;
use crate::i18n::i18n;

#[component]
pub fn InlineDirective(meeting_id: i32, chair_id: i32, project_id: i32, added: RwSignal<u32>) -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let text = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let banner = RwSignal::new(None::<api::ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today = format::today();
        let lead: i32 = unit.get_untracked().parse().unwrap_or(0);
        let Ok(due) = chrono::NaiveDate::parse_from_str(&deadline.get_untracked(), "%Y-%m-%d") else {
            errors.set(vec![ioc_domain::FieldError::required("tasks[0].deadline")]);
            return;
        };
        let body = text.get_untracked();
        let input = DirectiveInput {
            text: body.clone(),
            issued_by: Some(chair_id),
            issued_on: today,
            source: DirectiveSource::Meeting,
            meeting_id: Some(meeting_id),
            document_number: None,
            priority: Priority::Normal,
            project_ids: vec![project_id],
            difficulty_ids: Vec::new(),
            tasks: vec![TaskInput {
                description: body,
                lead_unit_id: lead,
                supporting_unit_ids: Vec::new(),
                assignee_user_id: None,
                deadline: due,
                expected_result: String::new(),
            }],
        };
        if lead == 0 {
            errors.set(vec![ioc_domain::FieldError::required("tasks[0].lead_unit_id")]);
            return;
        }
        if let Err(e) = input.validate(today, DirectiveMode::Create) {
            errors.set(e.0);
            return;
        }
        let save = async move { api::post::<_, DirectiveView>("/api/v1/directives", &input).await };
        errors.spawn_save(banner, save, move |_| {
            text.set(String::new());
            deadline.set(String::new());
            added.update(|n| *n += 1);
        });
    };
    let err = move |k: &'static str| move || errors.message(k).map(|m| view! { <p class="field-error">{m}</p> });
    view! {
        <form class="inline-directive" data-testid="inline-directive" on:submit=submit novalidate>
            <ErrorBanner error=banner />
            <div class="field">
                <label for="dir-text">{move || i.t("Ý kiến chỉ đạo", "Directive")}</label>
                <textarea id="dir-text" rows="2" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                {err("text")}
            </div>
            <div class="form-grid">
                <div class="field">
                    <label for="dir-unit">{move || i.t("Đơn vị chủ trì", "Lead unit")}</label>
                    <select id="dir-unit" prop:value=move || unit.get() on:change=move |ev| unit.set(event_target_value(&ev))>
                        <option value="">{move || i.t("— Chọn đơn vị —", "— Choose a unit —")}</option>
                        {move || refs.units.get().into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name.clone()}</option> }).collect_view()}
                    </select>
                    {err("tasks[0].lead_unit_id")}
                </div>
                <div class="field">
                    <label for="dir-deadline">{move || i.t("Thời hạn", "Deadline")}</label>
                    <input id="dir-deadline" type="date" prop:value=move || deadline.get() on:input=move |ev| deadline.set(event_target_value(&ev)) />
                    {err("tasks[0].deadline")}
                </div>
            </div>
            <button type="submit" class="btn primary" data-testid="dir-submit">{move || i.t("Ghi ý kiến chỉ đạo", "Record the directive")}</button>
        </form>
    }
}
