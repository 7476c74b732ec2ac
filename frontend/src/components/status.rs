//! Status shown by colour and by words (never colour alone: WCAG 1.4.1).

use ioc_domain::{DisbursementStatus, ProgressStatus, StatusColour};
use leptos::prelude::*;

use crate::i18n::i18n;

pub fn colour_class(c: StatusColour) -> &'static str {
    match c {
        StatusColour::Green => "green",
        StatusColour::Yellow => "yellow",
        StatusColour::Red => "red",
        StatusColour::Blue => "blue",
    }
}

/// The hex used in charts for a status (the same hues as the badges).
pub fn status_hex(s: ProgressStatus) -> &'static str {
    match s {
        ProgressStatus::Ahead => "#0b6e4f",
        ProgressStatus::OnTrack => "#2e9d50",
        ProgressStatus::AtRisk => "#e0a800",
        ProgressStatus::Delayed => "#c62828",
        ProgressStatus::Completed => "#1565c0",
    }
}

fn symbol(c: StatusColour) -> &'static str {
    match c {
        StatusColour::Green => "●",
        StatusColour::Yellow => "▲",
        StatusColour::Red => "■",
        StatusColour::Blue => "✓",
    }
}

#[component]
pub fn StatusBadge(status: ProgressStatus) -> impl IntoView {
    let i = i18n();
    let c = status.colour();
    view! {
        <span class=format!("status-badge {}", colour_class(c)) data-status=status.as_str()>
            <span aria-hidden="true">{symbol(c)}" "</span>
            {move || i.t(status.label_vi(), status.label_en())}
        </span>
    }
}

#[component]
pub fn DisbursementBadge(status: DisbursementStatus) -> impl IntoView {
    let i = i18n();
    let class = match status {
        DisbursementStatus::OnTrack => "green",
        DisbursementStatus::Slow => "red",
        DisbursementStatus::NoPlan => "grey",
    };
    view! {
        <span class=format!("status-badge {class}") data-disbursement=status.as_str()>
            {move || i.t(status.label_vi(), status.label_en())}
        </span>
    }
}

/// How a task stands against its deadline, with the days overdue.
#[component]
pub fn DeadlineBadge(status: ioc_domain::direction::DeadlineStatus, days: i64) -> impl IntoView {
    use ioc_domain::direction::DeadlineStatus as D;
    let i = i18n();
    let class = match status {
        D::Overdue => "status-badge red",
        D::DueSoon => "status-badge yellow",
        D::DoneLate => "status-badge yellow",
        D::OnTime | D::DoneOnTime => "status-badge green",
    };
    view! {
        <span class=class data-deadline-status=status.as_str()>
            {move || i.t(status.label_vi(), status.label_en())}
            {(status == D::Overdue && days > 0).then(|| format!(" {days} {}", i.t("ngày", "days")))}
        </span>
    }
}
