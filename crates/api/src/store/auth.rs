//! Sessions and credentials: refresh-token rotation, integrator tokens, failed logins.

use chrono::{Duration, Utc};
use ioc_domain::dto::IntegratorTokenView;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::auth::tokens::{hash_token, random_token, INTEGRATOR_PREFIX};
use crate::entities::{failed_login, integrator_token, refresh_token, user};
use crate::error::ApiError;

pub async fn user_by_username(conn: &impl ConnectionTrait, username: &str) -> Result<Option<user::Model>, ApiError> {
    Ok(user::Entity::find()
        .filter(user::Column::Username.eq(username.trim().to_lowercase()))
        .one(conn)
        .await?)
}

/// Issues a refresh token in `family` (a new family at login); returns the plaintext.
pub async fn issue_refresh(
    conn: &impl ConnectionTrait,
    user_id: i32,
    family: Option<String>,
    ttl_days: i64,
) -> Result<String, ApiError> {
    let token = random_token(32);
    let now = super::now();
    refresh_token::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash_token(&token)),
        family_id: Set(family.unwrap_or_else(|| uuid::Uuid::new_v4().to_string())),
        expires_at: Set(now + Duration::days(ttl_days)),
        revoked_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(token)
}

pub enum RefreshOutcome {
    /// The token was current: it is now revoked; issue the next one in this family.
    Rotated { user_id: i32, family: String },
    /// Unknown or expired token.
    Invalid,
    /// A token already rotated away was presented again: someone copied it. The whole
    /// family is revoked so neither copy works any more.
    Reused,
}

pub async fn consume_refresh(conn: &impl ConnectionTrait, token: &str) -> Result<RefreshOutcome, ApiError> {
    let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .one(conn)
        .await?
    else {
        return Ok(RefreshOutcome::Invalid);
    };
    let now = super::now();
    if row.revoked_at.is_some() {
        revoke_family(conn, &row.family_id).await?;
        return Ok(RefreshOutcome::Reused);
    }
    if row.expires_at <= now {
        return Ok(RefreshOutcome::Invalid);
    }
    // Conditional update: of two concurrent refreshes with one token, only one wins.
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        revoke_family(conn, &row.family_id).await?;
        return Ok(RefreshOutcome::Reused);
    }
    Ok(RefreshOutcome::Rotated {
        user_id: row.user_id,
        family: row.family_id,
    })
}

pub async fn revoke_family(conn: &impl ConnectionTrait, family: &str) -> Result<(), ApiError> {
    refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(super::now()),
        )
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Logout: revokes the token's family; returns the owner when the token was known.
pub async fn revoke_refresh(conn: &impl ConnectionTrait, token: &str) -> Result<Option<i32>, ApiError> {
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .one(conn)
        .await?;
    match row {
        Some(r) => {
            revoke_family(conn, &r.family_id).await?;
            Ok(Some(r.user_id))
        }
        None => Ok(None),
    }
}

/// Revokes every session of a user (deactivation, password change).
pub async fn revoke_all_for_user(conn: &impl ConnectionTrait, user_id: i32) -> Result<(), ApiError> {
    refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(super::now()),
        )
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn record_failed_login(conn: &impl ConnectionTrait, username: &str, ip: &str) -> Result<(), ApiError> {
    failed_login::ActiveModel {
        username: Set(username.trim().to_lowercase().chars().take(64).collect()),
        ip: Set(ip.chars().take(64).collect()),
        at: Set(super::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Failed logins within the window, for this username and for this IP.
pub async fn recent_failures(
    conn: &impl ConnectionTrait,
    username: &str,
    ip: &str,
    window_secs: i64,
) -> Result<(u64, u64), ApiError> {
    let since = Utc::now() - Duration::seconds(window_secs);
    let by_user = failed_login::Entity::find()
        .filter(failed_login::Column::Username.eq(username.trim().to_lowercase()))
        .filter(failed_login::Column::At.gt(since))
        .count(conn)
        .await?;
    let by_ip = failed_login::Entity::find()
        .filter(failed_login::Column::Ip.eq(ip))
        .filter(failed_login::Column::At.gt(since))
        .count(conn)
        .await?;
    Ok((by_user, by_ip))
}

/// A successful login clears the user's failure count (not the IP's).
pub async fn clear_failures(conn: &impl ConnectionTrait, username: &str) -> Result<(), ApiError> {
    failed_login::Entity::delete_many()
        .filter(failed_login::Column::Username.eq(username.trim().to_lowercase()))
        .exec(conn)
        .await?;
    Ok(())
}

/// The active integrator user behind a token, if the token is valid and not revoked.
pub async fn integrator_by_token_hash(
    conn: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<user::Model>, ApiError> {
    let Some(tok) = integrator_token::Entity::find()
        .filter(integrator_token::Column::TokenHash.eq(hash))
        .filter(integrator_token::Column::RevokedAt.is_null())
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let user = user::Entity::find_by_id(tok.user_id).one(conn).await?;
    let user = user.filter(|u| u.active && u.role == ioc_domain::Role::Integrator.as_str());
    if user.is_some() && tok.last_used_at.is_none_or(|t| Utc::now() - t > Duration::minutes(1)) {
        // Coarse on purpose: one write a minute per token, not one per request.
        let mut am: integrator_token::ActiveModel = tok.into();
        am.last_used_at = Set(Some(super::now()));
        am.update(conn).await?;
    }
    Ok(user)
}

pub fn token_view(t: integrator_token::Model) -> IntegratorTokenView {
    IntegratorTokenView {
        id: t.id,
        user_id: t.user_id,
        name: t.name,
        prefix: t.prefix,
        created_at: t.created_at,
        last_used_at: t.last_used_at,
        revoked_at: t.revoked_at,
    }
}

pub async fn create_integrator_token(
    conn: &impl ConnectionTrait,
    user_id: i32,
    name: &str,
    created_by: i32,
) -> Result<(String, IntegratorTokenView), ApiError> {
    let token = format!("{INTEGRATOR_PREFIX}{}", random_token(32));
    let row = integrator_token::ActiveModel {
        user_id: Set(user_id),
        name: Set(name.to_owned()),
        token_hash: Set(hash_token(&token)),
        prefix: Set(token.chars().take(12).collect()),
        created_by: Set(created_by),
        created_at: Set(super::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok((token, token_view(row)))
}

pub async fn list_integrator_tokens(conn: &impl ConnectionTrait) -> Result<Vec<IntegratorTokenView>, ApiError> {
    Ok(integrator_token::Entity::find()
        .order_by_asc(integrator_token::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(token_view)
        .collect())
}

/// Revokes a token; returns its state before and after, or `None` when unknown.
pub async fn revoke_integrator_token(
    conn: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(IntegratorTokenView, IntegratorTokenView)>, ApiError> {
    let Some(t) = integrator_token::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let before = token_view(t.clone());
    if t.revoked_at.is_some() {
        return Ok(Some((before.clone(), before)));
    }
    let mut am: integrator_token::ActiveModel = t.into();
    am.revoked_at = Set(Some(super::now()));
    let after = token_view(am.update(conn).await?);
    Ok(Some((before, after)))
}
