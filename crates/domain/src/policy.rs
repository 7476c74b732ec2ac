//! Who may do what. Pure yes/no answers so that the server enforces them and the SPA hides
//! what a user cannot do, from one definition.
//!
//! Every function matches on all roles without a wildcard: adding a role to the code list
//! then fails to compile here until someone decides what it may do.

use crate::Role;

/// The signed-in user (or integrator token) making a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i32,
    pub role: Role,
    /// The unit a unit editor works for; `None` for roles not tied to a unit.
    pub unit_id: Option<i32>,
}

/// Units responsible for a project: the investor (chủ đầu tư) and, when it delegates, the
/// project management unit (ban quản lý dự án) that manages it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    pub investor_unit_id: i32,
    pub managing_unit_id: Option<i32>,
}

/// Project data is public inside the provincial administration: every role may read it,
/// including integrators that feed the IOC wall.
pub fn can_read_projects(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => true,
    }
}

/// The key-project list is decided by the province; units report on projects, they do not
/// add them.
pub fn can_create_project(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// The coordinator keeps every project's data; a unit editor only the projects its unit
/// invests in or manages, so one unit cannot change another's figures. Leaders and machine
/// clients only read.
pub fn can_edit_project(actor: &Actor, ownership: &Ownership) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::UnitEditor => actor
            .unit_id
            .is_some_and(|unit| unit == ownership.investor_unit_id || Some(unit) == ownership.managing_unit_id),
        Role::Leader | Role::Viewer | Role::Integrator => false,
    }
}

/// The investor and managing unit decide which unit may edit a project, so changing them
/// is a provincial decision: a unit editor keeping the project's figures may not hand the
/// project, and with it the edit rights, to another unit (nor add one beside its own).
/// The SPA asks this to offer (or lock) the two choices in the project form.
pub fn can_reassign_project(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// A project update keeps its investor and managing unit, or the caller may reassign it
/// ([`can_reassign_project`]).
pub fn can_change_project_ownership(actor: &Actor, current: &Ownership, new: &Ownership) -> bool {
    current == new || can_reassign_project(actor)
}

/// Accounts and the unit list decide who may edit what, so only administrators manage them.
pub fn can_manage_units_and_users(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// Integrator tokens are credentials of other systems; only administrators issue or revoke them.
pub fn can_manage_integrator_tokens(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// The audit log shows who changed which figures; the coordinator needs it to query units.
pub fn can_view_audit(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// Archiving removes a project from the key list, a provincial decision like creating it.
pub fn can_archive_project(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// Acknowledging an alert records that the province has taken it up; the coordinator follows
/// alerts for the leaders. Units answer alerts by fixing the data, not by silencing them.
pub fn can_acknowledge_alerts(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator => true,
        Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// Webhook subscriptions send project data to outside addresses with a shared secret, so
/// only administrators manage them (like integrator tokens).
pub fn can_manage_webhooks(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// Meeting and task forms name people (a chair, attendees, an assignee): every signed-in
/// official may see who is who; machine clients have no use for the staff list.
pub fn can_list_people(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer => true,
        Role::Integrator => false,
    }
}

/// Meetings are the province's own deliberation: every signed-in person may read them (units
/// see what was decided about their projects), but they are not fed to outside systems, so
/// integrator tokens do not read them.
pub fn can_read_meetings(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer => true,
        Role::Integrator => false,
    }
}

/// The Department of Construction prepares and runs the review meeting (seed 001 §III.3) and
/// the leaders chair it: they schedule, edit, start, close and delete meetings.
pub fn can_manage_meetings(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator | Role::Leader => true,
        Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// Directives are the leaders' own: a leader issues one directly, the coordinator (the
/// Department of Construction's secretariat of the review meeting) records it on a leader's
/// behalf. The same roles correct a directive and add tasks to it.
pub fn can_record_directive(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator | Role::Leader => true,
        Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// Directives and tasks are read by every role: units see what is asked of every unit (they
/// often support another's task), viewers and leaders follow them, and integrators feed the
/// IOC wall's direction panel with them.
pub fn can_read_tasks(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => true,
    }
}

/// The lead unit's editors carry out a task: acknowledge it, start it, report it done and ask
/// for more time. Admins may too (to repair a task). The province does not act for a unit.
pub fn can_act_on_task(actor: &Actor, lead_unit_id: i32) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::UnitEditor => actor.unit_id == Some(lead_unit_id),
        Role::Coordinator | Role::Leader | Role::Viewer | Role::Integrator => false,
    }
}

/// Coordinators and leaders judge the work: confirm it, reopen it, decide extensions.
pub fn can_decide_tasks(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator | Role::Leader => true,
        Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

/// People have an inbox and delivery preferences; machine accounts do not.
pub fn can_use_inbox(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin | Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer => true,
        Role::Integrator => false,
    }
}

/// The outbox's delivery log names recipients' addresses and webhook receivers: admins only.
pub fn can_view_deliveries(actor: &Actor) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Coordinator | Role::Leader | Role::UnitEditor | Role::Viewer | Role::Integrator => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    const UNIT: i32 = 7;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 1,
            role,
            unit_id: Some(UNIT),
        }
    }

    /// Asserts `f` for every role against the roles expected to be allowed.
    fn check(name: &str, f: impl Fn(&Actor) -> bool, allowed: &[Role]) {
        for role in Role::ALL {
            assert_eq!(f(&actor(*role)), allowed.contains(role), "{name} for {role}");
        }
    }

    #[test]
    fn inbox_is_for_people_and_the_delivery_log_for_admins() {
        check(
            "inbox",
            can_use_inbox,
            &[Admin, Coordinator, Leader, UnitEditor, Viewer],
        );
        check("deliveries", can_view_deliveries, &[Admin]);
    }

    #[test]
    fn read_projects() {
        check(
            "read",
            can_read_projects,
            &[Admin, Coordinator, Leader, UnitEditor, Viewer, Integrator],
        );
    }

    #[test]
    fn create_project() {
        check("create", can_create_project, &[Admin, Coordinator]);
    }

    #[test]
    fn edit_own_project() {
        let own = Ownership {
            investor_unit_id: UNIT,
            managing_unit_id: None,
        };
        check(
            "edit own",
            |a| can_edit_project(a, &own),
            &[Admin, Coordinator, UnitEditor],
        );
        let managed = Ownership {
            investor_unit_id: 99,
            managing_unit_id: Some(UNIT),
        };
        check(
            "edit managed",
            |a| can_edit_project(a, &managed),
            &[Admin, Coordinator, UnitEditor],
        );
    }

    #[test]
    fn edit_someone_elses_project() {
        let other = Ownership {
            investor_unit_id: 99,
            managing_unit_id: Some(98),
        };
        check("edit other", |a| can_edit_project(a, &other), &[Admin, Coordinator]);
        let unitless = Actor {
            unit_id: None,
            ..actor(UnitEditor)
        };
        let own = Ownership {
            investor_unit_id: UNIT,
            managing_unit_id: Some(UNIT),
        };
        assert!(!can_edit_project(&unitless, &own));
    }

    #[test]
    fn only_the_province_changes_who_owns_a_project() {
        let current = Ownership {
            investor_unit_id: UNIT,
            managing_unit_id: None,
        };
        let changes = [
            Ownership {
                investor_unit_id: 99,
                managing_unit_id: None,
            },
            // Keeping its own unit as investor but adding another as manager still hands
            // edit rights to that unit.
            Ownership {
                investor_unit_id: UNIT,
                managing_unit_id: Some(99),
            },
        ];
        for new in changes {
            check(
                "change ownership",
                |a| can_change_project_ownership(a, &current, &new),
                &[Admin, Coordinator],
            );
        }
        check(
            "keep ownership",
            |a| can_change_project_ownership(a, &current, &current),
            &[Admin, Coordinator, Leader, UnitEditor, Viewer, Integrator],
        );
        check("reassign a project", can_reassign_project, &[Admin, Coordinator]);
    }

    #[test]
    fn manage_units_and_users() {
        check("units/users", can_manage_units_and_users, &[Admin]);
    }

    #[test]
    fn manage_integrator_tokens() {
        check("tokens", can_manage_integrator_tokens, &[Admin]);
    }

    #[test]
    fn view_audit() {
        check("audit", can_view_audit, &[Admin, Coordinator]);
    }

    #[test]
    fn archive_project() {
        check("archive", can_archive_project, &[Admin, Coordinator]);
    }

    #[test]
    fn acknowledge_alerts() {
        check("acknowledge alerts", can_acknowledge_alerts, &[Admin, Coordinator]);
    }

    #[test]
    fn manage_webhooks() {
        check("webhooks", can_manage_webhooks, &[Admin]);
    }

    #[test]
    fn list_people() {
        check(
            "people",
            can_list_people,
            &[Admin, Coordinator, Leader, UnitEditor, Viewer],
        );
    }

    #[test]
    fn read_meetings() {
        check(
            "read meetings",
            can_read_meetings,
            &[Admin, Coordinator, Leader, UnitEditor, Viewer],
        );
    }

    #[test]
    fn record_directives() {
        check("record directive", can_record_directive, &[Admin, Coordinator, Leader]);
    }

    #[test]
    fn read_tasks() {
        check(
            "read tasks",
            can_read_tasks,
            &[Admin, Coordinator, Leader, UnitEditor, Viewer, Integrator],
        );
    }

    #[test]
    fn manage_meetings() {
        check("manage meetings", can_manage_meetings, &[Admin, Coordinator, Leader]);
    }

    #[test]
    fn act_on_own_units_task_only() {
        check("act on own task", |a| can_act_on_task(a, UNIT), &[Admin, UnitEditor]);
        check("act on another unit's task", |a| can_act_on_task(a, 99), &[Admin]);
        let unitless = Actor {
            unit_id: None,
            ..actor(UnitEditor)
        };
        assert!(!can_act_on_task(&unitless, UNIT));
    }

    #[test]
    fn decide_tasks() {
        check("decide tasks", can_decide_tasks, &[Admin, Coordinator, Leader]);
    }
}
