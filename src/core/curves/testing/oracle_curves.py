"""Independent oracle for Vouch's charts: scikit-learn's roc_curve, calibration_curve and
confusion_matrix, numpy's histogram. Written from docs/curves.md and the libraries' own
definitions, never from Vouch's code. Run with Debian's /usr/bin/python3.

stdin: {"tables": [{"csv", "task", "columns": {...}, "positive", "text": [...], "numeric": [...],
        "jobs": [{"key", "slice" (slice language or null), "kind", ...}]}]}
kinds: roc (weighted when the table has weights), calibration (n_bins; strategy quantile,
       unweighted), equal_count (bins by position after a stable sort, weighted), histogram
       (edges; per class or of residuals), confusion (labels).
stdout: {"<key>": result}.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import confusion_matrix, roc_curve

sys.dont_write_bytecode = True  # tests never write into the repository (no __pycache__ beside oracle.py)
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "recompute", "testing"))
from oracle import to_query  # noqa: E402  (the slice language -> pandas query, shared with the metric oracle)


def equal_count(s, y, w, k):
    order = np.argsort(s, kind="stable")
    s, y, w = s[order], y[order], w[order]
    n = len(s)
    out = []
    for b in range(k):
        lo, hi = (b * n) // k, ((b + 1) * n) // k
        W = w[lo:hi].sum()
        if hi == lo or W == 0:
            continue
        out.append([float((w[lo:hi] * s[lo:hi]).sum() / W), float((w[lo:hi] * y[lo:hi]).sum() / W), int(hi - lo)])
    return out


def tied_edges(s, k):
    """Bin boundaries (1..k-1) that fall inside a run of equal scores (there equal-count bins split a tie)."""
    ss = np.sort(s, kind="stable")
    n = len(ss)
    return [b for b in range(1, k) if 0 < (b * n) // k < n and ss[(b * n) // k - 1] == ss[(b * n) // k]]


def run_table(t, out):
    cols = t["columns"]
    texts = {cols["label"]} | ({cols["predicted"]} if "predicted" in cols else set()) | set(t.get("text", []))
    df = pd.read_csv(t["csv"], dtype={c: str for c in texts}, keep_default_na=False, na_values={c: [""] for c in set(t.get("numeric", []))},
                     float_precision="round_trip")
    for c in t.get("text", []):
        df[c] = df[c].replace("", np.nan)
    for job in t["jobs"]:
        d = df if job["slice"] is None else df[df.eval(to_query(job["slice"]))]
        w = d[cols["weight"]].to_numpy(dtype=float) if "weight" in cols else np.ones(len(d))
        kind = job["kind"]
        if kind == "confusion":
            labels = job["labels"]
            cm = confusion_matrix(d[cols["label"]].to_numpy(), d[cols["predicted"]].to_numpy(), labels=labels, sample_weight=w)
            out[job["key"]] = cm.tolist()
            continue
        s = d[cols["score"]].to_numpy(dtype=float)
        if t["task"] == "binary":
            y = (d[cols["label"]] == t["positive"]).to_numpy().astype(int)
        else:
            y = d[cols["label"]].to_numpy(dtype=float)
        if kind == "roc":
            fpr, tpr, thr = roc_curve(y, s, sample_weight=None if "weight" not in cols else w, drop_intermediate=False)
            out[job["key"]] = {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr[1:].tolist()}
        elif kind == "calibration":
            k = job["bins"]
            prob_true, prob_pred = calibration_curve(y, s, n_bins=k, strategy="quantile")
            out[job["key"]] = {"observed": prob_true.tolist(), "predicted": prob_pred.tolist(), "tied": tied_edges(s, k)}
        elif kind == "equal_count":
            out[job["key"]] = equal_count(s, y, w, job["bins"])
        elif kind == "histogram":
            edges = np.array(job["edges"])
            if job.get("residual"):
                counts, _ = np.histogram(s - y, bins=edges)
                wsum, _ = np.histogram(s - y, bins=edges, weights=w)
                out[job["key"]] = {"residual": [counts.tolist(), (wsum / w.sum()).tolist()]}
            else:
                res = {}
                for name, mask in (("negative", y == 0), ("positive", y == 1)):
                    counts, _ = np.histogram(s[mask], bins=edges)
                    wsum, _ = np.histogram(s[mask], bins=edges, weights=w[mask])
                    total = w[mask].sum()
                    res[name] = [counts.tolist(), (wsum / total if total > 0 else wsum * 0).tolist()]
                out[job["key"]] = res
        else:
            raise KeyError(kind)


def main():
    spec = json.load(sys.stdin)
    out = {}
    for t in spec["tables"]:
        run_table(t, out)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
