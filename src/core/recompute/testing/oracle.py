"""Independent oracle for Vouch's metric registry: scikit-learn, scipy, pandas and numpy.

Reads a JSON spec on stdin: {"tables": [{"csv", "task", "columns": {...}, "positive",
"jobs": [{"key", "slice" (slice-language text or null), "metric", "params"}]}]} and prints
{"<key>": value or null, "<key>#n": rows of the slice}. Written from docs/recompute.md and the
libraries' own definitions, never from Vouch's code. Run with Debian's /usr/bin/python3.
"""
import json
import re
import sys

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp, norm
from sklearn.metrics import (accuracy_score, brier_score_loss, f1_score, log_loss, mean_absolute_error,
                             mean_squared_error, precision_score, r2_score, recall_score, roc_auc_score)

TOKEN = re.compile(r"""\s*(?:('(?:[^']|'')*')|("[^"]*"|`[^`]*`)|([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)|(<=|>=|!=|<>|==|[<>=(),])|([A-Za-z_][A-Za-z0-9_.]*))""")


def to_query(expr):
    """Slice language -> pandas query (same NaN semantics: comparisons false, != and not in true)."""
    out, pos, in_list, depth, closers = [], 0, False, 0, []
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            if expr[pos:].strip() == "":
                break
            raise ValueError(f"cannot read {expr[pos:]!r}")
        pos = m.end()
        s, q, num, op, word = m.groups()
        if s is not None:
            out.append(repr(s[1:-1].replace("''", "'")))
        elif q is not None:
            out.append("`" + q[1:-1] + "`")
        elif num is not None:
            out.append(num)
        elif op is not None:
            if op == "(":
                depth += 1
                closers.append("]" if in_list else ")")
                out.append("[" if in_list else "(")
                in_list = False
            elif op == ")":
                depth -= 1
                out.append(closers.pop())
            else:
                out.append({"=": "==", "<>": "!="}.get(op, op))
        else:
            kw = word.upper()
            if kw in ("AND", "OR", "NOT"):
                out.append(kw.lower())
            elif kw == "IN":
                out.append("in")
                in_list = True
            else:
                out.append("`" + word + "`")
    return " ".join(out)


def wavg(x, w):
    return float(np.average(x, weights=w)) if w.sum() > 0 else None


def ks_weighted(s, y, w):
    order = np.argsort(s, kind="stable")
    s, y, w = s[order], y[order], w[order]
    last = np.r_[s[1:] != s[:-1], True]  # end of each tie group
    cp = np.cumsum(w * (y == 1)) / w[y == 1].sum()
    cn = np.cumsum(w * (y == 0)) / w[y == 0].sum()
    return float(np.max(np.abs(cn - cp)[last]))


def ece(s, y, w, k):
    n = len(s)
    order = np.argsort(s, kind="stable")
    s, y, w = s[order], y[order], w[order]
    total = 0.0
    for b in range(k):
        lo, hi = (b * n) // k, ((b + 1) * n) // k
        total += abs(float((w[lo:hi] * s[lo:hi]).sum() - (w[lo:hi] * y[lo:hi]).sum()))
    return total / w.sum() if w.sum() > 0 else None


def binary(metric, p, d, y, s, w, yhat, full):
    both = w[y == 1].sum() > 0 and w[y == 0].sum() > 0
    prob = s is not None and len(s) > 0 and bool(((s >= 0) & (s <= 1)).all())
    if metric in ("auc", "gini"):
        if not both:
            return None
        a = roc_auc_score(y, s, sample_weight=w)
        return a if metric == "auc" else 2 * a - 1
    if metric == "ks":
        if not both:
            return None
        return ks_2samp(s[y == 0], s[y == 1]).statistic if (w == 1).all() else ks_weighted(s, y, w)
    if metric == "brier":
        return brier_score_loss(y, s, sample_weight=w) if prob else None
    if metric == "log_loss":
        return log_loss(y, s, sample_weight=w, labels=[0, 1]) if prob else None
    if metric == "ece":
        return ece(s, y, w, int(p.get("bins", 10))) if len(s) else None
    if metric == "accuracy":
        return accuracy_score(y, yhat, sample_weight=w) if w.sum() > 0 else None
    if metric == "precision":
        return precision_score(y, yhat, sample_weight=w, zero_division=0)
    if metric == "recall":
        return recall_score(y, yhat, sample_weight=w, zero_division=0)
    if metric == "f1":
        return f1_score(y, yhat, sample_weight=w, zero_division=0)
    if metric == "positive_rate":
        return wavg(yhat, w)
    if metric == "prevalence":
        return wavg(y, w)
    approved = (s < p["cutoff"]) if p.get("approve_if") == "<" else (s <= p["cutoff"])
    if metric == "approval_rate":
        return wavg(approved, w)
    if metric == "bad_rate_approved":
        return wavg(y[approved], w[approved]) if approved.any() else None
    if metric == "approval_rate_ratio":
        g = d.eval(to_query(p["group"])).to_numpy()
        r = d.eval(to_query(p["reference"])).to_numpy()
        if not g.any() or not r.any() or not approved[r].any():
            return None
        return wavg(approved[g], w[g]) / wavg(approved[r], w[r])
    if metric == "prevalence":
        return wavg(y, w)
    raise KeyError(metric)


def other(metric, p, d, y, s, w, yhat):
    if metric == "rate":
        x = d[p["column"]].to_numpy(dtype=float)
        return wavg(x, w) if len(x) and np.isin(x, [0, 1]).all() else None
    if metric == "rmse":
        return float(np.sqrt(mean_squared_error(y, s, sample_weight=w))) if len(y) else None
    if metric == "mae":
        return mean_absolute_error(y, s, sample_weight=w) if len(y) else None
    if metric == "r2":
        return r2_score(y, s, sample_weight=w) if len(y) and np.ptp(y) > 0 else None
    if metric == "bias":
        return wavg(s - y, w) if len(y) else None
    if metric == "accuracy":
        return accuracy_score(y, yhat, sample_weight=w) if len(y) else None
    if metric in ("macro_f1", "weighted_f1"):
        return f1_score(y, yhat, average=metric.split("_")[0], sample_weight=w, zero_division=0) if len(y) else None
    if metric == "class_recall":
        c = p["class"]
        return recall_score(y, yhat, labels=[c], average="macro", sample_weight=w, zero_division=0) if (y == c).any() else None
    raise KeyError(metric)


def interval(method, value, n, level):
    z = norm.ppf(1 - (1 - level) / 2)
    if method == "wilson":
        p = value
        c = (p + z * z / (2 * n)) / (1 + z * z / n)
        h = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        return c - h, c + h
    a, n1, n0 = value, n[0], n[1]
    q1, q2 = a / (2 - a), 2 * a * a / (1 + a)
    se = np.sqrt((a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / (n1 * n0))
    return a - z * se, a + z * se


def run_table(t, out):
    cols = t["columns"]
    task = t.get("task", "binary")
    texts = {cols["label"]} | ({cols["predicted"]} if "predicted" in cols else set()) | set(t.get("text", []))
    df = pd.read_csv(t["csv"], dtype={c: str for c in texts}, keep_default_na=False, na_values={c: [""] for c in set(t.get("numeric", []))},
                     float_precision="round_trip")
    for c in t.get("text", []):
        df[c] = df[c].replace("", np.nan)
    subsets = {}
    for job in t["jobs"]:
        if job["slice"] not in subsets:  # one pandas evaluation per slice, not per job
            subsets[job["slice"]] = df if job["slice"] is None else df[df.eval(to_query(job["slice"]))]
        d = subsets[job["slice"]]
        out[job["key"] + "#n"] = len(d)
        w = d[cols["weight"]].to_numpy(dtype=float) if "weight" in cols else np.ones(len(d))
        s = d[cols["score"]].to_numpy(dtype=float) if "score" in cols else None
        p = job.get("params", {})
        if task == "binary":
            y = (d[cols["label"]] == t["positive"]).to_numpy().astype(int)
            if "cutoff" in p:
                yhat = ((s > p["cutoff"]) if p.get("positive_if") == ">" else (s >= p["cutoff"])).astype(int)
            else:
                yhat = (d[cols["predicted"]] == t["positive"]).to_numpy().astype(int) if "predicted" in cols else None
            v = other(job["metric"], p, d, y, s, w, yhat) if job["metric"] == "rate" else binary(job["metric"], p, d, y, s, w, yhat, df)
        elif task == "regression":
            v = other(job["metric"], p, d, d[cols["label"]].to_numpy(dtype=float), s, w, None)
        else:
            v = other(job["metric"], p, d, d[cols["label"]].to_numpy(), s, w, d[cols["predicted"]].to_numpy())
        if v is not None and job.get("interval"):
            iv = job["interval"]
            if iv["method"] == "wilson":
                n = int(iv["n"]) if "n" in iv else len(d)
                v = interval("wilson", v, n, iv["level"])[0 if iv["bound"] == "lower" else 1]
            else:
                y = (d[cols["label"]] == t["positive"]).to_numpy().astype(int)
                v = interval("hanley-mcneil", v, (int(y.sum()), int(len(y) - y.sum())), iv["level"])[0 if iv["bound"] == "lower" else 1]
        out[job["key"]] = None if v is None else float(v)


def main():
    spec = json.load(sys.stdin)
    out = {}
    for t in spec["tables"]:
        run_table(t, out)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
