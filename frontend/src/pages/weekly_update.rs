use leptos::prelude::*;

#[component]
pub fn WeeklyUpdatePage() -> impl IntoView {
    view! { <section class="page"><h1>"WeeklyUpdate"</h1></section> }
}
