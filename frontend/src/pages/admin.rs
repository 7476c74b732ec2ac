use leptos::prelude::*;

#[component]
pub fn AdminPage() -> impl IntoView {
    view! { <section class="page"><h1>"Admin"</h1></section> }
}
