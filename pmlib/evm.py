"""Earned value management and earned schedule (PMI Practice Standard for EVM; Lipke).

Earned value compares three cumulative money figures at a status date:

* **PV** (planned value, BCWS): the budget of the work *scheduled* by then;
* **EV** (earned value, BCWP): the budget of the work actually *done* by then;
* **AC** (actual cost, ACWP): what that work actually *cost*.

With **BAC** (budget at completion, the last point of the PV baseline) they give the variances,
indices and forecasts of the PMI PMBOK Guide and the PMI Practice Standard for Earned Value
Management (:func:`metrics`). EV itself comes from each work package's status through an
earned-value measurement rule: 0/100, 50/50, 20/80, weighted milestones, percent complete
(:func:`earned_value_by_rule`). Earned schedule (Walt Lipke, "Schedule is Different", *The
Measurable News*, March 2003) measures the schedule in time instead of money
(:func:`earned_schedule`, with TSPI and IEAC(t)): it fixes SV($), which drifts back to zero at
the end of every project however late it is. :func:`time_phased` computes everything for a
table of status periods of one or many projects at once, vectorised.

Money can be in any unit as long as it is the same for PV, EV, AC and BAC (the course's data
sets use k$). Time is in reporting periods (months in the course's data). Labelled inputs of
one call (Series) are paired by label, never by position.

Health bands (:data:`DEFAULT_BANDS`, :class:`HealthBands`) turn CPI / SPI(t) into green, amber
or red, and judge a TCPI against the CPI achieved so far; the thresholds are parameters, not
constants buried in the code.

>>> import pmlib as pm
>>> r = pm.evm.metrics(pv=3000, ev=2500, ac=2800, bac=4000)
>>> r[["cpi", "eac"]].round(4).tolist()
[0.8929, 4480.0]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import (
    Real,
    aligned_arrays,
    as_float_array,
    as_frame,
    check_range,
    require_columns,
    require_unique_ids,
)
from .errors import InputError

__all__ = [
    "metrics",
    "earned_schedule",
    "earned_value_by_rule",
    "time_phased",
    "latest_status",
    "eac_with_factor",
    "health",
    "verdict",
    "HealthBands",
    "DEFAULT_BANDS",
    "MEASUREMENT_RULES",
    "METRIC_COLUMNS",
    "SCHEDULE_COLUMNS",
]

#: Names of the figures :func:`metrics` returns, in order.
METRIC_COLUMNS = [
    "cv", "sv", "cpi", "spi", "cv_percent", "sv_percent",
    "eac", "etc", "vac", "eac_atypical", "eac_cpi_spi", "eac_bottom_up",
    "tcpi", "tcpi_eac", "percent_complete", "percent_spent",
]
#: Names of the figures :func:`earned_schedule` returns, in order.
SCHEDULE_COLUMNS = ["es", "spi_t", "sv_t", "planned_duration", "ieac_t", "tspi"]

# Relative tolerance for "EV above BAC" (rounding in a spreadsheet must not fail a check).
_TOL = 1e-9


# --------------------------------------------------------------------------------------
# Health bands
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HealthBands:
    """Thresholds that classify a performance index (CPI, SPI(t)) and judge a TCPI.

    An index ``>= green`` is **green** (on plan or better), ``>= amber`` is **amber** (watch:
    explain the variance, plan a correction), anything lower is **red** (act: recovery plan,
    re-baseline, or escalate to the program / portfolio). A project's health is the worse of its
    cost and schedule bands.

    A TCPI is judged against the CPI achieved so far ("how much better must we get?"): it is
    flagged as unrealistic when it exceeds the CPI by more than ``tcpi_margin`` (10 % by default:
    studies of defence contracts found the cumulative CPI rarely improves by more than 10 % once
    a project is 20 % complete, Christensen & Heise 1993). A TCPI of 1.12 on a project running at
    CPI 1.20 is fine; a TCPI of 1.05 at CPI 0.80 is not. The 1.10 often quoted is the same rule
    for a project exactly on budget.

    The defaults (green from 0.95, amber from 0.90) are common PMO settings, not a standard:
    choose your organisation's, e.g. ``HealthBands(green=0.97, amber=0.92)``.
    """

    green: float = 0.95
    amber: float = 0.90
    tcpi_margin: float = 0.10

    def __post_init__(self):
        for name in ("green", "amber"):
            Real(gt=0).convert(getattr(self, name), f"HealthBands.{name}")
        Real(ge=0).convert(self.tcpi_margin, "HealthBands.tcpi_margin")
        if self.amber > self.green:
            raise InputError(f"HealthBands: amber ({self.amber}) must not exceed green ({self.green}); "
                             "an index at or above `green` is green, at or above `amber` is amber.")

    def tcpi_flag(self, tcpi, cpi):
        """True where the TCPI asks for more than ``cpi * (1 + tcpi_margin)`` (NaN TCPI: False).

        >>> DEFAULT_BANDS.tcpi_flag(1.12, 1.20), DEFAULT_BANDS.tcpi_flag(1.05, 0.80)
        (False, True)
        """
        arrays, index = aligned_arrays({"tcpi": tcpi, "cpi": cpi}, allow_nan=True, allow_inf=True)
        with np.errstate(invalid="ignore"):
            out = (arrays["tcpi"] > arrays["cpi"] * (1 + self.tcpi_margin)) | (arrays["tcpi"] < 0)
        return bool(out) if out.ndim == 0 else (pd.Series(out, index=index, name="tcpi_flag")
                                                if index is not None else out)


#: The bands used when none are given: green >= 0.95, amber >= 0.90, red below; TCPI margin 10 %.
DEFAULT_BANDS = HealthBands()

_BAND_ORDER = np.array(["green", "amber", "red"], dtype=object)


def _bands(bands) -> HealthBands:
    if bands is None:
        return DEFAULT_BANDS
    if not isinstance(bands, HealthBands):
        raise InputError("bands must be a pmlib.evm.HealthBands, e.g. HealthBands(green=0.95, amber=0.9).")
    return bands


def health(cpi, spi, *, bands: HealthBands | None = None):
    """Traffic-light health of a project: the worse of its CPI band and its SPI band.

    Parameters
    ----------
    cpi, spi : float, array-like or Series (paired by label)
        Cost and schedule performance indices. Use SPI(t) for ``spi``: SPI($) drifts back to 1
        at the end of a project however late it is. NaN (not measurable yet) gives ``"n/a"``;
        ``inf`` (value earned before any cost) counts as green.
    bands : HealthBands, optional
        The thresholds; :data:`DEFAULT_BANDS` when omitted.

    Returns
    -------
    str, ndarray of str, or Series: ``"green"``, ``"amber"``, ``"red"`` or ``"n/a"``.

    >>> health(0.97, 0.99), health(0.97, 0.91), health(0.80, 1.05)
    ('green', 'amber', 'red')
    >>> health(0.97, 0.91, bands=HealthBands(green=0.90, amber=0.80))
    'green'
    """
    bands = _bands(bands)
    arrays, index = aligned_arrays({"cpi": cpi, "spi": spi}, allow_nan=True, allow_inf=True)
    codes = [np.where(np.isnan(a), -1, np.where(a >= bands.green, 0, np.where(a >= bands.amber, 1, 2)))
             for a in (arrays["cpi"], arrays["spi"])]
    out = np.where((codes[0] < 0) | (codes[1] < 0), "n/a", _BAND_ORDER[np.clip(np.maximum(*codes), 0, 2)])
    if out.ndim == 0:
        return str(out)
    return pd.Series(out, index=index, name="health") if index is not None else out


# --------------------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------------------
def _check_money(arrays: dict, index, *, ev_limit: bool = True) -> None:
    """Cumulative money >= 0, BAC > 0, EV within BAC; messages name the field and the label."""
    labels = None if index is None else list(index)
    for name in ("pv", "ev", "ac", "etc_bottom_up"):
        if name in arrays:
            check_range(arrays[name], name, ge=0, labels=labels if arrays[name].ndim else None)
    if "bac" in arrays:
        check_range(arrays["bac"], "bac", gt=0, labels=labels if arrays["bac"].ndim else None)
        over = arrays["ev"] > arrays["bac"] * (1 + _TOL) if ev_limit else np.zeros(1, dtype=bool)
        if np.any(over):
            i = int(np.flatnonzero(np.ravel(over))[0])
            where = "" if arrays["ev"].ndim == 0 else (f"[{labels[i]!r}]" if labels else f"[{i}]")
            raise InputError(
                f"ev{where} = {np.ravel(arrays['ev'])[i]:g} is above bac = {np.ravel(arrays['bac'])[i]:g}: earned "
                "value cannot exceed the budget at completion (work done is valued at its budget). Check the EV "
                "figure, or raise BAC through an approved change.")


def metrics(pv, ev, ac, bac, *, etc_bottom_up=None, eac=None):
    """Earned value variances, indices and forecasts (PMI formulas).

    Parameters
    ----------
    pv, ev, ac : float, array-like or Series
        Cumulative planned value, earned value and actual cost at the status date (money, e.g.
        k$, >= 0). Arrays (one entry per project or per period) give one row each; Series are
        paired by label.
    bac : float, array-like or Series
        Budget at completion (same money unit, > 0): the total of the PV baseline.
    etc_bottom_up : float or array-like, optional
        A bottom-up estimate to complete (a fresh estimate of the remaining work, >= 0), giving
        ``eac_bottom_up = AC + ETC``. NaN when not given.
    eac : float or array-like, optional
        The estimate at completion management has approved, used by ``tcpi_eac``. Default:
        ``eac_bottom_up`` when an ETC is given, else the CPI forecast ``BAC / CPI`` (with which
        ``tcpi_eac`` equals CPI by algebra: keeping the current efficiency meets that EAC).

    Returns
    -------
    Series (scalar inputs) or DataFrame (array inputs, one row each; a pandas index is kept)
        ======================  ================================================  ======
        cv                      EV - AC (cost variance; < 0 over budget)           money
        sv                      EV - PV (schedule variance; < 0 behind)            money
        cpi                     EV / AC (cost performance index)                   ratio
        spi                     EV / PV (schedule performance index)               ratio
        cv_percent, sv_percent  CV / EV, SV / PV                                   fraction
        eac                     BAC / CPI (typical: current efficiency continues)  money
        etc                     EAC - AC (estimate to complete)                    money
        vac                     BAC - EAC (variance at completion)                 money
        eac_atypical            AC + (BAC - EV) (past variance will not recur)     money
        eac_cpi_spi             AC + (BAC - EV) / (CPI * SPI) (both weigh)         money
        eac_bottom_up           AC + ETC (a new estimate of the remaining work)    money
        tcpi                    (BAC - EV) / (BAC - AC) (to finish on BAC)         ratio
        tcpi_eac                (BAC - EV) / (EAC - AC) (to finish on the EAC)     ratio
        percent_complete        EV / BAC                                           fraction
        percent_spent           AC / BAC                                           fraction
        ======================  ================================================  ======

        The first three EAC forms share one shape, AC + (BAC - EV) / performance factor
        (:func:`eac_with_factor`); the bottom-up EAC does not: it replaces the remaining budget
        by a new estimate.

    Notes
    -----
    Formulas: PMI, *A Guide to the Project Management Body of Knowledge* (PMBOK Guide, 6th ed.,
    Table 7-1) and PMI, *Practice Standard for Earned Value Management* (2nd ed.). No rounding
    is done. Division edge cases give documented values, never an exception:

    * AC = 0 (no cost booked yet): CPI is ``inf`` (EV > 0) or NaN (EV = 0); every CPI-based
      forecast (eac, etc, vac, eac_cpi_spi) is NaN. eac_atypical stays defined.
    * PV = 0 (no work was planned yet): SPI is ``inf`` or NaN and so is ``sv_percent``.
    * EV = 0: CPI = 0, so eac = ``inf`` (no work done for the money: no finite forecast).
    * BAC = AC: tcpi is ``inf`` while work remains.
    * EV = BAC (all work done): tcpi and tcpi_eac are NaN: nothing remains to perform.
    * AC > BAC: tcpi is negative: the BAC can no longer be met; use ``tcpi_eac``.

    ``result.attrs["notes"]`` lists which of these cases occurred, in words.

    Examples
    --------
    The fence exercise (R. Mulcahy, *PMP Exam Prep*, cost chapter): four sides at 1,000 each, one
    a day; end of day 3, sides 1-2 done (cost 1,000 and 1,200), side 3 half done (600):

    >>> r = metrics(pv=3000, ev=2500, ac=2800, bac=4000)
    >>> r[["cv", "sv"]].tolist()
    [-300.0, -500.0]
    >>> r[["cpi", "spi", "eac", "etc", "vac", "tcpi"]].round(3).tolist()
    [0.893, 0.833, 4480.0, 1680.0, -480.0, 1.25]
    """
    named = {"pv": pv, "ev": ev, "ac": ac, "bac": bac}
    if etc_bottom_up is not None:
        named["etc_bottom_up"] = etc_bottom_up
    if eac is not None:
        named["eac"] = eac
    arrays, index = aligned_arrays(named)
    _check_money(arrays, index)
    if "eac" in arrays:
        check_range(arrays["eac"], "eac", gt=0)
    etc = arrays.get("etc_bottom_up", np.full(arrays["ev"].shape, np.nan))
    out, notes = _compute(arrays["pv"], arrays["ev"], arrays["ac"], arrays["bac"], etc, arrays.get("eac"))
    if arrays["ev"].ndim == 0:
        result = pd.Series({k: float(v) for k, v in out.items()}, dtype=float)
    else:
        result = pd.DataFrame(out, index=index)
    result.attrs["notes"] = notes
    return result


def _compute(pv, ev, ac, bac, etc_bu, eac_given=None):
    """All metrics on broadcast float arrays (no validation). Returns dict and notes."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cpi, spi = ev / ac, ev / pv
        no_cost, done = ac == 0, ev >= bac
        eac = np.where(no_cost, np.nan, bac * ac / ev)  # = BAC / CPI, exact when CPI is tiny
        eac_cpi_spi = np.where(done, ac, np.where(no_cost | (pv == 0), np.nan, ac + (bac - ev) / (cpi * spi)))
        eac_bottom_up = ac + etc_bu
        eac_ref = eac_given if eac_given is not None else np.where(np.isnan(eac_bottom_up), eac, eac_bottom_up)
        out = {
            "cv": ev - ac, "sv": ev - pv, "cpi": cpi, "spi": spi,
            "cv_percent": (ev - ac) / ev, "sv_percent": (ev - pv) / pv,
            "eac": eac, "etc": eac - ac, "vac": bac - eac,
            "eac_atypical": ac + (bac - ev), "eac_cpi_spi": eac_cpi_spi, "eac_bottom_up": eac_bottom_up,
            # nothing left to do: a to-complete index has no meaning (NaN, not 0 or -0)
            "tcpi": np.where(done, np.nan, (bac - ev) / (bac - ac)),
            "tcpi_eac": np.where(done, np.nan, (bac - ev) / (eac_ref - ac)),
            "percent_complete": ev / bac, "percent_spent": ac / bac,
        }
    cases = [
        (no_cost, "AC = 0: no cost booked yet, so CPI cannot be measured (inf or NaN) and the CPI-based forecasts "
                  "are NaN."),
        (pv == 0, "PV = 0: no work was planned yet, so SPI is inf or NaN."),
        ((ev == 0) & ~no_cost, "EV = 0 with cost booked: CPI = 0 and EAC = BAC / CPI is infinite."),
        (done, "EV = BAC: the work is complete, so the to-complete indices (TCPI) are NaN."),
        ((bac == ac) & ~done, "AC = BAC with work remaining: the budget is spent, TCPI is infinite."),
        (ac > bac, "AC > BAC: the budget is already exceeded, TCPI (to BAC) is negative; judge the remaining work "
                   "by tcpi_eac against a realistic EAC."),
    ]
    return out, [text for mask, text in cases if np.any(mask)]


def eac_with_factor(ev, ac, bac, factor):
    """Estimate at completion when the remaining work is done at a given performance factor.

    ``EAC = AC + (BAC - EV) / factor``: the general form of the PMI Practice Standard for EVM.
    ``factor = 1`` is the atypical EAC, ``factor = CPI`` the typical one (BAC / CPI),
    ``factor = CPI * SPI`` the composite one. (The bottom-up EAC, AC + a new ETC, is not of this
    form.)

    Parameters
    ----------
    ev, ac, bac : float, array-like or Series (paired by label)
        Cumulative earned value, actual cost, budget at completion (money).
    factor : float, array-like or Series
        Cost efficiency expected for the remaining work (> 0): 0.9 means each unit of budgeted
        work will cost 1 / 0.9 = 1.11 units.

    >>> eac_with_factor(ev=2500, ac=2800, bac=4000, factor=1.0)
    4300.0
    >>> round(eac_with_factor(ev=2500, ac=2800, bac=4000, factor=2500 / 2800), 6)
    4480.0
    """
    arrays, index = aligned_arrays({"ev": ev, "ac": ac, "bac": bac, "factor": factor})
    _check_money(arrays, index)
    check_range(arrays["factor"], "factor", gt=0)
    out = arrays["ac"] + (arrays["bac"] - arrays["ev"]) / arrays["factor"]
    if out.ndim == 0:
        return float(out)
    return pd.Series(out, index=index, name="eac") if index is not None else out


# --------------------------------------------------------------------------------------
# earned value measurement rules
# --------------------------------------------------------------------------------------
#: Earned-value measurement rules: share of the budget earned when a package has started and
#: when it is finished (None: the share comes from the ``progress`` column).
MEASUREMENT_RULES = {
    "0/100": (0.0, 1.0),
    "50/50": (0.5, 1.0),
    "20/80": (0.2, 1.0),
    "weighted_milestones": None,
    "percent_complete": None,
}


def _by_distinct_value(values: pd.Series, read, missing=None) -> np.ndarray:
    """``read(text)`` of each row's value (stripped, lower case), evaluated once per *distinct* value.

    A missing value (None, NaN) gives ``missing``.

    Vectorised over the rows (pandas factorize, then a take): a column of a few distinct labels
    such as rules or yes/no flags costs the same whether it has 5 rows or 50,000.
    """
    codes, uniques = pd.factorize(values)
    table = [read(str(u).strip().lower()) for u in uniques] + [missing]  # codes of -1 (missing) take the last
    return np.asarray(table, dtype=object)[codes]


_YES, _NO = frozenset({"true", "yes", "y", "1"}), frozenset({"false", "no", "n", "0"})


def _yes_no(values: pd.Series, name: str, ids) -> np.ndarray:
    """A boolean column (True/False, yes/no, 1/0 text); a missing or other value is an error."""
    flag = _by_distinct_value(values, lambda t: True if t in _YES else False if t in _NO else None)
    bad = np.array([f is None for f in flag], dtype=bool) if flag.size else np.zeros(0, dtype=bool)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError(f"packages[{name!r}] of {ids[k]} is {values.iloc[k]!r}: answer True or False.")
    return flag.astype(bool)


def earned_value_by_rule(packages, *, id: str = "id"):
    """Earned value of each work package from its status and its earned-value measurement rule.

    ``EV = BAC of the package x share earned``, where the share depends on the rule
    (PMI *Practice Standard for Earned Value Management*, 2nd ed., "earned value techniques"):

    ======================  =====================================================
    ``0/100``               0 until the package is finished, then 100 %
    ``50/50``               50 % when it starts, the other 50 % when it finishes
    ``20/80``               20 % when it starts, the other 80 % when it finishes
    ``weighted_milestones`` the summed weights of the milestones achieved (``progress``)
    ``percent_complete``    the estimated share of the work done (``progress``)
    ======================  =====================================================

    The fixed-formula rules (0/100, 50/50, 20/80) suit short packages (a reporting period or
    two): no judgement is needed, only "started?" and "finished?". Long packages need weighted
    milestones or percent complete, or their EV jumps.

    Parameters
    ----------
    packages : DataFrame or list of dicts
        One row per work package: ``id`` (unique), ``bac`` (its budget, money >= 0), ``rule``
        (one of :data:`MEASUREMENT_RULES`), ``started`` and ``finished`` (True/False), and
        ``progress`` (a fraction in [0, 1]) where the rule is weighted milestones or percent
        complete (ignored elsewhere). A finished package cannot have progress below 1, nor an
        unstarted one above 0; a finished package must have started.
    id : str
        Name of the id column.

    Returns
    -------
    DataFrame
        A copy of ``packages`` with ``earned_share`` (fraction of its budget earned) and ``ev``.

    >>> t = earned_value_by_rule([
    ...     {"id": "A", "bac": 100, "rule": "50/50", "started": True, "finished": False},
    ...     {"id": "B", "bac": 200, "rule": "20/80", "started": True, "finished": True},
    ...     {"id": "C", "bac": 400, "rule": "percent_complete", "started": True, "finished": False,
    ...      "progress": 0.25}])
    >>> t["ev"].tolist(), float(t["ev"].sum())
    ([50.0, 200.0, 100.0], 350.0)

    Reference: PMI, *Practice Standard for Earned Value Management*, 2nd ed. (2011), ch. 4-5 and
    appendix (discrete effort techniques: fixed formula, weighted milestones, percent complete).
    """
    df = as_frame(packages, "packages")
    require_columns(df, [id, "bac", "rule", "started", "finished"], "packages")
    if len(df) == 0:
        raise InputError("packages is empty: give one row per work package.")
    require_unique_ids(df[id], "packages")
    ids = df[id].astype(str).to_numpy()
    bac = as_float_array(df["bac"], "packages['bac']")
    check_range(bac, "packages['bac']", ge=0, labels=ids)
    rule = _by_distinct_value(df["rule"], lambda t: t.replace(" ", "_").replace("-", "/"), missing="nan")
    unknown = ~np.isin(rule.astype(str), list(MEASUREMENT_RULES))
    if unknown.any():
        k = int(np.flatnonzero(unknown)[0])
        raise InputError(f"packages['rule'] of {ids[k]} is {df['rule'].iloc[k]!r}: use one of "
                         f"{', '.join(MEASUREMENT_RULES)}.")
    started, finished = _yes_no(df["started"], "started", ids), _yes_no(df["finished"], "finished", ids)
    if (finished & ~started).any():
        raise InputError(f"packages: {ids[np.flatnonzero(finished & ~started)[0]]} is finished but not started: "
                         "fix its status.")
    on_start = _by_distinct_value(pd.Series(rule), lambda t: (MEASUREMENT_RULES[t] or (np.nan,))[0]).astype(float)
    fixed = ~np.isnan(on_start)
    share = np.where(finished, 1.0, np.where(started, on_start, 0.0))
    if (~fixed).any():
        require_columns(df, ["progress"], "packages (weighted milestones and percent complete)")
        progress = as_float_array(df["progress"].where(~fixed, 0.0), "packages['progress']")
        check_range(progress, "packages['progress']", ge=0, le=1, labels=ids)
        bad = ~fixed & ((finished & (progress < 1)) | (~started & (progress > 0)))
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise InputError(f"packages: {ids[k]} is {'finished' if finished[k] else 'not started'} but its progress is "
                             f"{progress[k]:g}: fix its status.")
        share = np.where(fixed, share, progress)
    out = df.copy()
    out["earned_share"] = share
    out["ev"] = bac * share
    return out


# --------------------------------------------------------------------------------------
# earned schedule
# --------------------------------------------------------------------------------------
def _es_core(pv_mat: np.ndarray, rows: np.ndarray, ev: np.ndarray):
    """Lipke's ES for each (baseline row, EV) pair, vectorised.

    ``pv_mat``: (n_baselines, n_periods) cumulative PV, each row non-decreasing and padded after
    its end with its last value. ``rows``: the baseline of each EV. Returns ES and the planned
    duration of each pair.

    ES = C + I, C = the number of whole periods whose cumulative PV is *below* EV (so EV exactly
    on a PV point counts that period as fully earned and a flat stretch of the baseline is
    credited at its start), I = (EV - PV_C) / (PV_{C+1} - PV_C).
    """
    n = pv_mat.shape[1]
    base = np.concatenate([np.zeros((pv_mat.shape[0], 1)), pv_mat], axis=1)[rows]  # PV_0 = 0
    c = np.minimum((base[:, 1:] < ev[:, None]).sum(axis=1), n - 1)  # whole periods with PV < EV
    ar = np.arange(len(ev))
    lo, hi = base[ar, c], base[ar, c + 1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        frac = np.where(hi > lo, (ev - lo) / (hi - lo), 0.0)
    es = np.where(ev <= 0, 0.0, c + frac)
    planned = (pv_mat < pv_mat[:, -1:]).sum(axis=1) + 1.0  # first period where PV reaches BAC
    return es, planned[rows]


def _schedule_figures(es, at, planned):
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        spi_t = es / at
        # all the planned schedule earned: no remaining work to perform on time (NaN, not -0)
        tspi = np.where(es >= planned, np.nan, (planned - es) / (planned - at))
        return {"es": es, "spi_t": spi_t, "sv_t": es - at, "planned_duration": planned,
                "ieac_t": planned / spi_t, "tspi": tspi}


def _check_baseline(pv: np.ndarray, name: str = "pv") -> None:
    check_range(pv, name, ge=0)
    falls = np.diff(pv) < 0
    if falls.any():
        i = int(np.flatnonzero(falls)[0]) + 1
        raise InputError(f"{name} falls at period {i + 1} ({pv[i - 1]:g} -> {pv[i]:g}): give *cumulative* planned "
                         "value (a running total), which never decreases. If you have per-period amounts, use .cumsum().")
    if pv[-1] <= 0:
        raise InputError(f"{name} never rises above 0: a baseline needs a positive budget.")


def earned_schedule(pv, ev, actual_time):
    """Earned schedule (Lipke): how much of the *schedule* the earned value is worth.

    ES is the time at which the current EV should have been earned according to the baseline:
    ``ES = C + (EV - PV_C) / (PV_{C+1} - PV_C)`` where C is the number of whole periods whose
    cumulative PV the EV has passed (linear interpolation within the next period).

    Parameters
    ----------
    pv : array-like
        Cumulative planned value at the end of periods 1..n (the whole baseline, read in order;
        PV_0 = 0 is implied). Money; must not decrease.
    ev : float, array-like or Series
        Cumulative earned value at ``actual_time`` (0 <= EV <= BAC = the last PV). An array of
        EVs with an array of actual times gives one row each (a project's history).
    actual_time : float, array-like or Series (paired with ``ev`` by label)
        AT, the periods elapsed at the status date (> 0), e.g. 7 at the end of the 7th month.

    Returns
    -------
    Series (scalar EV) or DataFrame (array EV)
        ================  ==================================================  =======
        es                earned schedule C + I                               periods
        spi_t             ES / AT (schedule performance index, time)          ratio
        sv_t              ES - AT (schedule variance, time; < 0 behind)       periods
        planned_duration  PD: first period at which PV reaches BAC            periods
        ieac_t            PD / SPI(t) (independent estimate of duration)      periods
        tspi              (PD - ES) / (PD - AT) (to-complete schedule index)  ratio
        ================  ==================================================  =======

    Notes
    -----
    Lipke, W. (2003) "Schedule is Different", *The Measurable News*, March 2003; PMI, *Practice
    Standard for Earned Value Management*, 2nd ed. (2011), Appendix D. TSPI is the schedule
    twin of TCPI: the schedule efficiency the remaining work needs to finish on the planned
    duration (above 1.10 it is rarely achieved, Lipke). Edges:

    * EV exactly on a PV point: ES is that period (I = 0 of the next).
    * A baseline whose PV stops growing before its last period: the planned duration is the
      first period at which PV reaches BAC, and EV = BAC gives ES = PD.
    * EV = 0 gives ES = 0.
    * AT = PD with work remaining: TSPI is ``inf`` (no time is left for it); AT > PD (the
      project runs past its planned finish): TSPI is negative, the planned finish can no longer
      be met; ES = PD (all the planned schedule earned): TSPI is NaN, nothing remains.

    Examples
    --------
    Lipke's concept example: everything through May earned plus part of June, status at the end
    of July (AT = 7). With PV(May) = 500, PV(June) = 600 and EV = 550, ES = 5 + 50 / 100:

    >>> pv = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]
    >>> r = earned_schedule(pv=pv, ev=550, actual_time=7)
    >>> r.round(4).to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'es': 5.5, 'spi_t': 0.7857, 'sv_t': -1.5, 'planned_duration': 10.0, 'ieac_t': 12.7273,
     'tspi': 1.5}
    """
    pv_a = as_float_array(pv, "pv", ndim=1)
    _check_baseline(pv_a)
    arrays, index = aligned_arrays({"ev": ev, "actual_time": actual_time})
    ev_b, at_b = arrays["ev"], arrays["actual_time"]
    labels = None if index is None else list(index)
    check_range(ev_b, "ev", ge=0, labels=labels if ev_b.ndim else None)
    _check_money({"ev": ev_b, "bac": np.broadcast_to(pv_a[-1], ev_b.shape)}, index)
    check_range(at_b, "actual_time", gt=0, labels=labels if at_b.ndim else None)
    ev1 = np.minimum(np.atleast_1d(ev_b).astype(float), pv_a[-1])
    es, planned = _es_core(pv_a[None, :], np.zeros(ev1.size, dtype=int), ev1)
    fig = _schedule_figures(es, np.atleast_1d(at_b).astype(float), planned)
    if ev_b.ndim == 0:
        return pd.Series({k: float(v[0]) for k, v in fig.items()}, dtype=float)
    return pd.DataFrame(fig, index=index)


# --------------------------------------------------------------------------------------
# time-phased tables, in named steps
# --------------------------------------------------------------------------------------
def _find_project_column(df: pd.DataFrame, project) -> str | None:
    if project is not None:
        require_columns(df, [project], "df")
        return project
    return next((name for name in ("project", "project_id") if name in df.columns), None)


@dataclass
class _Periods:
    """A status table sorted by (project, period): the arrays every step works on."""

    order: np.ndarray      # row positions of the caller's table, sorted
    codes: np.ndarray      # project code of each sorted row
    labels: np.ndarray     # project label of each code
    period: np.ndarray     # period of each sorted row
    first: np.ndarray      # True where a project's rows start
    position: np.ndarray   # 0-based position of each row within its project
    pcol: str | None

    def who(self, i: int) -> str:
        return f"project {self.labels[self.codes[i]]!r}" if self.pcol is not None else "the project"

    def where(self, i: int) -> str:
        return (f"project {self.labels[self.codes[i]]!r}, " if self.pcol is not None else "") + \
            f"period {int(self.period[i])}"


def _status_money(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """pv (always filled), ev and ac (empty after the status date) as float arrays, >= 0."""
    out = {}
    for col in ("pv", "ev", "ac"):
        try:
            out[col] = as_float_array(frame[col], f"df column {col!r}", allow_nan=col != "pv")
        except InputError as exc:
            raise InputError(f"{exc} Every period needs its cumulative {col}"
                             f"{'' if col == 'pv' else ' (empty after the status date)'}; text is not a number.") from None
        check_range(np.nan_to_num(out[col]), f"df column {col!r}", ge=0, labels=list(frame.index))
    mismatch = np.isnan(out["ev"]) != np.isnan(out["ac"])
    if mismatch.any():
        raise InputError(f"df row {frame.index[int(np.flatnonzero(mismatch)[0])]!r}: ev and ac must both be reported "
                         "or both be empty (one is missing).")
    return out


def _sort_periods(frame: pd.DataFrame, pcol: str | None) -> _Periods:
    """Sort rows by project and period; periods must run 1, 2, 3, ... within each project."""
    n = len(frame)
    if pcol is None:
        codes, labels = np.zeros(n, dtype=np.int64), np.array([""], dtype=object)
    else:
        if frame[pcol].isna().any():
            raise InputError(f"df column {pcol!r} is empty at row {frame.index[frame[pcol].isna().to_numpy()][0]!r}: "
                             "every row needs its project id.")
        codes, uniques = pd.factorize(frame[pcol], sort=False)
        labels = np.asarray(uniques, dtype=object)
    if "period" in frame.columns:
        period = as_float_array(frame["period"], "df column 'period'")
    else:
        period = (pd.Series(codes).groupby(codes).cumcount() + 1).to_numpy(dtype=float)
    order = np.lexsort((period, codes))
    c_sorted = codes[order]
    first = np.r_[True, c_sorted[1:] != c_sorted[:-1]]
    start = np.flatnonzero(first)
    position = np.arange(n) - np.repeat(start, np.diff(np.r_[start, n]))
    p = _Periods(order, c_sorted, labels, period[order], first, position, pcol)
    wrong = p.period != position + 1
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        who = f"project {labels[c_sorted[i]]!r}" if pcol is not None else "df"
        raise InputError(f"{who}: periods must be 1, 2, 3, ... without gaps or repeats; found period "
                         f"{p.period[i]:g} where {position[i] + 1} was expected.")
    return p


def _check_cumulative(p: _Periods, money: dict[str, np.ndarray]) -> np.ndarray:
    """Running totals never fall, and EV/AC are reported without a gap; returns 'reported'."""
    same = ~p.first
    for col, arr in money.items():
        prev = np.r_[np.nan, arr[:-1]]
        falls = same & (arr < prev)
        if falls.any():
            i = int(np.flatnonzero(falls)[0])
            raise InputError(f"df column {col!r} falls at {p.where(i)} ({prev[i]:g} -> {arr[i]:g}): give cumulative "
                             "values (running totals), which never decrease; per-period amounts need .cumsum().")
    reported = ~np.isnan(money["ev"])
    gap = same & reported & ~np.r_[False, reported[:-1]]
    if gap.any():
        raise InputError(f"df: {p.where(int(np.flatnonzero(gap)[0]))} reports ev/ac after an unreported period; "
                         "fill the gap.")
    return reported


def _baselines(p: _Periods, pv: np.ndarray, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(n_projects, max_periods) PV matrix padded with each project's last PV, and BAC per row."""
    n = len(pv)
    ends = np.r_[np.flatnonzero(p.first)[1:], n] - 1
    last_pv = pv[ends]
    if (last_pv <= 0).any():
        raise InputError(f"df: the pv baseline of {p.who(int(ends[np.flatnonzero(last_pv <= 0)[0]]))} never rises above 0.")
    pv_mat = np.repeat(last_pv[:, None], int(p.position.max()) + 1, axis=1)
    pv_mat[p.codes, p.position] = pv
    bac = last_pv[p.codes]
    if "bac" in frame.columns:
        given = as_float_array(frame["bac"], "df column 'bac'")[p.order]
        diff = np.abs(given - bac) > _TOL * np.maximum(given, 1)
        if diff.any():
            i = int(np.flatnonzero(diff)[0])
            raise InputError(f"df: {p.who(i)} has bac {given[i]:g} but its pv baseline ends at {bac[i]:g}; give the "
                             "whole baseline (every period to the planned finish) so that the last pv is the BAC.")
    return pv_mat, bac


def time_phased(df, *, project=None, bands: HealthBands | None = None):
    """Every earned value and earned schedule figure for each status period, vectorised.

    Parameters
    ----------
    df : DataFrame or list of dicts
        One row per (project, period) with cumulative ``pv``, ``ev`` and ``ac`` (money). One
        project, or many identified by a ``project`` (or ``project_id``) column. Optional columns:
        ``period`` (1, 2, ... within each project; default: row order), ``bac`` (default: the
        project's last PV), ``date`` (kept). The PV rows of a project are its whole baseline
        (needed for earned schedule); ``ev`` and ``ac`` may be empty (NaN) for the periods after
        the status date, as in the ``status_periods`` data set.
    project : str, optional
        Name of the project-id column when it is neither ``project`` nor ``project_id``.
    bands : HealthBands, optional
        Thresholds for the ``health`` column (:data:`DEFAULT_BANDS` when omitted).

    Returns
    -------
    DataFrame
        A copy of ``df`` (same rows, order and index) plus ``bac``, ``reported`` (EV and AC
        present), every column of :func:`metrics` and of :func:`earned_schedule` with
        ``actual_time`` = the period, and ``health`` (worse of the CPI band and the SPI(t) band).
        Unreported rows have NaN metrics and health ``"n/a"``.

    Raises
    ------
    InputError
        Missing columns (listing those found), text, booleans, infinite or negative values, a
        cumulative series that falls, EV above BAC, periods that are not 1, 2, 3, ... within a
        project (a repeated row), EV without AC (or the reverse), a gap in the reported rows.

    Notes
    -----
    Same formulas as :func:`metrics` (PMI) and :func:`earned_schedule` (Lipke 2003), computed for
    all rows at once with numpy, in steps: read the money columns, sort the periods, check the
    running totals, build the baselines, compute.

    Examples
    --------
    >>> t = time_phased({"pv": [100, 250, 400], "ev": [90, 200, None], "ac": [100, 230, None]})
    >>> t[["period", "cpi", "spi", "es", "sv_t"]].round(3).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'period': [1, 2, 3], 'cpi': [0.9, 0.87, nan], 'spi': [0.9, 0.8, nan],
     'es': [0.9, 1.667, nan], 'sv_t': [-0.1, -0.333, nan]}
    """
    bands = _bands(bands)
    frame = as_frame(df, "df")
    if frame.empty:
        raise InputError("df is empty: give one row per status period with pv, ev and ac.")
    require_columns(frame, ["pv", "ev", "ac"], "df")
    p = _sort_periods(frame, _find_project_column(frame, project))
    money = {k: v[p.order] for k, v in _status_money(frame).items()}
    reported = _check_cumulative(p, money)
    pv_mat, bac = _baselines(p, money["pv"], frame)
    over = reported & (money["ev"] > bac * (1 + _TOL))
    if over.any():
        i = int(np.flatnonzero(over)[0])
        raise InputError(f"df: ev {money['ev'][i]:g} at {p.where(i)} is above BAC {bac[i]:g}: earned value cannot "
                         "exceed the budget at completion.")
    ev, ac = np.where(reported, money["ev"], 0.0), np.where(reported, money["ac"], 0.0)
    out, _ = _compute(money["pv"], ev, ac, bac, np.full(len(ev), np.nan))
    es, planned = _es_core(pv_mat, p.codes, np.minimum(ev, bac))
    out.update(_schedule_figures(es, p.period, planned))
    inverse = np.empty(len(ev), dtype=np.int64)
    inverse[p.order] = np.arange(len(ev))
    result = frame.copy()
    if "period" not in result.columns:
        result["period"] = p.period[inverse].astype(np.int64)
    result["bac"] = bac[inverse]
    result["reported"] = reported[inverse]
    for k in METRIC_COLUMNS + SCHEDULE_COLUMNS:
        result[k] = np.where(reported, out[k], np.nan)[inverse]
    result["health"] = np.where(result["reported"], health(result["cpi"].to_numpy(), result["spi_t"].to_numpy(),
                                                           bands=bands), "n/a")
    return result


def latest_status(df, *, project=None, bands: HealthBands | None = None) -> pd.DataFrame:
    """One row per project: its figures at its last reported period (the status date).

    ``df`` is a status table as taken by :func:`time_phased` (or its result). Adds ``tcpi_flag``
    (the TCPI asks for more than the CPI achieved so far plus ``bands.tcpi_margin``: finishing on
    budget needs an improvement rarely seen) and ``verdict`` (the plain-language status of
    :func:`verdict`). The index is the project id; rows are sorted by it.

    >>> import pmlib as pm
    >>> s = latest_status(pm.datasets.load("status_periods"))
    >>> s.loc["P06", "health"], s.loc["P19", "health"]
    ('green', 'red')
    """
    bands = _bands(bands)
    frame = as_frame(df, "df")
    needed = METRIC_COLUMNS + SCHEDULE_COLUMNS + ["reported", "health", "bac"]
    table = frame if all(c in frame.columns for c in needed) else time_phased(frame, project=project, bands=bands)
    pcol = _find_project_column(table, project)
    rep = table[table["reported"]]
    if rep.empty:
        raise InputError("df has no reported period (ev and ac are empty everywhere): nothing to report.")
    if pcol is None:
        last = rep.sort_values("period").tail(1).copy()
        last.index = pd.Index(["project"], name="project")
    else:
        last = rep.sort_values([pcol, "period"]).groupby(pcol, sort=True).tail(1).set_index(pcol)
    last["tcpi_flag"] = bands.tcpi_flag(last["tcpi"].to_numpy(), last["cpi"].to_numpy())
    last["verdict"] = [verdict(row, bands=bands) for _, row in last.iterrows()]  # a sentence per project
    return last


def verdict(figures, *, bands: HealthBands | None = None) -> str:
    """A plain-language reading of one status: cost, schedule (in time), forecast, TCPI vs CPI.

    ``figures`` is a row of :func:`time_phased` / :func:`latest_status` (a mapping or Series
    holding cpi, spi_t or spi, sv_t, eac, vac, bac, tcpi, health...).

    >>> import pmlib as pm
    >>> t = pm.evm.time_phased({"pv": [100, 250, 400], "ev": [90, 200, None], "ac": [100, 230, None]})
    >>> print(verdict(t.iloc[1]))  # doctest: +ELLIPSIS
    RED: over budget (CPI 0.87: each 1.00 spent earns 0.87 of planned work) and behind schedule ...
    """
    bands = _bands(bands)
    f = figures if isinstance(figures, pd.Series) else pd.Series(figures)

    def get(key):
        return float(f.get(key, np.nan))

    cpi, spi_t = get("cpi"), get("spi_t")
    spi = spi_t if not math.isnan(spi_t) else get("spi")
    band = str(f["health"]) if "health" in f.index else str(health(cpi, spi, bands=bands))
    parts = ["cost efficiency not measurable yet (no cost booked)" if math.isnan(cpi) else
             f"on or under budget (CPI {cpi:.2f})" if cpi >= 1 else
             f"over budget (CPI {cpi:.2f}: each 1.00 spent earns {cpi:.2f} of planned work)"]
    sv_t = get("sv_t")
    if not math.isnan(sv_t):
        parts.append(f"on or ahead of schedule (SV(t) {sv_t:+.1f} periods)" if sv_t >= -0.05 else
                     f"behind schedule by {-sv_t:.1f} periods (SPI(t) {spi:.2f})")
    elif not math.isnan(spi):
        parts.append("on or ahead of schedule" if spi >= 1 else f"behind schedule (SPI {spi:.2f})")
    text = f"{band.upper()}: " + " and ".join(parts) + "."
    eac, vac, bac, ac = get("eac"), get("vac"), get("bac"), get("ac")
    if get("percent_complete") >= 1:
        text += (f" Work complete: final cost {ac:,.0f} against a budget of {bac:,.0f}"
                 f" ({abs(ac - bac):,.0f} {'over' if ac > bac else 'under'}).")
        if not (math.isnan(get("period")) or math.isnan(get("planned_duration"))):
            text += f" It took {get('period'):.0f} periods against {get('planned_duration'):.0f} planned."
        return text
    if not math.isnan(eac) and not math.isnan(bac):
        text += (f" At this efficiency it will cost {eac:,.0f} against a budget of {bac:,.0f} "
                 f"({abs(vac):,.0f} {'over' if vac < 0 else 'under'}).")
    ieac_t, pd_ = get("ieac_t"), get("planned_duration")
    if math.isfinite(ieac_t) and not math.isnan(pd_):
        text += f" Forecast duration {ieac_t:.1f} periods against {pd_:.0f} planned."
    tcpi = get("tcpi")
    if not math.isnan(tcpi):
        if tcpi < 0 or math.isinf(tcpi):
            text += " The budget is already spent: the BAC cannot be met; re-estimate (EAC) and re-approve."
        elif not math.isnan(cpi) and bands.tcpi_flag(tcpi, cpi):
            text += (f" TCPI {tcpi:.2f} against a CPI of {cpi:.2f} so far: the remaining work would have to be "
                     f"{tcpi / cpi - 1:.0%} more efficient than the work done, more than the "
                     f"{bands.tcpi_margin:.0%} a project rarely exceeds; plan for a new EAC.")
    return text

