//! CMaps: `ToUnicode` tables (`bfchar`, `bfrange`) and code space ranges, parsed from
//! their PostScript-like text. Only the operators that carry mappings are read.

use std::collections::HashMap;

/// A parsed CMap: code → Unicode text, and the byte lengths codes may have.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    map: HashMap<u32, String>,
    /// (byte length, low, high) of each code space range.
    pub codespaces: Vec<(usize, u32, u32)>,
    /// `cidchar`/`cidrange` mappings (code → CID) of an embedded encoding CMap.
    pub cids: Vec<(u32, u32, u32)>,
}

/// Largest number of codes one `bfrange` may expand to.
const RANGE_LIMIT: u32 = 65_536;

#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Int(i64),
    Word(String),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| start + p);
                let digits: Vec<u8> = data[start..end]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                let mut bytes = Vec::with_capacity(digits.len() / 2 + 1);
                for pair in digits.chunks(2) {
                    let hi = (pair[0] as char).to_digit(16).unwrap_or(0);
                    let lo = pair
                        .get(1)
                        .and_then(|b| (*b as char).to_digit(16))
                        .unwrap_or(0);
                    bytes.push((hi * 16 + lo) as u8);
                }
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings occur in headers only; skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b"<>[]()% \t\r\n\x0c/".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let word = String::from_utf8_lossy(&data[start..i]).into_owned();
                match word.parse::<i64>() {
                    Ok(n) => out.push(Token::Int(n)),
                    Err(_) => out.push(Token::Word(word)),
                }
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

/// UTF-16BE bytes to a string (lone surrogates dropped).
pub fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| ((p[0] as u16) << 8) | *p.get(1).unwrap_or(&0) as u16)
        .collect();
    char::decode_utf16(units).filter_map(Result::ok).collect()
}

impl CMap {
    /// Parses CMap text.
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut cmap = CMap::default();
        let mut i = 0;
        while i < toks.len() {
            let Token::Word(w) = &toks[i] else {
                i += 1;
                continue;
            };
            i += 1;
            match w.as_str() {
                "begincodespacerange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        cmap.codespaces
                            .push((lo.len().clamp(1, 4), code_of(lo), code_of(hi)));
                        i += 2;
                    }
                }
                "beginbfchar" => {
                    while let (Some(Token::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                        match dst {
                            Token::Hex(d) => {
                                cmap.map.insert(code_of(src), utf16be(d));
                            }
                            Token::Word(name) => {
                                if let Some(c) = super::encoding::glyph_to_unicode(name) {
                                    cmap.map.insert(code_of(src), c.to_string());
                                }
                            }
                            _ => break,
                        }
                        i += 2;
                    }
                }
                "beginbfrange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        i += 2;
                        match toks.get(i) {
                            Some(Token::Hex(dst)) => {
                                if hi >= lo && hi - lo < RANGE_LIMIT {
                                    let base: Vec<u16> = dst
                                        .chunks(2)
                                        .map(|p| {
                                            ((p[0] as u16) << 8) | *p.get(1).unwrap_or(&0) as u16
                                        })
                                        .collect();
                                    for (k, code) in (lo..=hi).enumerate() {
                                        let mut units = base.clone();
                                        if let Some(last) = units.last_mut() {
                                            *last = last.wrapping_add(k as u16);
                                        }
                                        let s: String = char::decode_utf16(units)
                                            .filter_map(Result::ok)
                                            .collect();
                                        cmap.map.insert(code, s);
                                    }
                                }
                                i += 1;
                            }
                            Some(Token::Open) => {
                                i += 1;
                                let mut code = lo;
                                while let Some(Token::Hex(d)) = toks.get(i) {
                                    if code <= hi {
                                        cmap.map.insert(code, utf16be(d));
                                    }
                                    code = code.saturating_add(1);
                                    i += 1;
                                }
                                if toks.get(i) == Some(&Token::Close) {
                                    i += 1;
                                }
                            }
                            _ => break,
                        }
                    }
                }
                "begincidrange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(Token::Int(cid))) =
                        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                    {
                        cmap.cids
                            .push((code_of(lo), code_of(hi), (*cid).max(0) as u32));
                        i += 3;
                    }
                }
                "begincidchar" => {
                    while let (Some(Token::Hex(c)), Some(Token::Int(cid))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let c = code_of(c);
                        cmap.cids.push((c, c, (*cid).max(0) as u32));
                        i += 2;
                    }
                }
                _ => {}
            }
        }
        cmap
    }

    /// The text a code maps to.
    pub fn get(&self, code: u32) -> Option<&str> {
        self.map.get(&code).map(String::as_str)
    }

    /// Whether the CMap maps anything.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The CID of a code under `cidrange`/`cidchar` mappings.
    pub fn cid(&self, code: u32) -> Option<u32> {
        self.cids
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
            .map(|(lo, _, cid)| cid + (code - lo))
    }

    /// How many bytes the code starting at `bytes` takes under the code space ranges
    /// (`default` when the CMap declares none).
    pub fn code_len(&self, bytes: &[u8], default: usize) -> usize {
        if self.codespaces.is_empty() {
            return default;
        }
        for len in 1..=4 {
            if bytes.len() < len {
                break;
            }
            let code = code_of(&bytes[..len]);
            if self
                .codespaces
                .iter()
                .any(|(l, lo, hi)| *l == len && (*lo..=*hi).contains(&code))
            {
                return len;
            }
        }
        default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bfchar_and_bfrange() {
        let data = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0024> <00C5> endbfchar
            2 beginbfrange <0041> <0043> <0061> <0050> <0051> [<00E6> <00F8>] endbfrange";
        let c = CMap::parse(data);
        assert_eq!(c.get(3), Some(" "));
        assert_eq!(c.get(0x24), Some("Å"));
        assert_eq!(c.get(0x42), Some("b"));
        assert_eq!(c.get(0x51), Some("ø"));
        assert_eq!(c.code_len(&[0, 3], 1), 2);
    }
}
