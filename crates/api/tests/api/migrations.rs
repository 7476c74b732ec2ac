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
