//! Organisations (investors, project management units, departments, communes) and the demo
//! user accounts.

use ioc_domain::dto::UnitInput;
use ioc_domain::{Role, UnitKind};

use crate::{DemoUser, DEMO_PASSWORD};

pub(crate) const BQLDA_DTXD: &str = "BQLDA-DTXD";
pub(crate) const BQLDA_GT: &str = "BQLDA-GT";
pub(crate) const BQLDA_BH: &str = "BQLDA-KV-BIENHOA";
pub(crate) const BQLDA_LT: &str = "BQLDA-KV-LONGTHANH";
pub(crate) const BQLDA_BP: &str = "BQLDA-KV-BINHPHUOC";
pub(crate) const SXD: &str = "SXD";
pub(crate) const STC: &str = "STC";
pub(crate) const SKHCN: &str = "SKHCN";
pub(crate) const SYT: &str = "SYT";
pub(crate) const SGDDT: &str = "SGDDT";
pub(crate) const SNNMT: &str = "SNNMT";
pub(crate) const TTPTQD: &str = "TTPTQD";
pub(crate) const SONADEZI: &str = "SONADEZI";
pub(crate) const UB_TRANBIEN: &str = "UBND-P-TRANBIEN";
pub(crate) const UB_LONGTHANH: &str = "UBND-X-LONGTHANH";
pub(crate) const UB_NHONTRACH: &str = "UBND-X-NHONTRACH";
pub(crate) const UB_DONGXOAI: &str = "UBND-P-DONGXOAI";

const UNITS: &[(&str, &str, UnitKind)] = &[
    (
        BQLDA_DTXD,
        "Ban Quản lý dự án Đầu tư xây dựng tỉnh Đồng Nai",
        UnitKind::ProjectManagementUnit,
    ),
    (
        BQLDA_GT,
        "Ban Quản lý dự án Đầu tư xây dựng công trình giao thông tỉnh Đồng Nai",
        UnitKind::ProjectManagementUnit,
    ),
    (
        BQLDA_BH,
        "Ban Quản lý dự án Đầu tư xây dựng khu vực Biên Hòa",
        UnitKind::ProjectManagementUnit,
    ),
    (
        BQLDA_LT,
        "Ban Quản lý dự án Đầu tư xây dựng khu vực Long Thành – Nhơn Trạch",
        UnitKind::ProjectManagementUnit,
    ),
    (
        BQLDA_BP,
        "Ban Quản lý dự án Đầu tư xây dựng khu vực Bình Phước",
        UnitKind::ProjectManagementUnit,
    ),
    (SXD, "Sở Xây dựng tỉnh Đồng Nai", UnitKind::Department),
    (STC, "Sở Tài chính tỉnh Đồng Nai", UnitKind::Department),
    (SKHCN, "Sở Khoa học và Công nghệ tỉnh Đồng Nai", UnitKind::Department),
    (SYT, "Sở Y tế tỉnh Đồng Nai", UnitKind::Department),
    (SGDDT, "Sở Giáo dục và Đào tạo tỉnh Đồng Nai", UnitKind::Department),
    (
        SNNMT,
        "Sở Nông nghiệp và Môi trường tỉnh Đồng Nai",
        UnitKind::Department,
    ),
    (
        TTPTQD,
        "Trung tâm Phát triển quỹ đất tỉnh Đồng Nai",
        UnitKind::LandFundCentre,
    ),
    (
        SONADEZI,
        "Tổng Công ty Phát triển Khu công nghiệp (Sonadezi)",
        UnitKind::Investor,
    ),
    (UB_TRANBIEN, "UBND phường Trấn Biên", UnitKind::Commune),
    (UB_LONGTHANH, "UBND xã Long Thành", UnitKind::Commune),
    (UB_NHONTRACH, "UBND xã Nhơn Trạch", UnitKind::Commune),
    (UB_DONGXOAI, "UBND phường Đồng Xoài", UnitKind::Commune),
];

pub(crate) fn units() -> Vec<UnitInput> {
    UNITS
        .iter()
        .map(|(code, name, kind)| UnitInput {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            kind: *kind,
        })
        .collect()
}

/// Codes of the units that may own projects (investors and project management units).
pub(crate) const PROJECT_OWNERS: &[&str] = &[
    BQLDA_DTXD,
    BQLDA_GT,
    BQLDA_BH,
    BQLDA_LT,
    BQLDA_BP,
    SONADEZI,
    UB_LONGTHANH,
    UB_NHONTRACH,
];

pub(crate) fn users() -> Vec<DemoUser> {
    let user = |username: &str, display_name: &str, role: Role, unit: Option<&str>| DemoUser {
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        role,
        unit_code: unit.map(str::to_owned),
        password: DEMO_PASSWORD.to_owned(),
    };
    vec![
        user("admin", "Quản trị hệ thống", Role::Admin, None),
        user(
            "sxd",
            "Chuyên viên Sở Xây dựng (điều phối)",
            Role::Coordinator,
            Some(SXD),
        ),
        user("lanhdao", "Trần Văn Minh", Role::Leader, None),
        user("stc", "Chuyên viên Sở Tài chính (xem)", Role::Viewer, None),
        user(
            "bqlda",
            "Cán bộ Ban QLDA Đầu tư xây dựng tỉnh",
            Role::UnitEditor,
            Some(BQLDA_DTXD),
        ),
        user(
            "bqlgt",
            "Cán bộ Ban QLDA công trình giao thông",
            Role::UnitEditor,
            Some(BQLDA_GT),
        ),
        user(
            "ioc",
            "Hệ thống IOC (Sở Khoa học và Công nghệ)",
            Role::Integrator,
            Some(SKHCN),
        ),
    ]
}
