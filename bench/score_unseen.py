#!/usr/bin/env python3
"""Score planlift on the unseen corpus (fixtures/unseen): a measurement, exit 0 always.

    python3 bench/score_unseen.py [PLANLIFT] [--half tune|holdout] [--verbose] [--json FILE]

Runs `PLANLIFT extract` over fixtures/unseen/tune and fixtures/unseen/holdout and scores
every document against fixtures/unseen/truth/<name>.json:
- records are matched to truth records in truth order, greedily: each truth record takes
  the unmatched extracted record whose `activity` is most similar (white space collapsed,
  dashes alike; difflib ratio), if the similarity is at least 0.8;
- record F1 = 2PR/(P+R), P = matched/extracted, R = matched/truth;
- field accuracy = share of checked fields equal in the matched records; checked are the
  fields present in the truth record plus municipality, municipality_code, country and
  language (same text normalization, arrays compared as lists);
- document score = record F1 x field accuracy; every mean below is a mean of documents."""
import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNSEEN = ROOT / "fixtures" / "unseen"
FACTS = ["municipality", "municipality_code", "country", "language"]
DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")
SPACE = re.compile(r"\s+")
THRESHOLD = 0.8


def norm_text(s):
    return SPACE.sub(" ", DASHES.sub("-", s)).strip()


def norm(v):
    if v is None:
        return None
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return str(int(v)) if float(v).is_integer() else str(v)
    s = norm_text(str(v))
    return s if s else None


def similarity(a, b):
    a, b = norm_text(a or ""), norm_text(b or "")
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match(truth_recs, got_recs):
    """[(truth index, extracted index or None)] in truth order, greedy by similarity."""
    used = set()
    pairs = []
    for ti, t in enumerate(truth_recs):
        best, best_j = 0.0, None
        for j, g in enumerate(got_recs):
            if j in used:
                continue
            s = similarity(t.get("activity"), g.get("activity"))
            if s > best:
                best, best_j = s, j
        if best_j is not None and best >= THRESHOLD:
            used.add(best_j)
            pairs.append((ti, best_j))
        else:
            pairs.append((ti, None))
    return pairs


def run_extract(binary, half, out):
    src = UNSEEN / half
    try:
        proc = subprocess.run([str(binary), "extract", str(src), "-o", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"planlift extract {half}: {e}", file=sys.stderr)
        return [], []
    if proc.returncode not in (0, 1):
        print(f"planlift extract {half}: exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-400:]}",
              file=sys.stderr)

    def load(name):
        p = Path(out) / name
        try:
            return json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
    return load("activities.json"), load("documents.json")


def score_document(truth, got, field_hits):
    facts = {k: truth.get(k) for k in FACTS}
    trecs = truth["activities"]
    pairs = match(trecs, got)
    matched = [(ti, gi) for ti, gi in pairs if gi is not None]
    n_t, n_g, n_m = len(trecs), len(got), len(matched)
    p = n_m / n_g if n_g else 0.0
    r = n_m / n_t if n_t else (1.0 if not n_g else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    checked = equal = 0
    mismatches = []
    for ti, gi in matched:
        t, g = trecs[ti], got[gi]
        for field in list(t.keys()) + FACTS:
            want = facts[field] if field in FACTS else t[field]
            have = g.get(field)
            ok = norm(want) == norm(have)
            checked += 1
            equal += ok
            field_hits[field][0] += ok
            field_hits[field][1] += 1
            if not ok:
                mismatches.append((ti, field, want, have))
    acc = equal / checked if checked else 0.0
    missed = [trecs[ti]["activity"] for ti, gi in pairs if gi is None]
    used = {gi for _, gi in matched}
    extra = [g.get("activity") for j, g in enumerate(got) if j not in used]
    return {"truth": n_t, "extracted": n_g, "matched": n_m, "precision": p, "recall": r, "f1": f1,
            "field_accuracy": acc, "score": f1 * acc, "mismatches": mismatches, "missed": missed, "extra": extra}


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def table(title, groups):
    print(f"\n{title}")
    print(f"  {'':24} {'docs':>4} {'F1':>6} {'fields':>7} {'score':>6}")
    for key in sorted(groups):
        rs = groups[key]
        print(f"  {key:24} {len(rs):4d} {mean([r['f1'] for r in rs]):6.3f} "
              f"{mean([r['field_accuracy'] for r in rs]):7.3f} {mean([r['score'] for r in rs]):6.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("planlift", nargs="?", default=str(ROOT / "target" / "release" / "planlift"))
    ap.add_argument("--half", choices=["tune", "holdout"], action="append")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses, extras and wrong fields")
    ap.add_argument("--json", help="write the per-document results here")
    args = ap.parse_args()
    halves = args.half or ["tune", "holdout"]

    truths = {}
    for f in sorted((UNSEEN / "truth").glob("*.json")):
        t = json.loads(f.read_text(encoding="utf-8"))
        if t["half"] in halves:
            truths[f.stem] = t

    results = []
    field_hits = defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory(prefix="score-unseen-") as tmp:
        by_file = {}
        for half in halves:
            acts, docs = run_extract(args.planlift, half, Path(tmp) / half)
            for a in acts:
                by_file.setdefault((half, Path(a.get("source_file", "")).name), []).append(a)
            for d in docs:
                if d.get("outcome") == "failed":
                    print(f"  failed: {half}/{d.get('source_file')}: {d.get('error')}", file=sys.stderr)
        for name, t in truths.items():
            half, fname = t["document"].split("/", 1)
            got = sorted(by_file.get((half, fname), []), key=lambda a: a.get("record_index") or 0)
            res = score_document(t, got, field_hits)
            lang = t["language"] + ("-FI" if t["language"] == "sv" and t["country"] == "FI" else "")
            res.update(name=name, half=half, language=lang, producer=t["producer"], country=t["country"])
            results.append(res)

    print(f"{'document':38} {'half':7} {'lang':5} {'producer':12} {'truth':>5} {'got':>4} {'match':>5} "
          f"{'F1':>6} {'fields':>7} {'score':>6}")
    for r in sorted(results, key=lambda r: (r["half"], r["name"])):
        print(f"{r['name']:38} {r['half']:7} {r['language']:5} {r['producer']:12} {r['truth']:5d} {r['extracted']:4d} "
              f"{r['matched']:5d} {r['f1']:6.3f} {r['field_accuracy']:7.3f} {r['score']:6.3f}")
        if args.verbose:
            for a in r["missed"]:
                print(f"      missed: {a[:90]}")
            for a in r["extra"]:
                print(f"      extra:  {str(a)[:90]}")
            for ti, field, want, have in r["mismatches"]:
                print(f"      #{ti + 1} {field}: want {json.dumps(want, ensure_ascii=False)[:70]} "
                      f"got {json.dumps(have, ensure_ascii=False)[:70]}")

    for title, key in (("By language", "language"), ("By producer", "producer"), ("By country", "country"),
                       ("By half", "half")):
        groups = defaultdict(list)
        for r in results:
            groups[r[key]].append(r)
        table(title, groups)
    print("\nField accuracy over matched records (all documents)")
    for field, (ok, n) in sorted(field_hits.items(), key=lambda kv: kv[1][0] / max(kv[1][1], 1)):
        print(f"  {field:20} {ok / n if n else 0:6.3f}  ({ok}/{n})")
    overall = mean([r["score"] for r in results])
    print(f"\nOverall (mean document score, {len(results)} documents): {overall:.3f}")
    print(f"  record F1 {mean([r['f1'] for r in results]):.3f}, field accuracy "
          f"{mean([r['field_accuracy'] for r in results]):.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a measurement never fails the build
        print(f"score_unseen: {e}", file=sys.stderr)
    sys.exit(0)
