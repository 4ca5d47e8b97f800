#!/usr/bin/env python3
"""What a race day did to the model, from a backtest's predictions CSV (standard library only).

Usage: day_effects.py PREDICTIONS.csv BOSTON-RESULTS.csv[.gz]

Prints, over finishers with a read at every mat (as `backtest` counts them):
1. per mat, the MAE of the projection as it was and as it would have been had the day's bias been known, i.e. with
   every projection moved by the mat's median miss: elapsed + (projected - elapsed) * (1 + median miss);
2. at 5 and 10 km, per sex and quartile of the 5 km time, the factor on the 80% band's width (around the projection,
   in log remaining time) that would have held 77%, 80% and 83% of the group (as `backtest`'s "80% band x").
"""
import csv
import gzip
import math
import statistics
import sys
from collections import defaultdict


def quantile(values, p):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered) - 1e-9) - 1)]


def main(predictions, results):
    opener = gzip.open if results.endswith(".gz") else open
    with opener(results, "rt") as f:
        sex = {row["bib"]: row["sex"] for row in csv.DictReader(f)}
    reads = defaultdict(list)
    with open(predictions) as f:
        for row in csv.DictReader(f):
            km = float(row["split_km"])
            if km < 42:
                reads[row["bib"]].append((km, float(row["elapsed_s"]), float(row["actual_finish_s"]),
                                          float(row["projected_finish_s"]), float(row["p10_s"]), float(row["p90_s"])))
    mats = max(len(r) for r in reads.values())
    complete = {bib: r for bib, r in reads.items() if len(r) == mats}
    by_mat = defaultdict(list)
    for bib, rs in complete.items():
        for km, t, a, p, lo, hi in rs:
            by_mat[km].append((bib, t, a, p, lo, hi))

    print(f"{len(complete)} finishers with every mat")
    print("mat     MAE (min)  median miss  MAE with the day's bias known (min)")
    overall, known = [], []
    for km in sorted(by_mat):
        rows = by_mat[km]
        bias = statistics.median(math.log((a - t) / (p - t)) for _, t, a, p, _, _ in rows)
        mae = sum(abs(a - p) for _, t, a, p, _, _ in rows) / len(rows) / 60
        mae_known = sum(abs(a - (t + (p - t) * math.exp(bias))) for _, t, a, p, _, _ in rows) / len(rows) / 60
        if abs(km % 5) < 1e-6:
            overall.append(mae)
            known.append(mae_known)
        print(f"{km:5.1f}  {mae:10.2f}  {100 * math.expm1(bias):+10.1f}%  {mae_known:10.2f}")
    print(f"overall (mean of 5K..40K): {sum(overall) / len(overall):.2f} -> {sum(known) / len(known):.2f}")

    five_km = sorted(rs[0][1] for rs in complete.values())
    cuts = [five_km[len(five_km) * i // 4] for i in (1, 2, 3)]
    for mat_km in (5.0, 10.0):
        groups = defaultdict(list)
        for bib, t, a, p, lo, hi in by_mat[mat_km]:
            quartile = sum(complete[bib][0][1] > c for c in cuts) + 1
            miss = math.log((a - t) / (p - t))
            edge = hi if miss > 0 else lo
            groups[(sex.get(bib, "?"), quartile)].append(abs(miss) / abs(math.log((edge - t) / (p - t))))
        print(f"80% band x at {mat_km:g} km for 77 / 80 / 83% of the group, by sex and quartile of the 5 km time")
        for (s, qt), units in sorted(groups.items()):
            if len(units) >= 100:
                print(f"  {s} Q{qt}  {quantile(units, 0.77):.2f} / {quantile(units, 0.80):.2f} / "
                      f"{quantile(units, 0.83):.2f}  ({len(units)} finishers)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
