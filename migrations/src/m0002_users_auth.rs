use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_units_localities::Units;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Username,
    DisplayName,
    PasswordHash,
    Role,
    UnitId,
    Active,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    TokenHash,
    FamilyId,
    ExpiresAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IntegratorTokens {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    Prefix,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum FailedLogins {
    Table,
    Id,
    Username,
    Ip,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_auto(Users::Id))
                .col(string_len_uniq(Users::Username, 64))
                .col(string_len(Users::DisplayName, 200))
                .col(string_len(Users::PasswordHash, 200))
                .col(string_len(Users::Role, 20))
                .col(integer_null(Users::UnitId))
                .col(boolean(Users::Active).default(true))
                .col(integer(Users::Version).default(1))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Users::Table, Users::UnitId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(pk_auto(RefreshTokens::Id))
                .col(integer(RefreshTokens::UserId))
                // SHA-256 of the token: a stolen database does not yield usable tokens.
                .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                // Rotation family: reuse of a rotated token revokes the whole family.
                .col(string_len(RefreshTokens::FamilyId, 36))
                .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(RefreshTokens::Table, RefreshTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(IntegratorTokens::Table)
                .col(pk_auto(IntegratorTokens::Id))
                .col(integer(IntegratorTokens::UserId))
                .col(string_len(IntegratorTokens::Name, 200))
                .col(string_len_uniq(IntegratorTokens::TokenHash, 64))
                .col(string_len(IntegratorTokens::Prefix, 16))
                .col(integer(IntegratorTokens::CreatedBy))
                .col(timestamp_with_time_zone(IntegratorTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(IntegratorTokens::LastUsedAt))
                .col(timestamp_with_time_zone_null(IntegratorTokens::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(IntegratorTokens::Table, IntegratorTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(FailedLogins::Table)
                .col(pk_auto(FailedLogins::Id))
                .col(string_len(FailedLogins::Username, 64))
                .col(string_len(FailedLogins::Ip, 64))
                .col(timestamp_with_time_zone(FailedLogins::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_failed_logins_at")
                .table(FailedLogins::Table)
                .col(FailedLogins::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(FailedLogins::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(IntegratorTokens::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(RefreshTokens::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Users::Table).to_owned()).await
    }
}
