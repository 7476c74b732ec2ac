//! The conclusions notice (thông báo kết luận) of a meeting as a DOCX file, in the layout of
//! a Vietnamese administrative document (Decree 30/2020/NĐ-CP): A4, Times New Roman 13, a
//! borderless two-column header (issuing authority and number / national motto and date),
//! the centred bold title, the body grouped by project, then "Nơi nhận" beside the signature.
//! A pure function of a [`ConclusionsView`].

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableRow, WidthType,
};
use ioc_domain::dto::ConclusionsView;

/// A4 in twentieths of a point, margins as the decree asks (top/bottom 2 cm, left 3 cm, right 1.5 cm).
const A4_WIDTH: u32 = 11_906;
const A4_HEIGHT: u32 = 16_838;
const CM: i32 = 567;
/// Font sizes in half-points.
const BODY: usize = 26;
const SMALL: usize = 24;

/// "ngày 05 tháng 02 năm 2026": days below 10 and January/February take a leading zero.
pub fn date_words(d: NaiveDate) -> String {
    let day = if d.day() < 10 {
        format!("0{}", d.day())
    } else {
        d.day().to_string()
    };
    let month = if d.month() < 3 {
        format!("0{}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {day} tháng {month} năm {}", d.year())
}

fn text(s: impl Into<String>) -> Run {
    Run::new().add_text(s).size(BODY)
}

fn line(run: Run, align: AlignmentType) -> Paragraph {
    Paragraph::new().add_run(run).align(align)
}

fn centred(run: Run) -> Paragraph {
    line(run, AlignmentType::Center)
}

fn body(s: impl Into<String>) -> Paragraph {
    Paragraph::new()
        .add_run(text(s))
        .align(AlignmentType::Both)
        .indent(Some(CM), None, None, None)
        .line_spacing(LineSpacing::new().before(60).after(60))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn two_columns(left: Vec<Paragraph>, right: Vec<Paragraph>) -> Table {
    let cell = |ps: Vec<Paragraph>, width: usize| {
        ps.into_iter()
            .fold(TableCell::new().width(width, WidthType::Dxa), |c, p| c.add_paragraph(p))
    };
    Table::without_borders(vec![TableRow::new(vec![cell(left, 3_800), cell(right, 5_700)])])
        .set_grid(vec![3_800, 5_700])
        .width(9_500, WidthType::Dxa)
}

/// The notice's paragraphs and tables, in order.
fn document(c: &ConclusionsView) -> Docx {
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .east_asia("Times New Roman")
        .cs("Times New Roman");
    let header = two_columns(
        vec![
            centred(text(c.authority.clone())),
            centred(text(c.issuing_body.clone()).bold()),
            centred(text("———")),
            centred(text(format!("Số: {}", c.notice_number))),
        ],
        vec![
            centred(
                Run::new()
                    .add_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                    .size(SMALL)
                    .bold(),
            ),
            centred(text("Độc lập - Tự do - Hạnh phúc").bold()),
            centred(text("———————————")),
            centred(text(format!("{}, {}", c.place, date_words(c.notice_date))).italic()),
        ],
    );
    let title = format!(
        "Kết luận của {} {} tại cuộc họp {}",
        c.chair_office,
        c.chair.display_name,
        lower_first(&c.meeting_title)
    );
    let mut doc = Docx::new()
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(2 * CM)
                .bottom(2 * CM)
                .left(3 * CM)
                .right(CM * 3 / 2),
        )
        .default_fonts(fonts)
        .default_size(BODY)
        .add_table(header)
        .add_paragraph(Paragraph::new())
        .add_paragraph(centred(text("THÔNG BÁO").bold()))
        .add_paragraph(centred(text(title).bold()))
        .add_paragraph(centred(text("————")))
        .add_paragraph(body(format!(
            "Ngày {}, tại {}, {} {} chủ trì cuộc họp {}. Sau khi nghe Sở Xây dựng báo cáo tình hình \
             thực hiện các dự án trọng điểm và ý kiến của các cơ quan, đơn vị dự họp, {} kết luận như sau:",
            dmy(c.meeting_date),
            if c.location.is_empty() {
                "trụ sở UBND tỉnh"
            } else {
                &c.location
            },
            c.chair_office,
            c.chair.display_name,
            lower_first(&c.meeting_title),
            c.chair_office,
        )));
    if c.groups.is_empty() {
        doc = doc.add_paragraph(body("Không có ý kiến chỉ đạo nào được ghi nhận tại cuộc họp."));
    }
    for (i, g) in c.groups.iter().enumerate() {
        let heading = match &g.project {
            Some(p) => format!("{}. Dự án {} ({})", i + 1, p.name, p.code),
            None => format!("{}. Các nội dung khác", i + 1),
        };
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(text(heading).bold())
                .indent(Some(CM), None, None, None)
                .line_spacing(LineSpacing::new().before(120).after(60)),
        );
        for d in &g.directives {
            doc = doc.add_paragraph(body(format!("- {}", d.text)));
            for t in &d.tasks {
                let mut who = format!("{} chủ trì", t.lead_unit.name);
                if !t.supporting_units.is_empty() {
                    let names: Vec<&str> = t.supporting_units.iter().map(|u| u.name.as_str()).collect();
                    who.push_str(&format!(", phối hợp với {}", names.join(", ")));
                }
                let mut s = format!("Giao {who}; thời hạn hoàn thành: {}.", dmy(t.deadline));
                if !t.expected_result.is_empty() {
                    s.push_str(&format!(" Kết quả: {}", t.expected_result));
                }
                doc = doc.add_paragraph(body(s));
            }
        }
    }
    doc = doc.add_paragraph(body(
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.",
    ));
    let mut recipients = vec![line(
        Run::new().add_text("Nơi nhận:").size(SMALL).bold().italic(),
        AlignmentType::Left,
    )];
    for u in &c.recipients {
        recipients.push(line(
            Run::new().add_text(format!("- {};", u.name)).size(22),
            AlignmentType::Left,
        ));
    }
    recipients.push(line(Run::new().add_text("- Lưu: VT.").size(22), AlignmentType::Left));
    let signature = vec![
        centred(text("KT. CHỦ TỊCH").bold()),
        centred(text(c.chair_title.clone()).bold()),
        Paragraph::new(),
        Paragraph::new(),
        Paragraph::new(),
        centred(text(c.chair.display_name.clone()).bold()),
    ];
    doc.add_paragraph(Paragraph::new())
        .add_table(two_columns(recipients, signature))
}

/// The DOCX bytes of the notice.
pub fn conclusions_docx(c: &ConclusionsView) -> Result<Vec<u8>, anyhow::Error> {
    let mut buf = std::io::Cursor::new(Vec::new());
    document(c).build().pack(&mut buf)?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use ioc_domain::dto::{ConclusionDirective, ConclusionGroup, ConclusionTask, ProjectRef, UnitRef, UserRef};
    use ioc_domain::MeetingKind;

    use super::*;

    fn unit(id: i32, name: &str) -> UnitRef {
        UnitRef {
            id,
            code: format!("U{id}"),
            name: name.into(),
        }
    }

    fn sample() -> ConclusionsView {
        let d = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap();
        ConclusionsView {
            meeting_id: 1,
            meeting_title: "Giao ban tuần các dự án trọng điểm".into(),
            kind: MeetingKind::WeeklyReview,
            meeting_date: d,
            location: "Phòng họp số 1".into(),
            authority: "UBND TỈNH ĐỒNG NAI".into(),
            issuing_body: "VĂN PHÒNG".into(),
            notice_number: "125/TB-UBND".into(),
            place: "Đồng Nai".into(),
            notice_date: d,
            chair: UserRef {
                id: 3,
                username: "lanhdao".into(),
                display_name: "Nguyễn Văn Lãnh".into(),
            },
            chair_title: "PHÓ CHỦ TỊCH".into(),
            chair_office: "Phó Chủ tịch UBND tỉnh".into(),
            groups: vec![ConclusionGroup {
                project: Some(ProjectRef {
                    id: 1,
                    code: "DT768".into(),
                    name: "Đường tỉnh 768".into(),
                }),
                directives: vec![ConclusionDirective {
                    id: 7,
                    text: "Khẩn trương hoàn thành bồi thường, giải phóng mặt bằng đoạn qua phường Tam Phước.".into(),
                    tasks: vec![ConclusionTask {
                        lead_unit: unit(1, "Trung tâm Phát triển quỹ đất tỉnh"),
                        supporting_units: vec![unit(2, "UBND phường Tam Phước")],
                        deadline: NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
                        expected_result: "Bàn giao 1,2 km mặt bằng".into(),
                    }],
                }],
            }],
            recipients: vec![
                unit(1, "Trung tâm Phát triển quỹ đất tỉnh"),
                unit(2, "UBND phường Tam Phước"),
            ],
        }
    }

    /// The text runs of `word/document.xml`, joined.
    fn document_text(bytes: &[u8]) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let mut out = String::new();
        for part in xml.split("<w:t").skip(1) {
            let start = part.find('>').unwrap() + 1;
            let end = part.find("</w:t>").unwrap_or(start);
            out.push_str(&part[start..end]);
            out.push('\n');
        }
        out
    }

    #[test]
    fn the_notice_has_the_administrative_header_title_body_recipients_and_signature() {
        let bytes = conclusions_docx(&sample()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let text = document_text(&bytes);
        let expected = [
            "UBND TỈNH ĐỒNG NAI",
            "VĂN PHÒNG",
            "Số: 125/TB-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Đồng Nai, ngày 05 tháng 02 năm 2026",
            "THÔNG BÁO",
            "Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Văn Lãnh tại cuộc họp giao ban tuần các dự án trọng điểm",
            "1. Dự án Đường tỉnh 768 (DT768)",
            "- Khẩn trương hoàn thành bồi thường, giải phóng mặt bằng đoạn qua phường Tam Phước.",
            "Giao Trung tâm Phát triển quỹ đất tỉnh chủ trì, phối hợp với UBND phường Tam Phước; thời hạn hoàn thành: 15/03/2026.",
            "Nơi nhận:",
            "- UBND phường Tam Phước;",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
        ];
        for e in expected {
            assert!(text.contains(e), "missing {e:?} in\n{text}");
        }
        // The signature's name comes after the signing line.
        assert!(text.rfind("Nguyễn Văn Lãnh").unwrap() > text.find("KT. CHỦ TỊCH").unwrap());
    }

    #[test]
    fn the_page_is_a4_and_the_header_table_has_no_borders() {
        let bytes = conclusions_docx(&sample()).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(
            xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
            "{xml}"
        );
        assert!(!xml.contains(r#"w:val="single""#), "a table border is drawn");
    }

    #[test]
    fn single_digit_days_and_early_months_take_a_leading_zero() {
        assert_eq!(
            date_words(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
            "ngày 27 tháng 11 năm 2026"
        );
        assert_eq!(
            date_words(NaiveDate::from_ymd_opt(2026, 1, 9).unwrap()),
            "ngày 09 tháng 01 năm 2026"
        );
        assert_eq!(
            date_words(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            "ngày 01 tháng 3 năm 2026"
        );
    }
}
