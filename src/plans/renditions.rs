//! Renditions: files that are one plan. Identical bytes are; so are documents of the
//! same municipality and (overlapping) period whose activities are near-identical, of the
//! same kind (a plan and its follow-up are not renditions), whose statuses agree where
//! both state one, and whose titles name the same years.

use crate::normalize::period;
use crate::record::{Activity, DocumentRecord};

use super::similarity::{text_score, tokens, Weights};
use super::{is_report, DocView};

/// Lowest share of the longer activity list that must pair up with the other list.
const SHARE: f64 = 0.8;
/// Lowest text score at which two activities are the same activity in two renditions.
const SAME_ACTIVITY: f64 = 0.7;

fn periods_overlap(a: &DocumentRecord, b: &DocumentRecord) -> bool {
    match (
        a.plan_period_start.or(a.plan_period_end),
        a.plan_period_end.or(a.plan_period_start),
        b.plan_period_start.or(b.plan_period_end),
        b.plan_period_end.or(b.plan_period_start),
    ) {
        (Some(s1), Some(e1), Some(s2), Some(e2)) => s1 <= e2 && s2 <= e1,
        _ => true,
    }
}

fn title_years_agree(a: &DocumentRecord, b: &DocumentRecord) -> bool {
    let years = |d: &DocumentRecord| {
        let mut y = d
            .document_title
            .as_deref()
            .map(period::years)
            .unwrap_or_default();
        y.sort_unstable();
        y.dedup();
        y
    };
    let (ya, yb) = (years(a), years(b));
    ya.is_empty() || yb.is_empty() || ya == yb
}

/// Pairs of the same activity in two lists (one to one, best text score first).
fn same_activities<'a>(
    a: &[&'a Activity],
    b: &[&'a Activity],
) -> Vec<(&'a Activity, &'a Activity)> {
    let ta: Vec<Vec<String>> = a.iter().map(|x| tokens(&x.activity)).collect();
    let tb: Vec<Vec<String>> = b.iter().map(|x| tokens(&x.activity)).collect();
    let w = Weights::from_texts(ta.iter().chain(tb.iter()));
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for (i, x) in ta.iter().enumerate() {
        for (j, y) in tb.iter().enumerate() {
            let s = if x == y { 1.0 } else { text_score(x, y, &w) };
            if s >= SAME_ACTIVITY {
                pairs.push((i, j, s));
            }
        }
    }
    pairs.sort_by(|p, q| q.2.total_cmp(&p.2).then(p.0.cmp(&q.0)).then(p.1.cmp(&q.1)));
    let (mut ua, mut ub) = (vec![false; a.len()], vec![false; b.len()]);
    let mut out = Vec::new();
    for (i, j, _) in pairs {
        if !ua[i] && !ub[j] {
            ua[i] = true;
            ub[j] = true;
            out.push((a[i], b[j]));
        }
    }
    out
}

/// Whether two documents (of different bytes) are renditions of one plan.
pub fn are_renditions(a: &DocView, b: &DocView) -> bool {
    let (da, db) = (a.doc, b.doc);
    if da.municipality != db.municipality
        || a.acts.is_empty()
        || b.acts.is_empty()
        || is_report(a) != is_report(b)
        || !periods_overlap(da, db)
        || !title_years_agree(da, db)
    {
        return false;
    }
    let longer = a.acts.len().max(b.acts.len()) as f64;
    if (a.acts.len().min(b.acts.len()) as f64) < SHARE * longer {
        return false;
    }
    let pairs = same_activities(&a.acts, &b.acts);
    if (pairs.len() as f64) < SHARE * longer {
        return false;
    }
    let both: Vec<_> = pairs
        .iter()
        .filter(|(x, y)| x.status.is_some() && y.status.is_some())
        .collect();
    let agree = both.iter().filter(|(x, y)| x.status == y.status).count();
    both.is_empty() || agree as f64 >= SHARE * both.len() as f64
}

/// How well a document reads: fields filled over its activities.
fn filled(acts: &[&Activity]) -> usize {
    acts.iter()
        .map(|a| {
            [
                a.activity_id.is_some(),
                a.goal.is_some(),
                a.area.is_some(),
                a.implementation.is_some(),
                !a.responsible.is_empty(),
                a.status.is_some(),
                a.status_raw.is_some(),
                a.comment.is_some(),
                a.follow_up.is_some(),
                a.cost.is_some(),
                a.period_label.is_some() || a.period_start.is_some(),
                !a.activity.is_empty(),
            ]
            .iter()
            .filter(|x| **x)
            .count()
        })
        .sum()
}

/// Formats in the order their text survives best, for ties.
fn format_rank(format: &str) -> usize {
    [
        "docx", "odt", "xlsx", "ods", "xls", "html", "md", "txt", "pdf",
    ]
    .iter()
    .position(|f| *f == format)
    .unwrap_or(9)
}

/// The member of a group that represents it: most fields filled, fewest warnings, then
/// the format that keeps text best, then the first source file.
pub fn representative(members: &[&DocView]) -> usize {
    let key = |v: &DocView| {
        (
            std::cmp::Reverse(filled(&v.acts)),
            v.doc.warnings.len(),
            format_rank(&v.doc.source_format),
            v.doc.source_file.clone(),
        )
    };
    (0..members.len())
        .min_by_key(|&i| key(members[i]))
        .unwrap_or(0)
}
