//! Vietnamese wording of weekly reports, by kind of works and stage of progress.

use ioc_domain::DifficultyCategory;

use crate::projects::Works;

/// Work items by stage: < 25 %, < 60 %, < 90 %, and the finishing stage.
type Bank = [&'static [&'static str]; 4];

const ROAD: Bank = [
    &[
        "Bàn giao thêm mặt bằng cho nhà thầu; phát quang, dọn dẹp phạm vi thi công",
        "Thi công đường công vụ, lán trại và bãi tập kết vật liệu",
        "Xử lý nền đất yếu bằng bấc thấm, đắp gia tải đoạn đầu tuyến",
        "Thi công cọc khoan nhồi mố cầu và cọc thử",
    ],
    &[
        "Thi công đắp nền đường K95, lu lèn đạt độ chặt thiết kế",
        "Thi công bệ trụ, thân trụ cầu và đúc dầm tại bãi",
        "Thi công cống hộp, cống tròn thoát nước ngang đường",
        "Lao lắp dầm cầu nhịp biên, thi công dầm ngang",
    ],
    &[
        "Thi công lớp cấp phối đá dăm móng đường",
        "Thi công bản mặt cầu, gờ lan can và khe co giãn",
        "Thảm bê tông nhựa lớp dưới các đoạn đã hoàn thành móng",
        "Thi công hệ thống thoát nước dọc và hào kỹ thuật",
    ],
    &[
        "Thảm bê tông nhựa lớp mặt, sơn kẻ vạch, lắp đặt biển báo",
        "Hoàn thiện chiếu sáng, hộ lan, trồng cỏ mái taluy",
        "Khắc phục tồn tại sau kiểm tra, chuẩn bị hồ sơ nghiệm thu",
    ],
];

const URBAN: Bank = [
    &[
        "Khảo sát hiện trạng, di dời hạ tầng kỹ thuật hiện hữu",
        "Thi công cọc, tường chắn đất và hố móng",
        "Tháo dỡ công trình cũ, san lấp mặt bằng",
    ],
    &[
        "Thi công cống thoát nước, hố ga và tuyến thu gom",
        "Thi công kè bờ, tường chắn và nền đường nội bộ",
        "Thi công móng vỉa hè, bó vỉa",
    ],
    &[
        "Lắp đặt hệ thống chiếu sáng, cấp nước và cấp điện",
        "Lát đá vỉa hè, thi công mặt đường nội bộ",
        "Thi công các hạng mục kiến trúc cảnh quan",
    ],
    &[
        "Trồng cây xanh, thảm cỏ, hoàn thiện cảnh quan",
        "Nghiệm thu từng hạng mục, chạy thử hệ thống",
    ],
];

const WATER: Bank = [
    &[
        "Thi công đê quây, dẫn dòng thi công",
        "Bóc phong hóa, xử lý nền công trình đầu mối",
        "Nạo vét lòng dẫn, tập kết vật liệu",
    ],
    &[
        "Đắp đập đất, đầm nén từng lớp theo thiết kế",
        "Thi công bê tông cống lấy nước và tràn xả lũ",
        "Đào, gia cố kênh chính và kè mái",
    ],
    &[
        "Thi công bê tông mái kênh, cống điều tiết",
        "Lắp đặt cửa van, thiết bị cơ khí thủy công",
        "Thi công đường quản lý vận hành",
    ],
    &[
        "Hoàn thiện nhà quản lý, lắp đặt thiết bị quan trắc",
        "Vận hành thử, kiểm tra an toàn công trình",
    ],
];

const BUILDING: Bank = [
    &[
        "Thi công cọc bê tông ly tâm, đào đất hố móng",
        "Thi công móng, giằng móng và tầng hầm",
        "Chuẩn bị mặt bằng, lán trại, hàng rào tạm",
    ],
    &[
        "Thi công cột, dầm, sàn bê tông cốt thép các tầng",
        "Xây tường bao che, lắp dựng giàn giáo bao che",
        "Thi công kết cấu mái và cầu thang",
    ],
    &[
        "Tô trát, lắp đặt hệ thống điện, cấp thoát nước",
        "Lắp đặt hệ thống phòng cháy chữa cháy, điều hòa không khí",
        "Ốp lát, lắp đặt cửa và vách kính",
    ],
    &[
        "Sơn bả hoàn thiện, lắp đặt thiết bị",
        "Hoàn thiện sân đường nội bộ, cây xanh",
        "Vệ sinh công trình, chuẩn bị nghiệm thu",
    ],
];

const DIGITAL: Bank = [
    &[
        "Khảo sát, hoàn thiện thiết kế chi tiết hệ thống",
        "Chuẩn bị hạ tầng phòng máy chủ và đường truyền",
    ],
    &[
        "Lắp đặt màn hình ghép, máy chủ và thiết bị lưu trữ",
        "Xây dựng kịch bản điều hành, chuẩn hóa dữ liệu",
    ],
    &[
        "Tích hợp dữ liệu từ các sở, ngành, địa phương",
        "Kiểm thử an toàn thông tin, đánh giá hiệu năng",
    ],
    &[
        "Vận hành thử, đào tạo chuyển giao cho cán bộ vận hành",
        "Hoàn thiện tài liệu, chuẩn bị nghiệm thu",
    ],
];

const STALLED: &[&str] = &[
    "Tạm dừng thi công một số mũi do vướng mặt bằng",
    "Mưa lớn kéo dài, nhiều ngày không thi công được",
    "Chờ vật liệu đắp về công trường, thi công cầm chừng",
    "Nhà thầu chưa bổ sung đủ nhân lực, thiết bị theo cam kết",
];

const PREPARATION: &[&str] = &[
    "Hoàn thiện hồ sơ báo cáo nghiên cứu khả thi, trình thẩm định",
    "Khảo sát địa hình, địa chất phục vụ thiết kế",
    "Phối hợp địa phương đo đạc, kiểm đếm phục vụ bồi thường",
    "Lấy ý kiến các sở, ngành về hồ sơ dự án",
    "Hoàn thiện hồ sơ đánh giá tác động môi trường",
];

fn bank(works: Works) -> &'static Bank {
    match works {
        Works::Road => &ROAD,
        Works::Urban => &URBAN,
        Works::Water => &WATER,
        Works::Building => &BUILDING,
        Works::Digital => &DIGITAL,
    }
}

fn stage(bp: i32) -> usize {
    match bp {
        ..2500 => 0,
        2500..6000 => 1,
        6000..9000 => 2,
        _ => 3,
    }
}

/// A percentage in basis points written the Vietnamese way: `54,37`.
pub(crate) fn pct_vi(bp: i32) -> String {
    format!("{},{:02}", bp / 100, bp % 100)
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `pick` chooses among alternatives (any number; reduced modulo the length).
pub(crate) fn work_done(works: Works, bp: i32, delta: Option<i32>, pick: usize) -> String {
    let items = bank(works)[stage(bp)];
    match delta {
        None => format!(
            "{}. Lũy kế khối lượng hoàn thành đạt {}%.",
            items[pick % items.len()],
            pct_vi(bp)
        ),
        Some(0) => format!(
            "{}. Lũy kế khối lượng hoàn thành đạt {}%, không tăng so với tuần trước.",
            STALLED[pick % STALLED.len()],
            pct_vi(bp)
        ),
        Some(d) => format!(
            "{}. Lũy kế khối lượng hoàn thành đạt {}% (tăng {} điểm % so với tuần trước).",
            items[pick % items.len()],
            pct_vi(bp),
            pct_vi(d)
        ),
    }
}

pub(crate) fn next_week_plan(works: Works, bp: i32, pick: usize) -> String {
    let items = bank(works)[stage(bp)];
    format!(
        "Tiếp tục {}; đẩy nhanh các hạng mục còn lại theo kế hoạch tuần.",
        lower_first(items[(pick + 1) % items.len()])
    )
}

pub(crate) fn preparation(pick: usize) -> (String, String) {
    (
        format!("{}.", PREPARATION[pick % PREPARATION.len()]),
        format!("Tiếp tục {}.", lower_first(PREPARATION[(pick + 1) % PREPARATION.len()])),
    )
}

/// Work done in the week a report corrects the previous one downwards.
pub(crate) fn corrected(bp: i32) -> String {
    format!(
        "Rà soát, nghiệm thu lại khối lượng với tư vấn giám sát. Lũy kế khối lượng hoàn thành điều chỉnh còn {}%.",
        pct_vi(bp)
    )
}

pub(crate) const HANDOVER: &str =
    "Hoàn thành toàn bộ khối lượng; nghiệm thu hoàn thành, bàn giao đưa công trình vào sử dụng.";
pub(crate) const SETTLEMENT: &str = "Lập hồ sơ quyết toán dự án hoàn thành.";
pub(crate) const CORRECTION: &str = "Điều chỉnh giảm theo kết quả nghiệm thu khối lượng thực tế của tư vấn giám sát: báo cáo tuần trước tính trùng khối lượng đắp nền một đoạn tuyến.";

pub(crate) const DISBURSEMENT_NOTES: &[&str] = &[
    "Thanh toán khối lượng hoàn thành",
    "Chi trả bồi thường, hỗ trợ, tái định cư",
    "Thanh toán khối lượng xây lắp nghiệm thu",
    "Thanh toán chi phí tư vấn giám sát và quản lý dự án",
    "Thu hồi tạm ứng, thanh toán khối lượng hoàn thành",
];

/// Generic difficulty titles (for synthetic projects).
pub(crate) fn difficulty_title(c: DifficultyCategory) -> &'static str {
    match c {
        DifficultyCategory::SiteClearance => "Chậm bàn giao mặt bằng do chưa thống nhất giá bồi thường",
        DifficultyCategory::InvestmentProcedures => "Chậm thẩm định hồ sơ điều chỉnh dự án",
        DifficultyCategory::Capital => "Kế hoạch vốn chưa đáp ứng nhu cầu thanh toán",
        DifficultyCategory::ConstructionMaterials => "Thiếu vật liệu đắp nền, giá vật liệu tăng",
        DifficultyCategory::ContractorCapacity => "Nhà thầu chậm huy động nhân lực, thiết bị",
        DifficultyCategory::Other => "Chậm di dời hạ tầng kỹ thuật trong phạm vi thi công",
    }
}
