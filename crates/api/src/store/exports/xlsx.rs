//! The project table as an Excel workbook: one sheet per project group, always all four
//! ("Quan trọng quốc gia", "Nhóm A", "Nhóm B", "Nhóm C", empty ones with just the header), so
//! the workbook's layout never depends on the filter and formulas or macros that point at a
//! sheet keep working. Bold, frozen header row; VND as `#,##0`, percentages as `0.00`, dates
//! as `dd/mm/yyyy`.

use ioc_domain::dto::ProjectView;
use ioc_domain::ProjectGroup;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::table::{row, Cell, COLUMNS};
use crate::error::ApiError;

pub(super) struct Formats {
    pub(super) header: Format,
    pub(super) vnd: Format,
    pub(super) percent: Format,
    pub(super) date: Format,
}

impl Formats {
    pub(super) fn new() -> Self {
        Formats {
            header: Format::new().set_bold().set_text_wrap(),
            vnd: Format::new().set_num_format("#,##0"),
            percent: Format::new().set_num_format("0.00"),
            date: Format::new().set_num_format("dd/mm/yyyy"),
        }
    }
}

/// Builds the workbook. CPU-bound: call it off the async executor for large exports.
pub fn write(projects: &[ProjectView]) -> Result<Vec<u8>, ApiError> {
    build(projects).map_err(|e| ApiError::Unexpected(anyhow::Error::new(e).context("writing the XLSX export")))
}

fn build(projects: &[ProjectView]) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    for group in ProjectGroup::ALL {
        let sheet = book.add_worksheet();
        sheet.set_name(group.label_vi())?;
        header(sheet, &f)?;
        // Row 0 is the header.
        for (r, p) in (1..).zip(projects.iter().filter(|p| p.group == *group)) {
            for (c, cell) in row(p).into_iter().enumerate() {
                write_cell(sheet, r, c as u16, cell, &f)?;
            }
        }
    }
    book.save_to_buffer()
}

fn header(sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    for (c, (title, width)) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *title, &f.header)?;
        sheet.set_column_width(c, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

pub(super) fn write_cell(sheet: &mut Worksheet, r: u32, c: u16, cell: Cell, f: &Formats) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => {
            sheet.write_string(r, c, s)?;
        }
        // Excel keeps every number as an IEEE double, so f64 is the cell's own type: whole
        // đồng up to 2^53 (about 9 triệu tỷ đồng, far above any budget) convert exactly.
        Cell::Vnd(v) => {
            sheet.write_number_with_format(r, c, v as f64, &f.vnd)?;
        }
        Cell::Count(v) => {
            sheet.write_number(r, c, v as f64)?;
        }
        // Two-decimal percentages; the double nearest to e.g. 42.13 displays as 42.13.
        Cell::Percent(p) => {
            sheet.write_number_with_format(r, c, p.to_f64().unwrap_or(0.0), &f.percent)?;
        }
        Cell::Date(d) => {
            use chrono::Datelike;
            let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            sheet.write_datetime_with_format(r, c, &x, &f.date)?;
        }
        Cell::Empty => {}
    }
    Ok(())
}
