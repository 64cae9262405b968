//! `report.html`: one self-contained page (no network, no external scripts or fonts).
//!
//! A municipalities × themes heat map and a status table with bars, both as HTML
//! tables whose every count is a button: it opens the activities behind the count (with
//! their source file and page) in the activity list below, which the municipality,
//! theme and status filters narrow too. The view is kept in the URL's fragment
//! (`#municipality=Kalmar&theme=training&status=done`), so a link or a reload shows the
//! same. The activities the list draws from are embedded as JSON, only the fields it
//! shows, with municipalities, themes and files each written once; they are the very
//! activities the counts were made from, and the list picks them by the same rules
//! (`all` every activity, `none` those without a theme), so a count and the rows it
//! opens always agree. Colours, contrast and the colour-blind checks: `palette`.

use std::collections::HashMap;
use std::fmt::Write;

use serde_json::{json, Value};

use super::palette::{self, STATUSES};
use super::{ComparisonRow, MunicipalitySummary, ALL, NONE};
use crate::record::Activity;
use crate::vocab::Status;

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn status_counts(r: &ComparisonRow) -> [usize; 6] {
    [
        r.done,
        r.in_progress,
        r.not_started,
        r.cancelled,
        r.unknown,
        r.no_status,
    ]
}

fn status_index(s: Option<Status>) -> usize {
    match s {
        Some(Status::Done) => 0,
        Some(Status::InProgress) => 1,
        Some(Status::NotStarted) => 2,
        Some(Status::Cancelled) => 3,
        Some(Status::Unknown) => 4,
        None => 5,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "activity"
    } else {
        "activities"
    }
}

/// The heat map shade (1–5) of a count, in fifths of the largest count.
fn level(n: usize, max: usize) -> usize {
    if n == 0 {
        0
    } else {
        (n * palette::HEAT.len()).div_ceil(max.max(1)).clamp(1, 5)
    }
}

/// The page. `status_from` says, activity by activity, where a status taken from a
/// follow-up was read (empty, or as long as `activities`); `counting` says in a sentence
/// what was counted (plans or files).
pub fn render(
    rows: &[ComparisonRow],
    summaries: &[MunicipalitySummary],
    activities: &[Activity],
    status_from: &[Option<String>],
    counting: &str,
) -> String {
    let municipalities: Vec<&str> = summaries
        .iter()
        .filter(|s| s.activities > 0)
        .map(|s| s.municipality.as_str())
        .collect();
    // Themes in the rows' order (taxonomy, then unknown codes), `none` last.
    let mut themes: Vec<(&str, &str)> = Vec::new();
    for r in rows.iter().filter(|r| r.theme != ALL && r.theme != NONE) {
        if !themes.iter().any(|(c, _)| *c == r.theme) {
            themes.push((r.theme.as_str(), r.theme_label.as_str()));
        }
    }
    if let Some(r) = rows.iter().find(|r| r.theme == NONE) {
        themes.push((NONE, r.theme_label.as_str()));
    }
    let by_key: HashMap<(&str, &str), &ComparisonRow> = rows
        .iter()
        .map(|r| ((r.municipality.as_str(), r.theme.as_str()), r))
        .collect();

    let mut h = String::with_capacity(64 * 1024 + activities.len() * 200);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>planlift — municipalities compared</title>\n<style>\n");
    h.push_str(&css());
    h.push_str(
        "</style></head><body>\n<a class=\"skip\" href=\"#list\">Skip to the activity list</a>\n",
    );
    h.push_str(&pattern_defs());
    h.push_str("<header>\n<h1>Municipal action plans compared</h1>\n");
    let total: usize = summaries.iter().map(|s| s.activities).sum();
    let _ = writeln!(
        h,
        "<p class=\"lead\">{total} {} from {} documents of {} municipalities, tagged with the themes of the planlift taxonomy. {}</p>",
        plural(total),
        summaries.iter().map(|s| s.documents).sum::<usize>(),
        municipalities.len(),
        esc(counting)
    );
    h.push_str("<p class=\"hint\">Every count is a button: select it to list the activities behind it, with the file and page they were read from.</p>\n</header>\n<main>\n");
    h.push_str(&heat_map(&by_key, &municipalities, &themes, total));
    h.push_str(&status_table(&by_key, summaries));
    h.push_str(&activity_list(&municipalities, &themes));
    h.push_str("</main>\n<footer><p>Written by planlift ");
    h.push_str(env!("CARGO_PKG_VERSION"));
    h.push_str(". This page needs no network: its data are inside it.</p></footer>\n");
    h.push_str("<script type=\"application/json\" id=\"report-data\">");
    h.push_str(&data_json(
        activities,
        status_from,
        &municipalities,
        &themes,
    ));
    h.push_str("</script>\n<script>\n");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body></html>\n");
    h
}

/// A count as a button that opens the activities behind it, or a plain 0.
fn count_button(
    n: usize,
    municipality: Option<&str>,
    theme: Option<&str>,
    status: Option<&str>,
    what: &str,
) -> String {
    if n == 0 {
        return "<span class=\"zero\">0</span>".into();
    }
    let mut attrs = String::new();
    for (k, v) in [
        ("municipality", municipality),
        ("theme", theme),
        ("status", status),
    ] {
        if let Some(v) = v {
            let _ = write!(attrs, " data-{k}=\"{}\"", esc(v));
        }
    }
    format!(
        "<button type=\"button\" class=\"count\"{attrs} data-count=\"{n}\" aria-label=\"{n} {}: {}\">{n}</button>",
        plural(n),
        esc(what)
    )
}

fn heat_map(
    by_key: &HashMap<(&str, &str), &ComparisonRow>,
    municipalities: &[&str],
    themes: &[(&str, &str)],
    total: usize,
) -> String {
    let count = |m: &str, t: &str| by_key.get(&(m, t)).map_or(0, |r| r.activities);
    let max = municipalities
        .iter()
        .flat_map(|m| themes.iter().map(move |(t, _)| count(m, t)))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut s = String::new();
    s.push_str(
        "<section aria-labelledby=\"h-themes\">\n<h2 id=\"h-themes\">Activities by theme</h2>\n",
    );
    s.push_str("<p class=\"legend\" id=\"heat-legend\"><span class=\"legend-title\">Activities in a cell:</span>");
    let n_levels = palette::HEAT.len();
    for l in 1..=n_levels {
        let from = (l - 1) * max / n_levels + 1;
        let to = l * max / n_levels;
        if from > to {
            continue;
        }
        let range = if from == to {
            from.to_string()
        } else {
            format!("{from}–{to}")
        };
        let _ = write!(s, " <span class=\"key h{l}\">{range}</span>");
    }
    s.push_str(" <span class=\"note\">An activity can carry several themes; “All” counts each once.</span></p>\n");
    s.push_str("<p class=\"scroll-hint\">The table scrolls sideways.</p>\n<div class=\"scroll\" role=\"region\" aria-label=\"Table of activities by municipality and theme\" tabindex=\"0\">\n<table id=\"heatmap\" class=\"heat\" aria-describedby=\"heat-legend\">\n<caption class=\"sr-only\">Activities by municipality (rows) and theme (columns)</caption>\n<thead><tr><th scope=\"col\" class=\"corner\">Municipality</th>");
    for (_, label) in themes {
        let _ = write!(
            s,
            "<th scope=\"col\" class=\"theme\"><span>{}</span></th>",
            esc(label)
        );
    }
    s.push_str(
        "<th scope=\"col\" class=\"theme all\"><span>All</span></th></tr></thead>\n<tbody>\n",
    );
    for m in municipalities {
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", esc(m));
        for (code, label) in themes {
            let n = count(m, code);
            let _ = write!(
                s,
                "<td class=\"h{}\">{}</td>",
                level(n, max),
                count_button(n, Some(m), Some(code), None, &format!("{m}, {label}"))
            );
        }
        let n = count(m, ALL);
        let _ = writeln!(
            s,
            "<td class=\"all\">{}</td></tr>",
            count_button(n, Some(m), None, None, &format!("{m}, all themes"))
        );
    }
    s.push_str("</tbody>\n<tfoot><tr><th scope=\"row\">All municipalities</th>");
    for (code, label) in themes {
        let n: usize = municipalities.iter().map(|m| count(m, code)).sum();
        let _ = write!(
            s,
            "<td>{}</td>",
            count_button(
                n,
                None,
                Some(code),
                None,
                &format!("all municipalities, {label}")
            )
        );
    }
    let _ = write!(
        s,
        "<td class=\"all\">{}</td></tr></tfoot>\n</table>\n</div>\n</section>\n",
        count_button(total, None, None, None, "all municipalities, all themes")
    );
    s
}

/// A status's swatch: a square in its colour and pattern.
fn swatch(name: &str) -> String {
    format!("<svg class=\"sw sw-{name}\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect x=\".5\" y=\".5\" width=\"15\" height=\"15\" fill=\"url(#pat-{name})\" stroke=\"{}\"/></svg>", palette::TEXT)
}

fn status_table(
    by_key: &HashMap<(&str, &str), &ComparisonRow>,
    summaries: &[MunicipalitySummary],
) -> String {
    let mut s = String::new();
    s.push_str("<section aria-labelledby=\"h-status\">\n<h2 id=\"h-status\">Status by municipality</h2>\n<ul class=\"legend status-legend\" aria-label=\"Statuses\">");
    for st in &STATUSES {
        let _ = write!(
            s,
            "<li>{}<span class=\"sign\" aria-hidden=\"true\">{}</span> {} <span class=\"pattern\">({})</span></li>",
            swatch(st.name),
            st.sign,
            st.label,
            st.pattern
        );
    }
    s.push_str("</ul>\n<p class=\"scroll-hint\">The table scrolls sideways.</p>\n<div class=\"scroll\" role=\"region\" aria-label=\"Table of statuses by municipality\" tabindex=\"0\">\n<table id=\"statuses\" class=\"statuses\">\n<caption class=\"sr-only\">Activities by municipality and status, with the number of documents and the share done</caption>\n<thead><tr><th scope=\"col\">Municipality</th><th scope=\"col\" class=\"num\">Documents</th><th scope=\"col\" class=\"barcol\">Statuses</th>");
    for st in &STATUSES {
        let _ = write!(
            s,
            "<th scope=\"col\" class=\"num\"><span class=\"key-line\">{}<span class=\"sign\" aria-hidden=\"true\">{}</span></span>{}</th>",
            swatch(st.name),
            st.sign,
            st.label
        );
    }
    s.push_str("<th scope=\"col\" class=\"num\">All</th><th scope=\"col\" class=\"num\">Done, of those with a status</th></tr></thead>\n<tbody>\n");
    let pct = |v: Option<f64>| v.map_or("–".to_string(), |x| format!("{:.0} %", x * 100.0));
    let mut totals = [0usize; 6];
    let mut documents = 0;
    for summary in summaries {
        let m = summary.municipality.as_str();
        documents += summary.documents;
        let all = by_key.get(&(m, ALL));
        let counts = all.map_or([0; 6], |r| status_counts(r));
        for (t, c) in totals.iter_mut().zip(counts) {
            *t += c;
        }
        let n = all.map_or(0, |r| r.activities);
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"barcol\">{}</td>",
            esc(m),
            summary.documents,
            bar(&counts)
        );
        for (st, c) in STATUSES.iter().zip(counts) {
            let _ = write!(
                s,
                "<td class=\"num\">{}</td>",
                count_button(
                    c,
                    Some(m),
                    None,
                    Some(st.name),
                    &format!("{m}, {}", st.label)
                )
            );
        }
        let _ = writeln!(
            s,
            "<td class=\"num all\">{}</td><td class=\"num\">{}</td></tr>",
            count_button(n, Some(m), None, None, &format!("{m}, any status")),
            pct(all.and_then(|r| r.share_done))
        );
    }
    let n: usize = totals.iter().sum();
    let with_status = n - totals[5];
    let share_done = (with_status > 0).then(|| totals[0] as f64 / with_status as f64);
    let _ = write!(
        s,
        "</tbody>\n<tfoot><tr><th scope=\"row\">All municipalities</th><td class=\"num\">{documents}</td><td class=\"barcol\">{}</td>",
        bar(&totals)
    );
    for (st, c) in STATUSES.iter().zip(totals) {
        let _ = write!(
            s,
            "<td class=\"num\">{}</td>",
            count_button(
                c,
                None,
                None,
                Some(st.name),
                &format!("all municipalities, {}", st.label)
            )
        );
    }
    let _ = write!(
        s,
        "<td class=\"num all\">{}</td><td class=\"num\">{}</td></tr></tfoot>\n</table>\n</div>\n</section>\n",
        count_button(n, None, None, None, "all municipalities, any status"),
        pct(share_done)
    );
    s
}

/// A status bar: one segment per status, its width the status's share.
fn bar(counts: &[usize; 6]) -> String {
    let n: usize = counts.iter().sum();
    let mut s = String::from("<span class=\"bar\" aria-hidden=\"true\"><svg width=\"100%\" height=\"100%\" focusable=\"false\">");
    let mut x = 0.0;
    if n > 0 {
        for (st, c) in STATUSES.iter().zip(counts) {
            if *c > 0 {
                let w = 100.0 * *c as f64 / n as f64;
                let _ = write!(
                    s,
                    "<rect x=\"{x:.2}%\" width=\"{w:.2}%\" height=\"100%\" fill=\"url(#pat-{})\" stroke=\"#fff\" stroke-width=\"1.5\"><title>{}: {c}</title></rect>",
                    st.name,
                    st.label
                );
                x += w;
            }
        }
    }
    s.push_str("</svg></span>");
    s
}

/// The status patterns, defined once: the colour, with white marks over it (grey ones
/// on the light one). SVG patterns, so that a printed page carries them as drawings.
fn pattern_defs() -> String {
    let mut s = String::from("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs>");
    for st in &STATUSES {
        let mark = if st.name == "no_status" {
            "#6b6b6b".to_string()
        } else {
            palette::tint(st.colour, 0.8)
        };
        let (size, shape) = match st.name {
            "in_progress" => (6, format!("<path d=\"M-1 1L1-1M0 6L6 0M5 7L7 5\" stroke=\"{mark}\" stroke-width=\"1.7\"/>")),
            "not_started" => (5, format!("<circle cx=\"2.5\" cy=\"2.5\" r=\"1.35\" fill=\"{mark}\"/>")),
            "cancelled" => (6, format!("<path d=\"M0 0L6 6M6 0L0 6\" stroke=\"{mark}\" stroke-width=\"1.1\"/>")),
            "unknown" => (5, format!("<rect y=\"3\" width=\"5\" height=\"2\" fill=\"{mark}\"/>")),
            "no_status" => (5, format!("<rect x=\"4\" width=\"1\" height=\"5\" fill=\"{mark}\"/>")),
            _ => (4, String::new()),
        };
        let _ = write!(
            s,
            "<pattern id=\"pat-{}\" width=\"{size}\" height=\"{size}\" patternUnits=\"userSpaceOnUse\"><rect width=\"{size}\" height=\"{size}\" fill=\"{}\"/>{shape}</pattern>",
            st.name, st.colour
        );
    }
    s.push_str("</defs></svg>\n");
    s
}

fn activity_list(municipalities: &[&str], themes: &[(&str, &str)]) -> String {
    let mut s = String::new();
    s.push_str("<section id=\"list\" aria-labelledby=\"h-list\">\n<h2 id=\"h-list\" tabindex=\"-1\">Activities</h2>\n<form class=\"filters\" id=\"filters\" aria-label=\"Filter the activities\"><span class=\"field\"><label for=\"f-municipality\">Municipality</label> <select id=\"f-municipality\"><option value=\"\">All municipalities</option>");
    for m in municipalities {
        let _ = write!(s, "<option value=\"{0}\">{0}</option>", esc(m));
    }
    s.push_str("</select></span> <span class=\"field\"><label for=\"f-theme\">Theme</label> <select id=\"f-theme\"><option value=\"\">All themes</option>");
    for (code, label) in themes {
        let _ = write!(s, "<option value=\"{}\">{}</option>", esc(code), esc(label));
    }
    s.push_str("</select></span> <span class=\"field\"><label for=\"f-status\">Status</label> <select id=\"f-status\"><option value=\"\">Any status</option>");
    for st in &STATUSES {
        let _ = write!(s, "<option value=\"{}\">{}</option>", st.name, st.label);
    }
    s.push_str("</select></span> <button type=\"reset\" id=\"reset\">Show all</button></form>\n<p id=\"shown\" role=\"status\"></p>\n");
    s.push_str("<div class=\"list-wrap\"><table id=\"activities\"><caption class=\"sr-only\">The activities of the view chosen above</caption><thead><tr><th scope=\"col\">Municipality</th><th scope=\"col\">Id</th><th scope=\"col\">Activity</th><th scope=\"col\">Themes</th><th scope=\"col\">Status</th><th scope=\"col\">Source file</th><th scope=\"col\">Page</th></tr></thead><tbody></tbody></table></div>\n<p><button type=\"button\" id=\"more\" hidden>Show all</button></p>\n<noscript><p>The activity list needs JavaScript; the counts above do not.</p></noscript>\n</section>\n");
    s
}

/// The activities behind the counts, as compact JSON: dictionaries of municipalities,
/// themes and files, and per activity `[municipality, id, text, status, file, page,
/// [themes], status from]` (indices into the dictionaries and into the status list;
/// `page` is the page number, or `sheet NAME` in a workbook, `table NAME` in a text
/// document, or null; `status from` the follow-up the status was read from, or null).
fn data_json(
    activities: &[Activity],
    status_from: &[Option<String>],
    municipalities: &[&str],
    themes: &[(&str, &str)],
) -> String {
    let mut ms: Vec<String> = municipalities.iter().map(|m| m.to_string()).collect();
    let mut m_index: HashMap<String, usize> =
        ms.iter().enumerate().map(|(i, m)| (m.clone(), i)).collect();
    let t_index: HashMap<&str, usize> = themes
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (*c, i))
        .collect();
    let mut files: Vec<&str> = Vec::new();
    let mut f_index: HashMap<&str, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(activities.len());
    for (k, a) in activities.iter().enumerate() {
        let m = super::municipality_of(&a.municipality);
        let mi = *m_index.entry(m.clone()).or_insert_with(|| {
            ms.push(m);
            ms.len() - 1
        });
        let fi = *f_index.entry(a.source_file.as_str()).or_insert_with(|| {
            files.push(a.source_file.as_str());
            files.len() - 1
        });
        let page = match (a.page, &a.sheet) {
            (Some(p), _) => json!(p),
            (None, Some(name))
                if matches!(a.source_format.as_str(), "xlsx" | "xls" | "ods" | "csv") =>
            {
                json!(format!("sheet {name}"))
            }
            (None, Some(name)) => json!(format!("table {name}")),
            (None, None) => Value::Null,
        };
        let ts: Vec<usize> = a
            .themes
            .iter()
            .filter_map(|t| t_index.get(t.as_str()).copied())
            .collect();
        rows.push(json!([
            mi,
            a.activity_id,
            a.activity,
            status_index(a.status),
            fi,
            page,
            ts,
            status_from.get(k).cloned().flatten()
        ]));
    }
    let statuses: Vec<Value> = STATUSES
        .iter()
        .map(|s| json!([s.name, s.label, s.sign]))
        .collect();
    let themes: Vec<Value> = themes.iter().map(|(c, l)| json!([c, l])).collect();
    let data = json!({
        "municipalities": ms,
        "themes": themes,
        "statuses": statuses,
        "files": files,
        "activities": rows,
    });
    // Inside <script>, no `</script>` or `<!--` may appear: `<` is written escaped.
    data.to_string().replace('<', "\\u003c")
}

fn css() -> String {
    let mut c = String::from(CSS)
        .replace("$TEXT", palette::TEXT)
        .replace("$MUTED", palette::MUTED)
        .replace("$ACCENT", palette::ACCENT)
        .replace("$HEADBG", palette::HEADER_BACKGROUND)
        .replace("$CURRENT", palette::CURRENT_BACKGROUND)
        .replace("$BG", palette::BACKGROUND);
    for (i, shade) in palette::HEAT.iter().enumerate() {
        let _ = writeln!(
            c,
            ".h{0},.key.h{0}{{background:{shade};color:{1}}}.h{0} .count{{color:{1}}}",
            i + 1,
            palette::heat_text(shade)
        );
    }
    c
}

const CSS: &str = r#"*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1240px;color:$TEXT;background:$BG;padding:1.2em 1.2em 3em}
h1{font-size:1.7em;line-height:1.2;margin:.2em 0 .3em}
h2{font-size:1.25em;margin:2em 0 .6em;padding-bottom:.2em;border-bottom:2px solid $TEXT}
.lead{font-size:1.05em;margin:.2em 0;max-width:60em}.hint,.note,.scroll-hint{color:$MUTED}.scroll-hint{display:none;margin:.2em 0;font-size:.9em}.hint{margin:.4em 0 0}
a{color:$ACCENT}
.skip{position:absolute;left:-9999px;top:0;background:$BG;padding:.5em 1em}.skip:focus{left:1em;z-index:10}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:focus-visible{outline:3px solid $TEXT;outline-offset:2px;box-shadow:0 0 0 6px #ffbf47}
.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
.scroll:focus-visible{outline-offset:-3px}
table{border-collapse:collapse}
th,td{padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:$HEADBG;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
button{font:inherit;color:$ACCENT;cursor:pointer}
button.count{background:none;border:0;padding:2px 4px;min-width:2.2em;min-height:24px;text-decoration:underline;text-underline-offset:2px;font-weight:600;border-radius:3px}
button.count:hover{text-decoration-thickness:2px}
button.count.current{background:$CURRENT;color:$TEXT;box-shadow:inset 0 0 0 2px $TEXT}
.zero{color:$MUTED}
.legend{margin:.2em 0 .8em;display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center;padding:0;list-style:none}
.legend-title{font-weight:600}
.key{display:inline-block;min-width:3.2em;padding:1px 8px;text-align:center;border:1px solid $TEXT;font-variant-numeric:tabular-nums}
.sw{display:inline-block;width:16px;height:16px;vertical-align:-3px;margin-right:5px}
.defs{position:absolute;width:0;height:0;overflow:hidden}
.sign{display:inline-block;min-width:1em;text-align:center;font-weight:700}
.pattern{color:$MUTED;font-size:.9em}
/* heat map */
table.heat{font-variant-numeric:tabular-nums}
.heat td{padding:0;text-align:center;border:1px solid #fff;min-width:40px;height:30px;vertical-align:middle}
.heat td.h0{background:#fff;border-color:#e1e5e8}
.heat td .count{width:100%;height:100%;min-height:30px;text-decoration:none;font-weight:600}
.heat td .count:hover{text-decoration:underline}
.heat .zero{visibility:hidden}
.heat th.theme{vertical-align:bottom;padding:6px 2px;text-align:center}
.heat th.theme span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;display:inline-block;max-height:19em;overflow:hidden;text-overflow:ellipsis;font-weight:600}
.heat th.corner{vertical-align:bottom}
.heat tbody th,.heat tfoot th{white-space:nowrap;font-weight:600;padding-right:10px;background:$BG;position:sticky;left:0;z-index:1}
.heat td.all,.heat th.all{border-left:2px solid $TEXT}.heat td.all{background:$BG}
.heat tfoot td,.heat tfoot th{border-top:2px solid $TEXT;background:$BG}
.heat tfoot td .count,.heat td.all .count{color:$ACCENT;text-decoration:underline}
/* status table */
.statuses{width:100%}
.statuses th,.statuses td{border-bottom:1px solid #d5dbe0;vertical-align:middle}
.statuses thead th{vertical-align:bottom}
.statuses thead th.num .key-line{display:block;white-space:nowrap;margin-bottom:2px}.statuses thead th.num .sw{margin-right:2px}
.statuses tbody th,.statuses tfoot th{font-weight:600;white-space:nowrap;background:$BG;position:sticky;left:0;z-index:1}
.statuses tfoot th,.statuses tfoot td{border-top:2px solid $TEXT;font-weight:600}
.barcol{min-width:140px;width:22%}
.num .zero{display:inline-block;min-width:2.2em;padding:2px 4px;text-align:center}
.bar{display:block;height:22px;border:1px solid $TEXT;background:$BG}
.bar svg{display:block}
/* activity list */
.filters{display:flex;flex-wrap:wrap;gap:.5em .8em;align-items:center;margin:.4em 0 .6em;padding:.7em .9em;background:$HEADBG;border-radius:6px}
.filters label{font-weight:600}
.field{display:inline-flex;align-items:center;gap:.45em}
select{font:inherit;color:$TEXT;background:$BG;border:1px solid $MUTED;border-radius:4px;padding:4px 6px;max-width:100%}
#reset,#more{background:$BG;border:1px solid $ACCENT;border-radius:4px;padding:4px 12px;font-weight:600}
#reset:hover,#more:hover{background:$HEADBG}
#shown{font-weight:600;margin:.6em 0}
#activities{width:100%}
#activities th,#activities td{border-bottom:1px solid #d5dbe0}
#activities td.text{min-width:18em}
#activities td.file{word-break:break-all;min-width:10em}
#activities td.page{white-space:nowrap}
.st{white-space:nowrap}.from{display:block;color:$MUTED;font-size:.88em;word-break:break-all}
footer{margin-top:3em;color:$MUTED;font-size:.9em}
@media (max-width:700px){
 body{font-size:14px;padding:.8em .8em 2em}
 h1{font-size:1.4em}
 .barcol{min-width:90px}
 .scroll-hint{display:block}
 .filters{display:grid;grid-template-columns:1fr}
 .field{display:grid;grid-template-columns:7.5em minmax(0,1fr)}
 #reset{justify-self:start}
 #activities thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 #activities,#activities tbody,#activities tr,#activities td{display:block;width:100%}
 #activities tr{border:1px solid #c5ccd3;border-radius:6px;margin:0 0 .7em;padding:.4em .6em}
 #activities td{border:0;padding:2px 0;min-width:0}
 #activities td::before{content:attr(data-label) ": ";font-weight:600}
 #activities td.text::before{content:none}
 #activities td.text{font-size:1.02em;padding:.2em 0}
}
@media print{
 body{max-width:none;padding:0;font-size:9.5pt}
 .skip,.hint,.filters,#more,noscript{display:none}
 .scroll{overflow:visible!important}
 .heat tbody th,.heat tfoot th,.statuses tbody th,.statuses tfoot th{position:static}
 button.count,.heat tfoot td .count,.heat td.all .count{color:inherit;text-decoration:none;padding:0;min-height:0}
 :focus,:focus-visible{outline:none!important;box-shadow:none!important}
 tfoot{display:table-row-group}
 button.count.current{box-shadow:none;background:none}
 h2{break-after:avoid}
 tr{break-inside:avoid}
 section{break-inside:auto}
 .heat td,.key{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .heat th.theme span{max-height:none}
 a{color:inherit}
}
"#;

const SCRIPT: &str = r#"(function(){
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var PAGE = 100;
  var fm = document.getElementById('f-municipality'), ft = document.getElementById('f-theme'),
      fs = document.getElementById('f-status'), form = document.getElementById('filters');
  var table = document.getElementById('activities'), tbody = table.tBodies[0];
  var shown = document.getElementById('shown'), more = document.getElementById('more');
  var heading = document.getElementById('h-list');
  var themeIndex = {}, themeLabel = {}, statusIndex = {};
  D.themes.forEach(function(t, i){ themeIndex[t[0]] = i; themeLabel[t[0]] = t[1]; });
  D.statuses.forEach(function(s, i){ statusIndex[s[0]] = i; });
  var view = {municipality: '', theme: '', status: ''}, limit = PAGE;
  var buttons = document.querySelectorAll('button.count'), swatches = {};
  D.statuses.forEach(function(s){ swatches[s[0]] = document.querySelector('.status-legend .sw-' + s[0]); });

  function has(select, value){
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return true;
    return false;
  }
  function fromHash(){
    var v = {municipality: '', theme: '', status: ''};
    location.hash.replace(/^#/, '').split('&').forEach(function(kv){
      var i = kv.indexOf('='); if (i < 0) return;
      var k = kv.slice(0, i), val;
      try { val = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' ')); } catch (e) { return; }
      if (k in v) v[k] = val;
    });
    if (!has(fm, v.municipality)) v.municipality = '';
    if (!has(ft, v.theme)) v.theme = '';
    if (!has(fs, v.status)) v.status = '';
    return v;
  }
  function toHash(v){
    var parts = [];
    ['municipality', 'theme', 'status'].forEach(function(k){
      if (v[k]) parts.push(k + '=' + encodeURIComponent(v[k]));
    });
    return parts.length ? '#' + parts.join('&') : '';
  }
  // The activities behind a view: the same rules the counts were made by.
  function select(v){
    var m = v.municipality ? D.municipalities.indexOf(v.municipality) : -1;
    var t = v.theme && v.theme !== 'none' ? themeIndex[v.theme] : -1;
    var s = v.status ? statusIndex[v.status] : -1;
    return D.activities.filter(function(a){
      if (v.municipality && a[0] !== m) return false;
      if (v.status && a[3] !== s) return false;
      if (v.theme === 'none') return a[6].length === 0;
      if (v.theme && a[6].indexOf(t) < 0) return false;
      return true;
    });
  }
  function describe(v, n){
    return n + (n === 1 ? ' activity' : ' activities') + ' — ' +
      (v.municipality || 'all municipalities') + ' · ' +
      (v.theme ? themeLabel[v.theme] : 'all themes') + ' · ' +
      (v.status ? D.statuses[statusIndex[v.status]][1] : 'any status');
  }
  function cell(row, label, text, cls){
    var td = document.createElement('td');
    td.setAttribute('data-label', label);
    if (cls) td.className = cls;
    if (text !== null) td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function render(){
    var list = select(view), frag = document.createDocumentFragment();
    var n = Math.min(list.length, limit);
    for (var i = 0; i < n; i++){
      var a = list[i], tr = document.createElement('tr'), st = D.statuses[a[3]];
      cell(tr, 'Municipality', D.municipalities[a[0]]);
      cell(tr, 'Id', a[1] === null ? '–' : a[1]);
      cell(tr, 'Activity', a[2], 'text');
      cell(tr, 'Themes', a[6].length ? a[6].map(function(k){ return D.themes[k][1]; }).join(', ') : '–');
      var td = cell(tr, 'Status', null), span = document.createElement('span');
      span.className = 'st';
      var sw = swatches[st[0]].cloneNode(true);
      var sign = document.createElement('span'); sign.className = 'sign'; sign.setAttribute('aria-hidden', 'true'); sign.textContent = st[2];
      span.appendChild(sw); span.appendChild(sign); span.appendChild(document.createTextNode(' ' + st[1]));
      td.appendChild(span);
      if (a[7]) {
        var from = document.createElement('span');
        from.className = 'from';
        from.textContent = 'from the follow-up ' + a[7];
        td.appendChild(from);
      }
      cell(tr, 'Source file', D.files[a[4]], 'file');
      cell(tr, 'Page', a[5] === null ? '–' : String(a[5]), 'page');
      frag.appendChild(tr);
    }
    tbody.textContent = '';
    tbody.appendChild(frag);
    table.setAttribute('data-shown', list.length);
    table.setAttribute('data-rendered', n);
    shown.textContent = describe(view, list.length) +
      (n < list.length ? ' (the first ' + n + ' listed)' : '');
    more.hidden = n >= list.length;
    more.textContent = 'Show all ' + list.length + ' activities';
    for (var j = 0; j < buttons.length; j++){
      var b = buttons[j], same = (b.getAttribute('data-municipality') || '') === view.municipality &&
        (b.getAttribute('data-theme') || '') === view.theme && (b.getAttribute('data-status') || '') === view.status;
      b.classList.toggle('current', same);
      if (same) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    }
  }
  function show(v, push){
    view = v; limit = PAGE;
    fm.value = v.municipality; ft.value = v.theme; fs.value = v.status;
    var h = toHash(v);
    if (push && h !== location.hash) history.pushState(null, '', h || location.pathname + location.search);
    render();
  }
  function fromFilters(){
    return {municipality: fm.value, theme: ft.value, status: fs.value};
  }
  [fm, ft, fs].forEach(function(s){ s.addEventListener('change', function(){ show(fromFilters(), true); }); });
  form.addEventListener('reset', function(e){ e.preventDefault(); show({municipality: '', theme: '', status: ''}, true); });
  form.addEventListener('submit', function(e){ e.preventDefault(); });
  // "Show all": the list grows, and focus goes to the first row it did not show before.
  more.addEventListener('click', function(){
    var was = tbody.rows.length;
    limit = Infinity; render();
    var next = tbody.rows[was];
    if (next) { next.tabIndex = -1; next.focus(); }
  });
  document.addEventListener('click', function(e){
    var b = e.target.closest ? e.target.closest('button.count') : null;
    if (!b) return;
    show({municipality: b.getAttribute('data-municipality') || '', theme: b.getAttribute('data-theme') || '',
          status: b.getAttribute('data-status') || ''}, true);
    heading.focus();
    heading.scrollIntoView({block: 'start'});
  });
  // A fragment that names no view (the skip link's `#list`) leaves the view as it is.
  function sync(){ if (!location.hash || location.hash.indexOf('=') >= 0) show(fromHash(), false); }
  window.addEventListener('popstate', sync);
  window.addEventListener('hashchange', sync);
  var skip = document.querySelector('.skip');
  if (skip) skip.addEventListener('click', function(e){ e.preventDefault(); heading.focus(); heading.scrollIntoView({block: 'start'}); });
  window.addEventListener('beforeprint', function(){ limit = Infinity; render(); });
  window.planliftReport = {select: select, view: function(){ return view; }};
  show(fromHash(), false);
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_split_the_counts_in_fifths() {
        assert_eq!(level(0, 10), 0);
        assert_eq!(level(1, 10), 1);
        assert_eq!(level(2, 10), 1);
        assert_eq!(level(3, 10), 2);
        assert_eq!(level(10, 10), 5);
        assert_eq!(level(1, 1), 5);
    }

    /// Every text colour and every background the style sheet sets is one whose pairs
    /// `palette::text_pairs` checks for contrast.
    #[test]
    fn the_style_sheet_uses_only_checked_colours() {
        let css = css();
        let pairs = palette::text_pairs();
        let mut seen = 0;
        for (i, _) in css.match_indices("color:") {
            if css[..i].ends_with("border-") {
                continue;
            }
            let value = &css[i + 6..];
            let value = &value[..value.find([';', '}']).unwrap()];
            if value == "inherit" {
                continue;
            }
            assert!(
                pairs.iter().any(|(fg, _)| *fg == value),
                "text colour {value}"
            );
            seen += 1;
        }
        for (i, _) in css.match_indices("background:") {
            let value = &css[i + 11..];
            let value = &value[..value.find([';', '}']).unwrap()];
            if value == "none" {
                continue;
            }
            let value = if value == "#fff" {
                palette::BACKGROUND
            } else {
                value
            };
            assert!(
                pairs.iter().any(|(_, bg)| *bg == value),
                "background {value}"
            );
            seen += 1;
        }
        assert!(seen > 20);
    }

    #[test]
    fn data_cannot_close_the_script() {
        let a = Activity {
            activity: "</script><script>alert(1)</script><!--".into(),
            source_file: "x.pdf".into(),
            ..Activity::default()
        };
        let json = data_json(&[a], &[], &[], &[]);
        assert!(!json.contains('<'));
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back["activities"][0][2],
            "</script><script>alert(1)</script><!--"
        );
    }
}
