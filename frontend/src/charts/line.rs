use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub colour: &'static str,
    pub dashed: bool,
    /// (x, y); `None` leaves a gap (e.g. months not reached yet).
    pub points: Vec<(f64, Option<f64>)>,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

/// Lines over a shared x axis. `x_ticks` are (x, label); `y_label` formats a y value.
#[component]
pub fn LineChart(
    testid: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] series: Signal<Vec<Series>>,
    #[prop(into)] x_ticks: Signal<Vec<(f64, String)>>,
    y_label: fn(f64) -> String,
    /// Fixed y maximum (100 for percentages); otherwise the data's maximum.
    #[prop(optional)]
    y_max: Option<f64>,
) -> impl IntoView {
    let aria = move || {
        let names: Vec<String> = series.get().iter().map(|s| s.name.clone()).collect();
        format!("{} ({})", title.get(), names.join(", "))
    };
    let body = move || {
        let s = series.get();
        let ticks = x_ticks.get();
        let xs: Vec<f64> = s
            .iter()
            .flat_map(|x| x.points.iter().map(|p| p.0))
            .chain(ticks.iter().map(|t| t.0))
            .collect();
        let (x0, x1) = xs.iter().fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        let (x0, x1) = if x0 >= x1 { (x0 - 1.0, x0 + 1.0) } else { (x0, x1) };
        let data_max = s
            .iter()
            .flat_map(|x| x.points.iter().filter_map(|p| p.1))
            .fold(0.0_f64, f64::max);
        let ymax = y_max.unwrap_or(if data_max > 0.0 { nice(data_max) } else { 1.0 });
        let px = move |x: f64| LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT);
        let py = move |y: f64| TOP + (1.0 - y / ymax) * (H - TOP - BOTTOM);
        let grid = (0..=4)
            .map(|k| {
                let y = ymax * f64::from(k) / 4.0;
                let yy = py(y);
                view! {
                    <line x1=LEFT x2=W - RIGHT y1=yy y2=yy class="grid" />
                    <text x=LEFT - 6.0 y=yy + 4.0 text-anchor="end" class="axis">{y_label(y)}</text>
                }
            })
            .collect_view();
        let xt = ticks
            .into_iter()
            .map(|(x, label)| {
                // Labels at the ends lean inwards so they are not clipped.
                let at = px(x);
                let anchor = if at > W - RIGHT - 30.0 {
                    "end"
                } else if at < LEFT + 30.0 {
                    "start"
                } else {
                    "middle"
                };
                view! { <text x=at y=H - 12.0 text-anchor=anchor class="axis">{label}</text> }
            })
            .collect_view();
        let lines = s
            .into_iter()
            .map(|ser| {
                // Split at gaps so a missing value is not drawn as zero.
                let mut paths = Vec::new();
                let mut cur = String::new();
                for (x, y) in &ser.points {
                    match y {
                        Some(y) => {
                            cur.push_str(&format!(
                                "{}{:.1},{:.1} ",
                                if cur.is_empty() { "M" } else { "L" },
                                px(*x),
                                py(*y)
                            ));
                        }
                        None if !cur.is_empty() => paths.push(std::mem::take(&mut cur)),
                        None => {}
                    }
                }
                if !cur.is_empty() {
                    paths.push(cur);
                }
                let dash = if ser.dashed { "6 4" } else { "" };
                paths
                    .into_iter()
                    .map(|d| {
                        view! {
                            <path d=d fill="none" stroke=ser.colour stroke-width="2.5" stroke-dasharray=dash>
                                <title>{ser.name.clone()}</title>
                            </path>
                        }
                    })
                    .collect_view()
            })
            .collect_view();
        view! {
            {grid}
            <line x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM class="axis-line" />
            {xt}
            {lines}
        }
    };
    view! {
        <figure class="chart line" data-testid=testid>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=aria preserveAspectRatio="xMidYMid meet">
                {body}
            </svg>
            <ul class="legend inline">
                {move || series.get().into_iter().map(|s| view! {
                    <li>
                        <span class=if s.dashed { "swatch dashed" } else { "swatch" }
                            style:background=s.colour aria-hidden="true"></span>
                        {s.name}
                    </li>
                }).collect_view()}
            </ul>
        </figure>
    }
}

/// Rounds a maximum up to 1, 2 or 5 × 10^n so the axis reads well.
fn nice(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    let m = v / p;
    let n = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    n * p
}
