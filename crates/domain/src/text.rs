//! Text helpers for search: Vietnamese folded to plain lower-case ASCII letters, so
//! "cau cat lai" finds "Cầu Cát Lái" whatever the database's collation.

/// Lower-cases and removes Vietnamese diacritics (đ → d).
pub fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    if c.is_ascii() {
        return c;
    }
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map(|(_, base)| *base)
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_vietnamese_to_ascii() {
        assert_eq!(fold("Cầu Cát Lái"), "cau cat lai");
        assert_eq!(fold("ĐƯỜNG Vành đai 3"), "duong vanh dai 3");
        assert_eq!(fold("Bù Gia Mập, Đắk Ơ"), "bu gia map, dak o");
    }
}
