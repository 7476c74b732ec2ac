//! Charts drawn in the browser as SVG, from the same API data as the server's plotters
//! images. Each has a text alternative (`role="img"` + `aria-label`) and a legend in words.

mod bars;
mod doughnut;
mod line;

pub use bars::*;
pub use doughnut::*;
pub use line::*;
