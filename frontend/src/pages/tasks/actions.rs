//! The transition buttons of a task: only the actions the server says the caller may take
//! (`available_actions`, computed by the domain policy), each with its note and, where the
//! action needs them, the new deadline or the evidence of a done report.

use ioc_domain::direction::TaskAction;
use ioc_domain::dto::{TaskTransitionInput, TaskView};
use leptos::prelude::*;

use crate::api;
use crate::components::{ErrorBanner, FormErrors};
use crate::i18n::i18n;

#[component]
pub fn TaskActions(task: TaskView, etag: String, on_done: Callback<()>) -> impl IntoView {
    let i = i18n();
    let chosen = RwSignal::new(None::<TaskAction>);
    let note = RwSignal::new(String::new());
    let new_deadline = RwSignal::new(String::new());
    let evidence = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let banner = RwSignal::new(None::<api::ApiError>);
    let id = task.id;
    let deadline = task.deadline;
    let requested = task.extension_request.as_ref().map(|e| e.requested_deadline);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(action) = chosen.get_untracked() else { return };
        let nd = new_deadline.get_untracked();
        let ev_text = evidence.get_untracked();
        let input = TaskTransitionInput {
            action,
            note: note.get_untracked(),
            new_deadline: chrono::NaiveDate::parse_from_str(&nd, "%Y-%m-%d").ok(),
            evidence: (action == TaskAction::ReportDone && !ev_text.trim().is_empty()).then_some(ev_text),
        };
        if let Err(e) = input.validate(deadline) {
            errors.set(e.0);
            return;
        }
        let tag = etag.clone();
        let save = async move {
            api::send::<_, TaskView>(
                gloo_net::http::Method::POST,
                &format!("/api/v1/tasks/{id}/transitions"),
                Some(&input),
                Some(&tag),
            )
            .await
            .map(|(v, _)| v)
        };
        errors.spawn_save(banner, save, move |_| {
            chosen.set(None);
            note.set(String::new());
            on_done.run(());
        });
    };
    let actions = task.available_actions.clone();
    view! {
        <div class="task-actions">
            <div class="actions" data-testid="task-actions">
                {actions.into_iter().map(|a| view! {
                    <button type="button" class="btn" class:primary=move || chosen.get() == Some(a) class:secondary=move || chosen.get() != Some(a)
                        data-testid=format!("action-{}", a.as_str()) aria-expanded=move || (chosen.get() == Some(a)).to_string()
                        on:click=move |_| {
                            chosen.set(Some(a));
                            new_deadline.set(match (a, requested) {
                                (TaskAction::ApproveExtension, Some(d)) => d.format("%Y-%m-%d").to_string(),
                                _ => String::new(),
                            });
                        }>
                        {move || i.t(a.label_vi(), a.label_en())}
                    </button>
                }).collect_view()}
            </div>
            {move || chosen.get().map(|a| {
                let needs_deadline = matches!(a, TaskAction::RequestExtension | TaskAction::ApproveExtension);
                view! {
                    <form class="subform" data-testid="transition-form" data-action=a.as_str() on:submit=submit.clone() novalidate>
                        <ErrorBanner error=banner />
                        <div class="field">
                            <label for="tr-note">{move || match a {
                                TaskAction::RequestExtension => i.t("Lý do xin gia hạn", "Reason for the extension"),
                                TaskAction::ReportDone => i.t("Nội dung báo cáo kết quả", "What was done"),
                                _ => i.t("Ghi chú", "Note"),
                            }}</label>
                            <textarea id="tr-note" rows="3" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                            {move || errors.message("note").map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                        {needs_deadline.then(|| view! {
                            <div class="field">
                                <label for="tr-deadline">{move || i.t("Thời hạn mới", "New deadline")}</label>
                                <input id="tr-deadline" type="date" prop:value=move || new_deadline.get() on:input=move |ev| new_deadline.set(event_target_value(&ev)) />
                                {move || errors.message("new_deadline").map(|m| view! { <p class="field-error">{m}</p> })}
                            </div>
                        })}
                        {(a == TaskAction::ReportDone).then(|| view! {
                            <div class="field">
                                <label for="tr-evidence">{move || i.t("Tài liệu minh chứng (số văn bản, đường dẫn báo cáo)", "Evidence (document number or report link)")}</label>
                                <input id="tr-evidence" type="text" prop:value=move || evidence.get() on:input=move |ev| evidence.set(event_target_value(&ev)) />
                                {move || errors.message("evidence").map(|m| view! { <p class="field-error">{m}</p> })}
                            </div>
                        })}
                        <div class="form-actions">
                            <button type="submit" class="btn primary" data-testid="transition-submit">{move || format!("{}: {}", i.t("Xác nhận", "Confirm"), i.t(a.label_vi(), a.label_en()))}</button>
                            <button type="button" class="btn secondary" on:click=move |_| chosen.set(None)>{move || i.t("Huỷ", "Cancel")}</button>
                        </div>
                    </form>
                }
            })}
        </div>
    }
}
