//! Labelled form fields that show their own error (from the client check or the server).

use ioc_domain::FieldError;
use leptos::prelude::*;

use crate::i18n::i18n;

/// Field errors of one form, keyed by the API's field path (`report.actual_percent`).
#[derive(Clone, Copy)]
pub struct FormErrors(pub RwSignal<Vec<FieldError>>);

impl FormErrors {
    pub fn new() -> Self {
        FormErrors(RwSignal::new(Vec::new()))
    }

    pub fn message(self, key: &str) -> Option<String> {
        let i = i18n();
        self.0.with(|errs| {
            errs.iter()
                .find(|e| e.field == key)
                .map(|e| i.pick(&e.message_vi, &e.message_en))
        })
    }

    pub fn set(self, errs: Vec<FieldError>) {
        self.0.set(errs);
    }

    /// Server errors (problem+json `errors`) in the same shape as the client's.
    pub fn is_empty(self) -> bool {
        self.0.with(Vec::is_empty)
    }

    /// Runs a save in the background: on success `done` gets the answer; on failure the
    /// problem's field errors land on their inputs and the problem itself in `banner`.
    pub fn spawn_save<T: 'static>(
        self,
        banner: RwSignal<Option<crate::api::ApiError>>,
        save: impl std::future::Future<Output = crate::api::ApiResult<T>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        leptos::task::spawn_local(async move {
            match save.await {
                Ok(v) => {
                    self.0.set(Vec::new());
                    banner.set(None);
                    done(v);
                }
                Err(e) => {
                    self.0.set(problem_field_errors(&e));
                    banner.set(Some(e));
                }
            }
        });
    }
}

/// The problem document's field errors, in the client's own error type.
pub fn problem_field_errors(e: &crate::api::ApiError) -> Vec<FieldError> {
    e.field_errors()
        .iter()
        .map(|f| FieldError::new(f.field.clone(), &f.code, f.message_vi.clone(), f.message_en.clone()))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Text,
    Number,
    Date,
    Password,
    TextArea,
}

/// The `aria-describedby` of a control: its hint when it has one, its error while shown.
fn described_by(
    hint_id: Option<String>,
    err_id: String,
    error: Memo<Option<String>>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || {
        let mut ids: Vec<String> = hint_id.iter().cloned().collect();
        if error.get().is_some() {
            ids.push(err_id.clone());
        }
        ids.join(" ")
    }
}

/// `id` is the DOM id (the error is `{id}-error`); `key` the API field path.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] key: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(optional)] kind: Kind,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let key2 = key.clone();
    let error = Memo::new(move |_| errors.message(&key2));
    let described = described_by(hint.is_some().then(|| hint_id.clone()), err_id.clone(), error);
    let input = match kind {
        Kind::TextArea => view! {
            <textarea id=id.clone() name=key.clone() rows="3" required=required
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any(),
        _ => {
            let t = match kind {
                Kind::Date => "date",
                Kind::Password => "password",
                _ => "text",
            };
            let mode = inputmode.unwrap_or(if kind == Kind::Number { "decimal" } else { "text" });
            view! {
                <input id=id.clone() name=key.clone() type=t inputmode=mode required=required
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described.clone()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            {input}
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || error.get().map(|m| view! { <p class="field-error" id=err_id.clone()>{m}</p> })}
        </div>
    }
}

/// A `<select>` over (code, label) options.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] key: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] allow_empty: bool,
    /// Shown but not changeable (the user may not change this choice).
    #[prop(optional)]
    disabled: bool,
    #[prop(optional_no_strip)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let i = i18n();
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let key2 = key.clone();
    let error = Memo::new(move |_| errors.message(&key2));
    let described = described_by(hint.is_some().then(|| hint_id.clone()), err_id.clone(), error);
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id.clone() name=key disabled=disabled
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))>
                {allow_empty.then(|| view! { <option value="">{move || i.t("— Không chọn —", "— None —")}</option> })}
                {move || options.get().into_iter().map(|(code, label)| {
                    let selected = value.get_untracked() == code;
                    view! { <option value=code selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || error.get().map(|m| view! { <p class="field-error" id=err_id.clone()>{m}</p> })}
        </div>
    }
}
