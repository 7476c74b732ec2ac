//! Communes (xã) and wards (phường) of the Đồng Nai province since 1 July 2025 (two-tier local
//! government, no districts). A selection of the 95 commune-level units, with approximate
//! coordinates used to place demo projects on the map.

use ioc_domain::dto::LocalityInput;

/// A commune or ward: code, name, kind (`ward` / `commune`), approximate latitude, longitude.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub lat: f64,
    pub lon: f64,
}

const fn ward(code: &'static str, name: &'static str, lat: f64, lon: f64) -> Place {
    Place {
        code,
        name,
        kind: "ward",
        lat,
        lon,
    }
}

const fn commune(code: &'static str, name: &'static str, lat: f64, lon: f64) -> Place {
    Place {
        code,
        name,
        kind: "commune",
        lat,
        lon,
    }
}

pub(crate) const PLACES: &[Place] = &[
    // Wards of the former Đồng Nai area.
    ward("DN-P-BIENHOA", "Phường Biên Hòa", 10.935, 106.805),
    ward("DN-P-TRANBIEN", "Phường Trấn Biên", 10.950, 106.822),
    ward("DN-P-TAMHIEP", "Phường Tam Hiệp", 10.945, 106.858),
    ward("DN-P-LONGBINH", "Phường Long Bình", 10.925, 106.885),
    ward("DN-P-TRANGDAI", "Phường Trảng Dài", 10.985, 106.862),
    ward("DN-P-HONAI", "Phường Hố Nai", 10.968, 106.905),
    ward("DN-P-LONGHUNG", "Phường Long Hưng", 10.885, 106.845),
    ward("DN-P-TAMPHUOC", "Phường Tam Phước", 10.855, 106.925),
    ward("DN-P-PHUOCTAN", "Phường Phước Tân", 10.890, 106.905),
    ward("DN-P-LONGKHANH", "Phường Long Khánh", 10.935, 107.242),
    ward("DN-P-BINHLOC", "Phường Bình Lộc", 10.985, 107.245),
    ward("DN-P-BAOVINH", "Phường Bảo Vinh", 10.955, 107.265),
    ward("DN-P-XUANLAP", "Phường Xuân Lập", 10.905, 107.205),
    ward("DN-P-HANGGON", "Phường Hàng Gòn", 10.872, 107.225),
    // Wards of the former Bình Phước area.
    ward("DN-P-DONGXOAI", "Phường Đồng Xoài", 11.535, 106.895),
    ward("DN-P-BINHPHUOC", "Phường Bình Phước", 11.565, 106.880),
    ward("DN-P-CHONTHANH", "Phường Chơn Thành", 11.430, 106.655),
    ward("DN-P-MINHHUNG", "Phường Minh Hưng", 11.480, 106.668),
    ward("DN-P-PHUOCLONG", "Phường Phước Long", 11.830, 106.995),
    ward("DN-P-PHUOCBINH", "Phường Phước Bình", 11.800, 106.970),
    ward("DN-P-BINHLONG", "Phường Bình Long", 11.650, 106.605),
    ward("DN-P-ANLOC", "Phường An Lộc", 11.662, 106.615),
    // Communes of the former Đồng Nai area.
    commune("DN-X-LONGTHANH", "Xã Long Thành", 10.782, 106.950),
    commune("DN-X-NHONTRACH", "Xã Nhơn Trạch", 10.725, 106.895),
    commune("DN-X-DAIPHUOC", "Xã Đại Phước", 10.745, 106.822),
    commune("DN-X-PHUOCAN", "Xã Phước An", 10.665, 106.935),
    commune("DN-X-PHUOCTHAI", "Xã Phước Thái", 10.685, 107.030),
    commune("DN-X-LONGPHUOC", "Xã Long Phước", 10.705, 107.000),
    commune("DN-X-BINHAN", "Xã Bình An", 10.832, 107.030),
    commune("DN-X-ANPHUOC", "Xã An Phước", 10.832, 106.935),
    commune("DN-X-TRANGBOM", "Xã Trảng Bom", 10.952, 107.005),
    commune("DN-X-BAUHAM", "Xã Bàu Hàm", 10.985, 107.105),
    commune("DN-X-DAUGIAY", "Xã Dầu Giây", 10.942, 107.142),
    commune("DN-X-GIAKIEM", "Xã Gia Kiệm", 11.025, 107.172),
    commune("DN-X-XUANLOC", "Xã Xuân Lộc", 10.928, 107.402),
    commune("DN-X-CAMMY", "Xã Cẩm Mỹ", 10.802, 107.272),
    commune("DN-X-DINHQUAN", "Xã Định Quán", 11.192, 107.352),
    commune("DN-X-THANHSON", "Xã Thanh Sơn", 11.252, 107.232),
    commune("DN-X-PHULY", "Xã Phú Lý", 11.332, 107.142),
    commune("DN-X-TRIAN", "Xã Trị An", 11.102, 107.032),
    commune("DN-X-TANPHU", "Xã Tân Phú", 11.272, 107.432),
    commune("DN-X-NAMCATTIEN", "Xã Nam Cát Tiên", 11.422, 107.432),
    commune("DN-X-DAKLUA", "Xã Đắk Lua", 11.492, 107.352),
    // Communes of the former Bình Phước area.
    commune("DN-X-DONGPHU", "Xã Đồng Phú", 11.482, 106.972),
    commune("DN-X-BUDANG", "Xã Bù Đăng", 11.802, 107.232),
    commune("DN-X-BUGIAMAP", "Xã Bù Gia Mập", 12.102, 107.102),
    commune("DN-X-DAKO", "Xã Đắk Ơ", 12.052, 107.052),
    commune("DN-X-LOCNINH", "Xã Lộc Ninh", 11.842, 106.605),
];

pub(crate) fn place(code: &str) -> Option<&'static Place> {
    PLACES.iter().find(|p| p.code == code)
}

pub(crate) fn localities() -> Vec<LocalityInput> {
    PLACES
        .iter()
        .map(|p| LocalityInput {
            code: p.code.to_owned(),
            name: p.name.to_owned(),
            kind: p.kind.to_owned(),
        })
        .collect()
}
