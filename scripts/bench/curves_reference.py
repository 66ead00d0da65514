"""The reference for the bench's curves section: what a validation analyst would write with pandas,
scikit-learn and numpy to compute the same pictures from the same predictions file: the ROC curve,
the reliability diagram (10 equal-count bins) and the score histogram of each class (40 bins), for
every row and for each critical slice. Prints {"<slice or all>": {"roc_points", "bins"}} as JSON.

usage: python3 curves_reference.py predictions.csv slices.json
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import roc_curve


def curves(d):
    y = d["default_12m"].to_numpy()
    p = d["pd"].to_numpy()
    fpr, tpr, _ = roc_curve(y, p, drop_intermediate=False)
    prob_true, _ = calibration_curve(y, p, n_bins=10, strategy="quantile")
    edges = np.linspace(0, 1, 41)
    np.histogram(p[y == 0], bins=edges)
    np.histogram(p[y == 1], bins=edges)
    return {"roc_points": len(fpr), "bins": len(prob_true)}


def to_query(definition):
    return definition.replace(" AND ", " and ").replace(" OR ", " or ").replace(" = ", " == ").replace(" IN (", " in (")


def main():
    csv, slices_json = sys.argv[1], sys.argv[2]
    df = pd.read_csv(csv)
    out = {"all": curves(df)}
    for s in json.load(open(slices_json))["slices"]:
        if s.get("critical"):
            out[s["id"]] = curves(df.query(to_query(s["definition"])))
    json.dump(out, sys.stdout)


main()
