//! The follow-up report (tình hình thực hiện ý kiến chỉ đạo) as an Excel workbook. Both sheets
//! open with the title, the period and "Số liệu đến ngày", then a Vietnamese header row and
//! its English twin (frozen): "Tổng hợp theo đơn vị" (one line per lead unit and a total),
//! "Chi tiết nhiệm vụ" (one line per task). Dates are date cells `dd/mm/yyyy`, counts numbers,
//! text neutralised against formula injection as in the CSV export.

use ioc_domain::direction::FollowUpTally;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::csv::neutralise_formula;
use super::table::Cell;
use super::xlsx::{write_cell, Formats};
use crate::error::ApiError;
use crate::store::tasks::report::{FollowUpReport, TaskLine};

pub const TITLE: &str = "TÌNH HÌNH THỰC HIỆN Ý KIẾN CHỈ ĐẠO";
pub const SUMMARY_SHEET: &str = "Tổng hợp theo đơn vị";
pub const DETAIL_SHEET: &str = "Chi tiết nhiệm vụ";
/// Rows 0–2 title, period, as-of; row 3 blank; rows 4–5 the headers; data from row 6.
const HEADER_ROW: u32 = 4;
const FIRST_ROW: u32 = 6;

const SUMMARY: [(&str, &str, f64); 8] = [
    ("STT", "No.", 6.0),
    ("Đơn vị chủ trì", "Lead unit", 40.0),
    ("Số nhiệm vụ được giao", "Tasks assigned", 14.0),
    ("Đã hoàn thành đúng hạn", "Confirmed on time", 14.0),
    ("Đã hoàn thành trễ hạn", "Confirmed late", 14.0),
    ("Đang thực hiện trong hạn", "In progress, not overdue", 14.0),
    ("Quá hạn", "Overdue", 12.0),
    ("Tỷ lệ hoàn thành đúng hạn (%)", "Share confirmed on time (%)", 16.0),
];

const DETAIL: [(&str, &str, f64); 16] = [
    ("STT", "No.", 6.0),
    ("Ý kiến chỉ đạo", "Directive", 50.0),
    ("Nguồn chỉ đạo", "Source", 18.0),
    ("Cuộc họp / Số văn bản", "Meeting / document number", 30.0),
    ("Ngày chỉ đạo", "Issued on", 12.0),
    ("Người chỉ đạo", "Issued by", 22.0),
    ("Nhiệm vụ", "Task", 50.0),
    ("Đơn vị chủ trì", "Lead unit", 30.0),
    ("Đơn vị phối hợp", "Supporting units", 30.0),
    ("Thời hạn", "Deadline", 12.0),
    (
        "Thời hạn ban đầu (nếu gia hạn)",
        "Original deadline (if extended)",
        14.0,
    ),
    ("Trạng thái", "State", 20.0),
    ("Tình hình thời hạn", "Deadline status", 18.0),
    ("Số ngày quá hạn", "Days overdue", 10.0),
    ("Báo cáo gần nhất", "Last report", 40.0),
    ("Ngày báo cáo", "Reported on", 12.0),
];

/// Builds the workbook. CPU-bound: call it off the async executor.
pub fn write(report: &FollowUpReport) -> Result<Vec<u8>, ApiError> {
    build(report).map_err(|e| ApiError::Unexpected(anyhow::Error::new(e).context("writing the follow-up report")))
}

fn text(s: &str) -> Cell {
    Cell::Text(neutralise_formula(s.to_owned()))
}

fn count(n: u64) -> Cell {
    Cell::Count(i64::try_from(n).unwrap_or(i64::MAX))
}

fn dmy(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn period(r: &FollowUpReport) -> String {
    match (r.from, r.to) {
        (Some(a), Some(b)) => format!("Thời hạn từ ngày {} đến ngày {}", dmy(a), dmy(b)),
        (Some(a), None) => format!("Thời hạn từ ngày {}", dmy(a)),
        (None, Some(b)) => format!("Thời hạn đến ngày {}", dmy(b)),
        (None, None) => "Tất cả thời hạn".into(),
    }
}

fn build(r: &FollowUpReport) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let title = Format::new().set_bold().set_font_size(14);
    let english = Format::new().set_italic().set_text_wrap();
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();

    let sheet = book.add_worksheet();
    sheet.set_name(SUMMARY_SHEET)?;
    head(sheet, r, &SUMMARY, &f, &title, &english)?;
    let mut row = FIRST_ROW;
    for (i, u) in r.units.iter().enumerate() {
        write_cell(sheet, row, 0, count(i as u64 + 1), &f)?;
        write_cell(sheet, row, 1, text(&u.unit_name), &f)?;
        tally(sheet, row, &u.tally, &f)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 1, "Tổng cộng", &bold)?;
    tally(sheet, row, &r.total, &f)?;
    sheet.write_string(
        row + 2,
        1,
        "Tỷ lệ hoàn thành đúng hạn = số đã hoàn thành đúng hạn / số đã được xác nhận hoàn thành \
         (share confirmed on time = confirmed on time / confirmed).",
    )?;

    let sheet = book.add_worksheet();
    sheet.set_name(DETAIL_SHEET)?;
    head(sheet, r, &DETAIL, &f, &title, &english)?;
    for (i, t) in r.tasks.iter().enumerate() {
        for (c, cell) in detail(i as u64 + 1, t).into_iter().enumerate() {
            write_cell(sheet, FIRST_ROW + i as u32, c as u16, cell, &f)?;
        }
    }
    book.save_to_buffer()
}

fn head(
    sheet: &mut Worksheet,
    r: &FollowUpReport,
    columns: &[(&str, &str, f64)],
    f: &Formats,
    title: &Format,
    english: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, TITLE, title)?;
    sheet.write_string(1, 0, period(r))?;
    sheet.write_string(2, 0, format!("Số liệu đến ngày {}", dmy(r.today)))?;
    for (c, (vi, en, width)) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(HEADER_ROW, c, *vi, &f.header)?;
        sheet.write_string_with_format(HEADER_ROW + 1, c, *en, english)?;
        sheet.set_column_width(c, *width)?;
    }
    sheet.set_freeze_panes(FIRST_ROW, 0)?;
    Ok(())
}

fn tally(sheet: &mut Worksheet, row: u32, t: &FollowUpTally, f: &Formats) -> Result<(), XlsxError> {
    let cells = [
        count(t.assigned),
        count(t.confirmed_on_time),
        count(t.confirmed_late),
        count(t.in_progress),
        count(t.overdue),
        t.on_time_share().map_or(Cell::Empty, |p| Cell::Percent(p.value())),
    ];
    for (c, cell) in (2..).zip(cells) {
        write_cell(sheet, row, c, cell, f)?;
    }
    Ok(())
}

fn detail(n: u64, l: &TaskLine) -> Vec<Cell> {
    let t = &l.task;
    let supporting: Vec<&str> = t.supporting_units.iter().map(|u| u.name.as_str()).collect();
    vec![
        count(n),
        text(&t.directive_text),
        text(t.directive_source.label_vi()),
        text(&l.source_text),
        Cell::Date(t.issued_on),
        text(&l.issued_by),
        text(&t.description),
        text(&t.lead_unit.name),
        text(&supporting.join("; ")),
        Cell::Date(t.deadline),
        if t.original_deadline != t.deadline {
            Cell::Date(t.original_deadline)
        } else {
            Cell::Empty
        },
        text(t.state.label_vi()),
        text(t.deadline_status.label_vi()),
        count(u64::try_from(t.days_overdue).unwrap_or(0)),
        l.last_report.as_ref().map_or(Cell::Empty, |(note, _)| text(note)),
        l.last_report.as_ref().map_or(Cell::Empty, |(_, on)| Cell::Date(*on)),
    ]
}
