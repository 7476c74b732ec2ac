//! Closed code lists of the domain. Each code has a stable snake_case wire name and a
//! Vietnamese and English label, so the API, the SPA and exports speak the same words.

use serde::{Deserialize, Serialize};

/// Defines a code enum with its wire name and labels in one place.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal, $vi:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable wire and database name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }

            pub fn label_vi(self) -> &'static str {
                match self { $($name::$variant => $vi,)+ }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }

            pub fn label(self, lang: crate::Lang) -> &'static str {
                match lang { crate::Lang::Vi => self.label_vi(), crate::Lang::En => self.label_en() }
            }

            /// Parses the wire name; `None` for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| crate::UnknownCode { list: stringify!($name), value: s.to_owned() })
            }
        }
    };
}

code_enum!(
    /// What a user may do; see `policy` for the rules.
    Role {
        Admin => "admin", "Quản trị hệ thống", "Administrator";
        Coordinator => "coordinator", "Sở Xây dựng (điều phối)", "Coordinator (Department of Construction)";
        UnitEditor => "unit_editor", "Cán bộ nhập liệu đơn vị", "Unit data editor";
        Leader => "leader", "Lãnh đạo UBND tỉnh", "Provincial leader";
        Viewer => "viewer", "Người xem", "Viewer (read-only)";
        Integrator => "integrator", "Hệ thống tích hợp", "Integrator (machine client)";
    }
);

code_enum!(
    /// Kind of organisation.
    UnitKind {
        Investor => "investor", "Chủ đầu tư", "Investor";
        ProjectManagementUnit => "project_management_unit", "Ban Quản lý dự án", "Project management unit";
        Department => "department", "Sở, ban, ngành", "Department";
        Commune => "commune", "UBND xã, phường", "Commune/ward People's Committee";
        LandFundCentre => "land_fund_centre", "Trung tâm phát triển quỹ đất", "Land-fund development centre";
        Other => "other", "Khác", "Other";
    }
);

code_enum!(
    /// Lĩnh vực.
    Sector {
        Transport => "transport", "Giao thông", "Transport";
        Irrigation => "irrigation", "Thủy lợi", "Irrigation";
        UrbanInfrastructure => "urban_infrastructure", "Hạ tầng đô thị", "Urban infrastructure";
        Health => "health", "Y tế", "Health";
        Education => "education", "Giáo dục", "Education";
        IndustrialPark => "industrial_park", "Hạ tầng khu công nghiệp", "Industrial-park infrastructure";
        Other => "other", "Khác", "Other";
    }
);

code_enum!(
    /// Nhóm dự án (Law on Public Investment).
    ProjectGroup {
        National => "national", "Quan trọng quốc gia", "National important";
        A => "a", "Nhóm A", "Group A";
        B => "b", "Nhóm B", "Group B";
        C => "c", "Nhóm C", "Group C";
    }
);

code_enum!(
    /// Giai đoạn.
    Phase {
        Preparation => "preparation", "Chuẩn bị đầu tư", "Preparation";
        Implementation => "implementation", "Thực hiện đầu tư", "Implementation";
        Completion => "completion", "Kết thúc, bàn giao", "Completion and handover";
    }
);

code_enum!(
    /// Nhóm khó khăn, vướng mắc.
    DifficultyCategory {
        SiteClearance => "site_clearance", "Giải phóng mặt bằng", "Site clearance";
        InvestmentProcedures => "investment_procedures", "Thủ tục đầu tư", "Investment procedures";
        Capital => "capital", "Nguồn vốn", "Capital";
        ConstructionMaterials => "construction_materials", "Vật liệu xây dựng", "Construction materials";
        ContractorCapacity => "contractor_capacity", "Năng lực nhà thầu", "Contractor capacity";
        Other => "other", "Khác", "Other";
    }
);

code_enum!(
    /// Lifecycle of a difficulty.
    DifficultyStatus {
        Open => "open", "Chưa xử lý", "Open";
        InProgress => "in_progress", "Đang xử lý", "In progress";
        Resolved => "resolved", "Đã giải quyết", "Resolved";
    }
);

code_enum!(
    /// Nguồn vốn of a yearly capital plan.
    CapitalSource {
        CentralBudget => "central_budget", "Ngân sách trung ương", "Central budget";
        ProvincialBudget => "provincial_budget", "Ngân sách tỉnh", "Provincial budget";
        Oda => "oda", "Vốn ODA", "ODA";
        Other => "other", "Nguồn khác", "Other";
    }
);

code_enum!(
    /// Trạng thái tiến độ.
    ProgressStatus {
        Ahead => "ahead", "Vượt tiến độ", "Ahead of schedule";
        OnTrack => "on_track", "Đúng tiến độ", "On schedule";
        AtRisk => "at_risk", "Có nguy cơ chậm tiến độ", "At risk";
        Delayed => "delayed", "Chậm tiến độ", "Behind schedule";
        Completed => "completed", "Đã hoàn thành", "Completed";
    }
);

code_enum!(
    /// Disbursement against the year's planned schedule.
    DisbursementStatus {
        NoPlan => "no_plan", "Chưa bố trí vốn", "No capital plan";
        OnTrack => "on_track", "Giải ngân đúng kế hoạch", "On plan";
        Slow => "slow", "Giải ngân chậm", "Slow disbursement";
    }
);

code_enum!(
    /// Display colour of a progress status (seed 000: green, yellow, red).
    StatusColour {
        Green => "green", "Xanh", "Green";
        Yellow => "yellow", "Vàng", "Yellow";
        Red => "red", "Đỏ", "Red";
        Blue => "blue", "Xanh dương", "Blue";
    }
);

code_enum!(
    /// Kind of meeting (seed 001 §III.3: the weekly review is the giao ban).
    MeetingKind {
        WeeklyReview => "weekly_review", "Giao ban tuần", "Weekly review";
        Thematic => "thematic", "Chuyên đề", "Thematic meeting";
        SiteVisit => "site_visit", "Kiểm tra hiện trường", "Site visit";
    }
);

code_enum!(
    /// Lifecycle of a meeting: starting it freezes the snapshot, closing it ends the record.
    MeetingState {
        Scheduled => "scheduled", "Đã lên lịch", "Scheduled";
        InProgress => "in_progress", "Đang họp", "In progress";
        Closed => "closed", "Đã kết thúc", "Closed";
    }
);

code_enum!(
    /// What an agenda item is about.
    AgendaItemKind {
        Project => "project", "Dự án", "Project";
        Difficulty => "difficulty", "Khó khăn, vướng mắc", "Difficulty";
    }
);

impl ProgressStatus {
    pub fn colour(self) -> StatusColour {
        match self {
            ProgressStatus::Ahead | ProgressStatus::OnTrack => StatusColour::Green,
            ProgressStatus::AtRisk => StatusColour::Yellow,
            ProgressStatus::Delayed => StatusColour::Red,
            ProgressStatus::Completed => StatusColour::Blue,
        }
    }
}

/// Language of user-facing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the language from an `Accept-Language` header value: English only when it is
    /// preferred over Vietnamese; Vietnamese otherwise.
    pub fn from_accept_language(header: &str) -> Lang {
        for part in header.split(',') {
            let tag = part.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            if tag.starts_with("vi") {
                return Lang::Vi;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::Vi
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {list} code: {value}")]
pub struct UnknownCode {
    pub list: &'static str,
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_wire_name() {
        for c in DifficultyCategory::ALL {
            assert_eq!(DifficultyCategory::parse(c.as_str()), Some(*c));
            assert_eq!(serde_json::to_string(c).unwrap(), format!("\"{}\"", c.as_str()));
        }
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), *r);
        }
    }

    #[test]
    fn accept_language_prefers_the_first_known_language() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,vi;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("vi,en;q=0.5"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("fr"), Lang::Vi);
    }
}

code_enum!(
    /// What a notification is about (inbox, e-mail, webhooks).
    NotificationEvent {
        TaskAssigned => "task_assigned", "Nhiệm vụ được giao cho đơn vị", "Task assigned to my unit";
        TaskStateChanged => "task_state_changed", "Nhiệm vụ chuyển trạng thái", "Task state changed";
        TaskDueSoon => "task_due_soon", "Nhiệm vụ sắp đến hạn", "Task due soon";
        TaskOverdue => "task_overdue", "Nhiệm vụ quá hạn", "Task overdue";
        ExtensionDecided => "extension_decided", "Đề nghị gia hạn đã được xử lý", "Extension request decided";
        DirectiveCreated => "directive_created", "Ý kiến chỉ đạo mới", "New directive";
        AlertOpened => "alert_opened", "Cảnh báo mới trên dự án của đơn vị", "Alert opened on a project of my unit";
        ReportOwed => "report_owed", "Đến hạn cập nhật báo cáo tuần", "Weekly report owed";
        MeetingScheduled => "meeting_scheduled", "Cuộc họp giao ban được lên lịch", "Meeting scheduled";
    }
);

code_enum!(
    /// How a user receives one kind of notification.
    DeliveryMode {
        Off => "off", "Tắt", "Off";
        InApp => "in_app", "Chỉ trong ứng dụng", "In the app only";
        Immediate => "immediate", "Trong ứng dụng và e-mail ngay", "In the app and e-mail at once";
        Digest => "digest", "Trong ứng dụng và e-mail tổng hợp hằng ngày", "In the app and a daily digest e-mail";
    }
);

impl NotificationEvent {
    /// What a user gets until they choose otherwise: what needs action from their unit is
    /// e-mailed at once; reminders and alerts come in the daily digest; the rest in-app.
    pub fn default_mode(self) -> DeliveryMode {
        match self {
            NotificationEvent::TaskAssigned
            | NotificationEvent::ExtensionDecided
            | NotificationEvent::MeetingScheduled => DeliveryMode::Immediate,
            NotificationEvent::TaskDueSoon
            | NotificationEvent::TaskOverdue
            | NotificationEvent::AlertOpened
            | NotificationEvent::ReportOwed => DeliveryMode::Digest,
            NotificationEvent::TaskStateChanged | NotificationEvent::DirectiveCreated => DeliveryMode::InApp,
        }
    }
}

impl DeliveryMode {
    /// Whether an inbox row is written.
    pub fn in_app(self) -> bool {
        self != DeliveryMode::Off
    }
}
