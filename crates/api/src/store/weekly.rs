//! The weekly e-form: a report, disbursements and difficulty changes, all or nothing.

use chrono::NaiveDate;
use ioc_domain::dto::{DifficultyView, DisbursementView, ProgressReportView, ValidDifficulty, WeeklyUpdateInput};
use ioc_domain::{Thresholds, ValidationErrors};
use sea_orm::DatabaseTransaction;

use super::audit::{self, Change, Who};
use crate::entities::project;
use crate::error::ApiError;

pub struct WeeklyOutcome {
    pub report: ProgressReportView,
    pub disbursements: Vec<DisbursementView>,
    pub difficulties: Vec<DifficultyView>,
}

/// Validates every part first (so the user sees all field errors at once), then writes.
/// Runs inside the caller's transaction (a `Write` on the project, which refreshes its
/// derived state and alerts at commit): any error rolls back every part.
pub async fn submit(
    txn: &DatabaseTransaction,
    who: &Who,
    p: &project::Model,
    input: &WeeklyUpdateInput,
    today: NaiveDate,
    t: &Thresholds,
) -> Result<WeeklyOutcome, ApiError> {
    let mut errs = ValidationErrors::new();
    let report = match super::reports::validate(txn, p, &input.report, today, None).await {
        Ok(r) => Some(r),
        Err(ApiError::Validation(e)) => {
            errs.extend_prefixed(e, "report.");
            None
        }
        Err(e) => return Err(e),
    };
    let mut disbursements = Vec::new();
    for (i, d) in input.disbursements.iter().enumerate() {
        match d.validate(today) {
            Ok(v) => disbursements.push(v),
            Err(e) => errs.extend_prefixed(e, &format!("disbursements[{i}].")),
        }
    }
    let mut new_difficulties: Vec<ValidDifficulty> = Vec::new();
    for (i, d) in input.new_difficulties.iter().enumerate() {
        match d.validate(today) {
            Ok(v) => new_difficulties.push(v),
            Err(e) => errs.extend_prefixed(e, &format!("new_difficulties[{i}].")),
        }
    }
    let mut updates = Vec::new();
    for (i, u) in input.difficulty_updates.iter().enumerate() {
        match u.difficulty.validate(today) {
            Ok(v) => updates.push((u.id, u.version, v)),
            Err(e) => errs.extend_prefixed(e, &format!("difficulty_updates[{i}].")),
        }
    }
    if !errs.is_empty() {
        return Err(errs.into());
    }
    let report = report.expect("validated");

    let saved = super::reports::create(txn, p, &report, who.user_id.unwrap_or_default(), t)
        .await
        .map_err(|e| prefix_field_errors(e, "report."))?;
    audit::record(
        txn,
        who,
        Change::created("progress_report", saved.id, Some(p.id), &saved),
    )
    .await?;

    let mut disbursement_ids = Vec::new();
    for (i, d) in disbursements.iter().enumerate() {
        // Each create checks the project's year total, counting the ones just written.
        let row = super::disbursements::create(txn, p, d, who.user_id.unwrap_or_default())
            .await
            .map_err(|e| prefix_field_errors(e, &format!("disbursements[{i}].")))?;
        audit::record(txn, who, Change::created("disbursement", row.id, Some(p.id), &row)).await?;
        disbursement_ids.push(row.id);
    }

    let mut difficulty_rows = Vec::new();
    for (i, d) in new_difficulties.iter().enumerate() {
        let row = super::difficulties::create(txn, p.id, d, who.user_id.unwrap_or_default())
            .await
            .map_err(|e| prefix_field_errors(e, &format!("new_difficulties[{i}].")))?;
        audit::record(txn, who, Change::created("difficulty", row.id, Some(p.id), &row)).await?;
        difficulty_rows.push(row);
    }
    for (i, (id, version, d)) in updates.iter().enumerate() {
        let before = super::difficulties::get(txn, p.id, *id).await?;
        let row = super::difficulties::update(txn, p.id, *id, *version, d)
            .await
            .map_err(|e| prefix_field_errors(e, &format!("difficulty_updates[{i}].")))?;
        audit::record(
            txn,
            who,
            Change {
                action: "update",
                entity: "difficulty",
                entity_id: row.id.to_string(),
                project_id: Some(p.id),
                before: Some(&before),
                after: Some(&row),
            },
        )
        .await?;
        difficulty_rows.push(row);
    }

    // The project's derived state and alerts are refreshed once, by the caller's
    // `Write::commit`, in this same transaction.
    let all = super::disbursements::list(txn, p.id).await?;
    let disbursements = all.into_iter().filter(|d| disbursement_ids.contains(&d.id)).collect();
    let mut difficulties = Vec::new();
    for row in difficulty_rows {
        difficulties.push(super::difficulties::view(txn, row).await?);
    }
    Ok(WeeklyOutcome {
        report: saved,
        disbursements,
        difficulties,
    })
}

fn prefix_field_errors(e: ApiError, prefix: &str) -> ApiError {
    match e {
        ApiError::Validation(v) => {
            let mut out = ValidationErrors::new();
            out.extend_prefixed(v, prefix);
            ApiError::Validation(out)
        }
        other => other,
    }
}
