//! Integrator tokens for other provincial systems: issued once, listed by prefix, revoked.

use ioc_domain::dto::{IntegratorTokenCreated, IntegratorTokenInput, IntegratorTokenView, UserView};
use ioc_domain::Role;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{loaded, ErrorBanner, Field, FormErrors, SelectField};
use crate::format;
use crate::i18n::i18n;

#[component]
pub fn TokensTab() -> impl IntoView {
    let i = i18n();
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::get::<Vec<IntegratorTokenView>>("/api/v1/integrator-tokens")
    });
    let users = LocalResource::new(|| api::get::<Vec<UserView>>("/api/v1/users"));
    let integrators = Signal::derive(move || {
        users
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|u| u.role == Role::Integrator)
            .map(|u| (u.id.to_string(), format!("{} ({})", u.display_name, u.username)))
            .collect::<Vec<_>>()
    });
    let name = RwSignal::new(String::new());
    let user_id = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let error = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let uid = user_id
            .get_untracked()
            .parse()
            .ok()
            .or_else(|| integrators.get_untracked().first().and_then(|u| u.0.parse().ok()));
        let Some(uid) = uid else {
            errors.set(vec![ioc_domain::FieldError::required("user_id")]);
            return;
        };
        let input = IntegratorTokenInput {
            user_id: uid,
            name: name.get_untracked(),
        };
        errors.spawn_save(
            error,
            async move { api::post::<_, IntegratorTokenCreated>("/api/v1/integrator-tokens", &input).await },
            move |t| {
                created.set(Some(t.token));
                name.set(String::new());
                reload.update(|n| *n += 1);
            },
        );
    };
    let revoke = move |id: i32| {
        leptos::task::spawn_local(async move {
            // Tokens are revoked outright; there is no version to match.
            match api::delete(&format!("/api/v1/integrator-tokens/{id}"), "*").await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    view! {
        {move || created.get().map(|t| view! {
            <div class="banner ok" role="status" data-testid="token-created">
                {i.t("Khoá mới (chỉ hiển thị một lần, hãy lưu lại): ", "New token (shown only once; store it now): ")}<code>{t}</code>
            </div>
        })}
        <ErrorBanner error=error />
        <form class="card subform" on:submit=create novalidate>
            <div class="form-grid">
                <SelectField id="t-user" key="user_id" label=i.label("Tài khoản tích hợp", "Integrator account") value=user_id errors=errors options=integrators />
                <Field id="t-name" key="name" label=i.label("Tên hệ thống sử dụng", "Used by (system name)") value=name errors=errors required=true />
            </div>
            <button type="submit" class="btn primary">{move || i.t("Cấp khoá", "Issue a token")}</button>
        </form>
        {loaded(list, move |tokens| view! {
                <div class="table-wrap"><table class="data" data-testid="admin-tokens">
                    <thead><tr>
                        <th scope="col">{i.t("Tên", "Name")}</th><th scope="col">{i.t("Tiền tố", "Prefix")}</th>
                        <th scope="col">{i.t("Tạo lúc", "Created")}</th><th scope="col">{i.t("Dùng gần nhất", "Last used")}</th>
                        <th scope="col">{i.t("Trạng thái", "State")}</th><th scope="col">{i.t("Thao tác", "Actions")}</th>
                    </tr></thead>
                    <tbody>{tokens.into_iter().map(|t| {
                        let id = t.id;
                        view! { <tr>
                            <td>{t.name.clone()}</td><td><code>{t.prefix.clone()}"…"</code></td>
                            <td>{format::datetime(t.created_at)}</td>
                            <td>{t.last_used_at.map(format::datetime).unwrap_or_else(|| "—".into())}</td>
                            <td>{if t.revoked_at.is_some() { i.t("Đã thu hồi", "Revoked") } else { i.t("Hiệu lực", "Active") }}</td>
                            <td>{t.revoked_at.is_none().then(|| view! {
                                <button type="button" class="btn danger" on:click=move |_| revoke(id)>{i.t("Thu hồi", "Revoke")}</button>
                            })}</td>
                        </tr> }
                    }).collect_view()}</tbody>
                </table></div>
            }.into_any())}
    }
}
