//! My own settings: the e-mail address notifications go to, and for each kind of event how
//! I want to hear of it (not at all, in the app, by e-mail at once, or in a daily digest).

use ioc_domain::dto::{NotificationPreferenceInput, NotificationPreferencesInput, NotificationPreferencesView};
use ioc_domain::{DeliveryMode, NotificationEvent};
use leptos::prelude::*;

use crate::api;
use crate::components::{ErrorBanner, Field, FormErrors};
use crate::i18n::i18n;

const PATH: &str = "/api/v1/me/notification-preferences";

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i = i18n();
    let errors = FormErrors::new();
    let banner = RwSignal::new(None::<api::ApiError>);
    let saved = RwSignal::new(false);
    let etag = StoredValue::new(None::<String>);
    let email = RwSignal::new(String::new());
    let choices: Vec<(NotificationEvent, RwSignal<String>)> = NotificationEvent::ALL
        .iter()
        .map(|e| (*e, RwSignal::new(e.default_mode().as_str().to_owned())))
        .collect();
    let choices = StoredValue::new(choices);
    let fill = move |v: NotificationPreferencesView| {
        email.set(v.email.unwrap_or_default());
        choices.with_value(|cs| {
            for p in v.items {
                if let Some((_, sig)) = cs.iter().find(|(e, _)| *e == p.event) {
                    sig.set(p.mode.as_str().to_owned());
                }
            }
        });
    };
    leptos::task::spawn_local(async move {
        match api::get_with_etag::<NotificationPreferencesView>(PATH).await {
            Ok((v, tag)) => {
                etag.set_value(tag);
                fill(v);
            }
            Err(e) => banner.set(Some(e)),
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let e = email.get_untracked();
        let input = NotificationPreferencesInput {
            email: (!e.trim().is_empty()).then_some(e),
            items: choices.with_value(|cs| {
                cs.iter()
                    .map(|(event, sig)| NotificationPreferenceInput {
                        event: *event,
                        mode: DeliveryMode::parse(&sig.get_untracked()).unwrap_or(event.default_mode()),
                    })
                    .collect()
            }),
        };
        if let Err(errs) = input.validate() {
            errors.set(errs.0);
            return;
        }
        let tag = etag.get_value().unwrap_or_default();
        errors.spawn_save(
            banner,
            async move {
                api::send::<_, NotificationPreferencesView>(gloo_net::http::Method::PUT, PATH, Some(&input), Some(&tag))
                    .await
            },
            move |(v, tag)| {
                etag.set_value(tag);
                fill(v);
                saved.set(true);
            },
        );
    };
    view! {
        <section class="page settings">
            <h1>{move || i.t("Cài đặt thông báo", "Notification settings")}</h1>
            <ErrorBanner error=banner />
            <Show when=move || saved.get()>
                <div class="banner ok" role="status" data-testid="prefs-saved">{move || i.t("Đã lưu.", "Saved.")}</div>
            </Show>
            <form class="card" on:submit=save novalidate>
                <Field id="pref-email" key="email" label=i.label("Địa chỉ thư điện tử", "E-mail address") value=email errors=errors
                    inputmode="email" hint=i.label("Thư thông báo và bản tổng hợp hằng ngày gửi đến địa chỉ này.", "Notification e-mails and the daily digest go here.") />
                <div class="table-wrap">
                    <table class="data prefs" data-testid="prefs">
                        <caption class="sr-only">{move || i.t("Cách nhận từng loại thông báo", "How each kind of notice reaches you")}</caption>
                        <thead><tr>
                            <th scope="col">{move || i.t("Sự kiện", "Event")}</th>
                            {DeliveryMode::ALL.iter().map(|d| { let d = *d; view! { <th scope="col">{move || i.t(d.label_vi(), d.label_en())}</th> }}).collect_view()}
                        </tr></thead>
                        <tbody>
                            {choices.get_value().into_iter().map(|(event, sig)| view! {
                                <tr data-event=event.as_str()>
                                    <th scope="row" id=format!("ev-{}", event.as_str())>{move || i.t(event.label_vi(), event.label_en())}</th>
                                    {DeliveryMode::ALL.iter().map(|d| {
                                        let d = *d;
                                        let id = format!("pref-{}-{}", event.as_str(), d.as_str());
                                        view! {
                                            <td>
                                                <input type="radio" id=id.clone() name=format!("pref-{}", event.as_str()) value=d.as_str()
                                                    prop:checked=move || sig.get() == d.as_str()
                                                    on:change=move |_| sig.set(d.as_str().to_owned()) />
                                                <label for=id class="sr-only">{move || format!("{}: {}", i.t(event.label_vi(), event.label_en()), i.t(d.label_vi(), d.label_en()))}</label>
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn primary" data-testid="prefs-save">{move || i.t("Lưu cài đặt", "Save settings")}</button>
                </div>
            </form>
        </section>
    }
}
