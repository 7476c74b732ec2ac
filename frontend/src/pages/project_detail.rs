use leptos::prelude::*;

#[component]
pub fn ProjectDetailPage() -> impl IntoView {
    view! { <section class="page"><h1>"ProjectDetail"</h1></section> }
}
