use ioc_domain::dto::{LoginRequest, TokenResponse};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::ApiError;
use crate::components::ErrorBanner;
use crate::i18n::i18n;
use crate::session;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i = i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let query = use_query_map();
    let navigate = use_navigate();
    // Only same-site paths are followed after sign-in.
    let next = move || {
        query
            .with_untracked(|q| q.get("next"))
            .filter(|n| n.starts_with('/') && !n.starts_with("//"))
            .unwrap_or_else(|| "/".into())
    };
    if session::session().with_untracked(Option::is_some) {
        navigate(&next(), Default::default());
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let body = LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::post_unauthenticated::<_, TokenResponse>("/api/v1/auth/login", &body).await {
                Ok(t) => {
                    session::sign_in(t);
                    error.set(None);
                    navigate(&next(), Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="page login">
            <form class="card login-card" on:submit=submit>
                <h1>{move || i.t("Đăng nhập", "Sign in")}</h1>
                <p class="muted">{move || i.t(
                    "Hệ thống theo dõi dự án trọng điểm tỉnh Đồng Nai",
                    "Đồng Nai key public investment project monitor")}</p>
                <ErrorBanner error=error />
                <div class="field">
                    <label for="username">{move || i.t("Tên đăng nhập", "Username")}</label>
                    <input id="username" name="username" autocomplete="username" required
                        prop:value=move || username.get()
                        on:input=move |ev| username.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="password">{move || i.t("Mật khẩu", "Password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="btn primary" data-testid="login-submit" disabled=move || busy.get()>
                    {move || if busy.get() { i.t("Đang đăng nhập…", "Signing in…") } else { i.t("Đăng nhập", "Sign in") }}
                </button>
            </form>
        </section>
    }
}
