//! The figures of a meeting's agenda: computed now (the live view) from the very project,
//! difficulty and alert views the rest of the API shows, and frozen as JSON when the meeting
//! starts, so the record keeps what the leaders saw even after later corrections.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use ioc_domain::dto::{DifficultyView, SnapshotItem, SnapshotTotals, SnapshotView};
use ioc_domain::policy::Actor;
use ioc_domain::{disbursement_rate, AgendaItemKind, DifficultyStatus, ProgressStatus, Vnd};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::view::agenda_rows;
use crate::entities::{difficulty, meeting_snapshot, project};
use crate::error::ApiError;

/// The figures for a meeting's agenda as of now.
pub async fn live(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
    actor: &Actor,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<SnapshotView, ApiError> {
    super::get(conn, meeting_id).await?;
    let agenda = agenda_rows(conn, vec![meeting_id]).await?;
    let pids: Vec<i32> = agenda
        .iter()
        .map(|a| a.project_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rows = project::Entity::find()
        .filter(project::Column::Id.is_in(pids.clone()))
        .order_by_asc(project::Column::Id)
        .all(conn)
        .await?;
    let projects: HashMap<i32, _> = crate::store::projects::views(conn, rows, actor)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let diff_rows = difficulty::Entity::find()
        .filter(difficulty::Column::ProjectId.is_in(pids.clone()))
        .order_by_asc(difficulty::Column::RaisedOn)
        .order_by_asc(difficulty::Column::Id)
        .all(conn)
        .await?;
    let all_difficulties = crate::store::difficulties::views(conn, diff_rows).await?;
    let mut open_difficulties: HashMap<i32, Vec<DifficultyView>> = HashMap::new();
    let by_id: HashMap<i32, DifficultyView> = all_difficulties.iter().map(|d| (d.id, d.clone())).collect();
    for d in all_difficulties {
        if d.status != DifficultyStatus::Resolved {
            open_difficulties.entry(d.project_id).or_default().push(d);
        }
    }
    let mut open_alerts = HashMap::new();
    for pid in &pids {
        let alerts: Vec<_> = crate::store::alerts::list_for_project(conn, *pid)
            .await?
            .into_iter()
            .filter(|a| a.closed_at.is_none())
            .collect();
        open_alerts.insert(*pid, alerts);
    }
    let mut items = Vec::with_capacity(agenda.len());
    for a in &agenda {
        let Some(p) = projects.get(&a.project_id) else {
            continue;
        };
        items.push(SnapshotItem {
            position: a.position,
            kind: if a.difficulty_id.is_some() {
                AgendaItemKind::Difficulty
            } else {
                AgendaItemKind::Project
            },
            notes: a.notes.clone(),
            project: ioc_domain::dto::ProjectRef {
                id: p.id,
                code: p.code.clone(),
                name: p.name.clone(),
            },
            difficulty: a.difficulty_id.and_then(|id| by_id.get(&id).cloned()),
            progress: p.progress.clone(),
            disbursement: p.disbursement.clone(),
            open_difficulties: open_difficulties.get(&p.id).cloned().unwrap_or_default(),
            open_alerts: open_alerts.get(&p.id).cloned().unwrap_or_default(),
        });
    }
    let mut totals = SnapshotTotals {
        projects: projects.len() as u32,
        delayed: 0,
        at_risk: 0,
        disbursement_plan: Vnd::default(),
        disbursed: Vnd::default(),
        disbursement_rate_percent: None,
        open_difficulties: 0,
        open_alerts: 0,
    };
    for p in projects.values() {
        match p.progress.status {
            ProgressStatus::Delayed => totals.delayed += 1,
            ProgressStatus::AtRisk => totals.at_risk += 1,
            ProgressStatus::Ahead | ProgressStatus::OnTrack | ProgressStatus::Completed => {}
        }
        totals.disbursement_plan = totals
            .disbursement_plan
            .checked_add(p.disbursement.plan)
            .unwrap_or(totals.disbursement_plan);
        totals.disbursed = totals
            .disbursed
            .checked_add(p.disbursement.disbursed)
            .unwrap_or(totals.disbursed);
        totals.open_difficulties += open_difficulties.get(&p.id).map_or(0, |d| d.len() as u32);
        totals.open_alerts += open_alerts.get(&p.id).map_or(0, |a| a.len() as u32);
    }
    totals.disbursement_rate_percent = disbursement_rate(totals.disbursed, totals.disbursement_plan);
    Ok(SnapshotView {
        meeting_id,
        taken_at: now,
        as_of: today,
        live: true,
        items,
        totals,
    })
}

/// Freezes the live figures as the meeting's snapshot (once: a meeting starts once).
pub async fn take_snapshot(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
    actor: &Actor,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<SnapshotView, ApiError> {
    let mut figures = live(conn, meeting_id, actor, now, today).await?;
    figures.live = false;
    meeting_snapshot::ActiveModel {
        meeting_id: Set(meeting_id),
        taken_at: Set(now),
        figures: Set(serde_json::to_string(&figures).map_err(anyhow::Error::from)?),
    }
    .insert(conn)
    .await?;
    Ok(figures)
}

/// The snapshot as taken; 404 before the meeting started.
pub async fn snapshot(conn: &impl ConnectionTrait, meeting_id: i32) -> Result<SnapshotView, ApiError> {
    super::get(conn, meeting_id).await?;
    let row = meeting_snapshot::Entity::find_by_id(meeting_id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(serde_json::from_str(&row.figures).map_err(anyhow::Error::from)?)
}
