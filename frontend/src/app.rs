//! The shell: contexts, the header with navigation, and the routes.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes, A};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

use crate::filters::RefData;
use crate::i18n::{i18n, I18n};
use crate::pages;
use crate::session;

#[component]
pub fn App() -> impl IntoView {
    provide_context(I18n::new());
    let refs = RefData::new();
    provide_context(refs);
    crate::components::Unread::provide();
    let sess = session::session();

    // Reference lists follow the signed-in user.
    Effect::new(move |_| {
        if sess.with(Option::is_some) {
            leptos::task::spawn_local(refs.load());
        }
    });
    // Keep the access token fresh even on a page nobody touches (the IOC wall).
    let _ = set_interval_with_handle(
        || {
            leptos::task::spawn_local(async {
                let _ = session::access_token().await;
            })
        },
        std::time::Duration::from_secs(30),
    );

    view! {
        <Router>
            <a class="skip-link" href="#main">{move || i18n().t("Bỏ qua đến nội dung", "Skip to content")}</a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <pages::NotFound /> }>
                    <Route path=path!("/login") view=pages::LoginPage />
                    <Route path=path!("/") view=|| view! { <RequireAuth><pages::DashboardPage /></RequireAuth> } />
                    <Route path=path!("/projects") view=|| view! { <RequireAuth><pages::ProjectsPage /></RequireAuth> } />
                    <Route path=path!("/projects/:id") view=|| view! { <RequireAuth><pages::ProjectDetailPage /></RequireAuth> } />
                    <Route path=path!("/projects/:id/update") view=|| view! { <RequireAuth><pages::WeeklyUpdatePage /></RequireAuth> } />
                    <Route path=path!("/alerts") view=|| view! { <RequireAuth><pages::AlertsPage /></RequireAuth> } />
                    <Route path=path!("/admin") view=|| view! { <RequireAuth><pages::AdminPage /></RequireAuth> } />
                    <Route path=path!("/wall") view=|| view! { <RequireAuth><pages::WallPage /></RequireAuth> } />
                    <Route path=path!("/inbox") view=|| view! { <RequireAuth><pages::InboxPage /></RequireAuth> } />
                    <Route path=path!("/settings") view=|| view! { <RequireAuth><pages::SettingsPage /></RequireAuth> } />
                    <Route path=path!("/tasks") view=|| view! { <RequireAuth><pages::TasksPage /></RequireAuth> } />
                    <Route path=path!("/tasks/:id") view=|| view! { <RequireAuth><pages::TaskDetailPage /></RequireAuth> } />
                    <Route path=path!("/directives/:id") view=|| view! { <RequireAuth><pages::DirectivePage /></RequireAuth> } />
                    <Route path=path!("/meetings") view=|| view! { <RequireAuth><pages::MeetingsPage /></RequireAuth> } />
                    <Route path=path!("/meetings/new") view=|| view! { <RequireAuth><pages::MeetingFormPage /></RequireAuth> } />
                    <Route path=path!("/meetings/:id") view=|| view! { <RequireAuth><pages::MeetingPage /></RequireAuth> } />
                    <Route path=path!("/meetings/:id/edit") view=|| view! { <RequireAuth><pages::MeetingFormPage /></RequireAuth> } />
                    <Route path=path!("/meetings/:id/present") view=|| view! { <RequireAuth><pages::PresenterPage /></RequireAuth> } />
                    <Route path=path!("/meetings/:id/conclusions") view=|| view! { <RequireAuth><pages::ConclusionsPage /></RequireAuth> } />
                </Routes>
            </main>
        </Router>
    }
}

/// Renders its children for a signed-in user; otherwise sends them to the login page and
/// back here afterwards.
#[component]
fn RequireAuth(children: ChildrenFn) -> impl IntoView {
    let location = use_location();
    let sess = session::session();
    move || {
        if sess.with(Option::is_some) {
            children().into_any()
        } else {
            // `search` comes without its `?`.
            let search = location.search.get_untracked();
            let path = location.pathname.get_untracked();
            let here = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            let next = String::from(js_sys::encode_uri_component(&here));
            view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
        }
    }
}

#[component]
fn Header() -> impl IntoView {
    let i = i18n();
    let sess = session::session();
    let location = use_location();
    let navigate = use_navigate();
    // The wall and presenter mode are full-screen: no header there.
    let on_wall = move || {
        let p = location.pathname.get();
        p == "/wall" || p.ends_with("/present")
    };
    let logout = Callback::new(move |_: ()| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            if let Some(a) = session::session().get_untracked() {
                let body = ioc_domain::dto::RefreshRequest {
                    refresh_token: a.refresh_token,
                };
                let _ = crate::api::send::<_, serde_json::Value>(
                    gloo_net::http::Method::POST,
                    "/api/v1/auth/logout",
                    Some(&body),
                    None,
                )
                .await;
            }
            session::sign_out_locally();
            navigate("/login", Default::default());
        });
    });
    view! {
        <Show when=move || !on_wall()>
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">"IOC"</span>
                    <span class="brand-text">
                        <strong>{move || i.t("Theo dõi dự án trọng điểm", "Key project monitor")}</strong>
                        <small>{move || i.t("Tỉnh Đồng Nai", "Đồng Nai Province")}</small>
                    </span>
                </div>
                <Show when=move || sess.with(Option::is_some)>
                    <nav class="mainnav" aria-label=move || i.t("Điều hướng chính", "Main navigation")>
                        <A href="/" exact=true>{move || i.t("Tổng quan", "Dashboard")}</A>
                        <A href="/projects">{move || i.t("Dự án", "Projects")}</A>
                        <A href="/alerts">{move || i.t("Cảnh báo", "Alerts")}</A>
                        <Show when=session::can_read_tasks>
                            <A href="/tasks">{move || i.t("Nhiệm vụ", "Tasks")}</A>
                        </Show>
                        <Show when=session::can_read_meetings>
                            <A href="/meetings">{move || i.t("Giao ban", "Meetings")}</A>
                        </Show>
                        <Show when=session::is_admin>
                            <A href="/admin">{move || i.t("Quản trị", "Administration")}</A>
                        </Show>
                        <A href="/wall">{move || i.t("Màn hình IOC", "IOC wall")}</A>
                    </nav>
                </Show>
                <div class="userbox">
                    <button type="button" class="btn link" data-testid="lang-toggle"
                        aria-label=move || i.t("Switch to English", "Chuyển sang tiếng Việt")
                        on:click=move |_| i.toggle()>
                        {move || i.t("EN", "VI")}
                    </button>
                    {move || session::user().map(|u| {
                        let role = u.role;
                        view! {
                            <span class="user" data-testid="user-name" data-role=role.as_str()>
                                {u.display_name.clone()}
                                <small>{move || i.t(role.label_vi(), role.label_en())}</small>
                            </span>
                        }
                    })}
                    <Show when=move || sess.with(Option::is_some)>
                        <crate::components::InboxBadge />
                        <A href="/settings" attr:class="btn link" attr:data-testid="settings-link">{move || i.t("Cài đặt", "Settings")}</A>
                    </Show>
                    <Show when=move || sess.with(Option::is_some)>
                        <button type="button" class="btn secondary" data-testid="logout" on:click=move |_| logout.run(())>
                            {move || i.t("Đăng xuất", "Sign out")}
                        </button>
                    </Show>
                </div>
            </header>
        </Show>
    }
}
