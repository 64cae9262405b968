//! Periods: a heading or timeframe cell as written, and the years it spans.

use crate::vocab::Vocabulary;

/// The years (1900–2099) written in a text, in order.
pub fn years(text: &str) -> Vec<i32> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = &bytes[i..i + 4];
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let boundary_after = i + 4 == bytes.len() || !bytes[i + 4].is_ascii_alphanumeric();
        if window.iter().all(u8::is_ascii_digit) && boundary_before && boundary_after {
            let y: i32 = std::str::from_utf8(window)
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            if (1900..2100).contains(&y) {
                out.push(y);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// The first and last year a period names (`2018 - 2020` → 2018, 2020; `Våren 2021` →
/// 2021, 2021; `Löpande` → none). A two-digit end (`2019–22`) is read in the same century;
/// a school or season year (`Läsåret 2025/26`) spans its two years.
pub fn span(text: &str) -> (Option<i32>, Option<i32>) {
    let mut ys = years(text);
    // Every short end counts (`Läsåren 2026/27–2027/28` ends in 2028).
    ys.extend(short_ranges(text).map(|(_, b)| b));
    match (ys.iter().min(), ys.iter().max()) {
        (Some(&a), Some(&b)) => (Some(a), Some(b)),
        _ => (None, None),
    }
}

/// The period a title names: its year range where it has one (`Handlingsplan 2022–2025 –
/// status per mars 2024` → 2022, 2025; the other year is the report's date), else the
/// span of its years.
pub fn title_span(text: &str) -> (Option<i32>, Option<i32>) {
    match range(text) {
        Some((a, b)) => (Some(a), Some(b)),
        None => span(text),
    }
}

/// The first year range written in a text (`2022–2025`, `2022 - 2025`, `2019–22`).
pub fn range(text: &str) -> Option<(i32, i32)> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d|\d\d)\b")
            .expect("valid regex")
    });
    let caps = re.captures(text)?;
    let a: i32 = caps[1].parse().ok()?;
    let end: i32 = caps[2].parse().ok()?;
    let b = if caps[2].len() == 2 {
        a / 100 * 100 + end
    } else {
        end
    };
    (b > a).then_some((a, b))
}

/// The year a text names outside its year range (a report's date: `… 2022–2025 –
/// statusrapport per mars 2024` → 2024), the latest where there are several.
pub fn year_beside_range(text: &str) -> Option<i32> {
    let (a, b) = range(text)?;
    let mut ys = years(text);
    if let Some(i) = ys.iter().position(|&y| y == a) {
        ys.remove(i);
    }
    if let Some(i) = ys.iter().position(|&y| y == b) {
        ys.remove(i);
    }
    ys.into_iter().max()
}

/// The ranges with a two-digit end (`2019–22`, `2025/26`), as years.
fn short_ranges(text: &str) -> impl Iterator<Item = (i32, i32)> + '_ {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\b((?:19|20)\d\d)\s*([-–/])\s*(\d\d)\b").expect("valid regex")
    });
    re.captures_iter(text).filter_map(|caps| {
        let a: i32 = caps[1].parse().ok()?;
        let b: i32 = a / 100 * 100 + caps[3].parse::<i32>().ok()?;
        // With a slash only a school or season year (`2025/26`), not a year and month.
        if &caps[2] == "/" && b != a + 1 {
            return None;
        }
        Some((a, b.max(a)))
    })
}

/// Whether a heading or paragraph is a period heading: short, with a year, and nothing
/// else but period words (`2016`, `2018 - 2020`, `Våren 2021`, `År 2017:`).
pub fn is_period_heading(text: &str, vocab: &Vocabulary) -> bool {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 40 || years(text).is_empty() {
        return false;
    }
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || "-–—:/,.()".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| {
            (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                || vocab.period_words.iter().any(|p| p == w)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_headings() {
        let v = Vocabulary::builtin();
        assert_eq!(span("2018 - 2020"), (Some(2018), Some(2020)));
        assert_eq!(span("Våren 2021"), (Some(2021), Some(2021)));
        assert_eq!(span("2019–22"), (Some(2019), Some(2022)));
        assert_eq!(span("Löpande"), (None, None));
        assert_eq!(span("Läsåret 2025/26"), (Some(2025), Some(2026)));
        assert_eq!(span("Läsåren 2026/27–2027/28"), (Some(2026), Some(2028)));
        assert_eq!(
            span("Winters 2026/27 and 2027/28"),
            (Some(2026), Some(2028))
        );
        assert_eq!(span("Skuleåret 2024/25"), (Some(2024), Some(2025)));
        assert_eq!(span("2025/11"), (Some(2025), Some(2025)));
        assert!(is_period_heading("2016", v));
        assert!(is_period_heading("2018 - 2020", v));
        assert!(is_period_heading("Våren 2021", v));
        assert!(!is_period_heading("Handlingsplan 2016–2020", v));
        assert!(!is_period_heading("Tel 0270-750 00", v));
        let report = "Handlingsplan for klima 2022–2025 – status per mars 2024";
        assert_eq!(title_span(report), (Some(2022), Some(2025)));
        assert_eq!(year_beside_range(report), Some(2024));
        assert_eq!(
            title_span("Uppföljning 2024 av planen"),
            (Some(2024), Some(2024))
        );
        assert_eq!(title_span("Plan 2019–22"), (Some(2019), Some(2022)));
        assert_eq!(year_beside_range("Plan 2023–2026"), None);
    }
}
