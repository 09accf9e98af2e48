"""The organisation's data: every file matches its dictionary in datasets/README.md, ids link up."""

from __future__ import annotations

import pandas as pd
import pytest

import pmlib as pm
from pmlib.errors import InputError, MissingColumnError, UnknownDatasetError

NAMES = pm.datasets.names()


def test_first_tables_are_there():
    for name in ("strategic_objectives", "product_lines", "programs", "projects", "resources", "cashflows"):
        assert name in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_file_and_dictionary_agree(name):
    raw = pd.read_csv(pm.datasets.data_dir() / f"{name}.csv", nrows=0)
    documented = list(pm.datasets.schema(name)["column"])
    assert list(raw.columns) == documented, (
        f"{name}.csv columns {list(raw.columns)} differ from datasets/README.md {documented}")
    df = pm.datasets.load(name)
    assert len(df) > 0


def test_every_documented_table_exists():
    """A section documents a bundled CSV, or says in its heading that it is dictionary only."""
    import re

    readme = (pm.datasets.data_dir() / "README.md").read_text()
    for table, remark in re.findall(r"^###\s+`([A-Za-z0-9_]+)\.csv`([^\n]*)$", readme, flags=re.M):
        if "(dictionary only)" in remark:
            assert table not in NAMES, f"{table}.csv exists, but its section says dictionary only"
            continue
        assert table in NAMES, f"datasets/README.md documents {table}.csv, which does not exist"


@pytest.mark.parametrize("name", NAMES)
def test_links_point_to_existing_ids(name):
    df = pm.datasets.load(name)
    for row in pm.datasets.schema(name).itertuples():
        if not row.links_to or "." not in row.links_to:
            continue
        table, column = row.links_to.split(".")
        if row.column.startswith("fit_"):
            assert row.column[4:] in set(pm.datasets.load(table)[column]), row.column
            continue
        known = set(pm.datasets.load(table)[column].dropna())
        values = df[row.column].dropna()
        # a cell may list several ids ("P01,P02") when the dictionary says so
        ids = {i.strip() for v in values.astype(str) for i in v.split(",") if i.strip()}
        unknown = ids - known
        assert not unknown, f"{name}.{row.column} refers to unknown {table}.{column}: {sorted(unknown)}"


@pytest.mark.parametrize("name", NAMES)
def test_ids_unique(name):
    df = pm.datasets.load(name)
    if "id" in df.columns:
        assert df["id"].is_unique, f"{name}.id has duplicates"


def test_projects_model():
    p = pm.datasets.load("projects")
    assert set(p["status"]) <= {"candidate", "in_flight", "completed", "on_hold"}
    assert set(p["category"]) <= {"growth", "efficiency", "compliance", "innovation", "sustain"}
    assert (p["cost"] > 0).all()
    fit = [c for c in p.columns if c.startswith("fit_")]
    assert {f"fit_{i}" for i in pm.datasets.load("strategic_objectives")["id"]} == set(fit)
    assert p[fit].min().min() >= 0 and p[fit].max().max() <= 5
    assert pd.api.types.is_datetime64_any_dtype(p["start"])
    assert (p["finish"] > p["start"]).all()


def test_objective_weights_sum_to_one():
    assert pm.datasets.load("strategic_objectives")["weight"].sum() == pytest.approx(1.0)


def test_load_returns_a_fresh_copy():
    a = pm.datasets.load("projects")
    a.loc[0, "cost"] = -1
    assert pm.datasets.load("projects").loc[0, "cost"] > 0


def test_unknown_name_lists_known_ones():
    with pytest.raises(UnknownDatasetError, match="projects") as info:
        pm.datasets.load("projetcs")
    assert "projetcs" in str(info.value) and isinstance(info.value, ValueError)


def test_read_csv_validates_a_users_file(tmp_path):
    good = tmp_path / "mine.csv"
    pm.datasets.load("resources").to_csv(good, index=False)
    assert len(pm.datasets.read_csv(good, like="resources")) == 22

    missing = tmp_path / "missing.csv"
    pm.datasets.load("resources").drop(columns=["capacity"]).to_csv(missing, index=False)
    with pytest.raises(MissingColumnError, match="capacity.*columns found: id, name"):
        pm.datasets.read_csv(missing, like="resources")

    bad = tmp_path / "bad.csv"
    df = pm.datasets.load("resources")
    df["capacity"] = df["capacity"].astype(object)
    df.loc[3, "capacity"] = "full time"
    df.to_csv(bad, index=False)
    with pytest.raises(InputError, match=r"^bad.csv, line 5, column 'capacity': 'full time' is not a number"):
        pm.datasets.read_csv(bad, like="resources")


def test_describe_prints_the_dictionary():
    text = pm.datasets.describe("projects")
    assert "fit_digital_revenue" in text and "k$" in text
