//! Vietnamese e-mail templates, plain text and HTML, per event; links point into the web
//! app (`IOC_PUBLIC_URL`).

use ioc_domain::NotificationEvent;

use super::{MailItem, MailPayload};

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

const SIGNATURE: &str = "Trung tâm Giám sát, điều hành thông minh (IOC) tỉnh Đồng Nai";

/// What the recipient is asked to do, per event.
fn call_to_action(e: NotificationEvent) -> &'static str {
    match e {
        NotificationEvent::TaskAssigned => "Đề nghị đơn vị tiếp nhận nhiệm vụ và triển khai thực hiện đúng thời hạn.",
        NotificationEvent::TaskStateChanged => "Mời xem chi tiết tiến độ xử lý nhiệm vụ.",
        NotificationEvent::TaskDueSoon => {
            "Nhiệm vụ sắp đến hạn: đề nghị đơn vị khẩn trương hoàn thành và báo cáo kết quả."
        }
        NotificationEvent::TaskOverdue => {
            "Nhiệm vụ đã quá hạn: đề nghị đơn vị báo cáo ngay tình hình và đề xuất gia hạn nếu cần."
        }
        NotificationEvent::ExtensionDecided => "Đề nghị gia hạn của đơn vị đã được xử lý; mời xem thời hạn mới.",
        NotificationEvent::DirectiveCreated => "Mời xem nội dung ý kiến chỉ đạo và các nhiệm vụ được giao.",
        NotificationEvent::AlertOpened => "Đề nghị đơn vị kiểm tra và có biện pháp xử lý kịp thời.",
        NotificationEvent::ReportOwed => "Đề nghị đơn vị cập nhật báo cáo tuần của dự án trên hệ thống.",
        NotificationEvent::MeetingScheduled => "Kính mời tham dự cuộc họp theo thời gian nêu trên.",
    }
}

fn url_of(public_url: &str, link: &Option<String>) -> String {
    match link {
        Some(l) if l.starts_with('/') => format!("{public_url}{l}"),
        _ => format!("{public_url}/notifications"),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn text_item(it: &MailItem, public_url: &str) -> String {
    format!(
        "{}\n[{}]\n{}\n{}\nXem trên hệ thống: {}\n",
        it.title,
        it.event.label_vi(),
        it.body,
        call_to_action(it.event),
        url_of(public_url, &it.link)
    )
}

fn html_item(it: &MailItem, public_url: &str) -> String {
    format!(
        "<h2 style=\"font-size:16px;margin:16px 0 4px\">{}</h2><p style=\"color:#555;margin:0\">{}</p><p>{}</p><p>{}</p><p><a href=\"{}\">Xem trên hệ thống</a></p>",
        escape(&it.title),
        escape(it.event.label_vi()),
        escape(&it.body).replace('\n', "<br>"),
        escape(call_to_action(it.event)),
        escape(&url_of(public_url, &it.link))
    )
}

pub fn render(p: &MailPayload, public_url: &str) -> Rendered {
    let (subject, intro) = match (&p.digest_date, p.items.as_slice()) {
        (None, [one]) => (format!("[IOC Đồng Nai] {}", one.title), String::new()),
        (date, items) => {
            let day = date.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
            (
                format!("[IOC Đồng Nai] Tổng hợp thông báo ngày {day} ({} mục)", items.len()),
                format!("Tổng hợp {} thông báo trong ngày {day}:", items.len()),
            )
        }
    };
    let footer =
        format!("Thư gửi tự động từ {SIGNATURE}. Thay đổi cách nhận thông báo: {public_url}/notifications/settings");
    let mut text = String::from("Kính gửi anh/chị,\n\n");
    let mut html = String::from(
        "<!doctype html><html lang=\"vi\"><body style=\"font-family:Arial,sans-serif\"><p>Kính gửi anh/chị,</p>",
    );
    if !intro.is_empty() {
        text.push_str(&intro);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(&intro)));
    }
    for it in &p.items {
        text.push_str(&text_item(it, public_url));
        text.push('\n');
        html.push_str(&html_item(it, public_url));
    }
    text.push_str("--\n");
    text.push_str(&footer);
    text.push('\n');
    html.push_str(&format!(
        "<hr><p style=\"color:#777;font-size:12px\">{}</p></body></html>",
        escape(&footer)
    ));
    Rendered { subject, text, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str) -> MailItem {
        MailItem {
            event: NotificationEvent::TaskAssigned,
            title: title.into(),
            body: "Hoàn thành giải phóng mặt bằng <đoạn 1>".into(),
            link: Some("/tasks/12".into()),
            created_at: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn one_item_is_titled_by_itself_and_links_into_the_app_with_escaped_html() {
        let p = MailPayload {
            to: "a@b.vn".into(),
            digest_date: None,
            items: vec![item("Nhiệm vụ mới: đường Vành đai 3")],
        };
        let r = render(&p, "https://ioc.dongnai.gov.vn");
        assert_eq!(r.subject, "[IOC Đồng Nai] Nhiệm vụ mới: đường Vành đai 3");
        assert!(r.text.contains("https://ioc.dongnai.gov.vn/tasks/12"));
        assert!(r.text.contains("Đề nghị đơn vị tiếp nhận nhiệm vụ"));
        assert!(r.html.contains("&lt;đoạn 1&gt;"));
        assert!(!r.html.contains("<đoạn 1>"));
    }

    #[test]
    fn a_digest_counts_its_items_and_names_its_day() {
        let p = MailPayload {
            to: "a@b.vn".into(),
            digest_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 9),
            items: vec![item("Một"), item("Hai")],
        };
        let r = render(&p, "http://x");
        assert_eq!(r.subject, "[IOC Đồng Nai] Tổng hợp thông báo ngày 09/03/2026 (2 mục)");
        assert!(r.text.contains("Một") && r.text.contains("Hai"));
    }
}
