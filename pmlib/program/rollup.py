"""Earned value rolled up from the projects to the program: from sums, never from averages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import evm as _evm
from .._validate import (
    as_date_column,
    as_float_columns,
    as_frame,
    as_timestamps,
    check_range,
    require_columns,
    require_unique_ids,
    require_unique_rows,
)
from ..errors import InputError, UnknownIdError

__all__ = ["Rollup", "rollup"]


@dataclass
class Rollup:
    """Result of :func:`rollup`.

    Attributes
    ----------
    table : DataFrame
        One row per project plus a ``PROGRAM`` row (index ``id``): ``bac pv ev ac`` and every
        column of :func:`pmlib.evm.metrics`, plus ``spi_t`` (earned schedule). The program row
        is computed from the sums.
    program : Series
        The program row: the program's CPI, SPI, EAC... from summed PV, EV, AC, BAC, and its
        SPI(t) from the summed baseline.
    average : Series
        ``cpi`` and ``spi`` as the plain average of the projects' indices (the mistake to
        avoid), over projects that have started.
    difference : Series
        ``average - program`` for ``cpi`` and ``spi``.
    eac_sum : float
        Sum of the projects' EACs (each BAC / CPI): the bottom-up program forecast.
    status_date : Timestamp
    """

    table: pd.DataFrame
    program: pd.Series
    average: pd.Series
    difference: pd.Series
    eac_sum: float
    status_date: pd.Timestamp

    def __repr__(self):
        return (f"Rollup(program CPI {self.program['cpi']:.3f} SPI {self.program['spi']:.3f} "
                f"SPI(t) {self.program['spi_t']:.3f}; averaged CPI {self.average['cpi']:.3f} "
                f"SPI {self.average['spi']:.3f})")


def _status(status, ids) -> pd.DataFrame:
    """The projects' status rows: one per (project, date), numbers checked, EV and AC reported together."""
    st = as_frame(status, "status")
    require_columns(st, ["project_id", "date", "pv", "ev", "ac"], "status")
    st = st[st["project_id"].isin(ids)]
    missing = sorted(set(ids) - set(st["project_id"]), key=str)
    if missing:
        raise UnknownIdError(f"status has no rows for project(s) {', '.join(map(str, missing))}; "
                             "add their status or leave them out of projects.")
    labels = pd.Index(st["project_id"].astype(str) + " row " + st.index.astype(str))
    st = st.assign(date=as_date_column(st, "date", "status", labels=labels).to_numpy())
    require_unique_rows(st, ["project_id", "date"], "status")
    num = as_float_columns(st, ["pv", "ev", "ac"], "status", labels=labels, allow_nan=True)
    if np.isnan(num[:, 0]).any():
        raise InputError(f"status: row {labels[int(np.flatnonzero(np.isnan(num[:, 0]))[0])]!r} has no pv: "
                         "every period needs its cumulative planned value.")
    half = np.isnan(num[:, 1]) != np.isnan(num[:, 2])
    if half.any():
        raise InputError(f"status: row {labels[int(np.flatnonzero(half)[0])]!r} reports only one of ev and ac: "
                         "report both, or neither for a future period.")
    for k, col in enumerate(("pv", "ev", "ac")):
        check_range(np.nan_to_num(num[:, k]), f"status.{col} (k$)", ge=0, labels=labels)
    return st.assign(pv=num[:, 0], ev=num[:, 1], ac=num[:, 2]).sort_values(["project_id", "date"])


def _schedule_indices(st: pd.DataFrame, when, bac: np.ndarray, ids, ev_total: float) -> tuple[np.ndarray, float]:
    """SPI(t) per project (pm.evm.time_phased) and of the program (pm.evm.earned_schedule on the summed baseline).

    A project whose PV rows do not reach its BAC has no whole baseline to read an earned
    schedule from: its SPI(t) is NaN (and the program's too).
    """
    cut = st.assign(ev=st["ev"].where(st["date"] <= when), ac=st["ac"].where(st["date"] <= when))
    whole = cut.groupby("project_id")["pv"].max().reindex(ids).to_numpy() >= bac - 1e-9 * np.maximum(bac, 1)
    spi_t = np.full(len(ids), np.nan)
    keep = cut[cut["project_id"].isin(np.asarray(ids, dtype=object)[whole])]
    if len(keep):
        keep = keep.assign(period=keep.groupby("project_id").cumcount() + 1)
        last = _evm.latest_status(keep)
        spi_t = last["spi_t"].reindex(ids).to_numpy(dtype=float)
    program_spi_t = np.nan
    if whole.all() and cut["ev"].notna().any():
        pv = cut.pivot(index="date", columns="project_id", values="pv").ffill().fillna(0.0).sum(axis=1)
        at = int((pv.index <= when).sum())
        if at > 0:
            program_spi_t = float(_evm.earned_schedule(pv=pv.to_numpy(), ev=ev_total, actual_time=at)["spi_t"])
    return spi_t, program_spi_t


def rollup(status, projects, *, status_date=None) -> Rollup:
    """Roll project earned value up to the program: sum PV, EV, AC and BAC, then compute the indices.

    ``CPI_program = sum(EV) / sum(AC)`` and ``SPI_program = sum(EV) / sum(PV)`` (PMI,
    *Practice Standard for Earned Value Management*, 2nd ed.: indices of a higher level of the
    work breakdown are computed from summed values, because an average of ratios weights a
    small project like a large one). Every figure comes from :func:`pmlib.evm.metrics`.
    SPI(t) (Lipke's earned schedule, :func:`pmlib.evm.earned_schedule`) is computed per
    project and for the program from its summed time-phased baseline, the periods being the
    status dates: unlike SPI, it does not drift back to 1 as a late project nears its end.

    Parameters
    ----------
    status : DataFrame
        Cumulative status per project and period: ``project_id``, ``date``, ``pv``, ``ev``,
        ``ac`` (k$), one row per (project, date). EV and AC are empty after the status date.
    projects : DataFrame
        ``id`` (unique) and ``cost`` (the BAC, k$); ``name`` is kept. One row per project.
    status_date : date, optional
        Use each project's last row on or before this date with EV and AC reported (default:
        each project's last reported row). A project whose rows all fall after it has not
        started: PV = EV = AC = 0.

    Returns
    -------
    Rollup

    Examples
    --------
    A small project far behind and a large one on plan (k$):

    >>> st = [{"project_id": "S", "date": "2026-10-31", "pv": 100, "ev": 50, "ac": 100},
    ...       {"project_id": "L", "date": "2026-10-31", "pv": 900, "ev": 900, "ac": 900}]
    >>> r = rollup(st, [{"id": "S", "cost": 200}, {"id": "L", "cost": 2000}])
    >>> [round(float(x), 3) for x in (r.program["cpi"], r.program["spi"], r.average["cpi"])]
    [0.95, 0.95, 0.75]
    """
    pj = as_frame(projects, "projects")
    require_columns(pj, ["id", "cost"], "projects")
    require_unique_ids(pj["id"], "projects")
    ids = pj["id"].tolist()
    bac = as_float_columns(pj, ["cost"], "projects", labels=ids)[:, 0]
    check_range(bac, "projects.cost (BAC, k$)", ge=0, labels=ids)
    st = _status(status, ids)
    reported = st["ev"].notna()
    when = as_timestamps(status_date, "status_date") if status_date is not None else st.loc[reported, "date"].max()
    last = st[reported & (st["date"] <= when)].groupby("project_id").tail(1).set_index("project_id").reindex(ids)
    vals = last[["pv", "ev", "ac"]].fillna(0.0).to_numpy(dtype=float)
    idx = pd.Index(ids, name="id")
    per = _evm.metrics(pv=pd.Series(vals[:, 0], index=idx), ev=vals[:, 1], ac=vals[:, 2], bac=bac)
    spi_t, program_spi_t = _schedule_indices(st, when, bac, ids, float(vals[:, 1].sum()))
    table = pd.concat([pd.DataFrame({"bac": bac, "pv": vals[:, 0], "ev": vals[:, 1], "ac": vals[:, 2]}, index=idx),
                       per], axis=1).assign(spi_t=spi_t)
    if "name" in pj.columns:
        table.insert(0, "name", pj["name"].to_numpy())
    sums = vals.sum(axis=0)
    prog = _evm.metrics(pv=sums[0], ev=sums[1], ac=sums[2], bac=bac.sum())
    prog = pd.concat([pd.Series({"bac": bac.sum(), "pv": sums[0], "ev": sums[1], "ac": sums[2]}), prog,
                      pd.Series({"spi_t": program_spi_t})])
    started = (vals[:, 2] > 0) & (vals[:, 0] > 0)
    average = pd.Series({k: float(np.mean(per[k].to_numpy()[started])) if started.any() else np.nan
                         for k in ("cpi", "spi")})
    row = prog.astype(object)
    if "name" in table.columns:
        row["name"] = "program (from sums)"
    table.loc["PROGRAM"] = row.reindex(table.columns)
    return Rollup(table=table, program=prog, average=average, difference=average - prog[["cpi", "spi"]],
                  eac_sum=float(np.nansum(per["eac"].to_numpy())), status_date=pd.Timestamp(when))
