"""Risk concentration: critical projects that lean on the same vendor or the same person."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import (
    Integer,
    Real,
    as_date_column,
    as_float_columns,
    as_frame,
    params,
    require_columns,
    require_unique_ids,
)
from ..errors import InputError
from ._tables import _TOL

__all__ = ["risk_concentration"]

_COLUMNS = ["kind", "source", "projects", "critical_projects", "n_critical"]


def _shared(pairs: pd.DataFrame, kind: str, critical: set) -> pd.DataFrame:
    """One row per source used by a critical project: all its projects, its critical ones."""
    pairs = pairs.assign(critical=pairs["project"].isin(critical))
    g = pairs.groupby("source", sort=True)
    out = pd.DataFrame({
        "kind": kind,
        "projects": g["project"].agg(lambda s: ",".join(map(str, s))),
        "critical_projects": pairs[pairs["critical"]].groupby("source")["project"].agg(lambda s: ",".join(map(str, s))),
        "n_critical": g["critical"].sum().astype(int),
    })
    return out[out["n_critical"] > 0].rename_axis("source").reset_index()[_COLUMNS]


def _vendor_slips(history, projects) -> pd.Series:
    """Each vendor's average slip in weeks on past projects (actual - baseline finish)."""
    if projects is None:
        raise InputError("history needs projects (id, vendor) to know each past project's vendor.")
    h = as_frame(history, "history")
    require_columns(h, ["project_id", "baseline_finish", "actual_finish"], "history")
    pj = as_frame(projects, "projects")
    require_columns(pj, ["id", "vendor"], "projects")
    require_unique_ids(pj["id"], "projects")
    labels = list(h["project_id"])
    slip = (as_date_column(h, "actual_finish", "history", labels=labels)
            - as_date_column(h, "baseline_finish", "history", labels=labels)).dt.days / 7
    vendor = h["project_id"].map(pj.set_index("id")["vendor"])
    return slip.groupby(vendor.to_numpy()).mean()


@params(float_weeks=Real(ge=0), min_projects=Integer(ge=1))
def risk_concentration(schedule_table, *, demand=None, float_weeks=0.0, history=None, projects=None,
                       min_projects=2) -> pd.DataFrame:
    """Critical projects that depend on the same vendor or the same person, flagged.

    A single point of failure shared by several critical (or near-critical) projects turns
    independent risks into one correlated risk (PMI, *The Standard for Program Management*,
    program risk management; PMBOK Guide 11, risk concentration).

    Parameters
    ----------
    schedule_table : DataFrame
        :attr:`ProgramSchedule.table` (index id, ``total_float``, ``vendor``), or any table
        with ``id``/index (unique), ``total_float`` (weeks) and ``vendor``.
    demand : DataFrame, optional
        Resource demand (``project_id``, ``resource_id``, ``fte``): people shared between
        critical projects are listed too.
    float_weeks : float
        A project counts as critical when its total float is at most this many weeks (>= 0).
    history : DataFrame, optional
        Past outcomes (``project_id``, ``baseline_finish``, ``actual_finish``) with
        ``projects`` (``id``, ``vendor``): adds each vendor's average past slip in weeks.
    min_projects : int
        Flag a source shared by at least this many critical projects (>= 1).

    Returns
    -------
    DataFrame
        One row per vendor / person used by a critical project: ``kind``, ``source``,
        ``projects`` (all program projects using it), ``critical_projects``, ``n_critical``,
        ``past_slip_weeks`` (vendors, when ``history`` is given), ``flagged``. Flagged rows first.

    Examples
    --------
    >>> t = pd.DataFrame({"total_float": [0, 0, 3], "vendor": ["V", "V", "V"]}, index=["A", "B", "C"])
    >>> risk_concentration(t)[["source", "critical_projects", "flagged"]].to_dict("records")
    [{'source': 'V', 'critical_projects': 'A,B', 'flagged': True}]
    """
    t = as_frame(schedule_table, "schedule_table")
    if "id" not in t.columns:
        t = t.reset_index().rename(columns={t.index.name or "index": "id"})
    require_columns(t, ["id", "total_float"], "schedule_table")
    require_unique_ids(t["id"], "schedule_table")
    fl = as_float_columns(t, ["total_float"], "schedule_table", labels=list(t["id"]))[:, 0]
    critical = set(t.loc[fl <= float_weeks + _TOL, "id"])
    parts = [pd.DataFrame(columns=_COLUMNS)]
    if "vendor" in t.columns:
        used = t.dropna(subset=["vendor"])
        parts.append(_shared(pd.DataFrame({"source": used["vendor"], "project": used["id"]}), "vendor", critical))
    if demand is not None:
        d = as_frame(demand, "demand")
        require_columns(d, ["project_id", "resource_id"], "demand")
        if "fte" in d.columns:
            d = d[as_float_columns(d, ["fte"], "demand", labels=list(d["project_id"]))[:, 0] > 0]
        d = d[d["project_id"].isin(set(t["id"]))].drop_duplicates(["resource_id", "project_id"])
        order = pd.Series(range(len(t)), index=t["id"])   # projects listed in the schedule's order
        d = d.assign(_o=d["project_id"].map(order)).sort_values(["resource_id", "_o"])
        parts.append(_shared(pd.DataFrame({"source": d["resource_id"], "project": d["project_id"]}), "resource",
                             critical))
    out = pd.concat([p for p in parts if len(p)] or parts, ignore_index=True)
    if history is not None:
        slip = _vendor_slips(history, projects)
        out["past_slip_weeks"] = np.where(out["kind"] == "vendor", slip.reindex(out["source"]).to_numpy(), np.nan)
    out["n_critical"] = out["n_critical"].astype(int)
    out["flagged"] = out["n_critical"] >= min_projects
    return out.sort_values(["flagged", "n_critical", "kind", "source"],
                           ascending=[False, False, False, True]).reset_index(drop=True)
