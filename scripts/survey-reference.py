#!/usr/bin/env python3
"""Reference values for the survey analysis (issue 10 item 6), computed independently with NumPy and SciPy.

Writes test/fixtures/welch-reference.json: several fixture data sets (inputs) and, for each, the means and n per item,
theme and wave, and Welch's two-sample t-test (scipy.stats.ttest_ind, equal_var=False, two-sided) of end vs baseline,
per item and per theme (theme score = a respondent's mean over their answered items in the theme), both for all
respondents and restricted to respondents (pairing keys) who answered both baseline and end. The theme mean per wave is
the mean of the item means, as the national evaluation reports it.

Run: python3 scripts/survey-reference.py   (Debian: apt-get install python3-scipy). CI does not run it: the JSON it
writes is committed and test/survey-reference.test.ts compares the TypeScript analysis to it to 1e-6.
"""
import json
import math
import os
import random

import numpy as np
from scipy import stats

PHASES = ["baseline", "midway", "end"]


def make_case(name, themes, sizes, seed, missing=0.0, shift=0.5, paired_fraction=0.0):
    """themes: {themeKey: item count}; sizes: {phase: n}. Values 1-6, some missing (None) at the given rate."""
    rng = random.Random(seed)
    items = [{"key": f"{t}_{i + 1}", "themeKey": t, "kind": "scale"} for t, count in themes.items() for i in range(count)]
    responses = []
    pool = [f"pk{seed}-{i}" for i in range(max(sizes.values()))]
    baseline_keys = pool[: sizes["baseline"]]
    for phase in PHASES:
        n = sizes[phase]
        if phase == "end":
            reuse = int(round(paired_fraction * min(n, len(baseline_keys))))
            keys = baseline_keys[:reuse] + [f"pk{seed}-end-{i}" for i in range(n - reuse)]
        elif phase == "baseline":
            keys = baseline_keys
        else:
            keys = [f"pk{seed}-mid-{i}" for i in range(n)]
        for r in range(n):
            level = 3.4 + (shift if phase == "end" else shift / 2 if phase == "midway" else 0.0)
            answers = {}
            for item in items:
                if rng.random() < missing:
                    answers[item["key"]] = None
                else:
                    answers[item["key"]] = int(min(6, max(1, round(rng.gauss(level, 1.2)))))
            responses.append({"phase": phase, "pairingKey": keys[r] if r % 7 != 6 else None, "answers": answers})
    return {"name": name, "items": items, "responses": responses}


def welch(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if len(a) < 2 or len(b) < 2:
        return None
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    if va + vb == 0:
        return None
    res = stats.ttest_ind(b, a, equal_var=False)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return {"difference": float(b.mean() - a.mean()), "t": float(res.statistic), "df": float(df), "p": float(res.pvalue)}


def nums(values):
    return [v for v in values if v is not None]


def expected(case):
    items = case["items"]
    responses = case["responses"]
    base_keys = {r["pairingKey"] for r in responses if r["phase"] == "baseline" and r["pairingKey"] is not None}
    end_keys = {r["pairingKey"] for r in responses if r["phase"] == "end" and r["pairingKey"] is not None}
    paired = base_keys & end_keys

    def of_phase(phase, only_paired=False):
        return [r for r in responses if r["phase"] == phase and (not only_paired or r["pairingKey"] in paired)]

    out_items = {}
    for item in items:
        k = item["key"]
        vals = {p: nums([r["answers"][k] for r in of_phase(p)]) for p in PHASES}
        pvals = {p: nums([r["answers"][k] for r in of_phase(p, True)]) for p in ("baseline", "end")}
        out_items[k] = {
            "byPhase": {p: {"n": len(vals[p]), "mean": float(np.mean(vals[p])) if vals[p] else None} for p in PHASES},
            "test": welch(vals["baseline"], vals["end"]),
            "pairedTest": welch(pvals["baseline"], pvals["end"]),
        }
    out_themes = {}
    for theme in dict.fromkeys(i["themeKey"] for i in items):
        keys = [i["key"] for i in items if i["themeKey"] == theme]

        def scores(phase, only_paired=False):
            result = []
            for r in of_phase(phase, only_paired):
                answered = nums([r["answers"][k] for k in keys])
                if answered:
                    result.append(float(np.mean(answered)))
            return result

        by_phase = {}
        for p in PHASES:
            item_means = [out_items[k]["byPhase"][p]["mean"] for k in keys if out_items[k]["byPhase"][p]["mean"] is not None]
            by_phase[p] = {"n": len(scores(p)), "mean": float(np.mean(item_means)) if item_means else None}
        out_themes[theme] = {
            "byPhase": by_phase,
            "test": welch(scores("baseline"), scores("end")),
            "pairedTest": welch(scores("baseline", True), scores("end", True)),
        }
    return {
        "respondents": {p: len(of_phase(p)) for p in PHASES},
        "paired": len(paired),
        "items": out_items,
        "themes": out_themes,
    }


def main():
    cases = [
        make_case("equal groups, no missing", {"sammenhaeng": 3}, {"baseline": 20, "midway": 15, "end": 20}, seed=1),
        make_case("unequal group sizes", {"inddragelse": 4, "tillid": 2}, {"baseline": 7, "midway": 12, "end": 31}, seed=2, shift=0.8),
        make_case("missing answers (ved ikke)", {"fleksibilitet": 4, "indgang": 3}, {"baseline": 25, "midway": 18, "end": 40}, seed=3, missing=0.25),
        make_case("paired subset", {"betydning": 4}, {"baseline": 30, "midway": 20, "end": 26}, seed=4, missing=0.1, paired_fraction=0.6),
        make_case("national sizes EFEI (55/40/73)", {"sammenhaeng": 5, "inddragelse": 8}, {"baseline": 55, "midway": 40, "end": 73}, seed=5, missing=0.05, shift=0.3, paired_fraction=0.36),
        make_case("no change", {"organisering": 3}, {"baseline": 12, "midway": 9, "end": 14}, seed=6, shift=0.0, missing=0.15, paired_fraction=0.5),
    ]
    for case in cases:
        case["expected"] = expected(case)
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "welch-reference.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"generatedBy": "scripts/survey-reference.py (NumPy, SciPy stats.ttest_ind equal_var=False)",
                   "scipy": __import__("scipy").__version__, "cases": cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(target)}")


if __name__ == "__main__":
    main()
