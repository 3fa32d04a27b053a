"""Reference timing for `scripts/bench.sh anonymize`: the P29 score computed the way the Python
application this project replaces computes it (its published P_29_score: a pandas groupby
partition, then per class and per sensitive attribute iloc, value_counts and reindex for k, the
normalized entropy and t-closeness, a min-max normalisation of t, and the weighted sum).
Written for this benchmark; it repeats the same pandas operations so their cost is comparable.

usage: p29_pandas.py FILE --qi COL [--qi COL ...] --sa COL [--sa COL ...]
Prints: read seconds, score seconds, score CPU seconds, classes and the score (tab separated).
"""
import argparse
import sys
import time

import numpy as np
import pandas as pd


def partition(df, qis):
    # The equivalence classes as lists of row positions, from groupby's groups.
    return [list(rows) for rows in df.groupby(by=qis).groups.values()]


def class_label(df, rows, qis):
    first = df.iloc[rows]
    return ", ".join(f"{col}: {first.iloc[0][col]}" for col in qis)


def k_per_class(df, qis):
    sizes = {}
    for rows in partition(df, qis):
        members = df.iloc[rows]
        sizes[", ".join(str(v) for v in members.iloc[0][qis])] = len(members)
    return pd.DataFrame.from_dict(sizes, orient="index", columns=["k-anonymity"])


def entropy_per_class(df, qis, sa):
    distinct = df[sa].nunique()
    if distinct <= 1 or len(df) == 0:
        return {}
    scale = np.log2(distinct)
    result = {}
    for rows in partition(df, qis):
        if pd.api.types.is_numeric_dtype(df[sa]):
            shares = df.iloc[rows][sa].value_counts(normalize=True).values
            h = -np.sum(shares * np.log2(shares))
        else:
            shares = df.iloc[rows][sa].value_counts(normalize=True)
            h = -sum(p * np.log2(p) for p in shares if p > 0)
        result[class_label(df, rows, qis)] = h / scale
    return result


def closeness_per_class(df, qis, sa):
    column = df[sa] if pd.api.types.is_numeric_dtype(df[sa]) else df[sa].astype(str)
    values = np.sort(column.unique())
    overall = df[sa].value_counts(normalize=True).reindex(values, fill_value=0).values
    result = {}
    for rows in partition(df, qis):
        members = df.iloc[rows]
        if members.empty:
            continue
        local = members[sa].value_counts(normalize=True).reindex(values, fill_value=0).values
        result[class_label(df, rows, qis)] = 0.5 * np.sum(np.abs(local - overall))
    return result


def p29(df, qis, sas, w_k=0.5, w_l=0.25, w_t=0.25):
    k_df = k_per_class(df, qis)
    l_df = pd.DataFrame.from_dict({sa: entropy_per_class(df, qis, sa) for sa in sas})
    t_df = pd.DataFrame.from_dict({sa: closeness_per_class(df, qis, sa) for sa in sas})
    problems = []
    if k_df.min().min() <= 1:
        problems.append([(row, "k") for row in k_df[k_df == 1].dropna(how="all").index])
    if l_df.iloc[:, 1:].eq(0).any().any():
        problems.append([(row, "l") for col in l_df.columns[1:] for row in l_df[l_df[col] == 0].index])
    t_numeric = t_df.apply(pd.to_numeric, errors="coerce")
    if (t_numeric > 0.5).any().any():
        problems.append([(row, "t") for col in t_numeric.columns for row in t_df[t_numeric[col] > 0.5].index])
    min_k = k_df.min().iloc[0]
    if problems:
        return 0.0, len(k_df)
    mean_l = l_df.select_dtypes(include="number").mean().mean()
    t_scaled = t_numeric.copy()
    for col in t_numeric.columns:
        low, high = t_numeric[col].min(), t_numeric[col].max()
        t_scaled[col] = (t_numeric[col] - low) / (high - low) if high > low else 0.0
    mean_t = t_scaled.mean().mean()
    return w_k * (1 - 1 / min_k) + w_l * mean_l + w_t * (1 - mean_t), len(k_df)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--qi", action="append", required=True)
    parser.add_argument("--sa", action="append", required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    df = pd.read_csv(args.file)
    read = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    score, classes = p29(df, args.qi, args.sa)
    scored, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{read:.3f}\t{scored:.3f}\t{cpu:.3f}\t{classes}\t{score:.6f}")


if __name__ == "__main__":
    sys.exit(main())
