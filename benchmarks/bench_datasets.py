"""Reading and writing checked tables costs little more than bare pandas.

Prints ratios against pandas timed in the same run, with targets:
Each pair is timed alternately (best of N each), so a busy machine slows both alike.

- the first ``load('projects')`` (types from the dictionary, every cell checked) below 5x
  ``pandas.read_csv``, and later loads (parsed once, then copied) below 1x;
- ``read_csv`` of an analyst's 75,000-row status file below 6x ``pandas.read_csv`` (which
  checks nothing: it would shift a row with an extra field, wrap a huge integer, read ``True``
  as 1.0; pmlib keeps every cell's text to name a bad one, and converts the numbers from it);
- ``pm.io.read_excel`` of a 5,000-row sheet below 1.5x ``pandas.read_excel`` (both on openpyxl);
- ``pm.io.write_excel`` of the same table (formula escaping, formats, exact floats) below 1.5x
  ``DataFrame.to_excel`` with openpyxl.
"""

import io
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_time, report  # noqa: E402

import pmlib as pm  # noqa: E402
from pmlib import datasets  # noqa: E402


def paired(ours, baseline, repeat):
    """Best times of ``ours`` and ``baseline`` timed alternately, so both see the same machine load."""
    best_ours = best_base = float("inf")
    for _ in range(repeat):
        best_ours = min(best_ours, best_time(ours, repeat=1))
        best_base = min(best_base, best_time(baseline, repeat=1))
    return best_ours, best_base


path = datasets.data_dir() / "projects.csv"


def cold():
    datasets._load_cached.cache_clear()
    pm.datasets.load("projects")


ratios = {
    "first load": (report("first load('projects')", *paired(cold, lambda: pd.read_csv(path), 60),
                          "pandas.read_csv", target="< 5"), 5),
    "later load": (report("later load('projects')",
                          *paired(lambda: pm.datasets.load("projects"), lambda: pd.read_csv(path), 60),
                          "pandas.read_csv", target="< 1"), 1),
}

status = pm.datasets.load("status_periods")
big = pd.concat([status.assign(project_id=status["project_id"] + f"-{i}") for i in range(500)], ignore_index=True)
text = big.to_csv(index=False)
ratios["read_csv"] = (report(
    f"read_csv, {len(big):,} rows", *paired(lambda: pm.datasets.read_csv(io.StringIO(text), like="status_periods"),
                                            lambda: pd.read_csv(io.StringIO(text)), 5),
    "pandas.read_csv", target="< 6"), 6)

sheet = big.head(5000)
book = io.BytesIO()
pm.io.write_excel({"status_periods": sheet}, book)
ratios["read_excel"] = (report(
    f"read_excel, {len(sheet):,} rows", *paired(lambda: pm.io.read_excel(book, like="status_periods"),
                                                lambda: pd.read_excel(book, engine="openpyxl"), 3),
    "pandas.read_excel", target="< 1.5"), 1.5)
ratios["write_excel"] = (report(
    f"write_excel, {len(sheet):,} rows", *paired(lambda: pm.io.write_excel({"status": sheet}, io.BytesIO()),
                                                 lambda: sheet.to_excel(io.BytesIO(), index=False, engine="openpyxl"),
                                                 3),
    "DataFrame.to_excel", target="< 1.5"), 1.5)

missed = [name for name, (ratio, target) in ratios.items() if ratio >= target]
if missed:
    print("missed:", ", ".join(missed))
sys.exit(1 if missed else 0)
