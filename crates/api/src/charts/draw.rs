//! The two chart shapes the dashboard needs: labelled bars and lines over labelled points.
//! Values are f64 because they are pixels-to-be (counts, percentages, billions of đồng for
//! display); the exact figures stay in the JSON API.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor;

use super::{Chart, ChartError, FONT_FAMILY};

fn err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError(e.to_string())
}

pub struct Bar {
    pub label: String,
    pub value: f64,
    pub colour: RGBColor,
}

/// Vertical bars with a label under each and the value above it.
pub struct BarChartSpec {
    pub title: String,
    pub y_label: String,
    pub bars: Vec<Bar>,
}

pub fn bar_chart(title: impl Into<String>, y_label: impl Into<String>, bars: Vec<Bar>) -> BarChartSpec {
    BarChartSpec {
        title: title.into(),
        y_label: y_label.into(),
        bars,
    }
}

/// Sizes scale with the image so a 1920×1080 wall and a 800×450 document both read well.
fn scale(h: u32) -> f64 {
    (h as f64 / 1080.0).max(0.3)
}

impl Chart for BarChartSpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (_, h) = area.dim_in_pixel();
        let s = scale(h);
        area.fill(&WHITE).map_err(err)?;
        let n = self.bars.len().max(1);
        let max = self.bars.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0) * 1.15;
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, (FONT_FAMILY, 56.0 * s))
            .margin((30.0 * s) as u32)
            .x_label_area_size((90.0 * s) as u32)
            .y_label_area_size((130.0 * s) as u32)
            .build_cartesian_2d(0.0..n as f64, 0.0..max)
            .map_err(err)?;
        let labels: Vec<String> = self.bars.iter().map(|b| b.label.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc(&self.y_label)
            .axis_desc_style((FONT_FAMILY, 30.0 * s))
            .label_style((FONT_FAMILY, 28.0 * s))
            .draw()
            .map_err(err)?;
        for (i, b) in self.bars.iter().enumerate() {
            let x0 = i as f64 + 0.15;
            let x1 = i as f64 + 0.85;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x0, 0.0), (x1, b.value)],
                    b.colour.filled(),
                )))
                .map_err(err)?;
            let value = if b.value.fract() == 0.0 {
                format!("{}", b.value as i64)
            } else {
                format!("{:.1}", b.value)
            };
            chart
                .draw_series(std::iter::once(Text::new(
                    value.replace('.', ","),
                    (i as f64 + 0.5, b.value + max * 0.02),
                    (FONT_FAMILY, 34.0 * s)
                        .into_font()
                        .color(&BLACK)
                        .pos(text_anchor::Pos::new(
                            text_anchor::HPos::Center,
                            text_anchor::VPos::Bottom,
                        )),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    labels[i].clone(),
                    (i as f64 + 0.5, -max * 0.03),
                    (FONT_FAMILY, 28.0 * s)
                        .into_font()
                        .color(&BLACK)
                        .pos(text_anchor::Pos::new(text_anchor::HPos::Center, text_anchor::VPos::Top)),
                )))
                .map_err(err)?;
        }
        Ok(())
    }
}

pub struct Series {
    pub name: String,
    pub colour: RGBColor,
    /// One value per x label; `None` leaves a gap (e.g. months after the as-of date).
    pub points: Vec<Option<f64>>,
}

/// Lines over labelled x positions, with a legend.
pub struct LineChartSpec {
    pub title: String,
    pub y_label: String,
    pub x_labels: Vec<String>,
    pub series: Vec<Series>,
}

pub fn line_chart(
    title: impl Into<String>,
    y_label: impl Into<String>,
    x_labels: Vec<String>,
    series: Vec<Series>,
) -> LineChartSpec {
    LineChartSpec {
        title: title.into(),
        y_label: y_label.into(),
        x_labels,
        series,
    }
}

impl Chart for LineChartSpec {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let (_, h) = area.dim_in_pixel();
        let s = scale(h);
        area.fill(&WHITE).map_err(err)?;
        let n = self.x_labels.len().max(2);
        let max = self
            .series
            .iter()
            .flat_map(|x| x.points.iter().flatten())
            .fold(0.0f64, |a, b| a.max(*b))
            .max(1.0)
            * 1.1;
        let labels = self.x_labels.clone();
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, (FONT_FAMILY, 56.0 * s))
            .margin((30.0 * s) as u32)
            .x_label_area_size((80.0 * s) as u32)
            .y_label_area_size((130.0 * s) as u32)
            .build_cartesian_2d(0.0..(n - 1) as f64, 0.0..max)
            .map_err(err)?;
        let step = (labels.len() / 12).max(1);
        chart
            .configure_mesh()
            .x_labels(labels.len().min(13))
            .x_label_formatter(&|x| {
                let i = x.round() as usize;
                if (x - x.round()).abs() < 1e-6 && i.is_multiple_of(step) {
                    labels.get(i).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc(&self.y_label)
            .axis_desc_style((FONT_FAMILY, 30.0 * s))
            .label_style((FONT_FAMILY, 26.0 * s))
            .draw()
            .map_err(err)?;
        for series in &self.series {
            let colour = series.colour;
            let pts: Vec<(f64, f64)> = series
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
                .collect();
            chart
                .draw_series(LineSeries::new(
                    pts.clone(),
                    colour.stroke_width((5.0 * s).max(1.0) as u32),
                ))
                .map_err(err)?
                .label(series.name.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 30, y)], colour.stroke_width(4)));
            chart
                .draw_series(
                    pts.into_iter()
                        .map(|p| Circle::new(p, (6.0 * s).max(2.0) as u32, colour.filled())),
                )
                .map_err(err)?;
        }
        chart
            .configure_series_labels()
            .label_font((FONT_FAMILY, 30.0 * s))
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(err)?;
        Ok(())
    }
}
