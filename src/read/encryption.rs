//! Recognising password-protected office files, so they fail with
//! [`ReadError::Encrypted`] instead of a confusing "not a zip" or a garbled parse.
//!
//! An encrypted Office Open XML file (docx, xlsx) is not a zip at all: it is an OLE
//! compound file (magic `D0 CF 11 E0 A1 B1 1A E1`) holding an `EncryptionInfo` and an
//! `EncryptedPackage` stream. An encrypted OpenDocument file stays a zip, but its
//! `META-INF/manifest.xml` gives each encrypted member a `manifest:encryption-data`.

use quick_xml::events::Event;
use quick_xml::Reader as XmlReader;

use super::package::Package;
use crate::error::ReadError;

/// The first bytes of every OLE compound file.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Refuses an OLE compound file where an Office Open XML package (zip) is expected:
/// [`ReadError::Encrypted`] when it holds an `EncryptedPackage` stream, otherwise
/// [`ReadError::NotFormat`] (an old binary Office file under a new extension). Other
/// bytes pass.
pub fn refuse_ole(bytes: &[u8]) -> Result<(), ReadError> {
    if !bytes.starts_with(&OLE_MAGIC) {
        return Ok(());
    }
    if has_stream_name(bytes, "EncryptedPackage") {
        return Err(ReadError::Encrypted);
    }
    Err(ReadError::NotFormat {
        expected: "Office Open XML",
        detail: "an OLE compound file (an Office 97-2003 file under a new extension?)".into(),
    })
}

/// Whether a compound file's directory names a stream `name` (directory entries store
/// names as UTF-16LE, so the encoded name is looked for in the file's bytes).
fn has_stream_name(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Refuses an OpenDocument package whose manifest declares encrypted members.
pub fn refuse_encrypted_manifest(package: &mut Package) -> Result<(), ReadError> {
    let Some(manifest) = package.read("META-INF/manifest.xml")? else {
        return Ok(());
    };
    let mut reader = XmlReader::from_reader(&manifest[..]);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == b"encryption-data" =>
            {
                return Err(ReadError::Encrypted);
            }
            // A broken manifest is not our concern here: content.xml decides.
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ole_with_encrypted_package_is_encrypted() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.extend(vec![0u8; 100]);
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let plain = bytes.clone();
        bytes.extend(name);
        assert!(matches!(refuse_ole(&bytes), Err(ReadError::Encrypted)));
        assert!(matches!(
            refuse_ole(&plain),
            Err(ReadError::NotFormat { .. })
        ));
        assert!(refuse_ole(b"PK\x03\x04").is_ok());
    }
}
