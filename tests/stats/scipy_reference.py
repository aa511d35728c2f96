#!/usr/bin/python3
"""Reference values for generator/stats, computed with NumPy and SciPy.

Reads the fixed inputs (JSON) on stdin and prints the expected results as
JSON. Conventions that match commonplace's documented behaviour: chi-square
drops all-zero rows and columns first and uses no continuity correction;
results SciPy cannot compute come back as null.
"""
import json
import warnings
import math
import sys

import numpy as np
from scipy import stats


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


warnings.simplefilter("ignore")
cases = json.load(sys.stdin)
out = {"summaries": [], "welch": [], "fisher": [], "chi2": [], "herfindahl": []}
for xs in cases["summaries"]:
    a = np.array(xs, dtype=float)
    out["summaries"].append({
        "mean": num(a.mean()),
        "sd": num(a.std(ddof=1)) if len(a) > 1 else None,
        "median": num(np.median(a)),
    })
for a, b in cases["welch"]:
    with np.errstate(all="ignore"):
        r = stats.ttest_ind(a, b, equal_var=False)
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1)) if va + vb > 0 else float("nan")
    out["welch"].append({"t": num(r.statistic), "p": num(r.pvalue), "df": num(df)})
for t in cases["fisher"]:
    odds, p = stats.fisher_exact(t, alternative="two-sided")
    out["fisher"].append({"p": num(p)})
for t in cases["chi2"]:
    a = np.array(t, dtype=float)
    a = a[a.sum(axis=1) > 0][:, a.sum(axis=0) > 0]
    chi2, p, df, expected = stats.chi2_contingency(a, correction=False)
    out["chi2"].append({"chi2": num(chi2), "p": num(p), "df": num(df), "min_expected": num(expected.min())})
for c in cases["herfindahl"]:
    a = np.array(c, dtype=float)
    out["herfindahl"].append(num(((a / a.sum()) ** 2).sum()))
json.dump(out, sys.stdout)
