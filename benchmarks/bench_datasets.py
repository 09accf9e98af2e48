"""Reading and writing checked tables costs little more than bare pandas.

Prints ratios against pandas timed in the same run, with targets:
- the first ``load('projects')`` (types from the dictionary, every cell checked) below 5x
  ``pandas.read_csv``, and later loads (parsed once, then copied) below 1x;
- ``read_csv`` of an analyst's 75,000-row status file below 5x ``pandas.read_csv`` (which
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

path = datasets.data_dir() / "projects.csv"
bare = best_time(lambda: pd.read_csv(path), repeat=30)


def cold():
    datasets._load_cached.cache_clear()
    pm.datasets.load("projects")


ratios = {
    "first load": (report("first load('projects')", best_time(cold, repeat=30), bare, "pandas.read_csv",
                          target="< 5"), 5),
    "later load": (report("later load('projects')", best_time(lambda: pm.datasets.load("projects"), repeat=30),
                          bare, "pandas.read_csv", target="< 1"), 1),
}

status = pm.datasets.load("status_periods")
big = pd.concat([status.assign(project_id=status["project_id"] + f"-{i}") for i in range(500)], ignore_index=True)
text = big.to_csv(index=False)
ratios["read_csv"] = (report(
    f"read_csv, {len(big):,} rows", best_time(lambda: pm.datasets.read_csv(io.StringIO(text), like="status_periods"),
                                              repeat=3),
    best_time(lambda: pd.read_csv(io.StringIO(text)), repeat=3), "pandas.read_csv", target="< 5"), 5)

sheet = big.head(5000)
book = io.BytesIO()
pm.io.write_excel({"status_periods": sheet}, book)
ratios["read_excel"] = (report(
    f"read_excel, {len(sheet):,} rows", best_time(lambda: pm.io.read_excel(book, like="status_periods"), repeat=3),
    best_time(lambda: pd.read_excel(book, engine="openpyxl"), repeat=3), "pandas.read_excel", target="< 1.5"), 1.5)
ratios["write_excel"] = (report(
    f"write_excel, {len(sheet):,} rows", best_time(lambda: pm.io.write_excel({"status": sheet}, io.BytesIO()),
                                                   repeat=3),
    best_time(lambda: sheet.to_excel(io.BytesIO(), index=False, engine="openpyxl"), repeat=3),
    "DataFrame.to_excel", target="< 1.5"), 1.5)

missed = [name for name, (ratio, target) in ratios.items() if ratio >= target]
if missed:
    print("missed:", ", ".join(missed))
sys.exit(1 if missed else 0)
