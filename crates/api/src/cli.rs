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
        email: None,
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

/// The readiness URL of a server bound to `bind`: a wildcard address is asked on loopback.
pub fn readyz_url(bind: &str) -> String {
    let (host, port) = bind.rsplit_once(':').unwrap_or((bind, "8080"));
    let host = match host {
        "0.0.0.0" | "" => "127.0.0.1",
        "[::]" => "[::1]",
        h => h,
    };
    format!("http://{host}:{port}/readyz")
}

/// Fails unless `url` answers 200 within five seconds.
pub async fn healthcheck(url: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()?;
    let res = client.get(url).send().await?;
    anyhow::ensure!(res.status().is_success(), "{url} answered {}", res.status());
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_readiness_url_asks_loopback_for_a_wildcard_bind() {
        assert_eq!(super::readyz_url("0.0.0.0:8080"), "http://127.0.0.1:8080/readyz");
        assert_eq!(super::readyz_url("[::]:9000"), "http://[::1]:9000/readyz");
        assert_eq!(super::readyz_url("10.0.0.5:80"), "http://10.0.0.5:80/readyz");
    }
}
