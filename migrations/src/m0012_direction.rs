//! Chỉ đạo, điều hành: directives, their related projects and difficulties, the tasks they
//! give units, the tasks' supporting units and their history. `directives.meeting_id` has no
//! foreign key: meetings come in m0013.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_units_localities::Units;
use crate::m0002_users_auth::Users;
use crate::m0003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Directives {
    Table,
    Id,
    Text,
    IssuedBy,
    RecordedBy,
    IssuedOn,
    Source,
    MeetingId,
    DocumentNumber,
    Priority,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DirectiveProjects {
    Table,
    DirectiveId,
    ProjectId,
}

#[derive(DeriveIden)]
enum DirectiveDifficulties {
    Table,
    DirectiveId,
    DifficultyId,
}

#[derive(DeriveIden)]
enum Tasks {
    Table,
    Id,
    DirectiveId,
    Description,
    LeadUnitId,
    AssigneeUserId,
    Deadline,
    OriginalDeadline,
    ExpectedResult,
    State,
    ExtRequestedDeadline,
    ExtReason,
    ExtRequestedBy,
    ExtRequestedAt,
    DoneNote,
    DoneEvidence,
    DoneReportedOn,
    DoneReportedBy,
    ConfirmedOn,
    LastReminderDays,
    OverdueNotifiedOn,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TaskSupportingUnits {
    Table,
    TaskId,
    UnitId,
}

#[derive(DeriveIden)]
enum TaskEvents {
    Table,
    Id,
    TaskId,
    Kind,
    FromState,
    ToState,
    Note,
    Evidence,
    Deadline,
    ActorId,
    At,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let mut k = ForeignKey::create();
    k.from(from.0, from.1).to(to.0, to.1);
    if cascade {
        k.on_delete(ForeignKeyAction::Cascade);
    }
    k.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Directives::Table)
                .col(pk_auto(Directives::Id))
                .col(text(Directives::Text))
                .col(integer(Directives::IssuedBy))
                .col(integer(Directives::RecordedBy))
                .col(date(Directives::IssuedOn))
                .col(string_len(Directives::Source, 20))
                .col(integer_null(Directives::MeetingId))
                .col(string_len_null(Directives::DocumentNumber, 50))
                .col(string_len(Directives::Priority, 20))
                .col(integer(Directives::Version).default(1))
                .col(timestamp_with_time_zone(Directives::CreatedAt))
                .col(timestamp_with_time_zone(Directives::UpdatedAt))
                .foreign_key(&mut fk(
                    (Directives::Table, Directives::IssuedBy),
                    (Users::Table, Users::Id),
                    false,
                ))
                .foreign_key(&mut fk(
                    (Directives::Table, Directives::RecordedBy),
                    (Users::Table, Users::Id),
                    false,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DirectiveProjects::Table)
                .col(integer(DirectiveProjects::DirectiveId))
                .col(integer(DirectiveProjects::ProjectId))
                .primary_key(
                    Index::create()
                        .col(DirectiveProjects::DirectiveId)
                        .col(DirectiveProjects::ProjectId),
                )
                .foreign_key(&mut fk(
                    (DirectiveProjects::Table, DirectiveProjects::DirectiveId),
                    (Directives::Table, Directives::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (DirectiveProjects::Table, DirectiveProjects::ProjectId),
                    (Projects::Table, Projects::Id),
                    true,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(DirectiveDifficulties::Table)
                .col(integer(DirectiveDifficulties::DirectiveId))
                .col(integer(DirectiveDifficulties::DifficultyId))
                .primary_key(
                    Index::create()
                        .col(DirectiveDifficulties::DirectiveId)
                        .col(DirectiveDifficulties::DifficultyId),
                )
                .foreign_key(&mut fk(
                    (DirectiveDifficulties::Table, DirectiveDifficulties::DirectiveId),
                    (Directives::Table, Directives::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (DirectiveDifficulties::Table, DirectiveDifficulties::DifficultyId),
                    (Alias::new("difficulties"), Alias::new("id")),
                    true,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Tasks::Table)
                .col(pk_auto(Tasks::Id))
                .col(integer(Tasks::DirectiveId))
                .col(text(Tasks::Description))
                .col(integer(Tasks::LeadUnitId))
                .col(integer_null(Tasks::AssigneeUserId))
                .col(date(Tasks::Deadline))
                .col(date(Tasks::OriginalDeadline))
                .col(text(Tasks::ExpectedResult))
                .col(string_len(Tasks::State, 20))
                .col(date_null(Tasks::ExtRequestedDeadline))
                .col(text_null(Tasks::ExtReason))
                .col(integer_null(Tasks::ExtRequestedBy))
                .col(timestamp_with_time_zone_null(Tasks::ExtRequestedAt))
                .col(text_null(Tasks::DoneNote))
                .col(text_null(Tasks::DoneEvidence))
                .col(date_null(Tasks::DoneReportedOn))
                .col(integer_null(Tasks::DoneReportedBy))
                .col(date_null(Tasks::ConfirmedOn))
                .col(integer_null(Tasks::LastReminderDays))
                .col(date_null(Tasks::OverdueNotifiedOn))
                .col(integer(Tasks::Version).default(1))
                .col(timestamp_with_time_zone(Tasks::CreatedAt))
                .col(timestamp_with_time_zone(Tasks::UpdatedAt))
                .foreign_key(&mut fk(
                    (Tasks::Table, Tasks::DirectiveId),
                    (Directives::Table, Directives::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (Tasks::Table, Tasks::LeadUnitId),
                    (Units::Table, Units::Id),
                    false,
                ))
                .foreign_key(&mut fk(
                    (Tasks::Table, Tasks::AssigneeUserId),
                    (Users::Table, Users::Id),
                    false,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TaskSupportingUnits::Table)
                .col(integer(TaskSupportingUnits::TaskId))
                .col(integer(TaskSupportingUnits::UnitId))
                .primary_key(
                    Index::create()
                        .col(TaskSupportingUnits::TaskId)
                        .col(TaskSupportingUnits::UnitId),
                )
                .foreign_key(&mut fk(
                    (TaskSupportingUnits::Table, TaskSupportingUnits::TaskId),
                    (Tasks::Table, Tasks::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (TaskSupportingUnits::Table, TaskSupportingUnits::UnitId),
                    (Units::Table, Units::Id),
                    false,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TaskEvents::Table)
                .col(pk_auto(TaskEvents::Id))
                .col(integer(TaskEvents::TaskId))
                .col(string_len(TaskEvents::Kind, 30))
                .col(string_len_null(TaskEvents::FromState, 20))
                .col(string_len(TaskEvents::ToState, 20))
                .col(text(TaskEvents::Note))
                .col(text_null(TaskEvents::Evidence))
                .col(date_null(TaskEvents::Deadline))
                .col(integer(TaskEvents::ActorId))
                .col(timestamp_with_time_zone(TaskEvents::At))
                .foreign_key(&mut fk(
                    (TaskEvents::Table, TaskEvents::TaskId),
                    (Tasks::Table, Tasks::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (TaskEvents::Table, TaskEvents::ActorId),
                    (Users::Table, Users::Id),
                    false,
                ))
                .to_owned(),
        )
        .await?;
        let indexes: [(&str, DynIden, Vec<DynIden>); 8] = [
            (
                "idx_directives_issued_on",
                Directives::Table.into_iden(),
                vec![Directives::IssuedOn.into_iden()],
            ),
            (
                "idx_directives_source_meeting",
                Directives::Table.into_iden(),
                vec![Directives::Source.into_iden(), Directives::MeetingId.into_iden()],
            ),
            (
                "idx_directive_projects_project",
                DirectiveProjects::Table.into_iden(),
                vec![DirectiveProjects::ProjectId.into_iden()],
            ),
            (
                "idx_tasks_directive",
                Tasks::Table.into_iden(),
                vec![Tasks::DirectiveId.into_iden()],
            ),
            (
                "idx_tasks_lead_unit_state",
                Tasks::Table.into_iden(),
                vec![Tasks::LeadUnitId.into_iden(), Tasks::State.into_iden()],
            ),
            (
                "idx_tasks_state_deadline",
                Tasks::Table.into_iden(),
                vec![Tasks::State.into_iden(), Tasks::Deadline.into_iden()],
            ),
            (
                "idx_task_supporting_units_unit",
                TaskSupportingUnits::Table.into_iden(),
                vec![TaskSupportingUnits::UnitId.into_iden()],
            ),
            (
                "idx_task_events_task",
                TaskEvents::Table.into_iden(),
                vec![TaskEvents::TaskId.into_iden()],
            ),
        ];
        for (name, table, cols) in indexes {
            let mut i = Index::create();
            i.name(name).table(table);
            for c in cols {
                i.col(c);
            }
            m.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            TaskEvents::Table.into_iden(),
            TaskSupportingUnits::Table.into_iden(),
            Tasks::Table.into_iden(),
            DirectiveDifficulties::Table.into_iden(),
            DirectiveProjects::Table.into_iden(),
            Directives::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
