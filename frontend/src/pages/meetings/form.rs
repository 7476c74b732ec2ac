//! Create or edit a meeting: title, kind, date and time, place, chair (a leader), attendees
//! (units and people) and the ordered agenda (projects or difficulties, with notes).

use chrono::{NaiveDateTime, TimeZone, Utc};
use ioc_domain::dto::{AgendaItemInput, DifficultyView, MeetingInput, MeetingView, Page, ProjectView, UserRef};
use ioc_domain::MeetingKind;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api;
use crate::components::{ErrorBanner, Field, FormErrors, SelectField};
use crate::filters::ref_data;
use crate::format;
use crate::i18n::i18n;

/// One agenda row being edited: "p:12" (a project) or "d:7" (a difficulty), and its notes.
#[derive(Clone, Copy)]
struct Row {
    key: u32,
    target: RwSignal<String>,
    notes: RwSignal<String>,
}

fn local_input(t: chrono::DateTime<Utc>) -> String {
    t.with_timezone(&format::vn_offset())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn parse_local(s: &str) -> Option<chrono::DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok()?;
    format::vn_offset()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// People to pick from: `GET /meetings/people` (asked for in spa-needs.md); while the server
/// has no such list, the chairs and attendees of earlier meetings.
async fn load_people(filter: &'static str, chairs_only: bool) -> api::ApiResult<Vec<UserRef>> {
    if let Ok(p) = api::get::<Vec<UserRef>>(format!("/api/v1/meetings/people{filter}")).await {
        return Ok(p);
    }
    let meetings = api::get::<Page<MeetingView>>("/api/v1/meetings?per_page=200").await?;
    let mut out: Vec<UserRef> = Vec::new();
    for m in meetings.items {
        let mut found = vec![m.chair];
        if !chairs_only {
            found.extend(m.attendee_users);
        }
        for p in found {
            if !out.iter().any(|x| x.id == p.id) {
                out.push(p);
            }
        }
    }
    out.sort_by(|a, b| a.display_name.cmp(&b.display_name));
    Ok(out)
}

#[component]
pub fn MeetingFormPage() -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let params = use_params_map();
    let navigate = use_navigate();
    let id = move || params.with_untracked(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let errors = FormErrors::new();
    let banner = RwSignal::new(None::<api::ApiError>);
    let etag = StoredValue::new(None::<String>);
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(MeetingKind::WeeklyReview.as_str().to_owned());
    let starts_at = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let chair = RwSignal::new(String::new());
    let notice_number = RwSignal::new(String::new());
    let units = RwSignal::new(Vec::<i32>::new());
    let people = RwSignal::new(Vec::<i32>::new());
    let rows = RwSignal::new(Vec::<Row>::new());
    let next_key = StoredValue::new(0u32);
    let add_row = move |target: String, notes: String| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| {
            r.push(Row {
                key,
                target: RwSignal::new(target),
                notes: RwSignal::new(notes),
            })
        });
    };

    // Choices: leaders for the chair, people for attendees, projects and open difficulties.
    let leaders = LocalResource::new(|| load_people("?role=leader", true));
    let everyone = LocalResource::new(|| load_people("", false));
    let projects = LocalResource::new(|| api::get::<Page<ProjectView>>("/api/v1/projects?per_page=200"));
    let difficulties =
        LocalResource::new(|| api::get::<Page<DifficultyView>>("/api/v1/difficulties?unresolved=true&per_page=200"));

    // Editing: load the meeting into the fields.
    Effect::new(move |_| {
        let Some(mid) = id() else {
            if let Some(u) = crate::session::user() {
                if u.role == ioc_domain::Role::Leader {
                    chair.set(u.id.to_string());
                }
            }
            return;
        };
        leptos::task::spawn_local(async move {
            match api::get_with_etag::<MeetingView>(&format!("/api/v1/meetings/{mid}")).await {
                Ok((m, tag)) => {
                    etag.set_value(tag);
                    title.set(m.title);
                    kind.set(m.kind.as_str().into());
                    starts_at.set(local_input(m.starts_at));
                    location.set(m.location);
                    chair.set(m.chair.id.to_string());
                    notice_number.set(m.notice_number.unwrap_or_default());
                    units.set(m.attendee_units.iter().map(|u| u.id).collect());
                    people.set(m.attendee_users.iter().map(|u| u.id).collect());
                    for a in m.agenda {
                        let target = match a.difficulty_id {
                            Some(d) => format!("d:{d}"),
                            None => format!("p:{}", a.project.id),
                        };
                        add_row(target, a.notes);
                    }
                }
                Err(e) => banner.set(Some(e)),
            }
        });
    });

    let kinds = Signal::derive(move || {
        MeetingKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), i.t(k.label_vi(), k.label_en()).to_owned()))
            .collect::<Vec<_>>()
    });
    let chairs = Signal::derive(move || {
        let mut opts: Vec<(String, String)> = leaders
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.id.to_string(), p.display_name))
            .collect();
        if let Some(u) = crate::session::user() {
            if u.role == ioc_domain::Role::Leader && !opts.iter().any(|(id, _)| *id == u.id.to_string()) {
                opts.push((u.id.to_string(), u.display_name));
            }
        }
        opts
    });
    let targets = Signal::derive(move || {
        let mut opts: Vec<(String, String)> = Vec::new();
        if let Some(Ok(p)) = projects.get() {
            opts.extend(
                p.items
                    .into_iter()
                    .map(|p| (format!("p:{}", p.id), format!("{} — {}", p.code, p.name))),
            );
        }
        if let Some(Ok(d)) = difficulties.get() {
            opts.extend(d.items.into_iter().map(|d| {
                (
                    format!("d:{}", d.id),
                    format!("{} {} — {}", i.t("Vướng mắc", "Difficulty"), d.project_code, d.title),
                )
            }));
        }
        opts
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(at) = parse_local(&starts_at.get_untracked()) else {
            errors.set(vec![ioc_domain::FieldError::new(
                "starts_at",
                "invalid",
                "Nhập ngày và giờ họp.",
                "Enter the date and time.",
            )]);
            return;
        };
        let agenda = rows
            .get_untracked()
            .iter()
            .map(|r| {
                let t = r.target.get_untracked();
                let (p, d) = match t.split_once(':') {
                    Some(("d", v)) => (None, v.parse().ok()),
                    Some((_, v)) => (v.parse().ok(), None),
                    None => (None, None),
                };
                AgendaItemInput {
                    project_id: p,
                    difficulty_id: d,
                    notes: r.notes.get_untracked(),
                }
            })
            .collect();
        let input = MeetingInput {
            title: title.get_untracked(),
            kind: MeetingKind::parse(&kind.get_untracked()).unwrap_or(MeetingKind::WeeklyReview),
            starts_at: at,
            location: location.get_untracked(),
            chair_user_id: chair.get_untracked().parse().unwrap_or(0),
            attendee_user_ids: people.get_untracked(),
            attendee_unit_ids: units.get_untracked(),
            agenda,
            notice_number: Some(notice_number.get_untracked()),
        };
        if let Err(e) = input.validate() {
            errors.set(e.0);
            return;
        }
        let existing = id().zip(etag.get_value());
        let navigate = navigate.clone();
        let save = async move { api::save::<_, MeetingView>("/api/v1/meetings", existing, &input).await };
        errors.spawn_save(banner, save, move |m| {
            navigate(&format!("/meetings/{}", m.id), Default::default())
        });
    };

    let checklist = move |id_prefix: &'static str, selected: RwSignal<Vec<i32>>, items: Vec<(i32, String)>| {
        items
            .into_iter()
            .map(|(uid, name)| {
                let dom = format!("{id_prefix}-{uid}");
                view! {
                    <div class="filter check">
                        <input type="checkbox" id=dom.clone() prop:checked=move || selected.with(|s| s.contains(&uid))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|s| { s.retain(|x| *x != uid); if on { s.push(uid); } });
                            } />
                        <label for=dom>{name}</label>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <section class="page meeting-form">
            <h1>{move || if id().is_some() { i.t("Sửa cuộc họp", "Edit meeting") } else { i.t("Tạo cuộc họp", "New meeting") }}</h1>
            <ErrorBanner error=banner />
            <form class="card" on:submit=save novalidate>
                <div class="form-grid">
                    <Field id="mt-title" key="title" label=i.label("Tên cuộc họp", "Title") value=title errors=errors required=true />
                    <SelectField id="mt-kind" key="kind" label=i.label("Loại cuộc họp", "Kind") value=kind errors=errors options=kinds />
                    <div class="field">
                        <label for="mt-starts">{move || i.t("Ngày giờ họp", "Date and time")}</label>
                        <input id="mt-starts" type="datetime-local" required=true prop:value=move || starts_at.get()
                            on:input=move |ev| starts_at.set(event_target_value(&ev)) />
                        {move || errors.message("starts_at").map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                    <Field id="mt-location" key="location" label=i.label("Địa điểm", "Place") value=location errors=errors />
                    <SelectField id="mt-chair" key="chair_user_id" label=i.label("Chủ trì", "Chair") value=chair errors=errors options=chairs allow_empty=true />
                    <Field id="mt-notice" key="notice_number" label=i.label("Số thông báo kết luận", "Notice number")
                        value=notice_number errors=errors hint=i.label("Ví dụ 125/TB-UBND", "For example 125/TB-UBND") />
                </div>
                <fieldset class="subform">
                    <legend>{move || i.t("Chương trình họp", "Agenda")}</legend>
                    <ol class="agenda-edit" data-testid="agenda">
                        <For each=move || rows.get() key=|r| r.key let:row>
                            <AgendaRow row=row rows=rows targets=targets errors=errors />
                        </For>
                    </ol>
                    <button type="button" class="btn secondary" data-testid="agenda-add" on:click=move |_| add_row(String::new(), String::new())>
                        {move || i.t("+ Thêm mục", "+ Add item")}
                    </button>
                </fieldset>
                <fieldset class="subform">
                    <legend>{move || i.t("Đơn vị dự họp", "Attending units")}</legend>
                    <div class="checklist">{move || checklist("mt-unit", units, refs.units.get().into_iter().map(|u| (u.id, u.name)).collect())}</div>
                </fieldset>
                <fieldset class="subform">
                    <legend>{move || i.t("Người dự họp", "Attending people")}</legend>
                    <div class="checklist">{move || checklist("mt-user", people, everyone.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| (p.id, p.display_name)).collect())}</div>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="btn primary" data-testid="meeting-save">{move || i.t("Lưu cuộc họp", "Save meeting")}</button>
                    <a class="btn secondary" href="/meetings">{move || i.t("Huỷ", "Cancel")}</a>
                </div>
            </form>
        </section>
    }
}

#[component]
fn AgendaRow(
    row: Row,
    rows: RwSignal<Vec<Row>>,
    targets: Signal<Vec<(String, String)>>,
    errors: FormErrors,
) -> impl IntoView {
    let i = i18n();
    let pos = move || rows.with(|r| r.iter().position(|x| x.key == row.key).unwrap_or(0));
    let shift = move |delta: isize| {
        rows.update(|r| {
            let Some(at) = r.iter().position(|x| x.key == row.key) else {
                return;
            };
            let to = at as isize + delta;
            if to >= 0 && (to as usize) < r.len() {
                r.swap(at, to as usize);
            }
        })
    };
    let target_id = format!("ag-target-{}", row.key);
    let notes_id = format!("ag-notes-{}", row.key);
    view! {
        <li class="agenda-row" data-testid="agenda-row">
            <div class="field">
                <label for=target_id.clone()>{move || format!("{} {}", i.t("Mục", "Item"), pos() + 1)}</label>
                <select id=target_id prop:value=move || row.target.get() on:change=move |ev| row.target.set(event_target_value(&ev))>
                    <option value="">{move || i.t("— Chọn dự án hoặc vướng mắc —", "— Choose a project or difficulty —")}</option>
                    {move || targets.get().into_iter().map(|(v, label)| {
                        let selected = row.target.get_untracked() == v;
                        view! { <option value=v selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
                {move || errors.message(&format!("agenda[{}].project_id", pos())).map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <div class="field">
                <label for=notes_id.clone()>{move || i.t("Ghi chú", "Notes")}</label>
                <input id=notes_id type="text" prop:value=move || row.notes.get() on:input=move |ev| row.notes.set(event_target_value(&ev)) />
            </div>
            <div class="actions">
                <button type="button" class="btn secondary" aria-label=move || i.t("Lên", "Move up") on:click=move |_| shift(-1)>"↑"</button>
                <button type="button" class="btn secondary" aria-label=move || i.t("Xuống", "Move down") on:click=move |_| shift(1)>"↓"</button>
                <button type="button" class="btn secondary" aria-label=move || i.t("Xoá mục", "Remove item")
                    on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>"✕"</button>
            </div>
        </li>
    }
}
