//! The PDF text layer against poppler's `pdftotext` (issue 11, "PDF: faithful text"):
//! for every PDF under `fixtures/` and `tests/data/`, and under `../shared/bench` where
//! that folder exists, the words of planlift's text (headings, paragraphs, table cells,
//! margin texts) are compared with the words `pdftotext` prints, and the differences
//! that matter are counted: a word of `pdftotext` that planlift splits in two (`Ful` `l`
//! where `pdftotext` has `Full`), and two words of `pdftotext` (on one of its lines)
//! that planlift glues into one.
//!
//! Words are compared as multisets per document, each word normalised: NFC, lower
//! case, letters and digits only (punctuation at its ends and inside it dropped, so
//! `foo-bar` and `foobar` are one word), a word hyphenated at a line's end joined with
//! the next line's first word. A split is two adjacent words of one of planlift's lines,
//! both more often in planlift's text than in `pdftotext`'s, whose concatenation is a
//! word of `pdftotext`'s missing from planlift's; a glued word the other way round. Only
//! words on one line are paired, so a table cell's text wrapped over lines, which
//! `pdftotext` prints interleaved with the other cells of the row, is not counted.
//!
//! Measured (pdftotext 22.12): the repository's PDFs (fixtures/, tests/data/):
//! 50 of 59 compared (the others unreadable to one of the two), 11 518 words, 5 split,
//! 0 glued (0.043 %); ../shared/bench: 118 PDFs, 122 400 words, 17 split, 9 glued
//! (0.021 %; 76 split before a glyph's Unicode kept white space around its character
//! out and a space of another line drawn across a word stopped splitting it). The
//! bounds below sit just above these, so that a change that splits or glues more words
//! fails here. Without `pdftotext` the test prints why and passes.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;

/// Split and glued words per word of `pdftotext`, at most, over the repository's PDFs.
const MAX_RATE_REPO: f64 = 0.000_50;
/// The same over `../shared/bench`.
const MAX_RATE_BENCH: f64 = 0.000_22;
/// Examples shown per file.
const EXAMPLES: usize = 4;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pdfs_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pdfs_under(&p, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

/// `pdftotext`'s text of `path` (reading order, UTF-8); `None` where it fails or takes
/// over ten seconds (poppler loops on some of tests/data's hostile files).
fn pdftotext(path: &Path) -> Option<String> {
    let mut child = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let buf = reader.join().ok()?;
    status
        .success()
        .then(|| String::from_utf8_lossy(&buf).into_owned())
}

fn pdftotext_installed() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// A word as compared: NFC, lower case, letters and digits only.
fn key(word: &str) -> String {
    word.nfc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether `word` ends in a hyphen after a letter (`foo-`, a word broken at a line end).
fn hyphenated(word: &str) -> bool {
    let mut rev = word.chars().rev();
    matches!(rev.next(), Some('-' | '\u{AD}' | '\u{2010}'))
        && rev.next().is_some_and(char::is_alphabetic)
}

/// The words of `text` line by line (normalised, empty ones dropped), a word
/// hyphenated at a line's end joined with the next line's first word when that starts
/// in lower case.
fn lines_of_words(text: &str) -> Vec<Vec<String>> {
    let raw: Vec<Vec<&str>> = text
        .split(['\n', '\r', '\u{c}'])
        .map(|l| l.split_whitespace().collect())
        .collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut carry: Option<String> = None;
    for (i, line) in raw.iter().enumerate() {
        let mut words: Vec<String> = Vec::new();
        for (j, w) in line.iter().enumerate() {
            let mut w = w.to_string();
            if j == 0 {
                if let Some(c) = carry.take() {
                    if w.chars().next().is_some_and(char::is_lowercase) {
                        w = c + &w;
                    } else {
                        words.push(c);
                    }
                }
            }
            let last = j + 1 == line.len();
            let next_starts = raw.get(i + 1).and_then(|l| l.first()).is_some();
            if last && next_starts && hyphenated(&w) {
                carry = Some(w);
            } else {
                words.push(w);
            }
        }
        if let Some(c) = carry.take().filter(|_| line.is_empty()) {
            words.push(c);
        }
        let words: Vec<String> = words
            .iter()
            .map(|w| key(w))
            .filter(|k| !k.is_empty())
            .collect();
        if !words.is_empty() {
            out.push(words);
        }
    }
    if let Some(c) = carry {
        out.push(vec![key(&c)]);
    }
    out
}

fn tally(lines: &[Vec<String>]) -> HashMap<&str, i64> {
    let mut m = HashMap::new();
    for w in lines.iter().flatten() {
        *m.entry(w.as_str()).or_insert(0) += 1;
    }
    m
}

/// How the words of one document differ.
#[derive(Default)]
struct Diff {
    /// Words of `pdftotext`.
    words: usize,
    /// `pdftotext`'s words that planlift splits: (`pdftotext` word, planlift's two).
    split: Vec<(String, String, String)>,
    /// `pdftotext`'s word pairs that planlift glues: (its two, planlift's word).
    glued: Vec<(String, String, String)>,
}

/// Pairs of adjacent words of `lines` that are over-represented (more in `lines`' text
/// than in the other's: `surplus` > 0) and whose concatenation is under-represented
/// in it (`surplus` < 0); each found pair uses up one of each.
fn pairs_joined(
    lines: &[Vec<String>],
    surplus: &mut HashMap<String, i64>,
) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for line in lines {
        let mut j = 0;
        while j + 1 < line.len() {
            let (a, b) = (&line[j], &line[j + 1]);
            let joined = format!("{a}{b}");
            let extra = |w: &str, s: &HashMap<String, i64>| s.get(w).copied().unwrap_or(0);
            let both = if a == b {
                extra(a, surplus) >= 2
            } else {
                extra(a, surplus) >= 1 && extra(b, surplus) >= 1
            };
            if both && extra(&joined, surplus) <= -1 {
                *surplus.get_mut(a.as_str()).unwrap() -= 1;
                *surplus.get_mut(b.as_str()).unwrap() -= 1;
                *surplus.get_mut(joined.as_str()).unwrap() += 1;
                found.push((a.clone(), b.clone(), joined));
                j += 2;
            } else {
                j += 1;
            }
        }
    }
    found
}

fn compare(planlift: &[Vec<String>], poppler: &[Vec<String>]) -> Diff {
    let (ours, theirs) = (tally(planlift), tally(poppler));
    // planlift's count minus pdftotext's, per word.
    let mut surplus: HashMap<String, i64> = HashMap::new();
    for (w, n) in &ours {
        *surplus.entry(w.to_string()).or_insert(0) += n;
    }
    for (w, n) in &theirs {
        *surplus.entry(w.to_string()).or_insert(0) -= n;
    }
    let split = pairs_joined(planlift, &mut surplus)
        .into_iter()
        .map(|(a, b, j)| (j, a, b))
        .collect();
    let mut deficit: HashMap<String, i64> = surplus.into_iter().map(|(w, n)| (w, -n)).collect();
    let glued = pairs_joined(poppler, &mut deficit);
    Diff {
        words: poppler.iter().map(Vec::len).sum(),
        split,
        glued,
    }
}

/// The words of planlift's text of `path`; `None` where planlift cannot read it.
fn planlift_words(path: &Path) -> Option<Vec<Vec<String>>> {
    let bytes = std::fs::read(path).ok()?;
    let texts =
        planlift::__private_for_tests::texts_of_bytes(planlift::Format::Pdf, &bytes).ok()?;
    Some(texts.iter().flat_map(|t| lines_of_words(t)).collect())
}

/// Compares every PDF of `dirs`, prints a report and returns (words, split, glued).
fn measure(label: &str, dirs: &[PathBuf]) -> (usize, usize, usize) {
    let mut files = Vec::new();
    for d in dirs {
        pdfs_under(d, &mut files);
    }
    let next = AtomicUsize::new(0);
    let rows = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(f) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Some(text) = pdftotext(f) else { continue };
                    let Some(ours) = planlift_words(f) else {
                        continue;
                    };
                    let d = compare(&ours, &lines_of_words(&text));
                    rows.lock().unwrap().push((f, d));
                }
            });
        }
    });
    let mut rows = rows.into_inner().unwrap();
    let words: usize = rows.iter().map(|(_, d)| d.words).sum();
    let compared = rows.len();
    rows.sort_by_key(|(f, d)| (std::cmp::Reverse(d.split.len() + d.glued.len()), *f));
    let split: usize = rows.iter().map(|(_, d)| d.split.len()).sum();
    let glued: usize = rows.iter().map(|(_, d)| d.glued.len()).sum();
    eprintln!(
        "{label}: {compared} of {} PDFs compared, {words} words of pdftotext, {split} split, \
         {glued} glued ({:.4} %)",
        files.len(),
        rate(split + glued, words) * 100.0
    );
    for (f, d) in rows
        .iter()
        .filter(|(_, d)| !d.split.is_empty() || !d.glued.is_empty())
    {
        let name = f.strip_prefix(root()).unwrap_or(f);
        eprintln!(
            "  {}: {} words, {} split, {} glued",
            name.display(),
            d.words,
            d.split.len(),
            d.glued.len()
        );
        for (w, a, b) in d.split.iter().take(EXAMPLES) {
            eprintln!("    split: {w:?} read as {a:?} {b:?}");
        }
        for (a, b, w) in d.glued.iter().take(EXAMPLES) {
            eprintln!("    glued: {a:?} {b:?} read as {w:?}");
        }
    }
    (words, split, glued)
}

fn rate(n: usize, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        n as f64 / words as f64
    }
}

#[test]
fn text_layer_splits_and_glues_no_more_words_than_measured() {
    if !pdftotext_installed() {
        eprintln!("text_layer skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let root = root();
    let (words, split, glued) = measure(
        "fixtures/ and tests/data/",
        &[root.join("fixtures"), root.join("tests/data")],
    );
    assert!(words > 10_000, "the repository's PDFs were compared");
    let r = rate(split + glued, words);
    assert!(
        r <= MAX_RATE_REPO,
        "the repository's PDFs: {split} split and {glued} glued of {words} words \
         ({r:.5}) exceeds {MAX_RATE_REPO}"
    );
    let bench = root.join("../shared/bench");
    if !bench.is_dir() {
        eprintln!(
            "text_layer: {} is absent; its PDFs skipped",
            bench.display()
        );
        return;
    }
    let (words, split, glued) = measure("../shared/bench", &[bench]);
    let r = rate(split + glued, words);
    assert!(
        r <= MAX_RATE_BENCH,
        "../shared/bench: {split} split and {glued} glued of {words} words \
         ({r:.5}) exceeds {MAX_RATE_BENCH}"
    );
}

#[test]
fn the_comparison_finds_split_and_glued_words() {
    let ours = lines_of_words("Ful l text here\nwordsglued ok\nhyphen-\nated");
    let theirs = lines_of_words("Full text here\nwords glued ok\nhyphenated");
    let d = compare(&ours, &theirs);
    assert_eq!(d.split, vec![("full".into(), "ful".into(), "l".into())]);
    assert_eq!(
        d.glued,
        vec![("words".into(), "glued".into(), "wordsglued".into())]
    );
    // A word that is both split and also present whole elsewhere in equal measure is
    // not counted; neither are words only on different lines.
    let ours = lines_of_words("in to\ninto");
    let theirs = lines_of_words("in to\ninto");
    let d = compare(&ours, &theirs);
    assert!(d.split.is_empty() && d.glued.is_empty());
    let ours = lines_of_words("Ful\nl");
    let theirs = lines_of_words("Full");
    assert!(compare(&ours, &theirs).split.is_empty());
}
