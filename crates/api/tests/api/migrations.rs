use migration::{Migrator, MigratorTrait};

use crate::helpers::spawn_app;

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    let app = spawn_app().await;
    Migrator::down(&app.db, None).await.expect("down");
    assert!(Migrator::get_applied_migrations(&app.db).await.unwrap().is_empty());
    Migrator::up(&app.db, None).await.expect("up again");
    assert_eq!(Migrator::get_pending_migrations(&app.db).await.unwrap().len(), 0);
}

#[tokio::test]
async fn the_webhook_queue_moves_into_the_outbox_and_back_with_its_ids() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    let db = &app.db;
    let backend = db.get_database_backend();
    let sql = |s: &str| Statement::from_string(backend, s.to_owned());
    async fn count(db: &sea_orm::DatabaseConnection, s: &str) -> i64 {
        let st = Statement::from_string(db.get_database_backend(), s.to_owned());
        let row = db.query_one_raw(st).await.unwrap().unwrap();
        row.try_get_by_index::<i64>(0).unwrap()
    }
    db.execute_raw(sql(
        "INSERT INTO webhook_subscriptions (name, url, secret, event_types, active, created_at, version) \
         VALUES ('IOC', 'https://ioc.dongnai.gov.vn/h', 'bi-mat-cua-he-thong-nhan', '[\"alert.opened\"]', true, '2026-01-05 01:00:00+00', 1)",
    ))
    .await
    .unwrap();
    db.execute_raw(sql(
        "INSERT INTO outbox_jobs (id, channel, event_type, subscription_id, payload, status, attempts, next_attempt_at, created_at) \
         SELECT 41, 'webhook', 'alert.opened', id, '{}', 'pending', 2, '2026-01-05 01:00:00+00', '2026-01-05 01:00:00+00' FROM webhook_subscriptions",
    ))
    .await
    .unwrap();
    while Migrator::get_applied_migrations(db)
        .await
        .unwrap()
        .iter()
        .any(|m| m.name() == "m0014_notifications")
    {
        Migrator::down(db, Some(1)).await.expect("down one");
    }
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM webhook_deliveries WHERE id = 41 AND attempts = 2"
        )
        .await,
        1
    );
    Migrator::up(db, None).await.expect("up again");
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM outbox_jobs WHERE id = 41 AND channel = 'webhook' AND attempts = 2"
        )
        .await,
        1
    );
    // New jobs get ids above the moved ones (PostgreSQL's sequence was moved on).
    db.execute_raw(sql(
        "INSERT INTO outbox_jobs (channel, event_type, payload, status, attempts, next_attempt_at, created_at) \
         VALUES ('email', 'task_assigned', '{}', 'pending', 0, '2026-01-05 01:00:00+00', '2026-01-05 01:00:00+00')",
    ))
    .await
    .unwrap();
    assert_eq!(count(db, "SELECT COUNT(*) FROM outbox_jobs WHERE id > 41").await, 1);
}
