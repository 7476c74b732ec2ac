//! Maintenance commands behind the binary's subcommands.

use chrono::NaiveDate;
use ioc_domain::dto::UserInput;
use ioc_domain::{Role, Thresholds};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait};

use crate::auth::password;
use crate::store::{self, audit};

pub async fn create_admin(db: &DatabaseConnection, username: &str, display_name: &str, pw: &str) -> anyhow::Result<()> {
    let input = UserInput {
        username: username.into(),
        display_name: display_name.into(),
        role: Role::Admin,
        unit_id: None,
        password: Some(pw.into()),
        active: true,
    }
    .validate(true)
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let hash = password::hash(pw.into()).await?;
    let txn = db.begin().await?;
    let u = store::users::create(&txn, &input, hash)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    audit::record(
        &txn,
        &audit::Who::system("create-admin"),
        audit::Change::created("user", u.id, None, &u),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    txn.commit().await?;
    Ok(())
}

/// Loads a data set into a database that has no users yet (refuses otherwise, so it never
/// mixes sample figures into real data).
pub async fn seed(
    db: &DatabaseConnection,
    data: &ioc_demo::DemoData,
    today: NaiveDate,
    t: &Thresholds,
) -> anyhow::Result<()> {
    if crate::entities::user::Entity::find().count(db).await? > 0 {
        anyhow::bail!("the database already has users: demo data is only loaded into an empty database");
    }
    crate::demo::load(db, data, today, t).await
}
