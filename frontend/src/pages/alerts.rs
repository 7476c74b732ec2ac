use leptos::prelude::*;

#[component]
pub fn AlertsPage() -> impl IntoView {
    view! { <section class="page"><h1>"Alerts"</h1></section> }
}
