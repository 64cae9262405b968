//! Status given as a coloured sign (a `●` set in green, amber or red), read through the
//! document's legend, in a web page written by hand as a municipal CMS publishes it.

mod common;

use common::{extract, read_json};

const EXPECTED: [(&str, &str); 3] = [
    ("done", "#00B050"),
    ("in_progress", "#FFC000"),
    ("not_started", "#C00000"),
];

fn statuses(dir: &std::path::Path) -> Vec<(String, String)> {
    read_json(dir, "activities.json")
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["status"].as_str().unwrap_or("-").to_string(),
                a["status_raw"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

#[test]
fn coloured_signs_are_read_through_the_legend() {
    let dir = tempfile::tempdir().unwrap();
    let page = r##"<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Uppföljning av folkhälsoplanen 2025 – Exempelås kommun</title></head><body>
<nav><a href="/">Start</a> › <a href="/folkhalsa">Folkhälsa</a></nav>
<h1>Uppföljning av folkhälsoplanen 2025</h1>
<p>Förklaring: <span style="color:#00B050">●</span> grön = genomförd,
<span style="color:#FFC000">●</span> gul = pågår, <span style="color:#C00000">●</span> röd = ej påbörjad</p>
<table border="1">
<tr><th>Nr</th><th>Åtgärd</th><th>Ansvarig</th><th>Status</th></tr>
<tr><td>1</td><td>Öppna fler mötesplatser för äldre</td><td>Omsorgsförvaltningen</td><td style="color:#00B050">●</td></tr>
<tr><td>2</td><td>Rökfria skolgårdar</td><td>Utbildningsförvaltningen</td><td><span style="color:#FFC000">●</span></td></tr>
<tr><td>3</td><td>Simskola för nyanlända</td><td>Kultur- och fritidsförvaltningen</td><td><font color="#C00000">●</font></td></tr>
</table>
<footer>Exempelås kommun · 0000-00 00 00</footer></body></html>"##;
    let path = dir.path().join("uppfoljning.html");
    std::fs::write(&path, page).unwrap();
    let (out, result) = extract(&[&path], &[]);
    assert_eq!(result.status.code(), Some(0), "{result:?}");
    let want: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|(s, r)| (s.to_string(), r.to_string()))
        .collect();
    assert_eq!(statuses(out.path()), want);
    // The same page printed by Chromium: the signs' colours come from the PDF's text fill.
    let pdf = dir.path().join("uppfoljning.pdf");
    let profile = tempfile::tempdir().unwrap();
    let Some(mut chromium) = common::headless_chromium(profile.path()) else {
        eprintln!("skipped the PDF half: no Chromium on this machine (CI installs it)");
        return;
    };
    let printed = chromium
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&path)
        .output()
        .unwrap();
    assert!(pdf.exists(), "{printed:?}");
    let (out, result) = extract(&[&pdf], &[]);
    assert_eq!(result.status.code(), Some(0), "{result:?}");
    assert_eq!(statuses(out.path()), want);
}
