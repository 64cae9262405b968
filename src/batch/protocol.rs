//! Frames between the batch and its workers: a little-endian `u32` length, then that
//! many bytes of JSON (a [`super::Task`] one way, a [`super::Reply`] the other).

use std::io::{Read, Write};

/// Largest frame accepted (a reply holds one document's records).
pub const FRAME_LIMIT: usize = 1 << 30;

/// Writes one value as a frame and flushes.
pub fn send<T: serde::Serialize>(out: &mut impl Write, value: &T) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    let len = u32::try_from(bytes.len()).map_err(|_| std::io::Error::other("frame too large"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&bytes)?;
    out.flush()
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
