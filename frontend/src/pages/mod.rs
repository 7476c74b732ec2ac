//! One module per page.

pub(crate) mod admin;
mod alerts;
mod capital_plans;
mod dashboard;
mod login;
mod project_detail;
mod projects;
mod wall;
mod weekly_update;

pub use admin::AdminPage;
pub use alerts::AlertsPage;
pub use dashboard::DashboardPage;
pub use login::LoginPage;
pub use project_detail::ProjectDetailPage;
pub use projects::ProjectsPage;
pub use wall::WallPage;
pub use weekly_update::WeeklyUpdatePage;

use leptos::prelude::*;

use crate::i18n::i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i = i18n();
    view! {
        <section class="page">
            <h1>{move || i.t("Không tìm thấy trang", "Page not found")}</h1>
            <p><a href="/">{move || i.t("Về trang tổng quan", "Back to the dashboard")}</a></p>
        </section>
    }
}
