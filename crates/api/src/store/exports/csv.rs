//! The project table as CSV: RFC 4180, comma-separated, UTF-8 with a byte-order mark (without
//! it Excel reads the file as the local code page and garbles the diacritics). Numbers are
//! machine-readable: whole đồng without separators, percentages with a `.` and two decimals,
//! dates ISO 8601 (`2026-01-31`).

use ioc_domain::dto::ProjectView;

use super::table::{row, Cell, COLUMNS};
use crate::error::ApiError;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn text(c: Cell) -> String {
    match c {
        Cell::Text(s) => neutralise_formula(s),
        Cell::Vnd(v) | Cell::Count(v) => v.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Percent(p) => format!("{:.2}", ioc_domain::money::round_half_away(p, 2)),
        Cell::Empty => String::new(),
    }
}

/// A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading `'`, which spreadsheets show as text (OWASP's CSV
/// injection advice). Only text cells: numbers stay numbers.
pub(super) fn neutralise_formula(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

pub fn write(projects: &[ProjectView]) -> Result<Vec<u8>, ApiError> {
    let mut w = ::csv::Writer::from_writer(BOM.to_vec());
    let failed = |e: ::csv::Error| ApiError::Unexpected(anyhow::Error::new(e).context("writing the CSV export"));
    w.write_record(COLUMNS.iter().map(|(title, _)| *title))
        .map_err(failed)?;
    for p in projects {
        w.write_record(row(p).into_iter().map(text)).map_err(failed)?;
    }
    w.into_inner()
        .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("flushing the CSV export: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised_and_numbers_are_not() {
        for f in ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(text(Cell::Text(f.into())), format!("'{f}"));
        }
        assert_eq!(text(Cell::Text("Cầu Cát Lái".into())), "Cầu Cát Lái");
        assert_eq!(text(Cell::Vnd(1_250_000_000)), "1250000000");
        assert_eq!(text(Cell::Percent(rust_decimal::Decimal::new(125, 3))), "0.13");
    }
}
