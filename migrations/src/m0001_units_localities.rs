use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Units {
    Table,
    Id,
    Code,
    Name,
    Kind,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub enum Localities {
    Table,
    Id,
    Code,
    Name,
    Kind,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Units::Table)
                .col(pk_auto(Units::Id))
                .col(string_len_uniq(Units::Code, 32))
                .col(string_len(Units::Name, 300))
                .col(string_len(Units::Kind, 40))
                .col(integer(Units::Version).default(1))
                .col(timestamp_with_time_zone(Units::CreatedAt))
                .col(timestamp_with_time_zone(Units::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Localities::Table)
                .col(pk_auto(Localities::Id))
                .col(string_len_uniq(Localities::Code, 32))
                .col(string_len(Localities::Name, 200))
                // "ward" (phường) or "commune" (xã): the province has no districts since 2025.
                .col(string_len(Localities::Kind, 20))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Localities::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Units::Table).to_owned()).await
    }
}
