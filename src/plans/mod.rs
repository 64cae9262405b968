//! Plans, not files (SPEC.md, "Plans and tracking"): renditions of one plan grouped,
//! each group represented by the rendition that reads best; follow-up reports attached
//! to the plan they follow up; and the tracking of every plan activity through the
//! follow-ups.

pub mod assign;
pub mod renditions;
pub mod similarity;
pub mod tracking;

use std::collections::{BTreeMap, HashMap};

use crate::normalize::period;
use crate::record::{Activity, DocumentRecord, PlanRecord, TrackingRecord};

/// A document with its activities, as grouping sees it.
pub struct DocView<'a> {
    /// The document record.
    pub doc: &'a DocumentRecord,
    /// Its activities in document order.
    pub acts: Vec<&'a Activity>,
}

/// Title words of a follow-up, for documents whose kind the title did not settle.
const FOLLOW_UP_WORDS: &[&str] = &[
    "uppföljning",
    "oppfølging",
    "oppfylging",
    "opfølgning",
    "follow-up",
    "follow up",
    "status",
    "seuranta",
    "lägesrapport",
];

/// Whether a document reports on a plan: its kind is `status_report`, or most of its
/// records carry a status and its title says it follows up.
pub fn is_report(v: &DocView) -> bool {
    if v.doc.document_kind == "status_report" {
        return true;
    }
    let with_status = v.acts.iter().filter(|a| a.status.is_some()).count();
    let title = v.doc.document_title.as_deref().unwrap_or("").to_lowercase();
    !v.acts.is_empty()
        && with_status * 2 >= v.acts.len()
        && FOLLOW_UP_WORDS.iter().any(|w| title.contains(w))
}

/// How recent a report is: the last year its title names, then the end of its period,
/// then the last year in its file name, then its file name.
fn recency(d: &DocumentRecord) -> (i32, i32, i32, String) {
    let last = |s: &str| period::years(s).last().copied().unwrap_or(i32::MIN);
    (
        last(d.document_title.as_deref().unwrap_or("")),
        d.plan_period_end.unwrap_or(i32::MIN),
        last(&d.source_file),
        d.source_file.clone(),
    )
}

struct Group {
    /// Indexes into the views, representative first, then by source file.
    members: Vec<usize>,
    report: bool,
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Groups the views into renditions of one plan.
fn groups(views: &[DocView]) -> Vec<Group> {
    let mut parent: Vec<usize> = (0..views.len()).collect();
    let mut by_sha: HashMap<&str, usize> = HashMap::new();
    for (i, v) in views.iter().enumerate() {
        if let Some(&j) = by_sha.get(v.doc.sha256.as_str()) {
            union(&mut parent, i, j);
        } else {
            by_sha.insert(&v.doc.sha256, i);
        }
    }
    let mut by_municipality: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, v) in views.iter().enumerate() {
        by_municipality
            .entry(v.doc.municipality.as_deref())
            .or_default()
            .push(i);
    }
    for members in by_municipality.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if find(&mut parent, i) != find(&mut parent, j)
                    && views[i].doc.sha256 != views[j].doc.sha256
                    && renditions::are_renditions(&views[i], &views[j])
                {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..views.len() {
        let r = find(&mut parent, i);
        sets.entry(r).or_default().push(i);
    }
    sets.into_values()
        .map(|mut members| {
            let refs: Vec<&DocView> = members.iter().map(|&i| &views[i]).collect();
            let rep = members[renditions::representative(&refs)];
            members.sort_by(|&a, &b| {
                (a != rep)
                    .cmp(&(b != rep))
                    .then(views[a].doc.source_file.cmp(&views[b].doc.source_file))
            });
            let report = is_report(&views[rep]);
            Group { members, report }
        })
        .collect()
}

/// How well a report follows up a plan: the share of the report's records linked to a
/// plan activity, and the mean score of the links; `None` when too few link.
fn follow_up_fit(plan: &DocView, report: &DocView) -> Option<(f64, f64)> {
    if plan.acts.is_empty() || report.acts.is_empty() {
        return None;
    }
    let links = tracking::link(&plan.acts, &report.acts);
    let linked: Vec<f64> = links.iter().flatten().map(|(_, s)| *s).collect();
    let n = linked.len() as f64;
    let share_report = n / report.acts.len() as f64;
    let share_plan = n / plan.acts.len() as f64;
    let mean = linked.iter().sum::<f64>() / n.max(1.0);
    (linked.len() >= 2.min(report.acts.len())
        && share_report >= 0.5
        && share_plan >= 0.3
        && mean >= 0.5)
        .then_some((share_report, mean))
}

/// What grouping yields: the plans and the tracking rows; the documents get their
/// `plan_id` and `rendition_of` in place.
pub struct Plans {
    /// One record per plan, by `plan_id`.
    pub plans: Vec<PlanRecord>,
    /// Tracking rows, by plan and plan activity.
    pub tracking: Vec<TrackingRecord>,
}

/// Groups the documents into plans, attaches follow-ups and tracks the plans' activities
/// through them. Failed and skipped documents belong to no plan.
pub fn build(documents: &mut [DocumentRecord], activities: &[Activity]) -> Plans {
    let mut acts_of: HashMap<(&str, &str), Vec<&Activity>> = HashMap::new();
    for a in activities {
        acts_of
            .entry((a.document_id.as_str(), a.source_file.as_str()))
            .or_default()
            .push(a);
    }
    let readable: Vec<usize> = (0..documents.len())
        .filter(|&i| matches!(documents[i].outcome.as_str(), "ok" | "no_activities"))
        .collect();
    let docs: &[DocumentRecord] = documents;
    let views: Vec<DocView> = readable
        .iter()
        .map(|&i| DocView {
            doc: &docs[i],
            acts: acts_of
                .get(&(docs[i].document_id.as_str(), docs[i].source_file.as_str()))
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let groups = groups(&views);
    // Each report group goes to the plan group it fits best, if any.
    let mut follow_ups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut is_follow_up = vec![false; groups.len()];
    for (r, rg) in groups.iter().enumerate().filter(|(_, g)| g.report) {
        let report = &views[rg.members[0]];
        let best = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.report)
            .filter(|(_, g)| views[g.members[0]].doc.municipality == report.doc.municipality)
            .filter_map(|(p, g)| follow_up_fit(&views[g.members[0]], report).map(|f| (p, f)))
            .max_by(|a, b| {
                (a.1 .0 + a.1 .1)
                    .total_cmp(&(b.1 .0 + b.1 .1))
                    .then(b.0.cmp(&a.0))
            });
        if let Some((p, _)) = best {
            follow_ups.entry(p).or_default().push(r);
            is_follow_up[r] = true;
        }
    }
    let mut plans = Vec::new();
    let mut tracking_rows = Vec::new();
    let mut assigned: Vec<(usize, String, Option<String>)> = Vec::new();
    for (g, group) in groups.iter().enumerate().filter(|(g, _)| !is_follow_up[*g]) {
        let rep = &views[group.members[0]];
        let plan_id = rep.doc.document_id.clone();
        for (k, &m) in group.members.iter().enumerate() {
            let of = (k > 0).then(|| rep.doc.document_id.clone());
            assigned.push((readable[m], plan_id.clone(), of));
        }
        let mut reports: Vec<usize> = follow_ups.get(&g).cloned().unwrap_or_default();
        reports.sort_by_key(|&r| recency(views[groups[r].members[0]].doc));
        let mut follow_up_ids = Vec::new();
        for &r in &reports {
            for &m in &groups[r].members {
                assigned.push((readable[m], plan_id.clone(), None));
                follow_up_ids.push(views[m].doc.document_id.clone());
            }
        }
        if !reports.is_empty() {
            let latest_first: Vec<&DocView> = reports
                .iter()
                .rev()
                .map(|&r| &views[groups[r].members[0]])
                .collect();
            tracking_rows.extend(track(&plan_id, rep, &latest_first));
        }
        let d = rep.doc;
        plans.push(PlanRecord {
            plan_id,
            municipality: d.municipality.clone(),
            municipality_code: d.municipality_code.clone(),
            country: d.country.clone(),
            document_title: d.document_title.clone(),
            document_kind: d.document_kind.clone(),
            plan_period_start: d.plan_period_start,
            plan_period_end: d.plan_period_end,
            documents: group
                .members
                .iter()
                .map(|&m| views[m].doc.document_id.clone())
                .collect(),
            follow_ups: follow_up_ids,
            representative: d.document_id.clone(),
            activities: rep.acts.len(),
        });
    }
    for (i, plan_id, of) in assigned {
        documents[i].plan_id = Some(plan_id);
        documents[i].rendition_of = of;
    }
    plans.sort_by(|a, b| a.plan_id.cmp(&b.plan_id));
    Plans {
        plans,
        tracking: tracking_rows,
    }
}

/// Tracking rows of one plan: every plan activity with its record in the latest report
/// that mentions it (or `not_reported`), then the latest report's records that follow up
/// no plan activity (`new`).
fn track(plan_id: &str, plan: &DocView, latest_first: &[&DocView]) -> Vec<TrackingRecord> {
    let links: Vec<Vec<Option<(usize, f64)>>> = latest_first
        .iter()
        .map(|r| tracking::link(&plan.acts, &r.acts))
        .collect();
    let mut rows = Vec::new();
    for (i, a) in plan.acts.iter().enumerate() {
        let found = links
            .iter()
            .enumerate()
            .find_map(|(k, l)| l[i].map(|(j, s)| (latest_first[k], j, s)));
        rows.push(match found {
            Some((report, j, score)) => {
                let r = report.acts[j];
                TrackingRecord {
                    plan_id: plan_id.to_string(),
                    plan_activity: Some(a.record_index),
                    activity_id: a.activity_id.clone(),
                    activity: a.activity.clone(),
                    report_document_id: Some(report.doc.document_id.clone()),
                    report_record_index: Some(r.record_index),
                    status: r.status.map(|s| s.name().to_string()),
                    status_raw: r.status_raw.clone(),
                    comment: r.comment.clone(),
                    match_score: Some((score * 1000.0).round() / 1000.0),
                    link: "matched".into(),
                }
            }
            None => TrackingRecord {
                plan_id: plan_id.to_string(),
                plan_activity: Some(a.record_index),
                activity_id: a.activity_id.clone(),
                activity: a.activity.clone(),
                status: Some("not_reported".into()),
                link: "not_reported".into(),
                ..TrackingRecord::default()
            },
        });
    }
    if let (Some(latest), Some(l)) = (latest_first.first(), links.first()) {
        let taken: Vec<usize> = l.iter().flatten().map(|(j, _)| *j).collect();
        for (j, r) in latest.acts.iter().enumerate() {
            if !taken.contains(&j) {
                rows.push(TrackingRecord {
                    plan_id: plan_id.to_string(),
                    plan_activity: None,
                    activity_id: r.activity_id.clone(),
                    activity: r.activity.clone(),
                    report_document_id: Some(latest.doc.document_id.clone()),
                    report_record_index: Some(r.record_index),
                    status: r.status.map(|s| s.name().to_string()),
                    status_raw: r.status_raw.clone(),
                    comment: r.comment.clone(),
                    match_score: None,
                    link: "new".into(),
                });
            }
        }
    }
    rows
}
