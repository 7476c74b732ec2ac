//! Sessions and credentials: refresh-token rotation, the per-request session check,
//! integrator tokens, failed logins.

use chrono::{DateTime, Duration, Utc};
use ioc_domain::dto::IntegratorTokenView;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query};
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

/// A new session (refresh-token family) id, at sign-in.
pub fn new_session_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Issues a refresh token in `family`; returns the plaintext.
pub async fn issue_refresh(
    conn: &impl ConnectionTrait,
    user_id: i32,
    family: &str,
    ttl_days: i64,
) -> Result<String, ApiError> {
    let token = random_token(32);
    let now = super::now();
    refresh_token::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash_token(&token)),
        family_id: Set(family.to_owned()),
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

/// Ends every session of a user at once (logout-all, a new password, deactivation, a role
/// or unit change): its refresh tokens are revoked and the token generation bumped, so the
/// access tokens already issued stop working at their next request.
pub async fn end_all_sessions(conn: &impl ConnectionTrait, user_id: i32) -> Result<(), ApiError> {
    user::Entity::update_many()
        .col_expr(
            user::Column::TokenGeneration,
            Expr::col(user::Column::TokenGeneration).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(conn)
        .await?;
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

/// The caller behind an access token, as the database has it now.
#[derive(Debug, Clone)]
pub struct Caller {
    pub id: i32,
    pub username: String,
    pub role: String,
    pub unit_id: Option<i32>,
    pub active: bool,
    pub token_generation: i32,
    /// The token's session still has an unrevoked refresh token (nobody signed it out).
    pub session_live: bool,
    /// The data version (`store::data_version`) read in the same statement, which saves the
    /// cached reads a round trip of their own.
    pub data_version: i64,
}

/// Reads the user and whether its session `session` is live, in one query on two primary
/// or indexed keys: `users.id` and `refresh_tokens.family_id`. Runs on every request, so it
/// must stay that cheap; it reads the database, not process memory, so that every instance
/// sees a sign-out at once.
pub async fn caller(conn: &impl ConnectionTrait, user_id: i32, session: &str) -> Result<Option<Caller>, ApiError> {
    use refresh_token::Column as R;
    use user::Column as U;
    let (u, r) = (Alias::new("u"), Alias::new("r"));
    let stmt = Query::select()
        .columns([
            (u.clone(), U::Id),
            (u.clone(), U::Username),
            (u.clone(), U::Role),
            (u.clone(), U::UnitId),
            (u.clone(), U::Active),
            (u.clone(), U::TokenGeneration),
        ])
        .expr_as(Expr::col((r.clone(), R::Id)), Alias::new("live_token"))
        .expr_as(
            Expr::cust(format!("({})", super::data_version::SQL)),
            Alias::new("data_version"),
        )
        .from_as(user::Entity, u.clone())
        // At most one token of a family is unrevoked: rotation revokes the old one first.
        .join_as(
            JoinType::LeftJoin,
            refresh_token::Entity,
            r.clone(),
            Expr::col((r.clone(), R::FamilyId))
                .eq(session)
                .and(Expr::col((r.clone(), R::UserId)).equals((u.clone(), U::Id)))
                .and(Expr::col((r, R::RevokedAt)).is_null()),
        )
        .and_where(Expr::col((u, U::Id)).eq(user_id))
        .limit(1)
        .to_owned();
    let backend = conn.get_database_backend();
    let Some(row) = conn.query_one_raw(backend.build(&stmt)).await? else {
        return Ok(None);
    };
    Ok(Some(Caller {
        id: row.try_get("", "id")?,
        username: row.try_get("", "username")?,
        role: row.try_get("", "role")?,
        unit_id: row.try_get("", "unit_id")?,
        active: row.try_get("", "active")?,
        token_generation: row.try_get("", "token_generation")?,
        session_live: row.try_get::<Option<i32>>("", "live_token")?.is_some(),
        data_version: row.try_get("", "data_version")?,
    }))
}

fn username_key(username: &str) -> String {
    username.trim().to_lowercase().chars().take(64).collect()
}

fn address_key(ip: &str) -> String {
    ip.chars().take(64).collect()
}

/// Records a failed login and forgets those older than the window, so the table stays as
/// small as the attempts that still count.
pub async fn record_failed_login(
    conn: &impl ConnectionTrait,
    username: &str,
    ip: &str,
    window_secs: i64,
) -> Result<(), ApiError> {
    let now = super::now();
    failed_login::Entity::delete_many()
        .filter(failed_login::Column::At.lt(now - Duration::seconds(window_secs)))
        .exec(conn)
        .await?;
    failed_login::ActiveModel {
        username: Set(username_key(username)),
        ip: Set(address_key(ip)),
        at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Failed logins within the window: of this username from this address, and of anyone
/// from this address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecentFailures {
    pub pair: u64,
    pub pair_latest: Option<DateTime<Utc>>,
    pub address: u64,
    pub address_oldest: Option<DateTime<Utc>>,
}

pub async fn recent_failures(
    conn: &impl ConnectionTrait,
    username: &str,
    ip: &str,
    window_secs: i64,
) -> Result<RecentFailures, ApiError> {
    use failed_login::Column as F;
    let since = super::now() - Duration::seconds(window_secs);
    let by_address = failed_login::Entity::find()
        .filter(F::Ip.eq(address_key(ip)))
        .filter(F::At.gt(since));
    let by_pair = by_address.clone().filter(F::Username.eq(username_key(username)));
    Ok(RecentFailures {
        pair: by_pair.clone().count(conn).await?,
        pair_latest: by_pair.order_by_desc(F::At).one(conn).await?.map(|f| f.at),
        address: by_address.clone().count(conn).await?,
        address_oldest: by_address.order_by_asc(F::At).one(conn).await?.map(|f| f.at),
    })
}

/// A successful login forgets the failures of that username from that address only: the
/// count a stranger built up elsewhere stays, and so does the address's own count.
pub async fn clear_failures(conn: &impl ConnectionTrait, username: &str, ip: &str) -> Result<(), ApiError> {
    failed_login::Entity::delete_many()
        .filter(failed_login::Column::Username.eq(username_key(username)))
        .filter(failed_login::Column::Ip.eq(address_key(ip)))
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
