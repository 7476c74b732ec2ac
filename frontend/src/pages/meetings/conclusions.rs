//! Print view of the conclusions notice (thông báo kết luận), laid out as a Vietnamese
//! administrative document (Decree 30/2020/NĐ-CP): national motto header, issuing body,
//! number/symbol, place and date, the body grouped by project, recipients and signature.

use ioc_domain::dto::ConclusionsView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::{loaded, ErrorBanner};
use crate::format;
use crate::i18n::i18n;

#[component]
pub fn ConclusionsPage() -> impl IntoView {
    let i = i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let error = RwSignal::new(None::<api::ApiError>);
    let data = LocalResource::new(move || {
        let id = id();
        async move { api::get::<ConclusionsView>(format!("/api/v1/meetings/{id}/conclusions")).await }
    });
    let download = move |_| {
        let id = id();
        leptos::task::spawn_local(async move {
            if let Err(e) = api::download(
                &format!("/api/v1/meetings/{id}/conclusions.docx"),
                &format!("thong-bao-ket-luan-{id}.docx"),
            )
            .await
            {
                error.set(Some(e));
            }
        });
    };
    view! {
        <section class="page conclusions">
            <div class="actions no-print">
                <a class="btn secondary" href=move || format!("/meetings/{}", id())>{move || i.t("‹ Về cuộc họp", "‹ Back to the meeting")}</a>
                <button type="button" class="btn primary" data-testid="print" on:click=|_| { let _ = window().print(); }>
                    {move || i.t("In", "Print")}
                </button>
                <button type="button" class="btn secondary" data-testid="conclusions-docx" on:click=download>
                    {move || i.t("Tải DOCX", "Download DOCX")}
                </button>
            </div>
            <ErrorBanner error=error />
            {loaded(data, |c| view! { <Notice c=c /> })}
        </section>
    }
}

fn long_date(place: &str, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{place}, ngày {:02} tháng {:02} năm {}", d.day(), d.month(), d.year())
}

#[component]
fn Notice(c: ConclusionsView) -> impl IntoView {
    view! {
        <article class="admin-doc" data-testid="conclusions" lang="vi">
            <div class="doc-header">
                <div class="doc-issuer">
                    <div>{c.authority.clone()}</div>
                    <div class="strong">{c.issuing_body.clone()}</div>
                    <div class="rule" aria-hidden="true"></div>
                    <div>{format!("Số: {}", c.notice_number)}</div>
                </div>
                <div class="doc-motto">
                    <div class="strong">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</div>
                    <div class="strong">"Độc lập - Tự do - Hạnh phúc"</div>
                    <div class="rule" aria-hidden="true"></div>
                    <div class="italic">{long_date(&c.place, c.notice_date)}</div>
                </div>
            </div>
            <h1 class="doc-title">"THÔNG BÁO"</h1>
            <p class="doc-subtitle">
                {format!("Kết luận của {} {} tại cuộc họp {} ngày {}", c.chair_title.to_lowercase(), c.chair.display_name,
                    c.meeting_title, format::date(c.meeting_date))}
            </p>
            <p>{format!("Ngày {}, tại {}, {} đã chủ trì cuộc họp {}. Sau khi nghe báo cáo và ý kiến của các đơn vị, {} kết luận như sau:",
                format::date(c.meeting_date), c.location, c.chair.display_name, c.meeting_title, c.chair.display_name)}</p>
            <ol class="doc-groups">
                {c.groups.into_iter().map(|g| view! {
                    <li>
                        <h2>{g.project.map(|p| format!("{} ({})", p.name, p.code)).unwrap_or_else(|| "Các nội dung chung".into())}</h2>
                        {g.directives.into_iter().map(|d| view! {
                            <div class="doc-directive" data-directive-id=d.id>
                                <p>{d.text.clone()}</p>
                                <ul>
                                    {d.tasks.into_iter().map(|t| view! {
                                        <li>
                                            {format!("Giao {} chủ trì", t.lead_unit.name)}
                                            {(!t.supporting_units.is_empty()).then(|| format!(", phối hợp: {}", t.supporting_units.iter().map(|u| u.name.clone()).collect::<Vec<_>>().join(", ")))}
                                            {format!("; thời hạn: {}", format::date(t.deadline))}
                                            {(!t.expected_result.is_empty()).then(|| format!("; kết quả: {}", t.expected_result))}
                                            "."
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        }).collect_view()}
                    </li>
                }).collect_view()}
            </ol>
            <div class="doc-footer">
                <div class="doc-recipients">
                    <div class="strong italic">"Nơi nhận:"</div>
                    <ul>
                        {c.recipients.into_iter().map(|u| view! { <li>{format!("- {};", u.name)}</li> }).collect_view()}
                        <li>"- Lưu: VT."</li>
                    </ul>
                </div>
                <div class="doc-sign">
                    <div class="strong">"KT. CHỦ TỊCH"</div>
                    <div class="strong">{c.chair_title.clone()}</div>
                    <div class="sign-space" aria-hidden="true"></div>
                    <div class="strong">{c.chair.display_name.clone()}</div>
                </div>
            </div>
        </article>
    }
}
