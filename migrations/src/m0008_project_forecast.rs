use sea_orm_migration::{prelude::*, schema::*};

use crate::m0003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ForecastColumns {
    SpiCentis,
    ForecastFinish,
    ForecastMethod,
}

// One column per ALTER: SQLite adds a single column per statement.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SPI in hundredths (1.06 -> 106): an integer keeps it exact on both databases.
        m.alter_table(
            Table::alter()
                .table(Projects::Table)
                .add_column(integer_null(ForecastColumns::SpiCentis))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Projects::Table)
                .add_column(date_null(ForecastColumns::ForecastFinish))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Projects::Table)
                .add_column(string_len(ForecastColumns::ForecastMethod, 20).default("none"))
                .to_owned(),
        )
        .await?;
        // Existing rows get their forecast at the next start-up refresh.
        let stale = Query::update()
            .table(Projects::Table)
            .value(Projects::StatusAsOf, Expr::cust("NULL"))
            .to_owned();
        m.exec_stmt(stale).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            ForecastColumns::ForecastMethod,
            ForecastColumns::ForecastFinish,
            ForecastColumns::SpiCentis,
        ] {
            m.alter_table(Table::alter().table(Projects::Table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
