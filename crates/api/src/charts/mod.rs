//! Server-rendered charts (SVG and PNG) for IOC video walls and documents that cannot run
//! the SPA. The same dashboard aggregates feed them; labels are Vietnamese, drawn with an
//! embedded Be Vietnam Pro face (SIL OFL 1.1, `assets/fonts/OFL.txt`), so the PNG output
//! never depends on the machine's fonts. SVG text names the same family; viewers without
//! it fall back to their sans-serif.

mod draw;

pub use draw::{bar_chart, line_chart, Bar, BarChartSpec, LineChartSpec, Series};

use std::sync::Once;

static FONT: &[u8] = include_bytes!("../../assets/fonts/BeVietnamPro_400Regular.ttf");
pub const FONT_FAMILY: &str = "sans-serif";

/// Registers the embedded font with plotters once per process.
pub fn ensure_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if plotters::style::register_font(FONT_FAMILY, plotters::style::FontStyle::Normal, FONT).is_err() {
            tracing::error!("embedded chart font could not be registered");
        }
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Svg,
    Png,
}

/// Width and height in pixels, bounded so a request cannot ask for a huge image.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    /// From the raw `width` and `height` parameters: 320–3840 × 240–2160 pixels (default
    /// 1920 × 1080); out of range or not a number is a 422 on that field.
    pub fn parse(width: Option<&str>, height: Option<&str>) -> Result<Size, ioc_domain::ValidationErrors> {
        use ioc_domain::paging::bounded_integer;
        let mut errs = ioc_domain::ValidationErrors::new();
        let w = errs.check(bounded_integer("width", width, 1920, 320, 3840));
        let h = errs.check(bounded_integer("height", height, 1080, 240, 2160));
        // The bounds keep both within u32.
        errs.into_result(|| Size {
            width: w.and_then(|v| u32::try_from(v).ok()).unwrap_or(1920),
            height: h.and_then(|v| u32::try_from(v).ok()).unwrap_or(1080),
        })
    }
}

/// A rendered image and its content type.
pub struct Image {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

#[derive(Debug, thiserror::Error)]
#[error("chart rendering failed: {0}")]
pub struct ChartError(pub String);

/// Something drawable on any plotters backend.
pub trait Chart {
    fn draw<DB: plotters::prelude::DrawingBackend>(
        &self,
        area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    ) -> Result<(), ChartError>;
}

/// Renders a chart as SVG text or as a PNG image.
pub fn render(chart: &impl Chart, format: Format, size: Size) -> Result<Image, ChartError> {
    use plotters::prelude::*;
    ensure_font();
    match format {
        Format::Svg => {
            let mut svg = String::new();
            {
                let area = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
                chart.draw(&area)?;
                area.present().map_err(|e| ChartError(e.to_string()))?;
            }
            Ok(Image {
                bytes: svg.into_bytes(),
                content_type: "image/svg+xml",
            })
        }
        Format::Png => {
            let mut rgb = vec![0u8; (size.width * size.height * 3) as usize];
            {
                let area = BitMapBackend::with_buffer(&mut rgb, (size.width, size.height)).into_drawing_area();
                chart.draw(&area)?;
                area.present().map_err(|e| ChartError(e.to_string()))?;
            }
            let mut out = Vec::new();
            {
                let mut enc = png::Encoder::new(&mut out, size.width, size.height);
                enc.set_color(png::ColorType::Rgb);
                enc.set_depth(png::BitDepth::Eight);
                let mut w = enc.write_header().map_err(|e| ChartError(e.to_string()))?;
                w.write_image_data(&rgb).map_err(|e| ChartError(e.to_string()))?;
            }
            Ok(Image {
                bytes: out,
                content_type: "image/png",
            })
        }
    }
}
