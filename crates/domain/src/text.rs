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

/// The escape character of [`like_contains`] patterns (`… LIKE p ESCAPE '!'`). Not a
/// backslash, which SQLite and PostgreSQL quote differently in string literals.
pub const LIKE_ESCAPE: char = '!';

/// A `LIKE` pattern matching `s` literally anywhere in the text: `%` and `_` typed by a user
/// are ordinary characters, not wildcards.
pub fn like_contains(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | LIKE_ESCAPE) {
            out.push(LIKE_ESCAPE);
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Reads a whole-đồng amount as officers type it: digits with `.`, `,` or spaces as
/// thousands separators (`1.250.000.000`). `None` when it is not a whole number.
pub fn parse_grouped_integer(s: &str) -> Option<rust_decimal::Decimal> {
    let t = s.trim();
    let digits: String = t.chars().filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}')).collect();
    let body = digits.strip_prefix('-').unwrap_or(&digits);
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Reads a decimal typed with either separator (`42,5` or `42.5`).
pub fn parse_decimal_comma(s: &str) -> Option<rust_decimal::Decimal> {
    let t = s.trim().replace(',', ".");
    if t.is_empty() || t.matches('.').count() > 1 {
        return None;
    }
    t.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_contains("50%_a!b"), "%50!%!_a!!b%");
        assert_eq!(like_contains("cau"), "%cau%");
    }

    #[test]
    fn parses_typed_numbers() {
        use rust_decimal_macros::dec;
        assert_eq!(parse_grouped_integer("1.250.000.000"), Some(dec!(1250000000)));
        assert_eq!(parse_grouped_integer(" 1 250 000 "), Some(dec!(1250000)));
        assert_eq!(parse_grouped_integer("-5"), Some(dec!(-5)));
        assert_eq!(parse_grouped_integer("12a"), None);
        assert_eq!(parse_grouped_integer(""), None);
        assert_eq!(parse_decimal_comma("42,5"), Some(dec!(42.5)));
        assert_eq!(parse_decimal_comma("42.75"), Some(dec!(42.75)));
        assert_eq!(parse_decimal_comma("1.2.3"), None);
        assert_eq!(parse_decimal_comma("abc"), None);
    }

    #[test]
    fn folds_vietnamese_to_ascii() {
        assert_eq!(fold("Cầu Cát Lái"), "cau cat lai");
        assert_eq!(fold("ĐƯỜNG Vành đai 3"), "duong vanh dai 3");
        assert_eq!(fold("Bù Gia Mập, Đắk Ơ"), "bu gia map, dak o");
    }
}
