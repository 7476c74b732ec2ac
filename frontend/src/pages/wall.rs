use leptos::prelude::*;

#[component]
pub fn WallPage() -> impl IntoView {
    view! { <section class="page"><h1>"Wall"</h1></section> }
}
