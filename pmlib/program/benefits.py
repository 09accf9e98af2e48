"""Benefits: planned against realised, program-wide totals, and delivery against benefit success."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import (
    Options,
    Probability,
    Real,
    as_date_column,
    as_float_columns,
    as_frame,
    as_timestamps,
    params,
    require_columns,
    require_known_ids,
    require_unique_ids,
    require_unique_rows,
)
from ..errors import InputError
from ._tables import benefits_frame

__all__ = ["benefits_timeline", "benefits_realisation", "success_matrix"]


def _realisation_frame(realisation, name="realisation") -> pd.DataFrame:
    """One row per (benefit, date): planned k$ (required), realised and KPI (empty = not measured)."""
    df = as_frame(realisation, name)
    require_columns(df, ["benefit_id", "date", "planned", "realised"], name)
    labels = pd.Index(df["benefit_id"].astype(str) + " row " + df.index.astype(str))
    df["date"] = as_date_column(df, "date", name, labels=labels).to_numpy()
    require_unique_rows(df, ["benefit_id", "date"], name)
    df["planned"] = as_float_columns(df, ["planned"], name, labels=labels)[:, 0]
    optional = ["realised"] + (["kpi_actual"] if "kpi_actual" in df.columns else [])
    df[optional] = as_float_columns(df, optional, name, labels=labels, allow_nan=True)
    return df.sort_values(["benefit_id", "date"]).reset_index(drop=True)


@params(by=Options("benefit", "program"))
def benefits_timeline(realisation, benefits=None, *, by="benefit") -> pd.DataFrame:
    """Cumulative planned and realised benefit over time (k$), per benefit or per program.

    Parameters
    ----------
    realisation : DataFrame
        ``benefit_id``, ``date``, ``planned``, ``realised`` (k$ per period), one row per
        (benefit, date).
    benefits : DataFrame, optional
        ``id`` and ``program_id``; needed for ``by="program"``.
    by : {"benefit", "program"}
        ``"benefit"``: one cumulative series per benefit. ``"program"``: the program-wide
        series, summing every benefit of each program per date (``benefit_id`` then holds the
        program id); realised stops at the last date any of its benefits was measured.

    Returns
    -------
    DataFrame
        ``benefit_id``, ``date``, ``planned``, ``realised``, ``planned_cum`` and ``realised_cum``
        (NaN after the last measured period).

    >>> r = [{"benefit_id": "B1", "date": "2026-03-31", "planned": 10, "realised": 8},
    ...      {"benefit_id": "B1", "date": "2026-06-30", "planned": 20, "realised": None},
    ...      {"benefit_id": "B2", "date": "2026-06-30", "planned": 5, "realised": None}]
    >>> benefits_timeline(r)[["planned_cum", "realised_cum"]].to_dict("list")
    {'planned_cum': [10.0, 30.0, 5.0], 'realised_cum': [8.0, nan, nan]}
    >>> b = [{"id": "B1", "program_id": "G"}, {"id": "B2", "program_id": "G"}]
    >>> benefits_timeline(r, b, by="program")[["benefit_id", "planned_cum"]].to_dict("list")
    {'benefit_id': ['G', 'G'], 'planned_cum': [10.0, 35.0]}
    """
    df = _realisation_frame(realisation)
    if by == "program":
        if benefits is None:
            raise InputError("by='program' needs benefits (id, program_id) to know each benefit's program.")
        bf = as_frame(benefits, "benefits")
        require_columns(bf, ["id", "program_id"], "benefits")
        require_unique_ids(bf["id"], "benefits")
        require_known_ids(pd.unique(df["benefit_id"]), bf["id"], "realisation.benefit_id", what="benefit")
        df["benefit_id"] = df["benefit_id"].map(dict(zip(bf["id"], bf["program_id"], strict=True)))
        last = df.loc[df["realised"].notna()].groupby("benefit_id")["date"].max()
        df = df.groupby(["benefit_id", "date"], as_index=False).agg(
            planned=("planned", "sum"), realised=("realised", lambda x: x.sum(min_count=1)))
        df["realised"] = df["realised"].fillna(0.0).where(df["date"] <= df["benefit_id"].map(last))
    g = df.groupby("benefit_id", sort=False)
    df["planned_cum"] = g["planned"].cumsum().astype(float)
    df["realised_cum"] = g["realised"].cumsum().where(df["realised"].notna())
    return df


def _kpi_columns(out: pd.DataFrame, bf: pd.DataFrame, upto: pd.DataFrame, ids) -> None:
    kpi = upto.dropna(subset=["kpi_actual"]).groupby("benefit_id")["kpi_actual"].last().reindex(ids)
    base, target = as_float_columns(bf, ["kpi_baseline", "kpi_target"], "benefits", labels=ids).T
    out["kpi_baseline"], out["kpi_target"], out["kpi_actual"] = base, target, kpi.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["kpi_progress"] = (kpi.to_numpy() - base) / (target - base)


def _program_totals(out: pd.DataFrame) -> pd.DataFrame:
    totals = out.groupby("program_id")[["planned_to_date", "realised_to_date", "planned_total"]].sum()
    rows = pd.DataFrame(np.nan, index=pd.Index([f"TOTAL {pg}" for pg in totals.index], name="id"),
                        columns=out.columns).astype(object)
    rows["program_id"] = totals.index.to_numpy()
    if "name" in rows.columns:
        rows["name"] = [f"all benefits of {pg}" for pg in totals.index]
    for col in totals.columns:
        rows[col] = totals[col].to_numpy()
    if "value" in out.columns:
        rows["value"] = out.groupby("program_id")["value"].sum().reindex(totals.index).to_numpy()
    planned = totals["planned_to_date"].to_numpy()
    rows["realisation"] = np.where(planned > 0, totals["realised_to_date"].to_numpy() / np.where(planned > 0, planned, 1),
                                   np.nan)
    return pd.concat([out, rows]).infer_objects()


def benefits_realisation(benefits, realisation, *, status_date=None) -> pd.DataFrame:
    """Planned vs realised benefits to date, per benefit and program-wide.

    ``realisation = realised to date / planned to date`` (PMI, *The Standard for Program
    Management*, benefits realisation; PMI *Benefits Realization Management* practice guide).
    ``kpi_progress = (KPI now - baseline) / (target - baseline)``: how far the measure has moved
    towards what the business case promised.

    Parameters
    ----------
    benefits : DataFrame
        ``id`` (unique; + ``name``, ``program_id``, ``project_ids``, ``value``,
        ``kpi_baseline``, ``kpi_target`` when present).
    realisation : DataFrame
        ``benefit_id``, ``date``, ``planned``, ``realised`` (k$ per period; realised empty when
        not yet measured), optionally ``kpi_actual``; one row per (benefit, date).
    status_date : date, optional
        Count periods up to this date (default: the last measured period).

    Returns
    -------
    DataFrame
        One row per benefit (index ``id``) and one ``TOTAL <program>`` row per program:
        ``planned_to_date``, ``realised_to_date``, ``realisation`` (NaN before anything was
        planned), ``planned_total``, and the KPI columns.

    Examples
    --------
    >>> b = [{"id": "B1", "kpi_baseline": 100, "kpi_target": 115}]
    >>> r = [{"benefit_id": "B1", "date": "2026-03-31", "planned": 100, "realised": 40, "kpi_actual": 103}]
    >>> out = benefits_realisation(b, r)
    >>> float(out.loc["B1", "realisation"]), float(out.loc["B1", "kpi_progress"])
    (0.4, 0.2)
    """
    bf = as_frame(benefits, "benefits")
    require_columns(bf, ["id"], "benefits")
    require_unique_ids(bf["id"], "benefits")
    rl = _realisation_frame(realisation)
    require_known_ids(rl["benefit_id"], bf["id"], "realisation.benefit_id", what="benefit")
    when = (as_timestamps(status_date, "status_date") if status_date is not None
            else rl.loc[rl["realised"].notna(), "date"].max())
    if pd.isna(when):
        when = rl["date"].min() - pd.Timedelta(days=1)
    upto = rl[rl["date"] <= when]
    ids = bf["id"].tolist()
    planned = upto.groupby("benefit_id")["planned"].sum().reindex(ids).fillna(0.0)
    realised = upto.groupby("benefit_id")["realised"].sum(min_count=1).reindex(ids).fillna(0.0)
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    for col in ("name", "program_id", "project_ids", "value"):
        if col in bf.columns:
            out[col] = bf[col].to_numpy()
    out["planned_to_date"] = planned.to_numpy()
    out["realised_to_date"] = realised.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["realisation"] = np.where(planned > 0, realised / planned, np.nan)
    out["planned_total"] = rl.groupby("benefit_id")["planned"].sum().reindex(ids).fillna(0.0).to_numpy()
    if {"kpi_baseline", "kpi_target"} <= set(bf.columns) and "kpi_actual" in rl.columns:
        _kpi_columns(out, bf, upto, ids)
    return _program_totals(out) if "program_id" in out.columns else out


def _outcomes(outcomes) -> pd.DataFrame:
    of = as_frame(outcomes, "outcomes")
    require_columns(of, ["project_id", "baseline_finish", "actual_finish", "baseline_cost", "actual_cost"], "outcomes")
    require_unique_ids(of["project_id"], "outcomes")
    ids = list(of["project_id"])
    costs = as_float_columns(of, ["baseline_cost", "actual_cost"], "outcomes", labels=ids)
    if (costs[:, 0] <= 0).any():
        raise InputError(f"outcomes: project {ids[int(np.flatnonzero(costs[:, 0] <= 0)[0])]!r} has a baseline_cost "
                         "<= 0: give its approved budget (k$).")
    return pd.DataFrame({"baseline_finish": as_date_column(of, "baseline_finish", "outcomes", labels=ids).to_numpy(),
                         "actual_finish": as_date_column(of, "actual_finish", "outcomes", labels=ids).to_numpy(),
                         "baseline_cost": costs[:, 0], "actual_cost": costs[:, 1]},
                        index=pd.Index(ids, name="project_id"))


@params(threshold=Probability(), tolerance=Real(ge=0))
def success_matrix(outcomes, benefits, realisation, *, status_date=None, threshold=0.8, tolerance=0.05) -> pd.DataFrame:
    """Delivery success (on time, on budget) next to benefit success (realised vs planned).

    Project success is more than delivery: the PMBOK Guide (6th ed., 1.2.6.4; value delivery in
    the 7th and 8th editions) counts the business objectives the project was started for.
    A project is a **delivery success** when it finished by its baseline date and within
    ``tolerance`` of its baseline budget; a **benefit success** when the benefits that need it
    reached at least ``threshold`` of what was planned to date. ``project_success`` needs both
    (None while the benefit is not measured yet). The sponsor is accountable for the benefit,
    the program manages it while the program runs, and the portfolio judges the value (PMI,
    *The Standard for Program Management*; *The Standard for Portfolio Management*).

    Parameters
    ----------
    outcomes : DataFrame
        ``project_id`` (unique), ``baseline_finish``, ``actual_finish``, ``baseline_cost`` (> 0),
        ``actual_cost`` (k$).
    benefits, realisation, status_date
        As :func:`benefits_realisation`; ``benefits`` needs ``project_ids``.
    threshold : float
        Realisation needed for a benefit success, a fraction (0.8 = 80 % of plan to date).
    tolerance : float
        Cost overrun still counted as on budget (0.05 = 5 %), >= 0.

    Returns
    -------
    DataFrame
        One row per project (index ``project_id``): ``slip_weeks``, ``cost_overrun``
        (fraction), ``on_time``, ``on_budget``, ``delivery_success``, ``benefits``,
        ``realisation``, ``benefit_success``, ``project_success`` and ``verdict``.

    Examples
    --------
    >>> o = [{"project_id": "P", "baseline_finish": "2025-01-31", "actual_finish": "2025-01-31",
    ...       "baseline_cost": 100, "actual_cost": 98}]
    >>> b = [{"id": "B1", "project_ids": "P"}]
    >>> r = [{"benefit_id": "B1", "date": "2025-06-30", "planned": 50, "realised": 10}]
    >>> success_matrix(o, b, r)["verdict"].iloc[0]
    'delivered on time and budget, benefits short of plan'
    """
    of = _outcomes(outcomes)
    bf = benefits_frame(benefits)
    real = benefits_realisation(bf.drop(columns=["projects"]), realisation, status_date=status_date)
    out = pd.DataFrame(index=of.index)
    out["slip_weeks"] = (of["actual_finish"] - of["baseline_finish"]).dt.days / 7
    out["cost_overrun"] = of["actual_cost"] / of["baseline_cost"] - 1
    out["on_time"] = out["slip_weeks"] <= 0
    out["on_budget"] = out["cost_overrun"] <= tolerance
    out["delivery_success"] = out["on_time"] & out["on_budget"]
    links = bf[["id", "projects"]].explode("projects")
    links = links[links["projects"].isin(out.index)]
    sums = real.loc[links["id"], ["planned_to_date", "realised_to_date"]].groupby(links["projects"].to_numpy()).sum()
    sums = sums.reindex(out.index)
    out["benefits"] = links.groupby("projects")["id"].agg(",".join).reindex(out.index).fillna("")
    planned = sums["planned_to_date"].to_numpy()
    out["realisation"] = np.where(planned > 0, sums["realised_to_date"].to_numpy() / np.where(planned > 0, planned, 1),
                                  np.nan)
    measured = out["realisation"].notna()
    out["benefit_success"] = out["realisation"] >= threshold
    out["project_success"] = np.where(measured, out["delivery_success"] & out["benefit_success"], None)
    delivery = np.where(out["delivery_success"], "delivered on time and budget", "late or over budget")
    benefit = np.where(~measured, "benefits not measured yet",
                       np.where(out["benefit_success"], "benefits on plan", "benefits short of plan"))
    out["verdict"] = [f"{d}, {b}" for d, b in zip(delivery, benefit, strict=True)]
    return out
