//! Tracking: which report record follows up which plan activity. Pairs are scored by id
//! where both documents number their activities the same way, else by text similarity,
//! with area, responsible unit and position to tell apart activities of like wording;
//! then assigned one to one.

use crate::record::Activity;

use super::assign::assign;
use super::similarity::{norm_id, text_score, tokens, Weights};

/// Lowest score at which a report record is taken to follow up a plan activity.
pub const LINK_THRESHOLD: f64 = 0.35;

/// Above this many rows or columns the assignment is best-first on the sorted pairs
/// rather than the (cubic) optimal one.
const OPTIMAL_LIMIT: usize = 400;

/// Whether the ids of two activity lists are of one numbering: at least half the ids of
/// the shorter list occur in the other.
fn shared_numbering(a: &[&Activity], b: &[&Activity]) -> bool {
    let ids = |x: &[&Activity]| -> Vec<String> {
        x.iter()
            .filter_map(|a| a.activity_id.as_deref().map(norm_id))
            .collect()
    };
    let (ia, ib) = (ids(a), ids(b));
    let (short, long) = if ia.len() <= ib.len() {
        (&ia, &ib)
    } else {
        (&ib, &ia)
    };
    !short.is_empty() && short.iter().filter(|i| long.contains(i)).count() * 2 >= short.len()
}

/// The score of every (plan activity, report record) pair, 0–1.
pub fn pair_scores(plan: &[&Activity], report: &[&Activity]) -> Vec<Vec<f64>> {
    let pt: Vec<Vec<String>> = plan.iter().map(|a| tokens(&a.activity)).collect();
    let rt: Vec<Vec<String>> = report.iter().map(|a| tokens(&a.activity)).collect();
    let weights = Weights::from_texts(pt.iter().chain(rt.iter()));
    let by_id = shared_numbering(plan, report);
    let area_tokens = |a: &Activity| tokens(a.area.as_deref().unwrap_or(""));
    let pa: Vec<Vec<String>> = plan.iter().map(|a| area_tokens(a)).collect();
    let ra: Vec<Vec<String>> = report.iter().map(|a| area_tokens(a)).collect();
    let (np, nr) = (plan.len().max(1) as f64, report.len().max(1) as f64);
    plan.iter()
        .enumerate()
        .map(|(i, p)| {
            report
                .iter()
                .enumerate()
                .map(|(j, r)| {
                    let text = text_score(&pt[i], &rt[j], &weights);
                    let mut s = match (by_id, &p.activity_id, &r.activity_id) {
                        // One id is one activity, unless the texts have nothing in
                        // common (plain numbers 1, 2, 3 number any list).
                        (true, Some(a), Some(b)) if norm_id(a) == norm_id(b) && text >= 0.15 => {
                            0.9 + 0.1 * text
                        }
                        (true, Some(_), Some(_)) => 0.8 * text,
                        _ => text,
                    };
                    if !pa[i].is_empty() && !ra[j].is_empty() {
                        let area = text_score(&pa[i], &ra[j], &Weights::default());
                        s += if area >= 0.8 { 0.05 } else { -0.03 };
                    }
                    if p.responsible.iter().any(|x| r.responsible.contains(x)) {
                        s += 0.03;
                    }
                    let pos = (i as f64 / np - j as f64 / nr).abs();
                    s += 0.02 * (1.0 - pos);
                    s.clamp(0.0, 1.0)
                })
                .collect()
        })
        .collect()
}

/// For each plan activity, the report record assigned to it and the pair's score.
pub fn link(plan: &[&Activity], report: &[&Activity]) -> Vec<Option<(usize, f64)>> {
    let scores = pair_scores(plan, report);
    let chosen = if plan.len().max(report.len()) <= OPTIMAL_LIMIT {
        assign(&scores, LINK_THRESHOLD)
    } else {
        best_first(&scores, LINK_THRESHOLD)
    };
    chosen
        .into_iter()
        .enumerate()
        .map(|(i, c)| c.map(|j| (j, scores[i][j])))
        .collect()
}

/// Best-first one-to-one assignment: the pairs by falling score, each taken if neither
/// side is taken yet.
fn best_first(scores: &[Vec<f64>], threshold: f64) -> Vec<Option<usize>> {
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for (i, row) in scores.iter().enumerate() {
        for (j, &s) in row.iter().enumerate() {
            if s >= threshold {
                pairs.push((i, j, s));
            }
        }
    }
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let mut out = vec![None; scores.len()];
    let mut taken = vec![false; scores.first().map_or(0, Vec::len)];
    for (i, j, _) in pairs {
        if out[i].is_none() && !taken[j] {
            out[i] = Some(j);
            taken[j] = true;
        }
    }
    out
}
