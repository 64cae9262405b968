//! Open Packaging Conventions relationships (`_rels/*.rels`): how a docx or xlsx package
//! names its parts. A part is found through the relationship that points at it, never by
//! a fixed name, so packages whose parts have other names (`word/document2.xml`) read.

use quick_xml::events::Event;
use quick_xml::Reader as XmlReader;

use super::package::Package;
use super::xml_guard;
use crate::error::ReadError;

/// Most relationships one part may declare.
const RELATIONSHIP_LIMIT: usize = 10_000;

/// One relationship from a part (or the package) to another part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// The relationship type's last path segment (`officeDocument`, `styles`, `header` …).
    pub kind: String,
    /// The target's part name inside the package (resolved, no leading `/`).
    pub target: String,
    /// The relationship's id (`rId5`), by which the source part names it.
    pub id: String,
}

/// The relationships of `part` (`""` for the package itself), from its `.rels` part;
/// empty when there is none. External targets (hyperlinks) are left out.
pub fn of_part(
    package: &mut Package,
    part: &str,
    format: &'static str,
) -> Result<Vec<Relationship>, ReadError> {
    let (dir, file) = split(part);
    let rels_name = format!("{dir}_rels/{file}.rels");
    let Some(xml) = package.read(&rels_name)? else {
        return Ok(Vec::new());
    };
    xml_guard::check(&xml, &rels_name, format)?;
    let mut reader = XmlReader::from_reader(&xml[..]);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| ReadError::malformed(format, format!("{rels_name}: {e}")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e)
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let mut kind = String::new();
                let mut target = String::new();
                let mut id = String::new();
                let mut external = false;
                for a in e.attributes().flatten() {
                    let value = a.unescape_value().unwrap_or_default();
                    match a.key.as_ref() {
                        b"Type" => kind = value.rsplit('/').next().unwrap_or("").to_string(),
                        b"Target" => target = value.into_owned(),
                        b"Id" => id = value.into_owned(),
                        b"TargetMode" => external = value.eq_ignore_ascii_case("External"),
                        _ => {}
                    }
                }
                if !external && !target.is_empty() {
                    if out.len() >= RELATIONSHIP_LIMIT {
                        return Err(ReadError::Limit(format!(
                            "{rels_name} declares more than {RELATIONSHIP_LIMIT} relationships"
                        )));
                    }
                    out.push(Relationship {
                        kind,
                        target: resolve(dir, &target),
                        id,
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// `word/document.xml` → (`word/`, `document.xml`); `""` → (`""`, `""`).
fn split(part: &str) -> (&str, &str) {
    match part.rfind('/') {
        Some(i) => (&part[..=i], &part[i + 1..]),
        None => ("", part),
    }
}

/// A relationship target resolved against the source part's folder `dir`: absolute
/// targets (`/word/styles.xml`) from the package root, `.` and `..` segments folded.
pub fn resolve(dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("word/", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word/", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve("word/", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document2.xml"), "word/document2.xml");
        assert_eq!(resolve("", "./word\\document.xml"), "word/document.xml");
        assert_eq!(resolve("", "../../x.xml"), "x.xml");
    }

    #[test]
    fn parts_split_into_folder_and_file() {
        assert_eq!(split("word/document.xml"), ("word/", "document.xml"));
        assert_eq!(split(""), ("", ""));
    }
}
