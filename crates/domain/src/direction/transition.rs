//! The one rule of how a task moves on: who may take which action, from which state.
//!
//! | action              | who                                        | from                                  | to            |
//! |---------------------|--------------------------------------------|---------------------------------------|---------------|
//! | `acknowledge`       | the lead unit's editors, admins            | assigned                              | acknowledged  |
//! | `start`             | the lead unit's editors, admins            | assigned, acknowledged                | in_progress   |
//! | `report_done`       | the lead unit's editors, admins            | in_progress                           | reported_done |
//! | `request_extension` | the lead unit's editors, admins            | assigned, acknowledged, in_progress; none pending | unchanged |
//! | `confirm`           | coordinators, leaders, admins              | reported_done                         | confirmed     |
//! | `reopen`            | coordinators, leaders, admins              | reported_done, confirmed              | in_progress   |
//! | `approve_extension` | coordinators, leaders, admins              | any, one pending                      | unchanged     |
//! | `refuse_extension`  | coordinators, leaders, admins              | any, one pending                      | unchanged     |
//!
//! Who is asked first: a caller who may not take the action at all is refused (403) whatever
//! state the task is in, so the answer never tells another unit how far a task has got;
//! an allowed caller asking the impossible gets 409.

use serde::{Deserialize, Serialize};

use super::{TaskAction, TaskState};
use crate::policy::{can_act_on_task, can_decide_tasks};
use crate::Actor;

/// What the rule needs to know about a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskFacts {
    pub lead_unit_id: i32,
    pub state: TaskState,
    /// An extension request waits for a decision.
    pub extension_pending: bool,
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TransitionError {
    /// The caller may not take this action on this task (HTTP 403).
    #[error("this user may not take this action on this task")]
    Forbidden,
    /// The action does not apply to the task as it stands (HTTP 409).
    #[error("the action does not apply in the task's current state")]
    Invalid,
}

/// The state after `action`, or why not.
pub fn transition(actor: &Actor, task: &TaskFacts, action: TaskAction) -> Result<TaskState, TransitionError> {
    use TaskAction as A;
    use TaskState as S;
    let allowed = match action {
        A::Acknowledge | A::Start | A::ReportDone | A::RequestExtension => can_act_on_task(actor, task.lead_unit_id),
        A::Confirm | A::Reopen | A::ApproveExtension | A::RefuseExtension => can_decide_tasks(actor),
    };
    if !allowed {
        return Err(TransitionError::Forbidden);
    }
    let to = match (action, task.state) {
        (A::Acknowledge, S::Assigned) => S::Acknowledged,
        (A::Start, S::Assigned | S::Acknowledged) => S::InProgress,
        (A::ReportDone, S::InProgress) => S::ReportedDone,
        (A::RequestExtension, s @ (S::Assigned | S::Acknowledged | S::InProgress)) if !task.extension_pending => s,
        (A::Confirm, S::ReportedDone) => S::Confirmed,
        (A::Reopen, S::ReportedDone | S::Confirmed) => S::InProgress,
        (A::ApproveExtension | A::RefuseExtension, s) if task.extension_pending => s,
        _ => return Err(TransitionError::Invalid),
    };
    Ok(to)
}

/// The actions `actor` may take on the task now, in [`TaskAction::ALL`] order: the SPA shows
/// exactly these buttons.
pub fn available_actions(actor: &Actor, task: &TaskFacts) -> Vec<TaskAction> {
    TaskAction::ALL
        .iter()
        .copied()
        .filter(|a| transition(actor, task, *a).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;
    use proptest::prelude::*;
    use TaskAction as A;
    use TaskState as S;

    const UNIT: i32 = 7;

    fn actor(role: Role, unit: Option<i32>) -> Actor {
        Actor {
            user_id: 1,
            role,
            unit_id: unit,
        }
    }

    fn task(state: TaskState, pending: bool) -> TaskFacts {
        TaskFacts {
            lead_unit_id: UNIT,
            state,
            extension_pending: pending,
        }
    }

    #[test]
    fn the_lead_unit_walks_its_task_to_reported_done_and_the_province_confirms() {
        let editor = actor(Role::UnitEditor, Some(UNIT));
        let coordinator = actor(Role::Coordinator, None);
        let t = |s| task(s, false);
        assert_eq!(
            transition(&editor, &t(S::Assigned), A::Acknowledge),
            Ok(S::Acknowledged)
        );
        assert_eq!(transition(&editor, &t(S::Acknowledged), A::Start), Ok(S::InProgress));
        assert_eq!(
            transition(&editor, &t(S::InProgress), A::ReportDone),
            Ok(S::ReportedDone)
        );
        assert_eq!(
            transition(&coordinator, &t(S::ReportedDone), A::Confirm),
            Ok(S::Confirmed)
        );
        assert_eq!(transition(&coordinator, &t(S::Confirmed), A::Reopen), Ok(S::InProgress));
        assert_eq!(
            transition(&editor, &t(S::ReportedDone), A::Confirm),
            Err(TransitionError::Forbidden),
            "a unit does not confirm its own work"
        );
    }

    #[test]
    fn another_units_editor_is_refused_whatever_the_state() {
        let other = actor(Role::UnitEditor, Some(99));
        let unitless = actor(Role::UnitEditor, None);
        for s in TaskState::ALL {
            for a in TaskAction::ALL {
                for pending in [false, true] {
                    assert_eq!(
                        transition(&other, &task(*s, pending), *a),
                        Err(TransitionError::Forbidden)
                    );
                    assert_eq!(
                        transition(&unitless, &task(*s, pending), *a),
                        Err(TransitionError::Forbidden)
                    );
                }
            }
        }
    }

    #[test]
    fn viewers_and_integrators_take_no_action_and_leaders_only_decide() {
        for s in TaskState::ALL {
            for a in TaskAction::ALL {
                for role in [Role::Viewer, Role::Integrator] {
                    assert_eq!(
                        transition(&actor(role, Some(UNIT)), &task(*s, true), *a),
                        Err(TransitionError::Forbidden)
                    );
                }
            }
        }
        let leader = actor(Role::Leader, None);
        assert_eq!(
            available_actions(&leader, &task(S::ReportedDone, true)),
            [A::Confirm, A::Reopen, A::ApproveExtension, A::RefuseExtension]
        );
        assert_eq!(
            transition(&leader, &task(S::Assigned, false), A::Acknowledge),
            Err(TransitionError::Forbidden)
        );
    }

    #[test]
    fn at_most_one_extension_request_waits_and_only_a_pending_one_is_decided() {
        let editor = actor(Role::UnitEditor, Some(UNIT));
        let coordinator = actor(Role::Coordinator, None);
        assert_eq!(
            transition(&editor, &task(S::InProgress, false), A::RequestExtension),
            Ok(S::InProgress)
        );
        assert_eq!(
            transition(&editor, &task(S::InProgress, true), A::RequestExtension),
            Err(TransitionError::Invalid)
        );
        assert_eq!(
            transition(&editor, &task(S::ReportedDone, false), A::RequestExtension),
            Err(TransitionError::Invalid)
        );
        assert_eq!(
            transition(&coordinator, &task(S::Acknowledged, false), A::ApproveExtension),
            Err(TransitionError::Invalid)
        );
        assert_eq!(
            transition(&coordinator, &task(S::Acknowledged, true), A::RefuseExtension),
            Ok(S::Acknowledged)
        );
    }

    #[test]
    fn a_confirmed_task_only_reopens() {
        let admin = actor(Role::Admin, None);
        assert_eq!(available_actions(&admin, &task(S::Confirmed, false)), [A::Reopen]);
        assert_eq!(
            transition(&admin, &task(S::Confirmed, false), A::ReportDone),
            Err(TransitionError::Invalid)
        );
    }

    fn any_state() -> impl Strategy<Value = TaskState> {
        proptest::sample::select(TaskState::ALL.to_vec())
    }

    fn any_action() -> impl Strategy<Value = TaskAction> {
        proptest::sample::select(TaskAction::ALL.to_vec())
    }

    fn any_role() -> impl Strategy<Value = Role> {
        proptest::sample::select(Role::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn available_actions_are_exactly_the_allowed_transitions(
            role in any_role(), unit in proptest::option::of(1..10i32), s in any_state(), pending: bool, a in any_action()
        ) {
            let who = actor(role, unit);
            let t = TaskFacts { lead_unit_id: UNIT, state: s, extension_pending: pending };
            prop_assert_eq!(available_actions(&who, &t).contains(&a), transition(&who, &t, a).is_ok());
            // Nothing leaves a confirmed task but a reopen, and only deciders reopen.
            if let (S::Confirmed, Ok(to)) = (s, transition(&who, &t, a)) {
                prop_assert!(a == A::Reopen || a == A::ApproveExtension || a == A::RefuseExtension);
                prop_assert!(a != A::Reopen || to == S::InProgress);
            }
        }
    }
}
