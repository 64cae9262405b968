//! `report.html`: one self-contained page (no network, no external scripts or fonts):
//! a municipalities × themes heat map and status bars as inline SVG, the per-municipality
//! summary, and the activity table filterable by municipality and theme.

use std::fmt::Write;

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

const STATUS_COLOURS: [(&str, &str, &str); 6] = [
    ("done", "Done", "#2e9e5b"),
    ("in_progress", "In progress", "#f0a30a"),
    ("not_started", "Not started", "#d64541"),
    ("cancelled", "Cancelled", "#7f8c8d"),
    ("unknown", "Unknown", "#8e6bbf"),
    ("no_status", "No status given", "#d5d8dc"),
];

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

/// The page.
pub fn render(
    rows: &[ComparisonRow],
    summaries: &[MunicipalitySummary],
    activities: &[Activity],
) -> String {
    let municipalities: Vec<&str> = summaries
        .iter()
        .filter(|s| s.activities > 0)
        .map(|s| s.municipality.as_str())
        .collect();
    let mut themes: Vec<(&str, &str)> = Vec::new();
    for r in rows.iter().filter(|r| r.theme != ALL) {
        if !themes.iter().any(|(c, _)| *c == r.theme) {
            themes.push((r.theme.as_str(), r.theme_label.as_str()));
        }
    }
    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>planlift — municipalities compared</title>\n<style>\n");
    h.push_str(CSS);
    h.push_str("</style></head><body>\n<h1>Municipal action plans compared</h1>\n");
    let total: usize = summaries.iter().map(|s| s.activities).sum();
    let _ = writeln!(
        h,
        "<p class=\"lead\">{} activities from {} documents of {} municipalities, tagged with the themes of the planlift taxonomy.</p>",
        total,
        summaries.iter().map(|s| s.documents).sum::<usize>(),
        municipalities.len()
    );
    h.push_str("<h2>Activities by theme</h2>\n");
    h.push_str(&heat_map(rows, &municipalities, &themes));
    h.push_str("<h2>Status of the activities</h2>\n");
    h.push_str(&status_bars(rows, &municipalities));
    h.push_str("<h2>Municipalities</h2>\n<table class=\"summary\"><thead><tr><th>Municipality</th><th>Code</th><th>Documents</th><th>Activities</th><th>With a status</th><th>Done (of those with a status)</th></tr></thead><tbody>\n");
    for s in summaries {
        let pct = |v: Option<f64>| v.map_or("–".to_string(), |x| format!("{:.0} %", x * 100.0));
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.municipality),
            esc(s.municipality_code.as_deref().unwrap_or("")),
            s.documents,
            s.activities,
            pct(s.share_with_status),
            pct(s.share_done)
        );
    }
    h.push_str("</tbody></table>\n");
    h.push_str(&activity_table(activities, &municipalities, &themes));
    h.push_str("<script>\n");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body></html>\n");
    h
}

fn heat_map(rows: &[ComparisonRow], municipalities: &[&str], themes: &[(&str, &str)]) -> String {
    let (left, top, cw, ch) = (150.0, 160.0, 44.0, 26.0);
    let width = left + cw * themes.len() as f64 + 20.0;
    let height = top + ch * municipalities.len() as f64 + 10.0;
    let max = rows
        .iter()
        .filter(|r| r.theme != ALL)
        .map(|r| r.activities)
        .max()
        .unwrap_or(1)
        .max(1);
    let mut s = String::new();
    let _ = writeln!(s, "<svg id=\"heatmap\" class=\"chart\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Activities by municipality and theme\">");
    for (j, (_, label)) in themes.iter().enumerate() {
        let x = left + cw * j as f64 + cw / 2.0;
        let _ = writeln!(
            s,
            "<text class=\"col\" transform=\"translate({x},{}) rotate(-50)\">{}</text>",
            top - 8.0,
            esc(label)
        );
    }
    for (i, m) in municipalities.iter().enumerate() {
        let y = top + ch * i as f64;
        let _ = writeln!(
            s,
            "<text class=\"row\" x=\"{}\" y=\"{}\">{}</text>",
            left - 8.0,
            y + ch * 0.65,
            esc(m)
        );
        for (j, (code, label)) in themes.iter().enumerate() {
            let n = rows
                .iter()
                .find(|r| r.municipality == *m && r.theme == *code)
                .map_or(0, |r| r.activities);
            let alpha = if n == 0 {
                0.0
            } else {
                0.15 + 0.85 * n as f64 / max as f64
            };
            let x = left + cw * j as f64;
            let _ = writeln!(
                s,
                "<rect class=\"cell\" data-municipality=\"{}\" data-theme=\"{}\" data-count=\"{n}\" x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"rgba(31,97,141,{alpha:.2})\" stroke=\"#ccd\"><title>{}: {} — {n}</title></rect>",
                esc(m),
                esc(code),
                cw - 2.0,
                ch - 2.0,
                esc(m),
                esc(label)
            );
            if n > 0 {
                let colour = if alpha > 0.55 { "#fff" } else { "#123" };
                let _ = writeln!(
                    s,
                    "<text class=\"n\" x=\"{}\" y=\"{}\" fill=\"{colour}\">{n}</text>",
                    x + cw / 2.0 - 1.0,
                    y + ch * 0.65
                );
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

fn status_bars(rows: &[ComparisonRow], municipalities: &[&str]) -> String {
    let (left, bar_w, bh): (f64, f64, f64) = (150.0, 520.0, 22.0);
    let height = 40.0 + (bh + 8.0) * municipalities.len() as f64;
    let mut s = String::new();
    let width = (left + bar_w + 60.0).max(770.0);
    let _ = writeln!(s, "<svg id=\"statusbars\" class=\"chart\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Status by municipality\">");
    for (k, (_, label, colour)) in STATUS_COLOURS.iter().enumerate() {
        let x = 10.0 + 125.0 * k as f64;
        let _ = writeln!(s, "<rect x=\"{x}\" y=\"4\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text class=\"legend\" x=\"{}\" y=\"13\">{label}</text>", x + 14.0);
    }
    for (i, m) in municipalities.iter().enumerate() {
        let Some(all) = rows.iter().find(|r| r.municipality == *m && r.theme == ALL) else {
            continue;
        };
        let y = 40.0 + (bh + 8.0) * i as f64;
        let _ = writeln!(
            s,
            "<text class=\"row\" x=\"{}\" y=\"{}\">{}</text>",
            left - 8.0,
            y + bh * 0.7,
            esc(m)
        );
        let mut x = left;
        for ((code, label, colour), n) in STATUS_COLOURS.iter().zip(status_counts(all)) {
            if n == 0 {
                continue;
            }
            let w = bar_w * n as f64 / all.activities.max(1) as f64;
            let _ = writeln!(
                s,
                "<rect class=\"bar\" data-municipality=\"{}\" data-status=\"{code}\" data-count=\"{n}\" x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bh}\" fill=\"{colour}\"><title>{}: {label} {n}</title></rect>",
                esc(m),
                esc(m)
            );
            x += w;
        }
        let _ = writeln!(
            s,
            "<text class=\"n\" x=\"{}\" y=\"{}\">{}</text>",
            left + bar_w + 8.0,
            y + bh * 0.7,
            all.activities
        );
    }
    s.push_str("</svg>\n");
    s
}

fn status_name(s: Option<Status>) -> &'static str {
    s.map_or("no_status", Status::name)
}

fn activity_table(
    activities: &[Activity],
    municipalities: &[&str],
    themes: &[(&str, &str)],
) -> String {
    let mut s = String::new();
    s.push_str("<h2>Activities</h2>\n<div class=\"filters\"><label>Municipality <select id=\"f-municipality\"><option value=\"\">All</option>");
    for m in municipalities {
        let _ = write!(s, "<option value=\"{0}\">{0}</option>", esc(m));
    }
    s.push_str(
        "</select></label> <label>Theme <select id=\"f-theme\"><option value=\"\">All</option>",
    );
    for (code, label) in themes.iter().filter(|(c, _)| *c != NONE) {
        let _ = write!(s, "<option value=\"{}\">{}</option>", esc(code), esc(label));
    }
    s.push_str("</select></label> <span id=\"shown\"></span></div>\n");
    s.push_str("<table id=\"activities\"><thead><tr><th>Municipality</th><th>Id</th><th>Activity</th><th>Themes</th><th>Status</th><th>Source</th></tr></thead><tbody>\n");
    for a in activities {
        let m = super::municipality_of(&a.municipality);
        let st = status_name(a.status);
        let _ = writeln!(
            s,
            "<tr data-municipality=\"{}\" data-themes=\" {} \"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><span class=\"st {st}\">{}</span></td><td>{}</td></tr>",
            esc(&m),
            esc(&a.themes.join(" ")),
            esc(&m),
            esc(a.activity_id.as_deref().unwrap_or("")),
            esc(&a.activity),
            esc(&a.themes.join(", ")),
            st.replace('_', " "),
            esc(&a.source_file)
        );
    }
    s.push_str("</tbody></table>\n");
    s
}

const CSS: &str = r#"body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#1b2631;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #d5d8dc}
.lead{color:#566573}.chart{display:block;max-width:100%;height:auto}
.chart text{font-size:11px;fill:#1b2631}.chart text.row{text-anchor:end}.chart text.n{text-anchor:middle;font-size:10px}
.chart text.col{text-anchor:start}table{border-collapse:collapse;width:100%;margin-top:.6em}
th,td{border-bottom:1px solid #e5e8e8;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f6f7}.st{padding:1px 6px;border-radius:8px;font-size:12px;white-space:nowrap}
.st.done{background:#d4efdf}.st.in_progress{background:#fdebd0}.st.not_started{background:#fadbd8}
.st.cancelled{background:#e5e8e8}.st.unknown{background:#e8daef}.st.no_status{background:#f2f3f4}
.filters{margin:.6em 0}select{margin-right:1em}#shown{color:#566573}
"#;

const SCRIPT: &str = r#"(function(){
  var fm=document.getElementById('f-municipality'), ft=document.getElementById('f-theme');
  var rows=document.querySelectorAll('#activities tbody tr');
  function apply(){
    var m=fm.value, t=ft.value, n=0;
    for(var i=0;i<rows.length;i++){
      var r=rows[i], ok=(!m||r.getAttribute('data-municipality')===m)&&(!t||r.getAttribute('data-themes').indexOf(' '+t+' ')>=0);
      r.style.display=ok?'':'none'; if(ok)n++;
    }
    document.getElementById('shown').textContent=n+' of '+rows.length+' activities';
    document.getElementById('activities').setAttribute('data-shown', n);
  }
  var q=location.hash.replace(/^#/,'').split('&');
  for(var i=0;i<q.length;i++){var kv=q[i].split('=');var v=decodeURIComponent(kv[1]||'');
    if(kv[0]==='municipality')fm.value=v; if(kv[0]==='theme')ft.value=v;}
  fm.addEventListener('change',apply); ft.addEventListener('change',apply); apply();
})();
"#;
