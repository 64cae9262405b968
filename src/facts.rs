//! Document-level facts: municipality and its code, country, language, title, kind and
//! the plan's own period, inferred from the document and overridden by the manifest.

use crate::interpret::Interpretation;
use crate::model::{Block, Document};
use crate::normalize::{language, municipality, period};
use crate::vocab::Vocabulary;

/// Values a manifest row gives for a file; each wins over what is inferred.
///
/// ```
/// let over = planlift::Overrides { municipality_code: Some("0880".into()), period: Some("2016–2020".into()), ..Default::default() };
/// # let _ = over;
/// ```
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Overrides {
    /// Municipality name.
    pub municipality: Option<String>,
    /// Official code.
    pub municipality_code: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// ISO 639-1.
    pub language: Option<String>,
    /// Title.
    pub document_title: Option<String>,
    /// The plan period as written (`2016–2020`).
    pub period: Option<String>,
}

/// The facts of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Municipality name without *kommun*.
    pub municipality: Option<String>,
    /// Official code.
    pub municipality_code: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// `action_plan`, `status_report`, `strategy`, `other`.
    pub kind: String,
    /// First year of the plan period.
    pub period_start: Option<i32>,
    /// Last year of the plan period.
    pub period_end: Option<i32>,
}

/// Every text of the document in reading order, table cells included.
fn all_texts(doc: &Document) -> Vec<&str> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Table(t) => out.extend(t.cells.iter().map(|c| c.text.as_str())),
            other => out.extend(other.text()),
        }
    }
    out
}

/// The document's language: the manifest's, else the one its texts are written in.
pub fn language(doc: &Document, over: &Overrides) -> Option<String> {
    over.language
        .clone()
        .or_else(|| language::detect(&all_texts(doc).join("\n")).map(String::from))
}

/// Whether the line under the title says the document reports on the plan the title
/// names (`Handleplan mod hjemløshed 2024–2025` over `Status pr. 31. december 2024`): the
/// first text after the title, among the document's opening texts, is short and its
/// words name a report (`status`, `uppföljning`, `lägesrapport`).
fn subtitle_reports(texts: &[&str], title: Option<&str>, vocab: &Vocabulary) -> bool {
    const OPENING: usize = 12;
    let Some(title) = title.map(crate::text::collapse) else {
        return false;
    };
    let mut rest = texts
        .iter()
        .take(OPENING)
        .map(|t| crate::text::collapse(t))
        .skip_while(|t| *t != title)
        .skip(1)
        .filter(|t| !t.is_empty());
    rest.next().is_some_and(|sub| {
        sub.split_whitespace().count() <= 8 && vocab.kind_of_title(&sub) == Some("status_report")
    })
}

/// The kind the closing part of a title names, after its last dash or colon: the
/// document is what its subtitle says (`Biblioteksstrategi 2026–2028 – handleplan` is
/// an action plan, `Action Plan 2024–2026: Progress Report 2025` a status report).
fn closing_kind<'v>(title: &str, vocab: &'v Vocabulary) -> Option<&'v str> {
    let cut = [" – ", " — ", " - ", ": "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| i + sep.len()))
        .max()?;
    vocab.kind_of_title(&title[cut..])
}

/// Infers the facts (`language` from [`language`]), then applies the overrides.
pub fn infer(
    doc: &Document,
    interp: &Interpretation,
    activities: usize,
    source_file: &str,
    over: &Overrides,
    vocab: &Vocabulary,
    language: Option<String>,
) -> Facts {
    let texts = all_texts(doc);
    let title = over.document_title.clone().or_else(|| interp.title.clone());
    let mut weighted: Vec<(&str, usize)> = Vec::new();
    if let Some(t) = &title {
        weighted.push((t.as_str(), 10));
    }
    weighted.extend(doc.margin_texts.iter().map(|t| (t.as_str(), 5)));
    weighted.extend(
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, if i < 30 { 2 } else { 1 })),
    );
    let (period_start, period_end) = match over.period.as_deref().or(title.as_deref()) {
        Some(p) => period::title_span(p),
        None => (None, None),
    };
    let kind = title
        .as_deref()
        .and_then(|t| closing_kind(t, vocab))
        .map(String::from)
        .or_else(|| {
            subtitle_reports(&texts, title.as_deref(), vocab).then(|| "status_report".to_string())
        })
        .or_else(|| {
            title
                .as_deref()
                .and_then(|t| vocab.kind_of_title(t))
                .map(String::from)
        })
        .unwrap_or_else(|| {
            if activities > 0 {
                "action_plan".into()
            } else {
                "other".into()
            }
        });
    // The code valid when the document was written: a plan is written before or as its
    // period starts (a 2022–2025 plan of a municipality renumbered in 2024 carries the
    // old number); a report in the year its title names beside the plan's period
    // (`… 2022–2025 – status per mars 2024`), else as the period starts.
    let report_year = match kind.as_str() {
        "status_report" => title.as_deref().and_then(period::year_beside_range),
        _ => None,
    };
    let year = report_year.or(period_start).or(period_end).or_else(|| {
        title
            .as_deref()
            .and_then(|t| period::years(t).into_iter().max())
    });
    let found = match &over.municipality {
        Some(_) => None,
        None => municipality::resolve(
            weighted,
            Some(source_file),
            municipality::Hints {
                language: language.as_deref(),
                year,
            },
        ),
    };
    let municipality = over
        .municipality
        .clone()
        .or_else(|| found.as_ref().map(|f| f.name.clone()));
    let known = match (&over.municipality, &found) {
        (Some(name), _) => municipality::code_of(name, year),
        (None, Some(f)) => f.country.clone().zip(f.code.clone()),
        (None, None) => None,
    };
    let country = over
        .country
        .clone()
        .or_else(|| found.as_ref().and_then(|f| f.country.clone()))
        .or_else(|| known.as_ref().map(|(c, _)| c.clone()))
        .or_else(|| {
            language
                .as_deref()
                .and_then(language::country_of)
                .map(String::from)
        });
    let municipality_code = over.municipality_code.clone().or_else(|| {
        match (&over.country, &municipality) {
            (Some(c), Some(name)) => municipality::code_in(name, c, year),
            _ => None,
        }
        .or_else(|| known.map(|(_, code)| code))
    });
    let (period_start, period_end) = if kind == "status_report" && over.period.is_none() {
        let ys = title.as_deref().map(period::years).unwrap_or_default();
        if ys.len() >= 2 {
            (period_start, period_end)
        } else {
            (None, None)
        }
    } else {
        (period_start, period_end)
    };
    Facts {
        municipality,
        municipality_code,
        country,
        language,
        title,
        kind,
        period_start,
        period_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_of_the_kind_its_closing_part_names() {
        let vocab = Vocabulary::builtin();
        let kind = |t: &str| closing_kind(t, vocab);
        assert_eq!(
            kind("Idrottsstrategi 2026–2030 – handlingsplan"),
            Some("action_plan")
        );
        assert_eq!(
            kind("Action Plan 2024–2026: Progress Report 2025"),
            Some("status_report")
        );
        assert_eq!(kind("Klimatplan 2026–2030 – åtgärder"), None);
        assert_eq!(kind("Klimatplan 2026–2030"), None);
    }
}
