//! Meetings (giao ban, e-Cabinet): the meeting, its attendees (users or units), its ordered
//! agenda (projects or difficulties) and the snapshot of the figures frozen when it started.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_units_localities::Units;
use crate::m0002_users_auth::Users;
use crate::m0003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    Title,
    Kind,
    State,
    StartsAt,
    Location,
    ChairUserId,
    NoticeNumber,
    StartedAt,
    ClosedAt,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingAttendees {
    Table,
    Id,
    MeetingId,
    UserId,
    UnitId,
}

#[derive(DeriveIden)]
enum MeetingAgendaItems {
    Table,
    Id,
    MeetingId,
    Position,
    ProjectId,
    DifficultyId,
    Notes,
}

#[derive(DeriveIden)]
enum MeetingSnapshots {
    Table,
    MeetingId,
    TakenAt,
    Figures,
}

fn to_meeting(table: impl IntoIden + 'static, col: impl IntoIden + 'static) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Meetings::Table, Meetings::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Meetings::Table)
                .col(pk_auto(Meetings::Id))
                .col(string_len(Meetings::Title, 300))
                .col(string_len(Meetings::Kind, 20))
                .col(string_len(Meetings::State, 20))
                .col(timestamp_with_time_zone(Meetings::StartsAt))
                .col(string_len(Meetings::Location, 300))
                .col(integer(Meetings::ChairUserId))
                .col(string_len_null(Meetings::NoticeNumber, 50))
                .col(timestamp_with_time_zone_null(Meetings::StartedAt))
                .col(timestamp_with_time_zone_null(Meetings::ClosedAt))
                .col(integer(Meetings::CreatedBy))
                .col(integer(Meetings::Version).default(1))
                .col(timestamp_with_time_zone(Meetings::CreatedAt))
                .col(timestamp_with_time_zone(Meetings::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Meetings::Table, Meetings::ChairUserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_meetings_kind_starts_at")
                .table(Meetings::Table)
                .col(Meetings::Kind)
                .col(Meetings::StartsAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingAttendees::Table)
                .col(pk_auto(MeetingAttendees::Id))
                .col(integer(MeetingAttendees::MeetingId))
                .col(integer_null(MeetingAttendees::UserId))
                .col(integer_null(MeetingAttendees::UnitId))
                .foreign_key(&mut to_meeting(MeetingAttendees::Table, MeetingAttendees::MeetingId))
                .foreign_key(
                    ForeignKey::create()
                        .from(MeetingAttendees::Table, MeetingAttendees::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(MeetingAttendees::Table, MeetingAttendees::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_meeting_attendees_meeting")
                .table(MeetingAttendees::Table)
                .col(MeetingAttendees::MeetingId)
                .to_owned(),
        )
        .await?;
        // difficulty_id has no foreign key: deleting a difficulty entered by mistake must not
        // be blocked by (nor silently rewrite) a past meeting's agenda; the view then shows
        // the item as its project.
        m.create_table(
            Table::create()
                .table(MeetingAgendaItems::Table)
                .col(pk_auto(MeetingAgendaItems::Id))
                .col(integer(MeetingAgendaItems::MeetingId))
                .col(integer(MeetingAgendaItems::Position))
                .col(integer(MeetingAgendaItems::ProjectId))
                .col(integer_null(MeetingAgendaItems::DifficultyId))
                .col(text(MeetingAgendaItems::Notes))
                .foreign_key(&mut to_meeting(
                    MeetingAgendaItems::Table,
                    MeetingAgendaItems::MeetingId,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .from(MeetingAgendaItems::Table, MeetingAgendaItems::ProjectId)
                        .to(Projects::Table, Projects::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_meeting_agenda_meeting_position")
                .table(MeetingAgendaItems::Table)
                .col(MeetingAgendaItems::MeetingId)
                .col(MeetingAgendaItems::Position)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeetingSnapshots::Table)
                .col(integer(MeetingSnapshots::MeetingId).primary_key())
                .col(timestamp_with_time_zone(MeetingSnapshots::TakenAt))
                .col(text(MeetingSnapshots::Figures))
                .foreign_key(&mut to_meeting(MeetingSnapshots::Table, MeetingSnapshots::MeetingId))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            MeetingSnapshots::Table.into_iden(),
            MeetingAgendaItems::Table.into_iden(),
            MeetingAttendees::Table.into_iden(),
            Meetings::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
