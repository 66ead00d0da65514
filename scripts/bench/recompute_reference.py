"""The reference for the bench's recompute section: what a validation analyst would write with
pandas and scikit-learn to recompute the same claims from the same predictions file. Prints
{"<slice or all>": {"n": rows, "<metric>": value}} as JSON.

usage: python3 recompute_reference.py predictions.csv slices.json cutoff
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score


def ece(p, y, k=10):
    order = np.argsort(p, kind="stable")
    p, y = p[order], y[order]
    n = len(p)
    return sum(abs(p[(b * n) // k:((b + 1) * n) // k].sum() - y[(b * n) // k:((b + 1) * n) // k].sum()) for b in range(k)) / n


def metrics(d, cutoff):
    y = d["default_12m"].to_numpy()
    p = d["pd"].to_numpy()
    auc = roc_auc_score(y, p)
    approved = p <= cutoff
    return {
        "n": len(d),
        "auc": auc,
        "gini": 2 * auc - 1,
        "ks": ks_2samp(p[y == 0], p[y == 1]).statistic,
        "brier": brier_score_loss(y, p),
        "log_loss": log_loss(y, p, labels=[0, 1]),
        "ece": ece(p, y),
        "approval_rate": approved.mean(),
        "bad_rate_approved": y[approved].mean(),
    }


def to_query(definition):
    return definition.replace(" AND ", " and ").replace(" OR ", " or ").replace(" = ", " == ").replace(" IN (", " in (")


def main():
    csv, slices_json, cutoff = sys.argv[1], sys.argv[2], float(sys.argv[3])
    df = pd.read_csv(csv)
    out = {"all": metrics(df, cutoff)}
    for s in json.load(open(slices_json))["slices"]:
        out[s["id"]] = metrics(df.query(to_query(s["definition"])), cutoff)
    json.dump({k: {m: float(v) for m, v in r.items()} for k, r in out.items()}, sys.stdout)


if __name__ == "__main__":
    main()
