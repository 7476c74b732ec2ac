use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Slice {
    pub key: String,
    pub label: String,
    pub value: f64,
    pub colour: &'static str,
    /// What the legend shows for the value (a count, a percentage...).
    pub display: String,
}

/// A ring chart with the total in its centre and a legend beside it.
#[component]
pub fn Doughnut(
    testid: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] slices: Signal<Vec<Slice>>,
    #[prop(into)] centre: Signal<String>,
) -> impl IntoView {
    let aria = move || {
        let parts: Vec<String> = slices
            .get()
            .iter()
            .map(|s| format!("{}: {}", s.label, s.display))
            .collect();
        format!("{}. {}", title.get(), parts.join("; "))
    };
    let arcs = move || {
        let s = slices.get();
        let total: f64 = s.iter().map(|x| x.value).sum();
        if total <= 0.0 {
            return view! { <circle cx="60" cy="60" r="45" fill="none" stroke="#d0d7de" stroke-width="22" /> }
                .into_any();
        }
        let circumference = 2.0 * std::f64::consts::PI * 45.0;
        let mut offset = 0.0;
        s.into_iter()
            .filter(|x| x.value > 0.0)
            .map(|x| {
                let len = x.value / total * circumference;
                let dash = format!("{len:.3} {:.3}", circumference - len);
                let off = format!("{:.3}", -offset);
                offset += len;
                view! {
                    <circle cx="60" cy="60" r="45" fill="none" stroke=x.colour stroke-width="22"
                        stroke-dasharray=dash stroke-dashoffset=off transform="rotate(-90 60 60)"
                        data-key=x.key>
                        <title>{format!("{}: {}", x.label, x.display)}</title>
                    </circle>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <figure class="chart doughnut" data-testid=testid>
            <svg viewBox="0 0 120 120" role="img" aria-label=aria>
                {arcs}
                <text x="60" y="66" text-anchor="middle" class="centre">{centre}</text>
            </svg>
            <ul class="legend">
                {move || slices.get().into_iter().map(|s| view! {
                    <li data-key=s.key.clone()>
                        <span class="swatch" style:background=s.colour aria-hidden="true"></span>
                        <span class="legend-label">{s.label}</span>
                        <span class="legend-value">{s.display}</span>
                    </li>
                }).collect_view()}
            </ul>
        </figure>
    }
}
