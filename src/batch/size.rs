//! Sizes as people write them on the command line (`2G`, `512M`, `1.5GiB`) and as
//! messages show them (`2 GiB`).

/// Parses a size: a number with an optional unit `K`, `M`, `G`, `T` (powers of 1024;
/// `KB`, `KiB`, `MB`, … alike), or plain bytes.
pub fn parse(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 2G, 512M)"))?;
    let unit = unit.trim().to_ascii_uppercase();
    let shift = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return Err(format!("`{text}` has an unknown unit (use K, M, G or T)")),
    };
    let bytes = number * (1u64 << shift) as f64;
    if !(1.0..=u64::MAX as f64).contains(&bytes) {
        return Err(format!("`{text}` is not a usable size"));
    }
    Ok(bytes as u64)
}

/// Shows a size in the largest binary unit that keeps it readable (`2 GiB`, `300 MiB`).
pub fn show(bytes: u64) -> String {
    for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] {
        let whole = 1u64 << shift;
        if bytes >= whole {
            let value = bytes as f64 / whole as f64;
            return if (value - value.round()).abs() < 0.05 {
                format!("{} {unit}", value.round())
            } else {
                format!("{value:.1} {unit}")
            };
        }
    }
    format!("{bytes} B")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_show() {
        assert_eq!(parse("2G"), Ok(2 << 30));
        assert_eq!(parse("512M"), Ok(512 << 20));
        assert_eq!(parse("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse("100"), Ok(100));
        assert!(parse("lots").is_err());
        assert!(parse("2Q").is_err());
        assert_eq!(show(2 << 30), "2 GiB");
        assert_eq!(show(3 << 29), "1.5 GiB");
        assert_eq!(show(300 << 20), "300 MiB");
    }
}
