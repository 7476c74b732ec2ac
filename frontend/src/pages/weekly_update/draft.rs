//! The weekly form's draft, kept in `localStorage` as the officer types, so a closed tab,
//! a reload or a lost session does not lose the entry. It is removed once the update is
//! saved; a restored draft keeps the difficulty versions it was typed against, so a change
//! made meanwhile still surfaces as a 412 conflict rather than being overwritten.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{DisbRow, Form, NewDiffRow};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    as_of: String,
    actual_percent: String,
    output_value: String,
    work_done: String,
    next_week_plan: String,
    correction_reason: String,
    disbursements: Vec<[String; 3]>,
    new_difficulties: Vec<NewDifficultyDraft>,
    edits: Vec<EditDraft>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct NewDifficultyDraft {
    category: String,
    title: String,
    detail: String,
    proposed_solution: String,
    responsible_unit_id: String,
    needs_direction: bool,
    raised_on: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct EditDraft {
    id: i32,
    version: i32,
    status: String,
    proposed_solution: String,
    resolved_on: String,
    resolution_note: String,
    needs_direction: bool,
}

pub fn key(project_id: i32) -> String {
    let user = crate::session::user().map(|u| u.id).unwrap_or_default();
    format!("ioc.draft.{user}.{project_id}")
}

pub fn load(key: &str) -> Option<Draft> {
    crate::session::storage_get(key).and_then(|s| serde_json::from_str(&s).ok())
}

pub fn store(key: &str, draft: &Draft) {
    if let Ok(s) = serde_json::to_string(draft) {
        crate::session::storage_set(key, &s);
    }
}

pub fn remove(key: &str) {
    crate::session::storage_remove(key);
}

impl Form {
    /// The form's current content (tracked: an effect over it re-runs on every keystroke).
    pub fn to_draft(self) -> Draft {
        Draft {
            as_of: self.as_of.get(),
            actual_percent: self.actual_percent.get(),
            output_value: self.output_value.get(),
            work_done: self.work_done.get(),
            next_week_plan: self.next_week_plan.get(),
            correction_reason: self.correction_reason.get(),
            disbursements: self
                .disbursements
                .get()
                .iter()
                .map(|r| [r.paid_on.get(), r.amount.get(), r.note.get()])
                .collect(),
            new_difficulties: self
                .new_difficulties
                .get()
                .iter()
                .map(|r| NewDifficultyDraft {
                    category: r.category.get(),
                    title: r.title.get(),
                    detail: r.detail.get(),
                    proposed_solution: r.proposed_solution.get(),
                    responsible_unit_id: r.responsible_unit_id.get(),
                    needs_direction: r.needs_direction.get(),
                    raised_on: r.raised_on.get(),
                })
                .collect(),
            edits: self
                .edits
                .get()
                .iter()
                .filter(|e| e.editing.get())
                .map(|e| EditDraft {
                    id: e.id,
                    version: e.read.with(|r| r.version),
                    status: e.status.get(),
                    proposed_solution: e.proposed_solution.get(),
                    resolved_on: e.resolved_on.get(),
                    resolution_note: e.resolution_note.get(),
                    needs_direction: e.needs_direction.get(),
                })
                .collect(),
        }
    }

    pub fn to_draft_untracked(self) -> Draft {
        leptos::prelude::untrack(|| self.to_draft())
    }

    /// Puts a saved draft back into the form.
    pub fn apply_draft(&self, d: Draft) {
        self.as_of.set(d.as_of);
        self.actual_percent.set(d.actual_percent);
        self.output_value.set(d.output_value);
        self.work_done.set(d.work_done);
        self.next_week_plan.set(d.next_week_plan);
        self.correction_reason.set(d.correction_reason);
        let disbursements: Vec<DisbRow> = d
            .disbursements
            .into_iter()
            .enumerate()
            .map(|(key, [paid_on, amount, note])| DisbRow {
                key,
                paid_on: RwSignal::new(paid_on),
                amount: RwSignal::new(amount),
                note: RwSignal::new(note),
            })
            .collect();
        self.next_disb.set(disbursements.len());
        self.disbursements.set(disbursements);
        let new_difficulties: Vec<NewDiffRow> = d
            .new_difficulties
            .into_iter()
            .enumerate()
            .map(|(key, n)| NewDiffRow {
                key,
                category: RwSignal::new(n.category),
                title: RwSignal::new(n.title),
                detail: RwSignal::new(n.detail),
                proposed_solution: RwSignal::new(n.proposed_solution),
                responsible_unit_id: RwSignal::new(n.responsible_unit_id),
                needs_direction: RwSignal::new(n.needs_direction),
                raised_on: RwSignal::new(n.raised_on),
            })
            .collect();
        self.next_diff.set(new_difficulties.len());
        self.new_difficulties.set(new_difficulties);
        for e in self.edits.get_untracked() {
            if let Some(saved) = d.edits.iter().find(|s| s.id == e.id) {
                e.editing.set(true);
                e.read.update(|r| r.version = saved.version);
                e.status.set(saved.status.clone());
                e.proposed_solution.set(saved.proposed_solution.clone());
                e.resolved_on.set(saved.resolved_on.clone());
                e.resolution_note.set(saved.resolution_note.clone());
                e.needs_direction.set(saved.needs_direction);
            }
        }
    }
}
