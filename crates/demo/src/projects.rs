//! The catalogue of demo projects, modelled on the province's key works. Every figure is a
//! sample. Dates are offsets in days from `today`, so the data set always looks live; the
//! target fixes where the latest report stands against the planned progress at `today`.

use ioc_domain::{CapitalSource, ProjectGroup, Sector};

use crate::units::*;

/// Where the latest report stands at `today`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    /// Implementation: actual = planned at `today` + this many basis points.
    Gap(i32),
    /// Implementation past the planned end, at this many basis points.
    Overdue(i32),
    /// Completed (100 %) on the last report at least `ago` days before `today`.
    Done { ago: i64 },
    /// Preparation: no physical progress yet.
    Prep,
}

/// Disbursement pace of the current year against its schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pace {
    OnPlan,
    Slow,
}

/// Kind of works, for the wording of weekly reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Works {
    Road,
    Urban,
    Water,
    Building,
    Digital,
}

impl Works {
    pub(crate) fn of(sector: Sector) -> Works {
        match sector {
            Sector::Transport | Sector::IndustrialPark => Works::Road,
            Sector::UrbanInfrastructure => Works::Urban,
            Sector::Irrigation => Works::Water,
            Sector::Health | Sector::Education | Sector::Other => Works::Building,
        }
    }
}

/// Capital plans: sources with their share (%), this year's and last year's plan as ‰ of
/// the total investment (0: none), the pace, and an optional own monthly schedule (%).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fin {
    pub sources: &'static [(CapitalSource, u32)],
    pub cur: u32,
    pub prev: u32,
    pub pace: Pace,
    pub schedule: Option<[u32; 12]>,
}

use CapitalSource::{CentralBudget, Oda, Other as OtherSource, ProvincialBudget};
const CT: &[(CapitalSource, u32)] = &[(CentralBudget, 100)];
const PR: &[(CapitalSource, u32)] = &[(ProvincialBudget, 100)];
const CT_PR: &[(CapitalSource, u32)] = &[(CentralBudget, 60), (ProvincialBudget, 40)];
const ODA_PR: &[(CapitalSource, u32)] = &[(Oda, 70), (ProvincialBudget, 30)];
const ODA: &[(CapitalSource, u32)] = &[(Oda, 100)];
const OWN: &[(CapitalSource, u32)] = &[(OtherSource, 100)];

const fn fin(sources: &'static [(CapitalSource, u32)], cur: u32, prev: u32, pace: Pace) -> Fin {
    Fin {
        sources,
        cur,
        prev,
        pace,
        schedule: None,
    }
}

const NO_FIN: Fin = fin(PR, 0, 0, Pace::OnPlan);

#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub code: &'static str,
    pub name: &'static str,
    /// One or two sentences of scope; the sample-data notice is appended.
    pub scope: &'static str,
    pub sector: Sector,
    pub group: ProjectGroup,
    pub investor: &'static str,
    pub managing: Option<&'static str>,
    pub places: &'static [&'static str],
    /// Tổng mức đầu tư in millions of đồng.
    pub total_m: i64,
    /// Planned start, days from today (negative: in the past).
    pub start: i64,
    /// Planned duration in days.
    pub dur: i64,
    /// Actual start, days after the planned start.
    pub delay: i64,
    pub target: Target,
    /// Whether the project carries an S-shaped baseline instead of the straight line.
    pub baseline: bool,
    pub fin: Fin,
    /// Weeks the unit has not reported (latest report this many weeks old).
    pub stale_weeks: i64,
    /// One report corrects the previous one downwards (with a correction reason).
    pub correction: bool,
    pub works: Option<Works>,
}

const BASE: Spec = Spec {
    code: "",
    name: "",
    scope: "",
    sector: Sector::Transport,
    group: ProjectGroup::B,
    investor: BQLDA_GT,
    managing: None,
    places: &[],
    total_m: 0,
    start: 0,
    dur: 0,
    delay: 21,
    target: Target::Prep,
    baseline: false,
    fin: NO_FIN,
    stale_weeks: 0,
    correction: false,
    works: None,
};

use Pace::{OnPlan, Slow};
use ProjectGroup::{National, A, C};
use Target::{Done, Gap, Overdue, Prep};

pub(crate) const CATALOGUE: &[Spec] = &[
    // ---- Giao thông -------------------------------------------------------------------
    Spec {
        code: "DN-GT-001",
        name: "Đường 25C kết nối Cảng hàng không quốc tế Long Thành, đoạn qua xã Long Thành và xã Nhơn Trạch",
        scope: "Xây dựng tuyến đường 6 làn xe kết nối Cảng hàng không quốc tế Long Thành với khu vực Nhơn Trạch, gồm 2 cầu vượt sông và 3 nút giao khác mức.",
        group: A,
        places: &["DN-X-LONGTHANH", "DN-X-NHONTRACH"],
        total_m: 2_487_600,
        start: -900,
        dur: 1460,
        delay: 30,
        target: Gap(-700),
        baseline: true,
        fin: fin(CT_PR, 180, 220, Slow),
        ..BASE
    },
    Spec {
        code: "DN-GT-002",
        name: "Đường kết nối T1 Cảng hàng không quốc tế Long Thành với Quốc lộ 51",
        scope: "Xây dựng tuyến kết nối T1 dài khoảng 4,3 km, quy mô 8 làn xe, kết nối nhà ga hành khách với Quốc lộ 51.",
        group: A,
        places: &["DN-X-LONGTHANH", "DN-X-ANPHUOC"],
        total_m: 1_118_400,
        start: -700,
        dur: 1000,
        delay: 14,
        target: Gap(800),
        fin: fin(CT, 250, 300, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-003",
        name: "Đường kết nối T2 Cảng hàng không quốc tế Long Thành với Quốc lộ 51 và cao tốc Biên Hòa – Vũng Tàu",
        scope: "Xây dựng tuyến kết nối T2 dài khoảng 6,2 km, quy mô 6 làn xe, kèm nút giao với cao tốc Biên Hòa – Vũng Tàu.",
        group: A,
        places: &["DN-X-LONGTHANH", "DN-X-LONGPHUOC"],
        total_m: 1_476_900,
        start: -650,
        dur: 1100,
        delay: 20,
        target: Gap(100),
        fin: fin(CT, 230, 260, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-004",
        name: "Cao tốc Biên Hòa – Vũng Tàu, dự án thành phần 1 (đoạn qua tỉnh Đồng Nai)",
        scope: "Xây dựng đoạn cao tốc từ nút giao Vành đai 3 đến Quốc lộ 51, quy mô 4 làn xe giai đoạn 1, gồm cầu vượt và đường gom hai bên.",
        group: National,
        places: &["DN-P-PHUOCTAN", "DN-P-TAMPHUOC", "DN-X-LONGTHANH"],
        total_m: 5_868_400,
        start: -1000,
        dur: 1250,
        delay: 45,
        target: Gap(-1400),
        baseline: true,
        fin: fin(CT_PR, 200, 250, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-005",
        name: "Đường Vành đai 3 Thành phố Hồ Chí Minh, đoạn qua tỉnh Đồng Nai",
        scope: "Xây dựng đường cao tốc và đường song hành đoạn qua Nhơn Trạch, kết nối cầu Nhơn Trạch và nút giao Tân Vạn.",
        group: National,
        places: &["DN-X-NHONTRACH", "DN-X-DAIPHUOC", "DN-P-BIENHOA"],
        total_m: 4_875_300,
        start: -1150,
        dur: 1300,
        delay: 25,
        target: Gap(-600),
        baseline: true,
        fin: fin(CT_PR, 150, 280, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-006",
        name: "Đường Vành đai 4 vùng Thành phố Hồ Chí Minh, đoạn qua tỉnh Đồng Nai",
        scope: "Chuẩn bị đầu tư đoạn tuyến qua tỉnh: khảo sát, lập báo cáo nghiên cứu khả thi, đo đạc kiểm đếm phục vụ bồi thường, giải phóng mặt bằng.",
        group: National,
        places: &["DN-X-BINHAN", "DN-X-TRANGBOM", "DN-X-TRIAN"],
        total_m: 9_760_000,
        start: 150,
        dur: 1400,
        target: Prep,
        fin: fin(CT_PR, 60, 15, Slow),
        ..BASE
    },
    Spec {
        code: "DN-GT-007",
        name: "Cao tốc Dầu Giây – Tân Phú giai đoạn 1, đoạn qua tỉnh Đồng Nai",
        scope: "Xây dựng tuyến cao tốc 4 làn xe từ nút giao Dầu Giây đến xã Tân Phú, kết nối Quốc lộ 20 đi Lâm Đồng.",
        group: A,
        places: &["DN-X-DAUGIAY", "DN-X-DINHQUAN", "DN-X-TANPHU"],
        total_m: 5_540_200,
        start: -500,
        dur: 900,
        delay: 10,
        target: Gap(600),
        fin: fin(CT_PR, 250, 200, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-008",
        name: "Cao tốc Gia Nghĩa – Chơn Thành, đoạn qua tỉnh Đồng Nai",
        scope: "Xây dựng đoạn cao tốc qua khu vực Bình Phước cũ (Chơn Thành, Đồng Phú, Bù Đăng), quy mô 4 làn xe, kết nối Tây Nguyên với vùng Đông Nam Bộ.",
        group: National,
        investor: BQLDA_BP,
        places: &["DN-P-CHONTHANH", "DN-X-DONGPHU", "DN-X-BUDANG"],
        total_m: 8_953_700,
        start: -300,
        dur: 1100,
        delay: 60,
        target: Gap(-1100),
        fin: fin(CT_PR, 120, 40, Slow),
        ..BASE
    },
    Spec {
        code: "DN-GT-009",
        name: "Cầu Cát Lái nối Thành phố Hồ Chí Minh và tỉnh Đồng Nai",
        scope: "Xây dựng cầu Cát Lái vượt sông Đồng Nai và đường dẫn phía Đồng Nai, quy mô 6 làn xe.",
        group: A,
        places: &["DN-X-DAIPHUOC"],
        total_m: 7_672_000,
        start: -150,
        dur: 1100,
        delay: 14,
        target: Gap(100),
        fin: fin(CT_PR, 80, 30, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-010",
        name: "Nâng cấp, mở rộng Đường tỉnh 768 đoạn từ phường Trảng Dài đến xã Trị An",
        scope: "Nâng cấp tuyến đường ven sông Đồng Nai dài 18,6 km lên quy mô 4 làn xe, gồm hệ thống thoát nước và chiếu sáng.",
        investor: BQLDA_GT,
        managing: Some(BQLDA_BH),
        places: &["DN-P-TRANGDAI", "DN-X-TRIAN"],
        total_m: 1_196_500,
        start: -800,
        dur: 950,
        delay: 30,
        target: Gap(300),
        fin: fin(PR, 200, 300, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-011",
        name: "Đường Phước Tân – Long Hưng nối Quốc lộ 51 với đường ven sông Đồng Nai",
        scope: "Xây dựng tuyến đường dài 7,4 km, quy mô 4 làn xe, giảm tải cho Quốc lộ 51 khu vực Biên Hòa.",
        places: &["DN-P-PHUOCTAN", "DN-P-LONGHUNG"],
        total_m: 865_200,
        start: -1200,
        dur: 1095,
        delay: 40,
        target: Overdue(8850),
        fin: fin(PR, 60, 150, Slow),
        ..BASE
    },
    Spec {
        code: "DN-GT-012",
        name: "Cải tạo nút giao ngã tư Vũng Tàu (Quốc lộ 1 – Quốc lộ 51)",
        scope: "Xây dựng nút giao khác mức 3 tầng gồm hầm chui và cầu vượt tại ngã tư Vũng Tàu.",
        places: &["DN-P-LONGBINH", "DN-P-TAMHIEP"],
        total_m: 2_094_300,
        start: -1100,
        dur: 900,
        delay: 20,
        target: Done { ago: 150 },
        fin: fin(PR, 30, 200, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-013",
        name: "Đường ven sông Cái đoạn từ cầu Mới đến cầu Rạch Cát",
        scope: "Xây dựng tuyến đường ven sông kết hợp kè bảo vệ bờ, dài 5,2 km, tạo không gian đô thị ven sông.",
        investor: BQLDA_BH,
        places: &["DN-P-TRANBIEN", "DN-P-BIENHOA"],
        total_m: 1_352_800,
        start: -600,
        dur: 1000,
        target: Gap(-300),
        correction: true,
        fin: fin(PR, 220, 250, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-014",
        name: "Nâng cấp Đường tỉnh 763 đoạn từ Quốc lộ 1 đến Quốc lộ 20",
        scope: "Nâng cấp, mở rộng mặt đường lên 4 làn xe, dài 29 km, thay thế 4 cầu yếu trên tuyến.",
        places: &["DN-X-XUANLOC", "DN-X-DINHQUAN"],
        total_m: 982_600,
        start: -420,
        dur: 730,
        delay: 30,
        target: Gap(-1300),
        stale_weeks: 2,
        fin: fin(PR, 250, 200, Slow),
        ..BASE
    },
    Spec {
        code: "DN-GT-015",
        name: "Đường Đồng Phú – Bình Dương, đoạn qua phường Đồng Xoài và xã Đồng Phú",
        scope: "Xây dựng tuyến đường 6 làn xe kết nối khu vực Bình Phước cũ với Thành phố Hồ Chí Minh (khu vực Bình Dương cũ).",
        investor: BQLDA_BP,
        places: &["DN-X-DONGPHU", "DN-P-DONGXOAI"],
        total_m: 1_498_700,
        start: -560,
        dur: 900,
        delay: 15,
        target: Gap(200),
        fin: fin(CT_PR, 260, 300, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-016",
        name: "Nâng cấp Đường tỉnh 741 đoạn Đồng Xoài – Phước Long",
        scope: "Nâng cấp tuyến đường tỉnh dài 42 km lên quy mô 4 làn xe, kết nối các phường Bình Phước, Phước Long.",
        investor: BQLDA_BP,
        places: &["DN-P-BINHPHUOC", "DN-P-PHUOCLONG"],
        total_m: 1_722_500,
        start: -900,
        dur: 860,
        delay: 10,
        target: Done { ago: 45 },
        fin: fin(PR, 80, 350, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GT-017",
        name: "Nâng cấp, mở rộng Đường tỉnh 769 đoạn từ xã Long Thành đến xã Dầu Giây",
        scope: "Mở rộng tuyến đường tỉnh lên 6 làn xe, kết nối Cảng hàng không quốc tế Long Thành với cao tốc TP. Hồ Chí Minh – Long Thành – Dầu Giây.",
        places: &["DN-X-LONGTHANH", "DN-X-BINHAN", "DN-X-DAUGIAY"],
        total_m: 2_392_100,
        start: -450,
        dur: 1000,
        delay: 30,
        target: Gap(-800),
        fin: fin(PR, 180, 120, OnPlan),
        ..BASE
    },
    // ---- Hạ tầng đô thị ---------------------------------------------------------------
    Spec {
        code: "DN-HT-001",
        name: "Chỉnh trang đô thị, cải tạo cảnh quan bờ sông Đồng Nai, phường Trấn Biên",
        scope: "Cải tạo kè, lối đi bộ, công viên ven sông và hệ thống chiếu sáng mỹ thuật dọc bờ sông Đồng Nai.",
        sector: Sector::UrbanInfrastructure,
        investor: BQLDA_BH,
        managing: Some(UB_TRANBIEN),
        places: &["DN-P-TRANBIEN"],
        total_m: 689_400,
        start: -380,
        dur: 730,
        delay: 10,
        target: Gap(700),
        fin: fin(PR, 350, 150, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-HT-002",
        name: "Hệ thống thoát nước và xử lý nước thải khu vực phường Tam Hiệp – phường Long Bình",
        scope: "Xây dựng mạng lưới cống thu gom và nhà máy xử lý nước thải công suất 30.000 m³/ngày đêm, sử dụng vốn vay ODA.",
        sector: Sector::UrbanInfrastructure,
        group: A,
        investor: BQLDA_DTXD,
        places: &["DN-P-TAMHIEP", "DN-P-LONGBINH"],
        total_m: 3_148_900,
        start: -950,
        dur: 1500,
        delay: 60,
        target: Gap(-1600),
        baseline: true,
        fin: fin(ODA_PR, 120, 150, Slow),
        ..BASE
    },
    Spec {
        code: "DN-HT-003",
        name: "Khu tái định cư Lộc An – Bình Sơn phục vụ Cảng hàng không quốc tế Long Thành",
        scope: "Xây dựng hạ tầng kỹ thuật, trường học, trạm y tế khu tái định cư cho người dân bị thu hồi đất dự án sân bay.",
        sector: Sector::UrbanInfrastructure,
        group: A,
        investor: BQLDA_DTXD,
        managing: Some(TTPTQD),
        places: &["DN-X-BINHAN", "DN-X-LONGTHANH"],
        total_m: 3_780_000,
        start: -1500,
        dur: 1100,
        delay: 30,
        target: Done { ago: 300 },
        fin: fin(PR, 20, 120, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-HT-004",
        name: "Quảng trường và công viên trung tâm phường Đồng Xoài",
        scope: "Xây dựng quảng trường, công viên cây xanh, hồ cảnh quan và bãi đỗ xe tại trung tâm hành chính khu vực Bình Phước cũ.",
        sector: Sector::UrbanInfrastructure,
        investor: BQLDA_BP,
        managing: Some(UB_DONGXOAI),
        places: &["DN-P-DONGXOAI"],
        total_m: 418_600,
        start: -200,
        dur: 600,
        delay: 10,
        target: Gap(0),
        fin: fin(PR, 400, 80, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-HT-005",
        name: "Hạ tầng kỹ thuật khu trung tâm hành chính phường Long Khánh",
        scope: "Xây dựng đường nội bộ, cấp thoát nước, cấp điện và cây xanh khu trung tâm hành chính.",
        sector: Sector::UrbanInfrastructure,
        investor: BQLDA_DTXD,
        places: &["DN-P-LONGKHANH", "DN-P-BAOVINH"],
        total_m: 561_300,
        start: -250,
        dur: 700,
        delay: 20,
        target: Gap(-650),
        fin: fin(PR, 300, 100, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-HT-006",
        name: "Nạo vét, kè gia cố suối Săn Máu đoạn qua phường Tam Hiệp và phường Trảng Dài",
        scope: "Nạo vét lòng suối, xây kè bê tông hai bờ dài 6,8 km và đường giao thông ven suối, chống ngập cho khu vực Biên Hòa.",
        sector: Sector::UrbanInfrastructure,
        investor: BQLDA_BH,
        places: &["DN-P-TAMHIEP", "DN-P-TRANGDAI"],
        total_m: 1_447_200,
        start: -700,
        dur: 1100,
        delay: 15,
        target: Gap(900),
        works: Some(Works::Water),
        fin: fin(PR, 220, 260, OnPlan),
        ..BASE
    },
    // ---- Thủy lợi ---------------------------------------------------------------------
    Spec {
        code: "DN-TL-001",
        name: "Hồ chứa nước Cà Ròn",
        scope: "Xây dựng hồ chứa dung tích 13 triệu m³, đập đất, tràn xả lũ và hệ thống kênh tưới cho khoảng 2.000 ha đất sản xuất.",
        sector: Sector::Irrigation,
        investor: BQLDA_DTXD,
        managing: Some(SNNMT),
        places: &["DN-X-GIAKIEM", "DN-X-DINHQUAN"],
        total_m: 1_018_500,
        start: -850,
        dur: 1200,
        delay: 30,
        target: Gap(150),
        fin: fin(CT_PR, 200, 250, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-TL-002",
        name: "Hệ thống chuyển nước hồ Trị An bổ sung nguồn nước cho vùng phía Nam tỉnh",
        scope: "Xây dựng trạm bơm, tuyến ống và kênh dẫn chuyển nước từ hồ Trị An; dự án đang hoàn thiện thủ tục đầu tư.",
        sector: Sector::Irrigation,
        group: A,
        investor: BQLDA_DTXD,
        managing: Some(SNNMT),
        places: &["DN-X-TRIAN", "DN-X-PHULY"],
        total_m: 4_216_000,
        start: -120,
        dur: 1000,
        target: Prep,
        fin: fin(CT_PR, 30, 10, Slow),
        ..BASE
    },
    Spec {
        code: "DN-TL-003",
        name: "Nâng cấp hệ thống thủy lợi ngăn mặn, cấp nước tưới xã Phước Thái – xã Long Phước",
        scope: "Nâng cấp cống ngăn mặn, đê bao và kênh tưới phục vụ sản xuất nông nghiệp khoảng 1.200 ha.",
        sector: Sector::Irrigation,
        investor: SNNMT,
        places: &["DN-X-PHUOCTHAI", "DN-X-LONGPHUOC"],
        total_m: 356_700,
        start: -330,
        dur: 700,
        delay: 20,
        target: Gap(-250),
        fin: fin(PR, 300, 150, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-TL-004",
        name: "Đê bao chống lũ và kênh tiêu thoát nước xã Đắk Lua",
        scope: "Xây dựng đê bao dài 9,5 km, cống tiêu và trạm bơm, bảo vệ khu dân cư và đất sản xuất ven sông Đồng Nai.",
        sector: Sector::Irrigation,
        investor: SNNMT,
        places: &["DN-X-DAKLUA", "DN-X-NAMCATTIEN"],
        total_m: 186_300,
        start: -300,
        dur: 540,
        delay: 15,
        target: Gap(-200),
        fin: fin(PR, 450, 200, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-TL-005",
        name: "Hiện đại hóa hệ thống kênh tưới hồ Sông Ray",
        scope: "Kiên cố hóa kênh chính, kênh cấp 1 và lắp đặt hệ thống quan trắc, điều khiển tự động, sử dụng vốn vay ODA.",
        sector: Sector::Irrigation,
        investor: SNNMT,
        places: &["DN-X-CAMMY", "DN-X-XUANLOC"],
        total_m: 892_400,
        start: -600,
        dur: 1300,
        delay: 30,
        target: Gap(100),
        fin: Fin {
            schedule: Some([4, 9, 15, 22, 30, 38, 46, 55, 64, 74, 85, 97]),
            ..fin(ODA, 180, 200, OnPlan)
        },
        ..BASE
    },
    // ---- Y tế -------------------------------------------------------------------------
    Spec {
        code: "DN-YT-001",
        name: "Bệnh viện Đa khoa Đồng Nai – cơ sở 2, quy mô 1.000 giường",
        scope: "Xây dựng khối khám bệnh, khối kỹ thuật nghiệp vụ, khối điều trị nội trú và hạ tầng kỹ thuật đồng bộ.",
        sector: Sector::Health,
        group: A,
        investor: BQLDA_DTXD,
        managing: Some(SYT),
        places: &["DN-P-HONAI"],
        total_m: 2_861_500,
        start: -560,
        dur: 1400,
        delay: 30,
        target: Gap(50),
        baseline: true,
        fin: fin(CT_PR, 200, 180, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-YT-002",
        name: "Bệnh viện Nhi đồng Đồng Nai – giai đoạn 2",
        scope: "Xây dựng khối điều trị 500 giường, khối hồi sức tích cực nhi và sơ sinh, trang thiết bị y tế.",
        sector: Sector::Health,
        investor: BQLDA_DTXD,
        managing: Some(SYT),
        places: &["DN-P-TRANBIEN"],
        total_m: 781_900,
        start: -480,
        dur: 900,
        delay: 40,
        target: Gap(-1150),
        stale_weeks: 3,
        fin: fin(PR, 300, 250, Slow),
        ..BASE
    },
    Spec {
        code: "DN-YT-003",
        name: "Mở rộng Bệnh viện Đa khoa khu vực Long Thành",
        scope: "Xây dựng khối cấp cứu – hồi sức, khối phẫu thuật và 300 giường bệnh, đáp ứng nhu cầu khám chữa bệnh khu vực sân bay.",
        sector: Sector::Health,
        investor: BQLDA_LT,
        managing: Some(SYT),
        places: &["DN-X-LONGTHANH"],
        total_m: 465_700,
        start: -800,
        dur: 760,
        delay: 20,
        target: Done { ago: 20 },
        fin: fin(PR, 150, 350, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-YT-004",
        name: "Trung tâm Y tế khu vực Bù Gia Mập",
        scope: "Xây dựng mới khối khám bệnh và 100 giường điều trị nội trú cho các xã biên giới phía Bắc tỉnh.",
        sector: Sector::Health,
        group: C,
        investor: BQLDA_BP,
        managing: Some(SYT),
        places: &["DN-X-BUGIAMAP"],
        total_m: 86_400,
        start: -200,
        dur: 540,
        delay: 0,
        target: Gap(600),
        fin: fin(PR, 500, 100, OnPlan),
        ..BASE
    },
    // ---- Giáo dục ---------------------------------------------------------------------
    Spec {
        code: "DN-GD-001",
        name: "Trường THPT chuyên Lương Thế Vinh – cơ sở 2",
        scope: "Xây dựng 45 phòng học, khu thí nghiệm – thực hành, ký túc xá 600 chỗ và nhà thi đấu đa năng.",
        sector: Sector::Education,
        investor: BQLDA_DTXD,
        managing: Some(SGDDT),
        places: &["DN-P-BIENHOA"],
        total_m: 538_200,
        start: -400,
        dur: 730,
        delay: 15,
        target: Gap(200),
        fin: fin(PR, 400, 250, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GD-002",
        name: "Xây dựng mới Trường THPT xã Phước An",
        scope: "Xây dựng trường 36 lớp, nhà hiệu bộ, thư viện và sân thể thao, giảm tải cho các trường khu vực Nhơn Trạch.",
        sector: Sector::Education,
        investor: UB_NHONTRACH,
        managing: Some(SGDDT),
        places: &["DN-X-PHUOCAN"],
        total_m: 168_900,
        start: -300,
        dur: 620,
        delay: 25,
        target: Gap(-700),
        fin: fin(PR, 400, 200, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GD-003",
        name: "Trường Phổ thông dân tộc nội trú liên cấp THCS và THPT xã Bù Gia Mập",
        scope: "Xây dựng trường nội trú liên cấp cho học sinh các xã biên giới, gồm khu học tập, ký túc xá 800 chỗ và nhà ăn.",
        sector: Sector::Education,
        investor: BQLDA_BP,
        managing: Some(SGDDT),
        places: &["DN-X-BUGIAMAP", "DN-X-DAKO"],
        total_m: 248_300,
        start: -240,
        dur: 500,
        delay: 7,
        target: Gap(1000),
        fin: fin(CT_PR, 550, 120, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-GD-004",
        name: "Trường Tiểu học và THCS xã Đắk Ơ",
        scope: "Xây mới 24 phòng học, phòng bộ môn và nhà đa năng thay thế các phòng học xuống cấp.",
        sector: Sector::Education,
        group: C,
        investor: BQLDA_BP,
        places: &["DN-X-DAKO"],
        total_m: 64_800,
        start: -500,
        dur: 450,
        delay: 10,
        target: Done { ago: 70 },
        fin: fin(PR, 40, 400, OnPlan),
        ..BASE
    },
    // ---- Hạ tầng khu công nghiệp --------------------------------------------------------
    Spec {
        code: "DN-KCN-001",
        name: "Đường trục chính Khu công nghiệp Long Đức 3",
        scope: "Xây dựng đường trục chính, hệ thống thoát nước mưa, nước thải và cấp điện cho Khu công nghiệp Long Đức 3.",
        sector: Sector::IndustrialPark,
        investor: SONADEZI,
        places: &["DN-X-ANPHUOC", "DN-X-LONGTHANH"],
        total_m: 735_600,
        start: -330,
        dur: 700,
        delay: 20,
        target: Gap(150),
        fin: fin(OWN, 300, 200, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-KCN-002",
        name: "Đường kết nối các khu công nghiệp Nhơn Trạch với đường 25C",
        scope: "Xây dựng tuyến đường 4 làn xe dài 5,6 km kết nối các khu công nghiệp Nhơn Trạch với đường 25C và Vành đai 3.",
        sector: Sector::IndustrialPark,
        investor: BQLDA_LT,
        places: &["DN-X-NHONTRACH", "DN-X-PHUOCAN"],
        total_m: 612_400,
        start: -260,
        dur: 730,
        delay: 20,
        target: Gap(-650),
        fin: fin(PR, 300, 100, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-KCN-003",
        name: "Đường kết nối Khu công nghiệp Minh Hưng III với Quốc lộ 13",
        scope: "Xây dựng tuyến đường 4 làn xe dài 4,1 km phục vụ vận chuyển hàng hóa từ Khu công nghiệp Minh Hưng III.",
        sector: Sector::IndustrialPark,
        investor: BQLDA_BP,
        places: &["DN-P-MINHHUNG", "DN-P-CHONTHANH"],
        total_m: 328_500,
        start: -180,
        dur: 600,
        delay: 14,
        target: Gap(-100),
        fin: fin(PR, 350, 50, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-KCN-004",
        name: "Hạ tầng kỹ thuật Khu công nghiệp công nghệ cao Long Thành – giai đoạn 1",
        scope: "Chuẩn bị đầu tư hạ tầng kỹ thuật giai đoạn 1 (khoảng 410 ha): san nền, đường nội khu, trạm xử lý nước thải tập trung.",
        sector: Sector::IndustrialPark,
        group: A,
        investor: SONADEZI,
        places: &["DN-P-TAMPHUOC", "DN-X-ANPHUOC"],
        total_m: 3_962_000,
        start: 200,
        dur: 1400,
        target: Prep,
        fin: fin(OWN, 10, 0, OnPlan),
        ..BASE
    },
    // ---- Khác -------------------------------------------------------------------------
    Spec {
        code: "DN-KH-001",
        name: "Trung tâm Giám sát, điều hành thông minh (IOC) tỉnh Đồng Nai – giai đoạn 2",
        scope: "Mở rộng hạ tầng, màn hình ghép và các phân hệ giám sát; tích hợp dữ liệu dự án trọng điểm, giải ngân và phản ánh hiện trường.",
        sector: Sector::Other,
        group: C,
        investor: SKHCN,
        places: &["DN-P-TRANBIEN"],
        total_m: 48_900,
        start: -160,
        dur: 400,
        delay: 5,
        target: Gap(1200),
        works: Some(Works::Digital),
        fin: fin(PR, 600, 0, OnPlan),
        ..BASE
    },
    Spec {
        code: "DN-KH-002",
        name: "Trung tâm Hội nghị – Triển lãm tỉnh Đồng Nai",
        scope: "Chuẩn bị đầu tư trung tâm hội nghị 2.000 chỗ và khu triển lãm phục vụ xúc tiến đầu tư của tỉnh.",
        sector: Sector::Other,
        investor: BQLDA_DTXD,
        places: &["DN-P-TRANBIEN"],
        total_m: 1_180_500,
        start: 90,
        dur: 900,
        target: Prep,
        ..BASE
    },
];
