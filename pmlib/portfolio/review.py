"""Portfolio review: what-if after a change, and zombie projects among in-flight work."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import evm
from .._validate import (
    Integer,
    Real,
    align_frames,
    as_float_array,
    as_float_columns,
    as_frame,
    as_number,
    as_timestamps,
    check_range,
    params,
    require_columns,
    require_unique_ids,
    require_unique_rows,
)
from ..errors import InputError
from .scoring import weighted_score
from .selection import Selection, _as_id_list, select

__all__ = ["WhatIf", "what_if", "zombies"]


@dataclass
class WhatIf:
    """Result of :func:`what_if`: the two selections and what changed between them.

    ``table`` has one row per candidate or stopped project with ``before``, ``after`` and
    ``change`` (``funded``: newly funded; ``delayed``: funded before, squeezed out now;
    ``halted``: funded before, excluded by the scenario; ``kept``; ``not funded``;
    ``stopped``: an in-flight project stopped); ``freed`` is the money the stopped projects
    release (k$).
    """

    base: Selection
    scenario: Selection
    table: pd.DataFrame
    freed: float

    def ids(self, change: str) -> list:
        return list(self.table.index[self.table["change"] == change])

    @property
    def funded(self) -> list:
        return self.ids("funded")

    @property
    def delayed(self) -> list:
        return self.ids("delayed")

    @property
    def halted(self) -> list:
        return self.ids("halted")

    @property
    def stopped(self) -> list:
        return self.ids("stopped")

    def __str__(self):
        return (f"before: {len(self.base.selected)} funded, value {self.base.total_value:,.1f}; after: "
                f"{len(self.scenario.selected)} funded, value {self.scenario.total_value:,.1f}. "
                f"Newly funded: {', '.join(self.funded) or 'none'}; delayed: {', '.join(self.delayed) or 'none'}; "
                f"halted: {', '.join(self.halted) or 'none'}; "
                f"stopped: {', '.join(self.stopped) or 'none'} (frees {self.freed:,.0f} k$).")


_SCENARIO_VALUE = "__scenario_value"


def _scenario_values(frame: pd.DataFrame, new_value, value: str) -> tuple[pd.DataFrame, str]:
    """The candidates with the scenario's value column: another column, or values paired by id."""
    if new_value is None:
        return frame, value
    if isinstance(new_value, str):
        require_columns(frame, [new_value], "candidates")
        return frame, new_value
    if isinstance(new_value, pd.Series):
        ids = pd.Series(np.ones(len(frame)), index=pd.Index(frame["id"]))
        vals = align_frames({"candidates (ids)": ids, "new_value": new_value})["new_value"]
        vals = as_float_array(vals, "new_value", ndim=1)
    else:
        vals = as_float_array(new_value, "new_value", ndim=1)
        if len(vals) != len(frame):
            raise InputError(f"new_value has {len(vals)} values for {len(frame)} candidates.")
    return frame.assign(**{_SCENARIO_VALUE: vals}), _SCENARIO_VALUE


def _stopped(stop) -> pd.Series:
    """{in-flight id: money freed (k$)}, each finite and >= 0."""
    if stop is None:
        return pd.Series(dtype=float)
    s = stop if isinstance(stop, pd.Series) else pd.Series(dict(stop) if isinstance(stop, Mapping) else stop,
                                                            dtype=object)
    require_unique_ids(pd.Series(s.index, dtype=object), "stop")
    values = as_float_array(s, "stop", ndim=1, allow_empty=True)
    check_range(values, "stop (money freed, k$)", ge=0, labels=list(s.index))
    return pd.Series(values, index=s.index)


def _scenario_budget(budget, new_budget, freed: float, cost: str, base: Selection):
    nb = budget if new_budget is None else new_budget
    if not isinstance(nb, Mapping):
        return as_number(nb, "new_budget") + freed
    nb = dict(nb)
    if cost in nb or freed:
        if cost not in nb and cost not in base.constraints.index:
            raise InputError(f"new_budget has no {cost!r} limit to add the freed money to: give one.")
        nb[cost] = as_number(nb.get(cost, base.constraints.loc[cost, "limit"]), "new_budget") + freed
    return nb


def what_if(candidates, budget, value="npv", cost="cost", *, new_budget=None, new_value=None,
            stop=None, add_must=(), add_exclude=(), must=(), exclude=(), **select_kw) -> WhatIf:
    """Re-run the optimal selection after a change and report what changed.

    The base case is ``select(candidates, budget, value, cost, must, exclude, ...)``. The
    scenario applies the changes: a new budget (a cut), new values (new strategy weights give
    new scores), in-flight projects stopped (their money is added to the ``cost`` budget), and
    extra must-funds / exclusions (halt every R&D candidate, fund the cost-saving project).

    Parameters
    ----------
    candidates, budget, value, cost, must, exclude, **select_kw
        The base case, as in :func:`select`.
    new_budget : number or mapping, optional
        The scenario's budget (default: the base budget).
    new_value : Series (by id), array or str, optional
        The scenario's values, e.g. scores under new strategy weights (a Series paired with the
        candidates by id: it must score every candidate and nothing else), or another column.
    stop : Series or mapping {in-flight id: money freed (k$, >= 0)}, optional
        Projects stopped; their freed money (e.g. the ETC from :func:`zombies`) is added to
        the scenario's ``cost`` budget.
    add_must, add_exclude : iterable of ids
        Extra decisions of the scenario.

    Returns
    -------
    WhatIf
        ``.base``, ``.scenario`` (Selections), ``.table`` (before / after / change per id),
        ``.funded``, ``.delayed``, ``.stopped``, ``.freed``.

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["A", "B", "C"], "npv": [10, 7, 6], "cost": [6, 4, 3]})
    >>> w = what_if(df, 10, new_budget=7)
    >>> w.base.selected, w.scenario.selected, w.delayed
    (['A', 'B'], ['B', 'C'], ['A'])
    """
    base = select(candidates, budget, value, cost, must=must, exclude=exclude, **select_kw)
    frame, scen_value = _scenario_values(as_frame(candidates, "candidates"), new_value, value)
    stopped = _stopped(stop)
    freed = float(stopped.sum())
    halt = _as_id_list(add_exclude, "add_exclude")
    scen = select(frame, _scenario_budget(budget, new_budget, freed, cost, base), scen_value, cost,
                  must=_as_id_list(must, "must") + _as_id_list(add_must, "add_must"),
                  exclude=_as_id_list(exclude, "exclude") + halt, **select_kw)
    before = base.table["selected"]
    after = scen.table["selected"].reindex(before.index)
    halted = before.index.isin(halt)
    change = np.select([before & after, ~before & after, before & ~after & halted, before & ~after],
                       ["kept", "funded", "halted", "delayed"], default="not funded")
    table = pd.DataFrame({"before": before, "after": after, "change": change, "freed": 0.0,
                          "reason": scen.table["reason"].reindex(before.index)})
    if len(stopped):
        st = pd.DataFrame({"before": True, "after": False, "change": "stopped", "freed": stopped.to_numpy(),
                           "reason": "stopped: its remaining money is redirected"}, index=stopped.index)
        table = pd.concat([table, st])
    table.index.name = "id"
    if scen_value == _SCENARIO_VALUE:
        scen.value = "new value"
        scen.table = scen.table.drop(columns=_SCENARIO_VALUE)
    return WhatIf(base, scen, table, freed)


def _in_flight(projects) -> tuple[pd.DataFrame, pd.Index]:
    frame = as_frame(projects, "projects")
    require_columns(frame, ["id", "cost", "npv"], "projects")
    require_unique_ids(frame["id"], "projects")
    if "status" in frame.columns:
        frame = frame[frame["status"] == "in_flight"]
    if frame.empty:
        raise InputError("projects has no in-flight project to examine.")
    return frame, pd.Index(frame["id"], name="id")


def _status_figures(status, ids: pd.Index, bac: np.ndarray, status_date) -> pd.DataFrame:
    """Each project's earned value and earned schedule at its last reported period (pm.evm)."""
    st = as_frame(status, "status")
    require_columns(st, ["project_id", "period", "pv", "ev", "ac"], "status")
    st = st[st["project_id"].isin(set(ids))]
    require_unique_rows(st, ["project_id", "period"], "status")
    if status_date is not None:
        require_columns(st, ["date"], "status (to cut it at status_date)")
        late = (as_timestamps(st["date"], "status.date") > as_timestamps(status_date, "status_date")).to_numpy()
        st = st.assign(ev=st["ev"].mask(late), ac=st["ac"].mask(late))
    st = st.assign(bac=pd.Series(bac, index=ids).reindex(st["project_id"]).to_numpy())
    reported = st.loc[st["ev"].notna(), "project_id"]
    missing = [i for i in ids if i not in set(reported)]
    if missing:
        raise InputError(f"status has no reported period for in-flight project(s) {', '.join(map(str, missing))}: "
                         "add their status or drop them from projects.")
    return evm.latest_status(st).reindex(ids)


def _given_figures(frame: pd.DataFrame, ids: pd.Index, bac: np.ndarray) -> pd.DataFrame:
    """cpi, spi_t and ac given per project: EAC, ETC and VAC from pm.evm (EV = CPI x AC)."""
    require_columns(frame, ["cpi", "spi_t", "ac"], "projects (without status)")
    cpi, spi_t, ac = as_float_columns(frame, ["cpi", "spi_t", "ac"], "projects", labels=ids).T
    check_range(cpi, "projects.cpi", gt=0, labels=ids)
    ev = cpi * ac
    out = evm.metrics(pv=ev, ev=ev, ac=ac, bac=bac)  # pv is not used: only the cost figures are kept
    return pd.DataFrame({"cpi": cpi, "spi": np.nan, "spi_t": spi_t, "ac": ac, "eac": np.asarray(out["eac"]),
                         "etc": np.asarray(out["etc"]), "vac": np.asarray(out["vac"])}, index=ids)


@params(min_fit=Real(ge=0, le=1), min_index=Real(gt=0), min_flags=Integer(ge=1, le=3))
def zombies(projects, status=None, *, weights=None, fit_scale=(0, 5), min_fit=0.3, min_index=0.9,
            min_flags=2, status_date=None) -> pd.DataFrame:
    """Find zombie projects: in-flight work that keeps spending while it no longer pays off.

    Three warning flags per in-flight project:

    - ``low_fit``: strategic alignment (:func:`weighted_score` of the ``fit_*`` columns on
      their 0-5 scale) below ``min_fit``;
    - ``poor_performance``: CPI or SPI(t) below ``min_index``. CPI = EV / AC (PMI); SPI(t) =
      ES / AT is Lipke's earned-schedule index, used instead of SPI = EV / PV because SPI
      drifts back to 1 as a late project nears its end (EV and PV both reach BAC), so it
      stops flagging exactly the late projects a review must catch. Both come from
      :func:`pmlib.evm.latest_status` at the latest reported period;
    - ``negative_value``: the business case no longer pays, ``npv + vac < 0``: the NPV less
      the forecast overrun (VAC = BAC - EAC, EAC = BAC / CPI).

    A project with at least ``min_flags`` flags is a zombie. Stopping it frees its estimate
    to complete ``etc = eac - ac`` (the money it would still consume; what it spent is sunk);
    ``remaining_budget`` is ``bac - ac``.

    Parameters
    ----------
    projects : DataFrame
        Rows of ``projects.csv`` (only ``status == "in_flight"`` rows are examined when a
        ``status`` column is present): unique ``id``, ``cost`` (BAC, k$), ``npv`` (k$),
        ``fit_*``. Without ``status``, the rows must carry ``cpi``, ``spi_t`` and ``ac``.
    status : DataFrame, optional
        Cumulative status per period (``status_periods.csv``): ``project_id``, ``period``,
        ``pv`` (the whole baseline, ending at the BAC), ``ev``, ``ac`` (k$), one row per
        (project, period).
    weights : mapping {objective id: weight}, optional
        Strategy weights (default: equal weights over the ``fit_*`` columns).
    min_fit : float
        Alignment threshold, a fraction of the best possible score.
    min_index : float
        CPI and SPI(t) threshold (> 0).
    min_flags : int
        Flags that make a zombie (1, 2 or 3).
    status_date : date, optional
        Read status up to this date (needs a ``date`` column; default: the last reported period).

    Returns
    -------
    DataFrame
        Indexed by id: ``alignment``, ``cpi``, ``spi``, ``spi_t``, ``bac``, ``ac``, ``eac``,
        ``etc``, ``vac``, ``remaining_budget``, ``npv``, ``forecast_value``, the three flags,
        ``flags``, ``zombie`` and ``freed`` (the ETC of zombies, 0 otherwise), zombies first.

    Examples
    --------
    >>> p = pd.DataFrame({"id": ["Z", "OK"], "cost": [1000.0, 1000.0], "npv": [-50.0, 400.0],
    ...                   "fit_growth": [1, 4], "cpi": [0.8, 1.0], "spi_t": [0.7, 0.95], "ac": [500.0, 500.0]})
    >>> z = zombies(p)
    >>> z["zombie"].to_dict(), float(z.loc["Z", "freed"])
    ({'Z': True, 'OK': False}, 750.0)

    References
    ----------
    PMI, *The Standard for Portfolio Management* (portfolio review: terminate misaligned
    components); PMI, *Practice Standard for Earned Value Management* (CPI, EAC, ETC, VAC);
    W. Lipke, "Schedule is Different", *The Measurable News*, 2003 (SPI(t)).
    """
    frame, ids = _in_flight(projects)
    fits = [c for c in frame.columns if c.startswith("fit_")]
    if not fits:
        raise InputError(f"projects has no fit_<objective> columns; columns found: {', '.join(frame.columns)}.")
    alignment = weighted_score(frame, {c: 1.0 for c in fits} if weights is None else weights,
                               scale=fit_scale).to_numpy()
    bac, npv = as_float_columns(frame, ["cost", "npv"], "projects", labels=ids).T
    if status is not None:
        f = _status_figures(status, ids, bac, status_date)
    else:
        f = _given_figures(frame, ids, bac)
    out = pd.DataFrame({"name": frame["name"].to_numpy() if "name" in frame.columns else ids.to_numpy(),
                        "alignment": alignment}, index=ids)
    for col in ("cpi", "spi", "spi_t"):
        out[col] = f[col].to_numpy(dtype=float)
    out["bac"] = bac
    for col in ("ac", "eac", "etc", "vac"):
        out[col] = f[col].to_numpy(dtype=float)
    out["remaining_budget"] = bac - out["ac"]
    out["npv"] = npv
    out["forecast_value"] = npv + out["vac"]
    out["low_fit"] = out["alignment"] < min_fit
    out["poor_performance"] = (out["cpi"] < min_index) | (out["spi_t"] < min_index)
    out["negative_value"] = out["forecast_value"] < 0
    out["flags"] = out[["low_fit", "poor_performance", "negative_value"]].sum(axis=1).astype(int)
    out["zombie"] = out["flags"] >= min_flags
    out["freed"] = np.where(out["zombie"], np.maximum(out["etc"], 0.0), 0.0)
    return out.sort_values(["zombie", "flags", "alignment"], ascending=[False, False, True])
