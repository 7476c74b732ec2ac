//! One module per page.

pub(crate) mod admin;
mod alerts;
mod capital_plans;
mod dashboard;
pub(crate) mod direction_group;
mod inbox;
mod login;
mod meetings;
mod project_detail;
mod projects;
mod settings;
mod tasks;
mod wall;
mod weekly_update;

pub use admin::AdminPage;
pub use alerts::AlertsPage;
pub use dashboard::DashboardPage;
pub use inbox::InboxPage;
pub use login::LoginPage;
pub use meetings::{ConclusionsPage, MeetingFormPage, MeetingPage, MeetingsPage, PresenterPage};
pub use project_detail::ProjectDetailPage;
pub use projects::ProjectsPage;
pub use settings::SettingsPage;
pub use tasks::{DirectivePage, TaskDetailPage, TasksPage};
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
