"""Balance and capacity: spend by strategic bucket, people needed by skill against people available."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .._validate import (
    Integer,
    Text,
    as_float_array,
    as_float_columns,
    as_frame,
    check_range,
    params,
    require_columns,
    require_known_ids,
    require_unique_ids,
    require_unique_rows,
)
from ..errors import InputError
from .selection import Selection

__all__ = ["category_balance", "staff_columns", "capacity_limits", "capacity_check"]


def _no_missing(frame: pd.DataFrame, column: str, name: str, labels) -> None:
    missing = frame[column].isna().to_numpy()
    if missing.any():
        raise InputError(f"{name}: row {labels[int(np.flatnonzero(missing)[0])]!r} has no {column}: fill it in.")


@params(category=Text(), weight=Text())
def category_balance(candidates, selected=None, *, category="category", weight="cost", targets=None) -> pd.DataFrame:
    """Strategic buckets: the share of spend per category, against target shares.

        share_c = sum of `weight` over selected rows in category c / total over selected rows

    Parameters
    ----------
    candidates : DataFrame
        Rows with a unique ``id``, a ``category`` and the ``weight`` column (k$, >= 0).
    selected : iterable of ids, Selection, or None
        The funded rows (default: every row).
    targets : mapping {category: share}, optional
        The board's target mix (fractions in [0, 1] summing to at most 1).

    Returns
    -------
    DataFrame
        Indexed by category: ``amount``, ``share``, ``n`` and, with targets, ``target`` and
        ``gap`` (share - target).

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["A", "B", "C"], "category": ["growth", "growth", "innovation"],
    ...                    "cost": [300, 500, 200]})
    >>> category_balance(df, targets={"growth": 0.7, "innovation": 0.3})[["share", "gap"]].round(2).values.tolist()
    [[0.8, 0.1], [0.2, -0.1]]
    """
    frame = as_frame(candidates, "candidates")
    require_columns(frame, ["id", category, weight], "candidates")
    require_unique_ids(frame["id"], "candidates")
    if isinstance(selected, Selection):
        selected = selected.selected
    if selected is not None:
        sel = [selected] if isinstance(selected, str) else list(selected)
        require_known_ids(sel, frame["id"], "selected", what="candidate id")
        frame = frame[frame["id"].isin(sel)]
    ids = pd.Index(frame["id"])
    w = as_float_columns(frame, [weight], "candidates", labels=ids)[:, 0]
    check_range(w, f"candidates.{weight}", ge=0, labels=ids)
    _no_missing(frame, category, "candidates", ids)
    codes, cats = pd.factorize(frame[category].astype(str), sort=True)
    out = pd.DataFrame({"amount": np.bincount(codes, weights=w, minlength=len(cats)),
                        "n": np.bincount(codes, minlength=len(cats))}, index=pd.Index(cats, name="category"))
    total = out["amount"].sum()
    out["share"] = out["amount"] / total if total > 0 else 0.0
    if targets is not None:
        t = pd.Series(dict(targets), dtype=object)
        values = as_float_array(t, "targets", ndim=1)
        check_range(values, "targets (a share)", ge=0, le=1, labels=list(t.index))
        if values.sum() > 1 + 1e-9:
            raise InputError(f"targets sum to {values.sum():.3g}: shares of one budget sum to at most 1.")
        t = pd.Series(values, index=t.index.astype(str))
        out = out.reindex(out.index.union(t.index), fill_value=0)
        out["target"] = t.reindex(out.index).fillna(0.0)
        out["gap"] = out["share"] - out["target"]
    out.index.name = "category"
    return out[["amount", "share", "n"] + (["target", "gap"] if targets is not None else [])]


def _demand_table(demand, year) -> tuple[pd.DataFrame, np.ndarray]:
    """Staff demand checked: one row per (project, skill, year), whole years, fte >= 0."""
    d = as_frame(demand, "demand")
    require_columns(d, ["project_id", "skill", "year", "fte"], "demand")
    require_unique_rows(d, ["project_id", "skill", "year"], "demand")
    labels = [f"{p}/{s}/{y}" for p, s, y in zip(d["project_id"], d["skill"], d["year"], strict=True)]
    num = as_float_columns(d, ["year", "fte"], "demand", labels=labels)
    if (num[:, 0] % 1 != 0).any():
        raise InputError(f"demand: row {labels[int(np.flatnonzero(num[:, 0] % 1 != 0)[0])]!r} has a year that is "
                         "not a whole number.")
    check_range(num[:, 1], "demand.fte", ge=0, labels=labels)
    d = d.assign(year=num[:, 0].astype(int), fte=num[:, 1])
    keep = np.ones(len(d), bool) if year is None else (d["year"] == year).to_numpy()
    return d[keep], num[keep, 1]


def _capacity_by_skill(resources) -> pd.Series:
    res = as_frame(resources, "resources")
    require_columns(res, ["skill", "capacity"], "resources")
    labels = res["id"] if "id" in res.columns else res.index
    cap = as_float_columns(res, ["capacity"], "resources", labels=labels)[:, 0]
    check_range(cap, "resources.capacity", ge=0, labels=labels)
    _no_missing(res, "skill", "resources", labels)
    return pd.Series(cap).groupby(res["skill"].astype(str).to_numpy()).sum()


@params(year=Integer(allow_none=True), prefix=Text())
def staff_columns(demand, *, year=None, prefix="fte") -> pd.DataFrame:
    """One row per project and one column ``fte_<skill>_<year>`` per (skill, year) of demand.

    Parameters
    ----------
    demand : DataFrame
        Columns ``project_id``, ``skill``, ``year``, ``fte`` (like ``staff_demand.csv``), one row
        per (project, skill, year).
    year : int, optional
        Keep one year only.

    Returns
    -------
    DataFrame
        Indexed by project id, zeros where a project needs none of a skill. Join it to the
        candidates, then limit the columns in :func:`select` (see :func:`capacity_limits`).

    Examples
    --------
    >>> d = pd.DataFrame({"project_id": ["A", "A", "B"], "skill": ["dev", "ds", "dev"],
    ...                   "year": [2027, 2027, 2027], "fte": [1.0, 0.5, 2.0]})
    >>> staff_columns(d).to_dict("index")
    {'A': {'fte_dev_2027': 1.0, 'fte_ds_2027': 0.5}, 'B': {'fte_dev_2027': 2.0, 'fte_ds_2027': 0.0}}
    """
    d, fte = _demand_table(demand, year)
    d = d.assign(fte=fte, column=prefix + "_" + d["skill"].astype(str) + "_" + d["year"].astype(str))
    wide = d.pivot_table(index="project_id", columns="column", values="fte", aggfunc="sum", fill_value=0.0)
    wide.columns.name = None
    wide.index.name = "id"
    return wide.astype(float)


def capacity_limits(resources, columns: Iterable[str]) -> dict:
    """Capacity (FTE) per ``fte_<skill>_<year>`` column: the sum of ``capacity`` per skill.

    >>> r = pd.DataFrame({"skill": ["ds", "ds", "dev"], "capacity": [1.0, 0.5, 1.0]})
    >>> capacity_limits(r, ["fte_ds_2027", "fte_dev_2027"])
    {'fte_ds_2027': 1.5, 'fte_dev_2027': 1.0}
    """
    cap = _capacity_by_skill(resources)
    out = {}
    for col in [columns] if isinstance(columns, str) else list(columns):
        parts = str(col).split("_")
        if len(parts) < 3 or not parts[-1].isdigit():
            raise InputError(f"column {col!r} is not of the form fte_<skill>_<year>.")
        out[col] = float(cap.get("_".join(parts[1:-1]), 0.0))
    return out


@params(year=Integer(allow_none=True))
def capacity_check(demand, resources, *, year=None) -> pd.DataFrame:
    """Resource optimisation at portfolio level: demand vs capacity per skill and year.

        gap = demand - capacity;   shortfall_share = gap / demand  (when gap > 0)

    Parameters
    ----------
    demand : DataFrame
        ``project_id``, ``skill``, ``year``, ``fte`` (e.g. the candidates' ``staff_demand``),
        one row per (project, skill, year).
    resources : DataFrame
        ``skill``, ``capacity`` (FTE, >= 0), one row per person.
    year : int, optional
        Keep one year.

    Returns
    -------
    DataFrame
        Indexed by (year, skill): ``demand``, ``capacity``, ``gap`` and ``shortfall_share``
        (0 when capacity suffices), worst shortfall first.

    Examples
    --------
    >>> d = pd.DataFrame({"project_id": ["A", "B"], "skill": ["ds", "ds"], "year": [2027, 2027],
    ...                   "fte": [3.0, 2.0]})
    >>> r = pd.DataFrame({"skill": ["ds"] * 4, "capacity": [1.0] * 4})
    >>> capacity_check(d, r).loc[(2027, "ds"), ["demand", "capacity", "shortfall_share"]].tolist()
    [5.0, 4.0, 0.2]
    """
    d, fte = _demand_table(demand, year)
    cap = _capacity_by_skill(resources)
    dem = d.assign(fte=fte).groupby(["year", "skill"])["fte"].sum().rename("demand").to_frame()
    dem["capacity"] = cap.reindex(dem.index.get_level_values("skill").astype(str)).fillna(0.0).to_numpy()
    dem["gap"] = dem["demand"] - dem["capacity"]
    dem["shortfall_share"] = np.where(dem["gap"] > 0, dem["gap"] / dem["demand"].where(dem["demand"] > 0, 1), 0.0)
    return dem.sort_values(["shortfall_share", "gap"], ascending=False)
