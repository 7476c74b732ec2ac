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
        Cell::Text(s) => s,
        Cell::Vnd(v) | Cell::Count(v) => v.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Percent(p) => format!("{:.2}", p),
        Cell::Empty => String::new(),
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
