//! Presenter mode for the review meeting on the IOC screen: full screen, one agenda item at a
//! time (the opening slide lists the directives due or overdue since the last meeting),
//! ←/→ and PageUp/PageDown to move, Esc to leave, a timer, the frozen snapshot or the live
//! figures, and directives typed inline that become tasks at once.

mod inline;
mod slides;

use ioc_domain::dto::{DirectiveView, FollowUpView, MeetingView, Page, SnapshotView};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiResult};
use crate::i18n::i18n;

use slides::{FollowUpSlide, ItemSlide};

/// Everything the presenter shows for one meeting.
#[derive(Clone)]
struct Deck {
    meeting: MeetingView,
    snapshot: Option<SnapshotView>,
    live: SnapshotView,
    follow_up: FollowUpView,
}

async fn load(id: i32) -> ApiResult<Deck> {
    let (meeting, snapshot, live, follow_up) = futures::join!(
        api::get::<MeetingView>(format!("/api/v1/meetings/{id}")),
        api::get::<SnapshotView>(format!("/api/v1/meetings/{id}/snapshot")),
        api::get::<SnapshotView>(format!("/api/v1/meetings/{id}/live")),
        api::get::<FollowUpView>(format!("/api/v1/meetings/{id}/follow-up")),
    );
    Ok(Deck {
        meeting: meeting?,
        // A meeting not started yet has no snapshot: the live figures stand in.
        snapshot: snapshot.ok(),
        live: live?,
        follow_up: follow_up?,
    })
}

fn mmss(secs: i64) -> String {
    let s = secs.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

fn toggle_fullscreen() {
    let doc = document();
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(el) = doc.document_element() {
        let _ = el.request_fullscreen();
    }
}

#[component]
pub fn PresenterPage() -> impl IntoView {
    let i = i18n();
    let params = use_params_map();
    let navigate = use_navigate();
    let id = params.with_untracked(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let deck = LocalResource::new(move || load(id));
    // Directives of this meeting: refetched after each one typed inline.
    let added = RwSignal::new(0u32);
    let directives = LocalResource::new(move || {
        added.track();
        async move {
            api::get::<Page<DirectiveView>>(format!("/api/v1/directives?meeting_id={id}&per_page=200"))
                .await
                .map(|p| p.items)
        }
    });
    let slide = RwSignal::new(0usize);
    let live = RwSignal::new(false);
    let count = Memo::new(move |_| {
        deck.get()
            .and_then(Result::ok)
            .map(|d| d.meeting.agenda.len() + 1)
            .unwrap_or(1)
    });
    let go = move |delta: isize| {
        slide.update(|s| {
            let to = (*s as isize + delta).clamp(0, count.get_untracked() as isize - 1);
            *s = to as usize;
        })
    };

    // Timers: the whole meeting and the current item.
    let now = RwSignal::new(crate::session::now_ms());
    let item_started = RwSignal::new(crate::session::now_ms());
    let opened = crate::session::now_ms();
    Effect::new(move |_| {
        slide.track();
        item_started.set(crate::session::now_ms());
    });
    let tick = set_interval_with_handle(
        move || now.set(crate::session::now_ms()),
        std::time::Duration::from_secs(1),
    );
    let started_ms = move || {
        deck.get()
            .and_then(Result::ok)
            .and_then(|d| d.meeting.started_at)
            .map(|t| t.timestamp_millis() as f64)
            .unwrap_or(opened)
    };

    // Keys: not while typing a directive.
    let nav_esc = navigate.clone();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" | " " => {
                ev.prevent_default();
                go(1);
            }
            "ArrowLeft" | "PageUp" => {
                ev.prevent_default();
                go(-1);
            }
            "Home" => slide.set(0),
            "End" => slide.set(count.get_untracked() - 1),
            // In full screen the browser takes Esc to leave it; otherwise Esc leaves the mode.
            "Escape" if document().fullscreen_element().is_none() => {
                nav_esc(&format!("/meetings/{id}"), Default::default());
            }
            "f" | "F" => toggle_fullscreen(),
            _ => {}
        }
    });
    on_cleanup(move || {
        keys.remove();
        if let Ok(h) = tick {
            h.clear();
        }
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
    });

    view! {
        <div class="presenter" data-testid="presenter" data-slide=move || slide.get().to_string()>
            {move || match deck.get() {
                None => view! { <p class="loading" role="status">{i.t("Đang tải…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="banner error" role="alert">{e.message()}</div> }.into_any(),
                Some(Ok(d)) => {
                    let title = d.meeting.title.clone();
                    let has_snapshot = d.snapshot.is_some();
                    let meeting_id = d.meeting.id;
                    let chair_id = d.meeting.chair.id;
                    let can_record = d.meeting.can_manage;
                    let d2 = d.clone();
                    view! {
                        <header class="presenter-head">
                            <div>
                                <h1>{title}</h1>
                                <span class="muted" data-testid="slide-pos">{move || format!("{} / {}", slide.get() + 1, count.get())}</span>
                            </div>
                            <div class="presenter-timers" aria-live="off">
                                <span data-testid="timer-meeting" title=move || i.t("Thời gian họp", "Meeting time")>
                                    {move || format!("⏱ {}", mmss(((now.get() - started_ms()) / 1000.0) as i64))}
                                </span>
                                <span data-testid="timer-item" title=move || i.t("Thời gian mục này", "This item")>
                                    {move || mmss(((now.get() - item_started.get()) / 1000.0) as i64)}
                                </span>
                            </div>
                            <div class="actions">
                                <button type="button" class="btn secondary" data-testid="toggle-live" aria-pressed=move || live.get().to_string()
                                    disabled=!has_snapshot on:click=move |_| live.update(|l| *l = !*l)>
                                    {move || if live.get() || !has_snapshot { i.t("Số liệu trực tiếp", "Live figures") } else { i.t("Số liệu lúc bắt đầu họp", "Snapshot at start") }}
                                </button>
                                <button type="button" class="btn secondary" data-testid="fullscreen" on:click=|_| toggle_fullscreen()>
                                    {move || i.t("Toàn màn hình (F)", "Full screen (F)")}
                                </button>
                                <a class="btn secondary" href=format!("/meetings/{meeting_id}") data-testid="presenter-exit">{move || i.t("Thoát (Esc)", "Exit (Esc)")}</a>
                            </div>
                        </header>
                        <main class="presenter-body">
                            {move || {
                                let s = slide.get();
                                if s == 0 {
                                    view! { <FollowUpSlide data=d2.follow_up.clone() /> }.into_any()
                                } else {
                                    let figures = if live.get() || d2.snapshot.is_none() { &d2.live } else { d2.snapshot.as_ref().unwrap_or(&d2.live) };
                                    let agenda = d2.meeting.agenda.get(s - 1).cloned();
                                    let item = agenda.as_ref().and_then(|a| figures.items.iter().find(|it| it.position == a.position).cloned());
                                    view! {
                                        <ItemSlide agenda=agenda item=item live=figures.live taken_at=figures.taken_at
                                            directives=directives meeting_id=meeting_id chair_id=chair_id can_record=can_record added=added />
                                    }.into_any()
                                }
                            }}
                        </main>
                        <nav class="presenter-nav" aria-label=move || i.t("Chuyển mục", "Slides")>
                            <button type="button" class="btn secondary" data-testid="slide-prev" on:click=move |_| go(-1)
                                disabled=move || slide.get() == 0>{move || i.t("‹ Mục trước", "‹ Previous")}</button>
                            <ol class="dots">
                                {(0..d.meeting.agenda.len() + 1).map(|k| view! {
                                    <li><button type="button" class="dot-btn" class:on=move || slide.get() == k
                                        aria-label=move || format!("{} {}", i.t("Mục", "Slide"), k + 1)
                                        aria-current=move || (slide.get() == k).then_some("step")
                                        on:click=move |_| slide.set(k)></button></li>
                                }).collect_view()}
                            </ol>
                            <button type="button" class="btn secondary" data-testid="slide-next" on:click=move |_| go(1)
                                disabled=move || { slide.get() + 1 >= count.get() }>{move || i.t("Mục sau ›", "Next ›")}</button>
                        </nav>
                    }.into_any()
                }
            }}
        </div>
    }
}
