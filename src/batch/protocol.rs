//! Frames between the batch and its workers: a little-endian `u32` length, then that
//! many bytes: the JSON of a [`super::Task`] one way, a [`super::Reply`] the other
//! ([`encode_reply`]: the texts of a file's raw tables as they are, the rest as JSON).

use std::io::{Read, Write};

use super::Reply;
use crate::api::TableFiles;

/// Largest frame accepted (a reply holds one document's records).
pub const FRAME_LIMIT: usize = 1 << 30;

/// Writes one value as a frame of JSON and flushes.
pub fn send<T: serde::Serialize>(out: &mut impl Write, value: &T) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    send_bytes(out, &bytes)
}

/// Writes one frame of `bytes` and flushes.
pub fn send_bytes(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(|_| std::io::Error::other("frame too large"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)?;
    out.flush()
}

/// First byte of a reply frame whose rest is JSON.
const JSON: u8 = b'J';
/// First byte of a reply frame that holds a file's raw tables: a `u32` count of texts,
/// then each text as a `u32` length and its bytes (the source file, the JSON, the CSVs).
const TABLES: u8 = b'T';

/// A reply as frame bytes. A file's raw tables are texts already (a JSON and CSVs):
/// they go as they are, not escaped into a JSON string and parsed back.
pub fn encode_reply(reply: &Reply) -> std::io::Result<Vec<u8>> {
    if let Reply::Tables(Ok(files)) = reply {
        let texts = [files.source_file.as_str(), files.json.as_str()]
            .into_iter()
            .chain(files.csvs.iter().map(String::as_str));
        let total: usize = texts.clone().map(|t| t.len() + 4).sum();
        let mut out = Vec::with_capacity(5 + total);
        out.push(TABLES);
        let count = u32::try_from(files.csvs.len() + 2).map_err(std::io::Error::other)?;
        out.extend(count.to_le_bytes());
        for text in texts {
            let len = u32::try_from(text.len()).map_err(std::io::Error::other)?;
            out.extend(len.to_le_bytes());
            out.extend(text.as_bytes());
        }
        return Ok(out);
    }
    let mut out = vec![JSON];
    serde_json::to_writer(&mut out, reply).map_err(std::io::Error::other)?;
    Ok(out)
}

/// The reply in frame bytes made by [`encode_reply`].
pub fn decode_reply(bytes: &[u8]) -> std::io::Result<Reply> {
    let broken = || std::io::Error::other("broken tables reply");
    match bytes.split_first() {
        Some((&JSON, json)) => decode(json),
        Some((&TABLES, mut rest)) => {
            fn take<'b>(rest: &mut &'b [u8], n: usize) -> Option<&'b [u8]> {
                let (head, tail) = rest.split_at_checked(n)?;
                *rest = tail;
                Some(head)
            }
            fn number(rest: &mut &[u8]) -> Option<usize> {
                let b: [u8; 4] = take(rest, 4)?.try_into().ok()?;
                Some(u32::from_le_bytes(b) as usize)
            }
            let count = number(&mut rest).ok_or_else(broken)?;
            let mut texts = Vec::new();
            for _ in 0..count {
                let len = number(&mut rest).ok_or_else(broken)?;
                let text = take(&mut rest, len).ok_or_else(broken)?;
                let text = std::str::from_utf8(text).map_err(std::io::Error::other)?;
                texts.push(text.to_string());
            }
            if texts.len() < 2 {
                return Err(broken());
            }
            let csvs = texts.split_off(2);
            let json = texts.pop().unwrap_or_default();
            let source_file = texts.pop().unwrap_or_default();
            Ok(Reply::Tables(Ok(TableFiles {
                source_file,
                json,
                csvs,
            })))
        }
        _ => Err(std::io::Error::other("reply frame of an unknown kind")),
    }
}

/// Reads one frame's bytes; `Ok(None)` at a clean end of stream.
pub fn receive_bytes(input: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > FRAME_LIMIT {
        return Err(std::io::Error::other(format!("frame of {len} bytes")));
    }
    let mut bytes = vec![0u8; len];
    input.read_exact(&mut bytes)?;
    Ok(Some(bytes))
}

/// Decodes a frame's bytes.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> std::io::Result<T> {
    serde_json::from_slice(bytes).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_round_trip() {
        let tables = Reply::Tables(Ok(TableFiles {
            source_file: "a/b.xlsx".into(),
            json: "{\"tables\": []}\n".into(),
            csvs: vec!["a,\"ø\"\n".into(), String::new()],
        }));
        let failed = Reply::Tables(Err("b.xlsx: broken".into()));
        for reply in [tables, failed] {
            let back = decode_reply(&encode_reply(&reply).unwrap()).unwrap();
            assert_eq!(format!("{back:?}"), format!("{reply:?}"));
        }
        let bytes = encode_reply(&Reply::Tables(Ok(TableFiles {
            source_file: "x".into(),
            json: "{}".into(),
            csvs: vec!["1".into()],
        })))
        .unwrap();
        // Cut short, or of no known kind: an error, never a panic.
        for n in 0..bytes.len() {
            assert!(decode_reply(&bytes[..n]).is_err());
        }
        assert!(decode_reply(b"Q{}").is_err());
    }

    #[test]
    fn frames_round_trip_and_end_cleanly() {
        let mut buf = Vec::new();
        send(&mut buf, &vec!["a", "ø"]).unwrap();
        send(&mut buf, &7u32).unwrap();
        let mut r = buf.as_slice();
        let a: Vec<String> = decode(&receive_bytes(&mut r).unwrap().unwrap()).unwrap();
        assert_eq!(a, ["a", "ø"]);
        let b: u32 = decode(&receive_bytes(&mut r).unwrap().unwrap()).unwrap();
        assert_eq!(b, 7);
        assert!(receive_bytes(&mut r).unwrap().is_none());
    }
}
