//! Sessions checked on every request, and login throttling by (username, address).
//!
//! - `users.token_generation`: carried in each access token; bumping it (logout-all, a new
//!   password, deactivation, a role or unit change) ends every token issued before.
//! - An index on `refresh_tokens.family_id`: each request checks its session (the family)
//!   is not revoked, so that lookup must not scan.
//! - Indexes on `failed_logins` for the counts the login throttle takes per (username,
//!   address) and per address.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0002_users_auth::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UsersSession {
    TokenGeneration,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    FamilyId,
}

#[derive(DeriveIden)]
enum FailedLogins {
    Table,
    Username,
    Ip,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(integer(UsersSession::TokenGeneration).default(0))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_refresh_tokens_family")
                .table(RefreshTokens::Table)
                .col(RefreshTokens::FamilyId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_failed_logins_user_ip_at")
                .table(FailedLogins::Table)
                .col(FailedLogins::Username)
                .col(FailedLogins::Ip)
                .col(FailedLogins::At)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_failed_logins_ip_at")
                .table(FailedLogins::Table)
                .col(FailedLogins::Ip)
                .col(FailedLogins::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_failed_logins_ip_at", "idx_failed_logins_user_ip_at"] {
            m.drop_index(Index::drop().name(name).table(FailedLogins::Table).to_owned())
                .await?;
        }
        m.drop_index(
            Index::drop()
                .name("idx_refresh_tokens_family")
                .table(RefreshTokens::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .drop_column(UsersSession::TokenGeneration)
                .to_owned(),
        )
        .await
    }
}
