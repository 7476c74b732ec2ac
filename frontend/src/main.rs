//! The IOC key-project monitor's single-page app (Leptos, client-side rendered).

mod api;
mod app;
mod charts;
mod components;
mod filters;
mod format;
mod i18n;
mod pages;
mod session;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
