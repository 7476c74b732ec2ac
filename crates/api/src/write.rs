//! One unit of work for every audited write: a transaction, the acting user, one audit
//! entry per change (before/after), and, when the write touches a project, its derived
//! state refreshed once at commit. Handlers open one, call store functions on `w.txn`,
//! record what changed and commit; nothing is written unless `commit` runs.

use std::collections::BTreeSet;

use sea_orm::{DatabaseTransaction, TransactionTrait};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::entities::project;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store;
use crate::store::audit::{Change, Who};

pub struct Write {
    pub txn: DatabaseTransaction,
    pub who: Who,
    state: AppState,
    /// Project the entries belong to (the per-project audit trail).
    project_id: Option<i32>,
    /// Projects whose derived state (status, forecast, alerts) is refreshed at commit.
    refresh: BTreeSet<i32>,
}

impl Write {
    /// A write not tied to one project (units, users, tokens, webhooks, directives...).
    pub async fn begin(state: &AppState, user: &AuthUser) -> Result<Self, ApiError> {
        Ok(Write {
            txn: state.db.begin().await?,
            who: user.into(),
            state: state.clone(),
            project_id: None,
            refresh: BTreeSet::new(),
        })
    }

    /// A write to one project or its children: locks the project's row, checks the caller
    /// may edit it (and that it is not archived), and refreshes it at commit.
    pub async fn project(
        state: &AppState,
        user: &AuthUser,
        project_id: i32,
    ) -> Result<(Self, project::Model), ApiError> {
        let w = Self::begin(state, user).await?;
        let p = crate::routes::editable_project(&w.txn, user, project_id).await?;
        Ok((w.in_project(project_id), p))
    }

    /// Entries from now on belong to this project, and it is refreshed at commit (for
    /// writes whose permission check is not `editable_project`, e.g. archiving).
    pub fn in_project(mut self, project_id: i32) -> Self {
        self.project_id = Some(project_id);
        self.refresh.insert(project_id);
        self
    }

    /// Entries from now on belong to this project's audit trail (no refresh).
    pub fn set_trail(&mut self, project_id: i32) {
        self.project_id = Some(project_id);
    }

    /// Also refresh this project's derived state at commit.
    pub fn refresh_project(&mut self, project_id: i32) {
        self.refresh.insert(project_id);
    }

    /// Today and now by the server's clock, for the store functions of this write.
    pub fn today(&self) -> chrono::NaiveDate {
        self.state.today()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.state.now()
    }

    /// Records one change: `action` is `create`, `update`, `delete` or a named action
    /// (`archive`, `acknowledge`, a task transition...).
    pub async fn record<B: Serialize, A: Serialize>(
        &self,
        action: &str,
        entity: &str,
        entity_id: impl ToString,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<(), ApiError> {
        store::audit::record(
            &self.txn,
            &self.who,
            Change {
                action,
                entity,
                entity_id: entity_id.to_string(),
                project_id: self.project_id,
                before,
                after,
            },
        )
        .await
    }

    pub async fn created<A: Serialize>(&self, entity: &str, id: impl ToString, after: &A) -> Result<(), ApiError> {
        self.record::<(), A>("create", entity, id, None, Some(after)).await
    }

    pub async fn updated<B: Serialize, A: Serialize>(
        &self,
        entity: &str,
        id: impl ToString,
        before: &B,
        after: &A,
    ) -> Result<(), ApiError> {
        self.record("update", entity, id, Some(before), Some(after)).await
    }

    pub async fn deleted<B: Serialize>(&self, entity: &str, id: impl ToString, before: &B) -> Result<(), ApiError> {
        self.record::<B, ()>("delete", entity, id, Some(before), None).await
    }

    /// Refreshes the touched projects' derived state, then commits.
    pub async fn commit(self) -> Result<(), ApiError> {
        for id in &self.refresh {
            store::projects::after_child_write(&self.txn, *id, self.state.today(), &self.state.settings.thresholds)
                .await?;
        }
        self.txn.commit().await?;
        Ok(())
    }
}
