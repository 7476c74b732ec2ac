use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Bar {
    pub key: String,
    pub label: String,
    pub value: f64,
    pub display: String,
    pub colour: &'static str,
}

/// Horizontal bars with their labels and values written out (readable on a phone and on
/// the wall alike).
#[component]
pub fn BarList(
    testid: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] bars: Signal<Vec<Bar>>,
) -> impl IntoView {
    let aria = move || {
        let parts: Vec<String> = bars
            .get()
            .iter()
            .map(|b| format!("{}: {}", b.label, b.display))
            .collect();
        format!("{}. {}", title.get(), parts.join("; "))
    };
    view! {
        <figure class="chart bars" data-testid=testid role="img" aria-label=aria>
            {move || {
                let b = bars.get();
                let max = b.iter().map(|x| x.value).fold(0.0_f64, f64::max);
                b.into_iter().map(|x| {
                    let w = if max > 0.0 { x.value / max * 100.0 } else { 0.0 };
                    view! {
                        <div class="bar-row" data-key=x.key.clone() data-value=x.value.to_string()>
                            <span class="bar-label">{x.label}</span>
                            <span class="bar-track" aria-hidden="true">
                                <span class="bar-fill" style:width=format!("{w:.2}%") style:background=x.colour></span>
                            </span>
                            <span class="bar-value">{x.display}</span>
                        </div>
                    }
                }).collect_view()
            }}
        </figure>
    }
}
