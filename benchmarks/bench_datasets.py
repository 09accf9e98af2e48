"""Loading a validated table costs little more than a bare pandas.read_csv.

Prints two ratios against pd.read_csv of the same file:
- the first load (types from the dictionary, every column checked): target below 5;
- later loads (parsed once, then copied): target below 1.
"""

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


first = report("first load('projects')", best_time(cold, repeat=30), bare, "pandas.read_csv", target="< 5")
again = report("later load('projects')", best_time(lambda: pm.datasets.load("projects"), repeat=30), bare,
               "pandas.read_csv", target="< 1")
sys.exit(0 if first < 5 and again < 1 else 1)
