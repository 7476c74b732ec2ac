//! Loads a demo or synthetic data set (from `ioc_demo`) through the same validation and
//! store functions as the API, so demo data obeys every rule real data does.

use std::collections::HashMap;

use chrono::NaiveDate;
use ioc_demo::DemoData;
use ioc_domain::dto::{PreviousReport, ValidDisbursement};
use ioc_domain::{Thresholds, ValidationErrors};
use sea_orm::{DatabaseConnection, EntityTrait, Set, TransactionTrait};

use crate::auth::password;
use crate::entities::{disbursement, progress_report};
use crate::error::ApiError;
use crate::store::{self, audit};

fn invalid(what: &str, e: ValidationErrors) -> anyhow::Error {
    anyhow::anyhow!("demo data is invalid ({what}): {e}")
}

fn api(e: ApiError) -> anyhow::Error {
    anyhow::anyhow!("loading demo data: {e}")
}

/// Inserts the data set in one transaction: all of it or nothing.
pub async fn load(db: &DatabaseConnection, data: &DemoData, today: NaiveDate, t: &Thresholds) -> anyhow::Result<()> {
    let txn = db.begin().await?;
    let who = audit::Who::system("seed-demo");
    for l in &data.localities {
        let l = l.validate().map_err(|e| invalid("locality", e))?;
        store::localities::create(&txn, &l).await.map_err(api)?;
    }
    let mut units: HashMap<String, i32> = HashMap::new();
    for u in &data.units {
        let u = u.validate().map_err(|e| invalid("unit", e))?;
        let v = store::units::create(&txn, &u).await.map_err(api)?;
        units.insert(v.code, v.id);
    }
    let unit = |code: &str| {
        units
            .get(code)
            .copied()
            .ok_or_else(|| anyhow::anyhow!("demo: unknown unit {code}"))
    };
    let mut first_user = 0;
    for u in &data.users {
        let input = ioc_domain::dto::UserInput {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role,
            unit_id: u.unit_code.as_deref().map(unit).transpose()?,
            password: Some(u.password.clone()),
            active: true,
            email: None,
        }
        .validate(true)
        .map_err(|e| invalid("user", e))?;
        let hash = password::hash(u.password.clone()).await?;
        let v = store::users::create(&txn, &input, hash).await.map_err(api)?;
        if first_user == 0 {
            first_user = v.id;
        }
    }
    for dp in &data.projects {
        let mut input = dp.input.clone();
        input.investor_unit_id = unit(&dp.investor_code)?;
        input.managing_unit_id = dp.managing_code.as_deref().map(unit).transpose()?;
        let valid = input.validate(today).map_err(|e| invalid(&input.code, e))?;
        let p = store::projects::create(&txn, &valid).await.map_err(api)?;

        let mut prev: Option<PreviousReport> = None;
        let mut reports = Vec::with_capacity(dp.reports.len());
        for r in &dp.reports {
            let v = r
                .validate(today, p.planned_start, prev)
                .map_err(|e| invalid(&p.code, e))?;
            prev = Some(PreviousReport {
                as_of: v.as_of,
                actual: v.actual,
                output_value: v.output_value,
            });
            reports.push(v);
        }
        insert_reports(&txn, &p, &reports, first_user).await?;
        for c in &dp.capital_plans {
            let v = c.validate().map_err(|e| invalid(&p.code, e))?;
            store::capital::create(&txn, p.id, &v).await.map_err(api)?;
        }
        let mut disb = Vec::with_capacity(dp.disbursements.len());
        for d in &dp.disbursements {
            disb.push(d.validate(today).map_err(|e| invalid(&p.code, e))?);
        }
        insert_disbursements(&txn, p.id, &disb, first_user).await?;
        for d in &dp.difficulties {
            let mut input = d.input.clone();
            input.responsible_unit_id = d.responsible_code.as_deref().map(unit).transpose()?;
            let v = input.validate(today).map_err(|e| invalid(&p.code, e))?;
            store::difficulties::create(&txn, p.id, &v, first_user)
                .await
                .map_err(api)?;
        }
        store::projects::refresh_derived(&txn, p.id, today, t)
            .await
            .map_err(api)?;
    }
    crate::demo_meetings::load(&txn, &units, today).await?;
    // The reports went in by the batch, past `reports::create`: their weekly totals at once.
    store::report_weeks::rebuild(&txn, t).await.map_err(api)?;
    store::disbursement_months::rebuild(&txn).await.map_err(api)?;
    audit::record(
        &txn,
        &who,
        audit::Change::<(), _> {
            action: "seed",
            entity: "data_set",
            entity_id: "demo".into(),
            project_id: None,
            before: None,
            after: Some(&serde_json::json!({
                "projects": data.projects.len(),
                "units": data.units.len(),
                "localities": data.localities.len(),
                "note": "Số liệu mẫu (sample data)"
            })),
        },
    )
    .await
    .map_err(api)?;
    txn.commit().await?;
    Ok(())
}

// Batched inserts: a synthetic set has hundreds of thousands of reports.
async fn insert_reports(
    txn: &sea_orm::DatabaseTransaction,
    p: &crate::entities::project::Model,
    reports: &[ioc_domain::dto::ValidReport],
    by: i32,
) -> anyhow::Result<()> {
    let baseline = store::projects::derived_baseline(p);
    let now = store::now();
    for chunk in reports.chunks(500) {
        let rows = chunk.iter().map(|r| progress_report::ActiveModel {
            project_id: Set(p.id),
            as_of: Set(r.as_of),
            actual_bp: Set(r.actual.basis_points()),
            planned_bp: Set(
                ioc_domain::planned_percent_at(p.planned_start, p.planned_end, &baseline, r.as_of).basis_points(),
            ),
            output_value: Set(r.output_value.to_db()),
            work_done: Set(r.work_done.clone()),
            next_week_plan: Set(r.next_week_plan.clone()),
            correction_reason: Set(r.correction_reason.clone()),
            submitted_by: Set(by),
            submitted_at: Set(now),
            version: Set(1),
            updated_at: Set(now),
            ..Default::default()
        });
        if chunk.is_empty() {
            continue;
        }
        progress_report::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}

async fn insert_disbursements(
    txn: &sea_orm::DatabaseTransaction,
    project_id: i32,
    items: &[ValidDisbursement],
    by: i32,
) -> anyhow::Result<()> {
    let now = store::now();
    for chunk in items.chunks(500) {
        if chunk.is_empty() {
            continue;
        }
        let rows = chunk.iter().map(|d| disbursement::ActiveModel {
            project_id: Set(project_id),
            paid_on: Set(d.paid_on),
            amount: Set(d.amount.to_db()),
            note: Set(d.note.clone()),
            recorded_by: Set(by),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        disbursement::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}
