//! Code lists of directives and tasks.

use serde::{Deserialize, Serialize};

code_enum!(
    /// Where a directive was given.
    DirectiveSource {
        Meeting => "meeting", "Kết luận cuộc họp", "Meeting conclusion";
        Document => "document", "Văn bản chỉ đạo", "Directive document";
        AdHoc => "ad_hoc", "Chỉ đạo trực tiếp", "Ad-hoc direction";
    }
);

code_enum!(
    /// Độ khẩn of a directive.
    Priority {
        Normal => "normal", "Thường", "Normal";
        High => "high", "Khẩn", "High";
        Urgent => "urgent", "Thượng khẩn", "Urgent";
    }
);

code_enum!(
    /// Lifecycle of a task: `assigned → acknowledged → in_progress → reported_done → confirmed`.
    TaskState {
        Assigned => "assigned", "Đã giao", "Assigned";
        Acknowledged => "acknowledged", "Đã tiếp nhận", "Acknowledged";
        InProgress => "in_progress", "Đang thực hiện", "In progress";
        ReportedDone => "reported_done", "Đã báo cáo hoàn thành", "Reported done";
        Confirmed => "confirmed", "Đã xác nhận hoàn thành", "Confirmed";
    }
);

code_enum!(
    /// What a user may ask of a task (`POST /tasks/{id}/transitions`).
    TaskAction {
        Acknowledge => "acknowledge", "Tiếp nhận", "Acknowledge";
        Start => "start", "Bắt đầu thực hiện", "Start";
        ReportDone => "report_done", "Báo cáo hoàn thành", "Report done";
        RequestExtension => "request_extension", "Xin gia hạn", "Request an extension";
        Confirm => "confirm", "Xác nhận hoàn thành", "Confirm";
        Reopen => "reopen", "Yêu cầu thực hiện lại", "Reopen";
        ApproveExtension => "approve_extension", "Đồng ý gia hạn", "Approve the extension";
        RefuseExtension => "refuse_extension", "Không đồng ý gia hạn", "Refuse the extension";
    }
);

code_enum!(
    /// One line of a task's history: its creation, or an action taken on it.
    TaskEventKind {
        Created => "created", "Giao nhiệm vụ", "Task assigned";
        Updated => "updated", "Cập nhật nhiệm vụ", "Task updated";
        Acknowledge => "acknowledge", "Tiếp nhận", "Acknowledged";
        Start => "start", "Bắt đầu thực hiện", "Started";
        ReportDone => "report_done", "Báo cáo hoàn thành", "Reported done";
        RequestExtension => "request_extension", "Xin gia hạn", "Extension requested";
        Confirm => "confirm", "Xác nhận hoàn thành", "Confirmed";
        Reopen => "reopen", "Yêu cầu thực hiện lại", "Reopened";
        ApproveExtension => "approve_extension", "Đồng ý gia hạn", "Extension approved";
        RefuseExtension => "refuse_extension", "Không đồng ý gia hạn", "Extension refused";
    }
);

code_enum!(
    /// How a task stands against its deadline.
    DeadlineStatus {
        OnTime => "on_time", "Trong hạn", "On time";
        DueSoon => "due_soon", "Sắp đến hạn", "Due soon";
        Overdue => "overdue", "Quá hạn", "Overdue";
        DoneOnTime => "done_on_time", "Hoàn thành đúng hạn", "Done on time";
        DoneLate => "done_late", "Hoàn thành trễ hạn", "Done late";
    }
);

impl From<TaskAction> for TaskEventKind {
    fn from(a: TaskAction) -> Self {
        match a {
            TaskAction::Acknowledge => TaskEventKind::Acknowledge,
            TaskAction::Start => TaskEventKind::Start,
            TaskAction::ReportDone => TaskEventKind::ReportDone,
            TaskAction::RequestExtension => TaskEventKind::RequestExtension,
            TaskAction::Confirm => TaskEventKind::Confirm,
            TaskAction::Reopen => TaskEventKind::Reopen,
            TaskAction::ApproveExtension => TaskEventKind::ApproveExtension,
            TaskAction::RefuseExtension => TaskEventKind::RefuseExtension,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_logged_under_its_own_wire_name() {
        for a in TaskAction::ALL {
            assert_eq!(TaskEventKind::from(*a).as_str(), a.as_str());
        }
        for s in TaskState::ALL {
            assert_eq!(TaskState::parse(s.as_str()), Some(*s));
        }
    }
}
