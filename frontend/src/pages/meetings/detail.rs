//! One meeting: when, who, the agenda, and its actions (edit, start, present, close, print
//! and download the conclusions notice).

use ioc_domain::dto::MeetingView;
use ioc_domain::MeetingState;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api;
use crate::components::{loaded, ErrorBanner};
use crate::format;
use crate::i18n::i18n;

#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let reload = RwSignal::new(0u32);
    let error = RwSignal::new(None::<api::ApiError>);
    let meeting = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move { api::get_with_etag::<MeetingView>(&format!("/api/v1/meetings/{id}")).await }
    });
    view! {
        <section class="page meeting">
            <ErrorBanner error=error />
            {loaded(meeting, move |(m, tag)| view! { <MeetingBody m=m etag=tag.unwrap_or_default() reload=reload error=error /> })}
        </section>
    }
}

#[component]
fn MeetingBody(
    m: MeetingView,
    etag: String,
    reload: RwSignal<u32>,
    error: RwSignal<Option<api::ApiError>>,
) -> impl IntoView {
    let i = i18n();
    let navigate = use_navigate();
    let id = m.id;
    let (kind, state) = (m.kind, m.state);
    let act = move |what: &'static str, then_present: bool| {
        let etag = etag.clone();
        let navigate = navigate.clone();
        move |_| {
            let etag = etag.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                match api::post_action(&format!("/api/v1/meetings/{id}/{what}"), Some(&etag)).await {
                    Ok(()) if then_present => navigate(&format!("/meetings/{id}/present"), Default::default()),
                    Ok(()) => reload.update(|n| *n += 1),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let download = move |_| {
        leptos::task::spawn_local(async move {
            let name = format!("thong-bao-ket-luan-{id}.docx");
            if let Err(e) = api::download(&format!("/api/v1/meetings/{id}/conclusions.docx"), &name).await {
                error.set(Some(e));
            }
        });
    };
    let manage = m.can_manage;
    view! {
        <div class="page-head">
            <h1 data-testid="meeting-title">{m.title.clone()}</h1>
            <span class=format!("tag state-{}", state.as_str()) data-testid="meeting-state" data-value=state.as_str()>
                {move || i.t(state.label_vi(), state.label_en())}
            </span>
        </div>
        <dl class="facts">
            <dt>{move || i.t("Loại", "Kind")}</dt><dd>{move || i.t(kind.label_vi(), kind.label_en())}</dd>
            <dt>{move || i.t("Thời gian", "When")}</dt><dd>{format::datetime(m.starts_at)}</dd>
            <dt>{move || i.t("Địa điểm", "Place")}</dt><dd>{m.location.clone()}</dd>
            <dt>{move || i.t("Chủ trì", "Chair")}</dt><dd>{m.chair.display_name.clone()}</dd>
            <dt>{move || i.t("Số thông báo", "Notice number")}</dt><dd>{m.notice_number.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{move || i.t("Đơn vị dự họp", "Attending units")}</dt>
            <dd>{m.attendee_units.iter().map(|u| u.name.clone()).collect::<Vec<_>>().join("; ")}</dd>
            <dt>{move || i.t("Người dự họp", "Attending people")}</dt>
            <dd>{m.attendee_users.iter().map(|u| u.display_name.clone()).collect::<Vec<_>>().join("; ")}</dd>
        </dl>
        <div class="actions">
            {(manage && state == MeetingState::Scheduled).then(|| view! {
                <a class="btn secondary" href=format!("/meetings/{id}/edit") data-testid="meeting-edit">{move || i.t("Sửa", "Edit")}</a>
                <button type="button" class="btn primary" data-testid="meeting-start" on:click=act("start", true)>
                    {move || i.t("Bắt đầu họp và trình chiếu", "Start and present")}
                </button>
            })}
            {(state != MeetingState::Scheduled).then(|| view! {
                <a class="btn primary" href=format!("/meetings/{id}/present") data-testid="meeting-present">{move || i.t("Chế độ trình chiếu", "Presenter mode")}</a>
            })}
            {(manage && state == MeetingState::InProgress).then(|| view! {
                <button type="button" class="btn secondary" data-testid="meeting-close" on:click=act("close", false)>
                    {move || i.t("Kết thúc cuộc họp", "Close the meeting")}
                </button>
            })}
            <a class="btn secondary" href=format!("/meetings/{id}/conclusions") data-testid="meeting-print">{move || i.t("Thông báo kết luận (bản in)", "Conclusions (print view)")}</a>
            <button type="button" class="btn secondary" data-testid="meeting-docx" on:click=download>
                {move || i.t("Tải thông báo kết luận (DOCX)", "Download the conclusions (DOCX)")}
            </button>
            <a class="btn secondary" href=format!("/tasks?meeting_id={id}")>{move || i.t("Nhiệm vụ của cuộc họp", "Tasks from this meeting")}</a>
        </div>
        <h2>{move || i.t("Chương trình họp", "Agenda")}</h2>
        <ol class="agenda" data-testid="meeting-agenda">
            {m.agenda.into_iter().map(|a| view! {
                <li>
                    <a href=format!("/projects/{}", a.project.id)>{format!("{} — {}", a.project.code, a.project.name)}</a>
                    {a.difficulty_title.map(|t| view! { <div>{format!("{}: {t}", i.t("Vướng mắc", "Difficulty"))}</div> })}
                    {(!a.notes.is_empty()).then(|| view! { <div class="muted">{a.notes.clone()}</div> })}
                </li>
            }).collect_view()}
        </ol>
    }
}
