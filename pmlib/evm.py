"""Earned value management and earned schedule (PMI Practice Standard for EVM; Lipke).

Earned value compares three cumulative money figures at a status date:

* **PV** (planned value, BCWS): the budget of the work *scheduled* by then;
* **EV** (earned value, BCWP): the budget of the work actually *done* by then;
* **AC** (actual cost, ACWP): what that work actually *cost*.

With **BAC** (budget at completion, the last point of the PV baseline) they give the
variances, indices and forecasts of the PMI PMBOK Guide and the PMI Practice Standard for
Earned Value Management (:func:`metrics`). Earned schedule (Walt Lipke, "Schedule is
Different", *The Measurable News*, March 2003) measures the schedule in time instead of
money (:func:`earned_schedule`): it fixes SV($), which drifts back to zero at the end of
every project however late it is. :func:`time_phased` computes everything for a table of
status periods of one or many projects at once, vectorised.

Money can be in any unit as long as it is the same for PV, EV, AC and BAC (the course's
data sets use k$). Time is in reporting periods (months in the course's data).

Health bands (:data:`DEFAULT_BANDS`, :class:`HealthBands`) turn CPI / SPI into green, amber
or red; the thresholds are parameters, not constants buried in the code.

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

from ._validate import as_float_array, as_frame, require_columns
from .errors import InputError

__all__ = [
    "metrics",
    "earned_schedule",
    "time_phased",
    "latest_status",
    "eac_with_factor",
    "health",
    "verdict",
    "HealthBands",
    "DEFAULT_BANDS",
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
    """Thresholds that classify a performance index (CPI, SPI, SPI(t)) as green / amber / red.

    An index ``>= green`` is **green** (on plan or better), ``>= amber`` is **amber** (watch:
    explain the variance, plan a correction), anything lower is **red** (act: recovery plan,
    re-baseline, or escalate to the program / portfolio). A project's health is the worse of
    its cost and schedule bands. TCPI works the other way round: a TCPI above ``tcpi_limit``
    means the remaining work must be done more efficiently than is usually achievable (the
    1.10 rule of thumb examined by Lipke, "Examination of the Threshold for the To Complete
    Indexes", *The Measurable News*, 2016).

    The defaults (green from 0.95, amber from 0.90) are common PMO settings, not a standard:
    choose your organisation's, e.g. ``HealthBands(green=0.97, amber=0.92)``.
    """

    green: float = 0.95
    amber: float = 0.90
    tcpi_limit: float = 1.10

    def __post_init__(self):
        for name in ("green", "amber", "tcpi_limit"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value) or value <= 0:
                raise InputError(f"HealthBands.{name} must be a positive number, got {value!r}.")
        if self.amber > self.green:
            raise InputError(
                f"HealthBands: amber ({self.amber}) must not exceed green ({self.green}); "
                "an index at or above `green` is green, at or above `amber` is amber."
            )


#: The bands used when none are given: green >= 0.95, amber >= 0.90, red below; TCPI limit 1.10.
DEFAULT_BANDS = HealthBands()

_BAND_ORDER = np.array(["green", "amber", "red"], dtype=object)


def _band_code(index, bands: HealthBands) -> np.ndarray:
    idx = np.asarray(index, dtype=float)
    code = np.where(idx >= bands.green, 0, np.where(idx >= bands.amber, 1, 2))
    return np.where(np.isnan(idx), -1, code)


def health(cpi, spi, *, bands: HealthBands | None = None):
    """Traffic-light health of a project: the worse of its CPI band and its SPI band.

    Parameters
    ----------
    cpi, spi : float or array-like
        Cost and schedule performance indices (use SPI(t) for ``spi`` late in a project:
        SPI($) drifts back to 1 at the end however late it is).
    bands : HealthBands, optional
        The thresholds; :data:`DEFAULT_BANDS` when omitted.

    Returns
    -------
    str or ndarray of str
        ``"green"``, ``"amber"``, ``"red"``, or ``"n/a"`` when an index is NaN.

    >>> health(0.97, 0.99), health(0.97, 0.91), health(0.80, 1.05)
    ('green', 'amber', 'red')
    >>> health(0.97, 0.91, bands=HealthBands(green=0.90, amber=0.80))
    'green'
    """
    bands = DEFAULT_BANDS if bands is None else bands
    if not isinstance(bands, HealthBands):
        raise InputError("bands must be a pmlib.evm.HealthBands, e.g. HealthBands(green=0.95, amber=0.9).")
    c = _band_code(cpi, bands)
    s = _band_code(spi, bands)
    code = np.maximum(c, s)
    out = np.where((c < 0) | (s < 0), "n/a", _BAND_ORDER[np.clip(code, 0, 2)])
    if np.ndim(out) == 0:
        return str(out)
    if isinstance(cpi, pd.Series):
        return pd.Series(out, index=cpi.index, name="health")
    return out


# --------------------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------------------
def _numbers(values, name, *, allow_nan=False):
    arr = as_float_array(values, name, ndim=(0, 1), allow_nan=allow_nan)
    return arr


def _check_inputs(pv, ev, ac, bac, names=("pv", "ev", "ac", "bac")):
    """Validate broadcast float arrays; messages name the field and the position."""
    for arr, name in zip((pv, ev, ac, bac), names, strict=True):
        bad = arr < 0
        if bad.any():
            i = int(np.flatnonzero(bad.ravel())[0])
            where = f"[{i}]" if arr.ndim else ""
            raise InputError(
                f"{name}{where} is negative ({arr.ravel()[i]:g}): planned value, earned value, actual "
                "cost and BAC are cumulative money amounts, so they must be >= 0."
            )
    bad = bac <= 0
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise InputError(f"bac{f'[{i}]' if bac.ndim else ''} is 0: the budget at completion must be positive.")
    over = ev > bac * (1 + _TOL)
    if over.any():
        i = int(np.flatnonzero(over.ravel())[0])
        where = f"[{i}]" if ev.ndim else ""
        raise InputError(
            f"ev{where} = {ev.ravel()[i]:g} is above bac = {bac.ravel()[i]:g}: earned value cannot exceed the "
            "budget at completion (work done is valued at its budget). Check the EV figure, or raise BAC "
            "through an approved change."
        )


def metrics(pv, ev, ac, bac, *, etc_bottom_up=None, eac=None):
    """Earned value variances, indices and forecasts (PMI formulas).

    Parameters
    ----------
    pv, ev, ac : float or array-like
        Cumulative planned value, earned value and actual cost at the status date (money,
        e.g. k$). Arrays (one entry per project or per period) give one row each.
    bac : float or array-like
        Budget at completion (same money unit): the total of the PV baseline.
    etc_bottom_up : float or array-like, optional
        A bottom-up estimate to complete (a fresh estimate of the remaining work), giving
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
        eac_bottom_up           AC + ETC (bottom-up re-estimate)                   money
        tcpi                    (BAC - EV) / (BAC - AC) (to finish on BAC)         ratio
        tcpi_eac                (BAC - EV) / (EAC - AC) (to finish on the EAC)     ratio
        percent_complete        EV / BAC                                           fraction
        percent_spent           AC / BAC                                           fraction
        ======================  ================================================  ======

    Notes
    -----
    Formulas: PMI, *A Guide to the Project Management Body of Knowledge* (PMBOK Guide, 6th
    ed., Table 7-1) and PMI, *Practice Standard for Earned Value Management* (2nd ed.).
    No rounding is done. Division edge cases give documented values, never an exception:

    * AC = 0 (no cost booked yet): CPI is ``inf`` (EV > 0) or NaN (EV = 0); every CPI-based
      forecast (eac, etc, vac, eac_cpi_spi) is NaN, because a cost efficiency cannot be
      measured before money is spent. eac_atypical stays defined.
    * PV = 0 (no work was planned yet): SPI is ``inf`` or NaN and so is ``sv_percent``;
      eac_cpi_spi is NaN.
    * EV = 0: CPI = 0, so eac = ``inf`` (no work done for the money: no finite forecast).
    * BAC = AC: tcpi is ``inf`` while work remains (the budget is spent, the rest cannot be
      done for nothing).
    * EV = BAC (all work done): tcpi and tcpi_eac are NaN: there is no remaining work to
      perform efficiently or not.
    * AC > BAC: tcpi is negative: the BAC can no longer be met; use ``tcpi_eac`` against a
      realistic EAC instead.

    ``result.attrs["notes"]`` lists which of these cases occurred, in words.

    Examples
    --------
    The fence exercise (R. Mulcahy, *PMP Exam Prep*, cost chapter): four sides at 1,000 each,
    one a day; end of day 3, sides 1-2 done (cost 1,000 and 1,200), side 3 half done (600):

    >>> r = metrics(pv=3000, ev=2500, ac=2800, bac=4000)
    >>> r[["cv", "sv"]].tolist()
    [-300.0, -500.0]
    >>> r[["cpi", "spi", "eac", "etc", "vac", "tcpi"]].round(3).tolist()
    [0.893, 0.833, 4480.0, 1680.0, -480.0, 1.25]
    """
    pv_a, ev_a, ac_a, bac_a = (_numbers(v, n) for v, n in ((pv, "pv"), (ev, "ev"), (ac, "ac"), (bac, "bac")))
    index = next((v.index for v in (pv, ev, ac, bac) if isinstance(v, pd.Series)), None)
    try:
        pv_a, ev_a, ac_a, bac_a = np.broadcast_arrays(pv_a, ev_a, ac_a, bac_a)
    except ValueError:
        lens = ", ".join(f"{n}: {np.size(a)}" for n, a in (("pv", pv_a), ("ev", ev_a), ("ac", ac_a), ("bac", bac_a)))
        raise InputError(
            f"pv, ev, ac and bac must have the same length (or be single numbers); got {lens}."
        ) from None
    _check_inputs(pv_a, ev_a, ac_a, bac_a)
    if etc_bottom_up is not None:
        etc_a = _numbers(etc_bottom_up, "etc_bottom_up")
        if (etc_a < 0).any():
            raise InputError("etc_bottom_up is negative: an estimate to complete must be >= 0.")
        try:
            etc_a = np.broadcast_to(etc_a, ev_a.shape)
        except ValueError:
            raise InputError(f"etc_bottom_up has {np.size(etc_a)} values but ev has {np.size(ev_a)}.") from None
    else:
        etc_a = np.full(ev_a.shape, np.nan)
    out, notes = _compute(pv_a, ev_a, ac_a, bac_a, etc_a, eac)
    return _package(out, ev_a.ndim, index, notes)


def _compute(pv, ev, ac, bac, etc_bu, eac_given=None):
    """All metrics on broadcast float arrays (no validation). Returns dict and notes."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cv = ev - ac
        sv = ev - pv
        cpi = ev / ac
        spi = ev / pv
        no_cost = ac == 0
        eac = np.where(no_cost, np.nan, bac * ac / ev)  # = BAC / CPI, exact when CPI is tiny
        etc = eac - ac
        vac = bac - eac
        eac_atypical = ac + (bac - ev)
        eac_cpi_spi = np.where(no_cost | (pv == 0), np.nan, ac + (bac - ev) / (cpi * spi))
        # all work done: nothing remains, whatever the indices say
        done = ev >= bac
        eac_cpi_spi = np.where(done, ac, eac_cpi_spi)
        eac_bottom_up = ac + etc_bu
        if eac_given is not None:
            eac_ref = np.broadcast_to(as_float_array(eac_given, "eac", ndim=(0, 1)), ev.shape)
        else:
            eac_ref = np.where(np.isnan(eac_bottom_up), eac, eac_bottom_up)
        # nothing left to do: a to-complete index has no meaning (NaN, not 0 or -0)
        tcpi = np.where(done, np.nan, (bac - ev) / (bac - ac))
        tcpi_eac = np.where(done, np.nan, (bac - ev) / (eac_ref - ac))
        out = {
            "cv": cv, "sv": sv, "cpi": cpi, "spi": spi,
            "cv_percent": cv / ev, "sv_percent": sv / pv,
            "eac": eac, "etc": etc, "vac": vac,
            "eac_atypical": eac_atypical, "eac_cpi_spi": eac_cpi_spi, "eac_bottom_up": eac_bottom_up,
            "tcpi": tcpi, "tcpi_eac": tcpi_eac,
            "percent_complete": ev / bac, "percent_spent": ac / bac,
        }
    notes = []
    if no_cost.any():
        notes.append("AC = 0: no cost booked yet, so CPI cannot be measured (inf or NaN) and the CPI-based "
                     "forecasts are NaN.")
    if (pv == 0).any():
        notes.append("PV = 0: no work was planned yet, so SPI is inf or NaN.")
    if ((ev == 0) & ~no_cost).any():
        notes.append("EV = 0 with cost booked: CPI = 0 and EAC = BAC / CPI is infinite.")
    if (ev >= bac).any():
        notes.append("EV = BAC: the work is complete, so the to-complete indices (TCPI) are NaN.")
    if ((bac == ac) & (ev < bac)).any():
        notes.append("AC = BAC with work remaining: the budget is spent, TCPI is infinite.")
    if (ac > bac).any():
        notes.append("AC > BAC: the budget is already exceeded, TCPI (to BAC) is negative; judge the "
                     "remaining work by tcpi_eac against a realistic EAC.")
    return out, notes


def _package(out: dict, ndim: int, index, notes):
    if ndim == 0:
        r = pd.Series({k: float(v) for k, v in out.items()}, dtype=float)
    else:
        r = pd.DataFrame(out, index=index)
    r.attrs["notes"] = notes
    return r


def eac_with_factor(ev, ac, bac, factor):
    """Estimate at completion when the remaining work is done at a given performance factor.

    ``EAC = AC + (BAC - EV) / factor``: the general form of the PMI Practice Standard for EVM.
    ``factor = 1`` is the atypical EAC, ``factor = CPI`` the typical one (BAC / CPI),
    ``factor = CPI * SPI`` the composite one.

    Parameters
    ----------
    ev, ac, bac : float or array-like
        Cumulative earned value, actual cost, budget at completion (money).
    factor : float or array-like
        Cost efficiency expected for the remaining work (> 0): 0.9 means each unit of budgeted
        work will cost 1 / 0.9 = 1.11 units.

    >>> eac_with_factor(ev=2500, ac=2800, bac=4000, factor=1.0)
    4300.0
    >>> round(eac_with_factor(ev=2500, ac=2800, bac=4000, factor=2500 / 2800), 6)
    4480.0
    """
    ev_a, ac_a, bac_a, f = (_numbers(v, n) for v, n in ((ev, "ev"), (ac, "ac"), (bac, "bac"), (factor, "factor")))
    if (f <= 0).any():
        raise InputError(f"factor must be > 0 (a cost efficiency such as 0.9 or 1.0), got {f.ravel()[np.argmax(f.ravel() <= 0)]:g}.")
    try:
        ev_a, ac_a, bac_a, f = np.broadcast_arrays(ev_a, ac_a, bac_a, f)
    except ValueError:
        raise InputError("ev, ac, bac and factor must have the same length (or be single numbers).") from None
    _check_inputs(np.zeros_like(ev_a), ev_a, ac_a, bac_a)
    out = ac_a + (bac_a - ev_a) / f
    if out.ndim == 0:
        return float(out)
    if isinstance(ev, pd.Series):
        return pd.Series(out, index=ev.index, name="eac")
    return out


# --------------------------------------------------------------------------------------
# earned schedule
# --------------------------------------------------------------------------------------
def _es_core(pv_mat: np.ndarray, rows: np.ndarray, ev: np.ndarray):
    """Lipke's ES for each (baseline row, EV) pair, vectorised.

    ``pv_mat``: (n_baselines, n_periods) cumulative PV, each row non-decreasing and padded
    after its end with its last value. ``rows``: the baseline of each EV. Returns ES and the
    planned duration of each pair.

    ES = C + I, C = the number of whole periods whose cumulative PV is *below* EV (so EV exactly
    on a PV point counts that period as fully earned and a flat stretch of the baseline is
    credited at its start), I = (EV - PV_C) / (PV_{C+1} - PV_C).
    """
    n = pv_mat.shape[1]
    padded = np.concatenate([np.zeros((pv_mat.shape[0], 1)), pv_mat], axis=1)  # PV_0 = 0
    base = padded[rows]  # (m, n+1)
    c = (base[:, 1:] < ev[:, None]).sum(axis=1)  # whole periods with PV < EV
    c = np.minimum(c, n - 1)
    ar = np.arange(len(ev))
    lo = base[ar, c]
    hi = base[ar, c + 1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        frac = np.where(hi > lo, (ev - lo) / (hi - lo), 0.0)
    es = np.where(ev <= 0, 0.0, c + frac)
    bac = pv_mat[:, -1]
    planned = (pv_mat < bac[:, None]).sum(axis=1) + 1.0  # first period where PV reaches BAC
    return es, planned[rows]


def _schedule_figures(es, at, planned):
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        spi_t = es / at
        sv_t = es - at
        ieac_t = planned / spi_t
        tspi = (planned - es) / (planned - at)
    return {"es": es, "spi_t": spi_t, "sv_t": sv_t, "planned_duration": planned, "ieac_t": ieac_t, "tspi": tspi}


def _check_baseline(pv: np.ndarray, name: str = "pv", label: str = "") -> None:
    where = f" of project {label!r}" if label else ""
    if pv.size == 0:
        raise InputError(f"{name}{where} is empty: give the cumulative planned value of each period of the baseline.")
    if (pv < 0).any():
        i = int(np.flatnonzero(pv < 0)[0])
        raise InputError(f"{name}{where}[{i}] is negative ({pv[i]:g}): cumulative planned value must be >= 0.")
    falls = np.diff(pv) < 0
    if falls.any():
        i = int(np.flatnonzero(falls)[0]) + 1
        raise InputError(
            f"{name}{where} falls at period {i + 1} ({pv[i - 1]:g} -> {pv[i]:g}): give *cumulative* planned "
            "value (a running total), which never decreases. If you have per-period amounts, use .cumsum()."
        )
    if pv[-1] <= 0:
        raise InputError(f"{name}{where} never rises above 0: a baseline needs a positive budget.")


def earned_schedule(pv, ev, actual_time):
    """Earned schedule (Lipke): how much of the *schedule* the earned value is worth.

    ES is the time at which the current EV should have been earned according to the baseline:
    ``ES = C + (EV - PV_C) / (PV_{C+1} - PV_C)`` where C is the number of whole periods whose
    cumulative PV the EV has passed (linear interpolation within the next period).

    Parameters
    ----------
    pv : array-like
        Cumulative planned value at the end of periods 1..n (the whole baseline; PV_0 = 0 is
        implied). Money; must not decrease.
    ev : float or array-like
        Cumulative earned value at ``actual_time`` (0 <= EV <= BAC = the last PV). An array of
        EVs with an array of actual times gives one row each (a project's history).
    actual_time : float or array-like
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
    Lipke, W. (2003) "Schedule is Different", *The Measurable News*, March 2003; PMI,
    *Practice Standard for Earned Value Management*, 2nd ed. (2011), Appendix D. Edges:

    * EV exactly on a PV point: ES is that period (I = 0 of the next).
    * A baseline whose PV stops growing before its last period (e.g. a plateau or padding):
      the planned duration is the first period at which PV reaches BAC, and EV = BAC gives
      ES = PD, not the length of the array. On a flat stretch inside the baseline ES is the
      earliest time the EV was planned.
    * EV = 0 gives ES = 0.
    * AT > PD (the project runs past its planned finish): TSPI is negative, meaning the
      planned finish can no longer be met.

    Examples
    --------
    Lipke's concept example: everything through May earned plus part of June, status at the
    end of July (AT = 7). With PV(May) = 500, PV(June) = 600 and EV = 550, ES = 5 + 50 / 100:

    >>> pv = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]
    >>> r = earned_schedule(pv=pv, ev=550, actual_time=7)
    >>> r.round(4).to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'es': 5.5, 'spi_t': 0.7857, 'sv_t': -1.5, 'planned_duration': 10.0, 'ieac_t': 12.7273,
     'tspi': 1.5}
    """
    pv_a = as_float_array(pv, "pv", ndim=1)
    _check_baseline(pv_a)
    ev_a = _numbers(ev, "ev")
    at_a = _numbers(actual_time, "actual_time")
    try:
        ev_b, at_b = np.broadcast_arrays(ev_a, at_a)
    except ValueError:
        raise InputError(
            f"ev and actual_time must have the same length (or be single numbers); got {ev_a.size} and {at_a.size}."
        ) from None
    if (ev_b < 0).any():
        i = int(np.flatnonzero(np.atleast_1d(ev_b) < 0)[0])
        raise InputError(f"ev[{i}] is negative: earned value must be >= 0.")
    bac = pv_a[-1]
    if (ev_b > bac * (1 + _TOL)).any():
        i = int(np.flatnonzero(np.atleast_1d(ev_b) > bac * (1 + _TOL))[0])
        raise InputError(
            f"ev[{i}] = {np.atleast_1d(ev_b)[i]:g} is above BAC = {bac:g} (the last value of pv): earned value "
            "cannot exceed the baseline's budget. Give the whole baseline in pv."
        )
    if (at_b <= 0).any():
        i = int(np.flatnonzero(np.atleast_1d(at_b) <= 0)[0])
        raise InputError(
            f"actual_time[{i}] = {np.atleast_1d(at_b)[i]:g}: it must be > 0 (the periods elapsed at the status date)."
        )
    ev1 = np.minimum(np.atleast_1d(ev_b).astype(float), bac)
    es, planned = _es_core(pv_a[None, :], np.zeros(ev1.size, dtype=int), ev1)
    fig = _schedule_figures(es, np.atleast_1d(at_b).astype(float), planned)
    if ev_b.ndim == 0:
        return pd.Series({k: float(v[0]) for k, v in fig.items()}, dtype=float)
    index = ev.index if isinstance(ev, pd.Series) else None
    return pd.DataFrame(fig, index=index)


# --------------------------------------------------------------------------------------
# time-phased tables
# --------------------------------------------------------------------------------------
def _find_project_column(df: pd.DataFrame, project) -> str | None:
    if project is not None:
        require_columns(df, [project], "df")
        return project
    for name in ("project", "project_id"):
        if name in df.columns:
            return name
    return None


def _who(label, project_column) -> str:
    """How an error message names a project: by id, or 'the project' for a one-project table."""
    return f"project {label!r}" if project_column is not None else "the project"


def time_phased(df, *, project=None, bands: HealthBands | None = None):
    """Every earned value and earned schedule figure for each status period, vectorised.

    Parameters
    ----------
    df : DataFrame or list of dicts
        One row per (project, period) with cumulative ``pv``, ``ev`` and ``ac`` (money). One
        project, or many identified by a ``project`` (or ``project_id``) column. Optional
        columns: ``period`` (1, 2, ... within each project; default: row order), ``bac``
        (default: the project's last PV), ``date`` (kept). The PV rows of a project are its
        whole baseline (needed for earned schedule); ``ev`` and ``ac`` may be empty (NaN) for
        the periods after the status date, as in the ``status_periods`` data set.
    project : str, optional
        Name of the project-id column when it is neither ``project`` nor ``project_id``.
    bands : HealthBands, optional
        Thresholds for the ``health`` column (:data:`DEFAULT_BANDS` when omitted).

    Returns
    -------
    DataFrame
        A copy of ``df`` (same rows, order and index) plus ``bac``, ``reported`` (EV and AC
        present), every column of :func:`metrics` and of :func:`earned_schedule` with
        ``actual_time`` = the period, and ``health`` (worse of the CPI band and the SPI(t)
        band). Unreported rows have NaN metrics and health ``"n/a"``.

    Raises
    ------
    InputError
        Missing columns (listing those found), negative values, a cumulative series that
        falls, EV above BAC, periods that are not 1, 2, 3, ... within a project, EV without AC
        (or the reverse), a gap in the reported rows.

    Notes
    -----
    Same formulas as :func:`metrics` (PMI) and :func:`earned_schedule` (Lipke 2003), computed
    for all rows at once with numpy: a PMO's 500 projects x 36 months take a few milliseconds.

    Examples
    --------
    >>> t = time_phased({"pv": [100, 250, 400], "ev": [90, 200, None], "ac": [100, 230, None]})
    >>> t[["period", "cpi", "spi", "es", "sv_t"]].round(3).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'period': [1, 2, 3], 'cpi': [0.9, 0.87, nan], 'spi': [0.9, 0.8, nan],
     'es': [0.9, 1.667, nan], 'sv_t': [-0.1, -0.333, nan]}
    """
    bands = DEFAULT_BANDS if bands is None else bands
    frame = as_frame(df, "df")
    if frame.empty:
        raise InputError("df is empty: give one row per status period with pv, ev and ac.")
    require_columns(frame, ["pv", "ev", "ac"], "df")
    pcol = _find_project_column(frame, project)
    n = len(frame)

    def numeric(col, allow_nan):
        s = pd.to_numeric(frame[col], errors="coerce")
        bad = s.isna() & frame[col].notna()
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise InputError(f"df column {col!r}, row {frame.index[i]!r} holds {frame[col].iloc[i]!r}, which is not a number.")
        arr = s.to_numpy(dtype=float)
        if not allow_nan and np.isnan(arr).any():
            i = int(np.flatnonzero(np.isnan(arr))[0])
            raise InputError(f"df column {col!r} is empty at row {frame.index[i]!r}: every period needs its cumulative {col}.")
        return arr

    pv = numeric("pv", False)
    ev = numeric("ev", True)
    ac = numeric("ac", True)
    for arr, col in ((pv, "pv"), (ev, "ev"), (ac, "ac")):
        neg = arr < 0
        if neg.any():
            i = int(np.flatnonzero(neg)[0])
            raise InputError(f"df column {col!r} is negative ({arr[i]:g}) at row {frame.index[i]!r}: cumulative money must be >= 0.")
    mismatch = np.isnan(ev) != np.isnan(ac)
    if mismatch.any():
        i = int(np.flatnonzero(mismatch)[0])
        raise InputError(
            f"df row {frame.index[i]!r}: ev and ac must both be reported or both be empty (one is missing)."
        )

    # group codes and positions
    if pcol is None:
        codes = np.zeros(n, dtype=np.int64)
        labels = np.array([""], dtype=object)
    else:
        if frame[pcol].isna().any():
            i = int(np.flatnonzero(frame[pcol].isna().to_numpy())[0])
            raise InputError(f"df column {pcol!r} is empty at row {frame.index[i]!r}: every row needs its project id.")
        codes, uniques = pd.factorize(frame[pcol], sort=False)
        labels = np.asarray(uniques, dtype=object)
    if "period" in frame.columns:
        period = numeric("period", False)
    else:
        period = (pd.Series(codes).groupby(codes).cumcount() + 1).to_numpy(dtype=float)
    order = np.lexsort((period, codes))
    c_sorted = codes[order]
    p_sorted = period[order]
    first = np.r_[True, c_sorted[1:] != c_sorted[:-1]]
    start = np.flatnonzero(first)
    pos = np.arange(n) - np.repeat(start, np.diff(np.r_[start, n]))
    expected = pos + 1
    if not np.array_equal(p_sorted, expected):
        i = int(np.flatnonzero(p_sorted != expected)[0])
        lab = labels[c_sorted[i]]
        who = f"project {lab!r}" if pcol is not None else "df"
        raise InputError(
            f"{who}: periods must be 1, 2, 3, ... without gaps or repeats; found period {p_sorted[i]:g} where "
            f"{expected[i]} was expected."
        )
    pv_s, ev_s, ac_s = pv[order], ev[order], ac[order]
    same = ~first
    for arr, col in ((pv_s, "pv"), (ev_s, "ev"), (ac_s, "ac")):
        prev = np.r_[np.nan, arr[:-1]]
        falls = same & (arr < prev)
        if falls.any():
            i = int(np.flatnonzero(falls)[0])
            who = f"project {labels[c_sorted[i]]!r}, " if pcol is not None else ""
            raise InputError(
                f"df column {col!r} falls at {who}period {int(p_sorted[i])} ({prev[i]:g} -> {arr[i]:g}): give "
                "cumulative values (running totals), which never decrease; per-period amounts need .cumsum()."
            )
    reported = ~np.isnan(ev_s)
    gap = same & reported & ~np.r_[False, reported[:-1]]
    if gap.any():
        i = int(np.flatnonzero(gap)[0])
        who = f"project {labels[c_sorted[i]]!r}, " if pcol is not None else ""
        raise InputError(f"df: {who}period {int(p_sorted[i])} reports ev/ac after an unreported period; fill the gap.")

    # baseline matrix (n_projects, max_periods), padded with each project's last PV
    n_groups = len(labels)
    lengths = np.bincount(c_sorted, minlength=n_groups)
    width = int(lengths.max())
    pv_mat = np.empty((n_groups, width))
    last_pv = pv_s[np.r_[start[1:], n] - 1]
    pv_mat[:] = last_pv[:, None]
    pv_mat[c_sorted, pos] = pv_s
    if (last_pv <= 0).any():
        g = int(np.flatnonzero(last_pv <= 0)[0])
        raise InputError(f"df: the pv baseline of {_who(labels[g], pcol)} never rises above 0.")
    if "bac" in frame.columns:
        bac_s = numeric("bac", False)[order]
        diff = np.abs(bac_s - last_pv[c_sorted]) > _TOL * np.maximum(bac_s, 1)
        if diff.any():
            i = int(np.flatnonzero(diff)[0])
            raise InputError(
                f"df: {_who(labels[c_sorted[i]], pcol)} has bac {bac_s[i]:g} but its pv baseline ends at "
                f"{last_pv[c_sorted[i]]:g}; give the whole baseline (every period to the planned finish) so "
                "that the last pv is the BAC."
            )
    else:
        bac_s = last_pv[c_sorted]
    over = reported & (ev_s > bac_s * (1 + _TOL))
    if over.any():
        i = int(np.flatnonzero(over)[0])
        raise InputError(
            f"df: ev {ev_s[i]:g} at {_who(labels[c_sorted[i]], pcol)}, period {int(p_sorted[i])} is above BAC "
            f"{bac_s[i]:g}: earned value cannot exceed the budget at completion."
        )

    ev_f = np.where(reported, ev_s, 0.0)
    ac_f = np.where(reported, ac_s, 0.0)
    out, _ = _compute(pv_s, ev_f, ac_f, bac_s, np.full(n, np.nan))
    es, planned = _es_core(pv_mat, c_sorted, np.minimum(ev_f, bac_s))
    out.update(_schedule_figures(es, p_sorted, planned))
    for k in out:
        out[k] = np.where(reported, out[k], np.nan)
    result = frame.copy()
    inv = np.empty(n, dtype=np.int64)
    inv[order] = np.arange(n)
    if "period" not in result.columns:
        result["period"] = p_sorted[inv].astype(np.int64)
    result["bac"] = bac_s[inv]
    result["reported"] = reported[inv]
    for k in METRIC_COLUMNS + SCHEDULE_COLUMNS:
        result[k] = out[k][inv]
    result["health"] = np.where(result["reported"], health(result["cpi"].to_numpy(), result["spi_t"].to_numpy(), bands=bands), "n/a")
    return result


def latest_status(df, *, project=None, bands: HealthBands | None = None) -> pd.DataFrame:
    """One row per project: its figures at its last reported period (the status date).

    ``df`` is a status table as taken by :func:`time_phased` (or its result). Adds
    ``tcpi_flag`` (TCPI above ``bands.tcpi_limit``: finishing on budget needs an efficiency
    rarely achieved) and ``verdict`` (the plain-language status of :func:`verdict`). The index
    is the project id; rows are sorted by it.

    >>> import pmlib as pm
    >>> s = latest_status(pm.datasets.load("status_periods"))
    >>> s.loc["P06", "health"], s.loc["P19", "health"]
    ('green', 'red')
    """
    bands = DEFAULT_BANDS if bands is None else bands
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
    last["tcpi_flag"] = last["tcpi"] > bands.tcpi_limit
    last["verdict"] = [verdict(row, bands=bands) for _, row in last.iterrows()]
    return last


def verdict(figures, *, bands: HealthBands | None = None) -> str:
    """A plain-language reading of one status: cost, schedule (in time), forecast, TCPI.

    ``figures`` is a row of :func:`time_phased` / :func:`latest_status` (a mapping or Series
    holding cpi, spi_t or spi, sv_t, eac, vac, bac, tcpi, health...).

    >>> import pmlib as pm
    >>> t = pm.evm.time_phased({"pv": [100, 250, 400], "ev": [90, 200, None], "ac": [100, 230, None]})
    >>> print(verdict(t.iloc[1]))  # doctest: +ELLIPSIS
    RED: over budget (CPI 0.87: each 1.00 spent earns 0.87 of planned work) and behind schedule ...
    """
    bands = DEFAULT_BANDS if bands is None else bands
    f = pd.Series(figures) if not isinstance(figures, pd.Series) else figures
    cpi = float(f.get("cpi", np.nan))
    spi_t = float(f.get("spi_t", np.nan))
    spi = spi_t if not math.isnan(spi_t) else float(f.get("spi", np.nan))
    band = str(f["health"]) if "health" in f.index else str(health(cpi, spi, bands=bands))
    parts = []
    if math.isnan(cpi):
        parts.append("cost efficiency not measurable yet (no cost booked)")
    elif cpi >= 1:
        parts.append(f"on or under budget (CPI {cpi:.2f})")
    else:
        parts.append(f"over budget (CPI {cpi:.2f}: each 1.00 spent earns {cpi:.2f} of planned work)")
    sv_t = float(f.get("sv_t", np.nan))
    if not math.isnan(sv_t):
        if sv_t >= -0.05:
            parts.append(f"on or ahead of schedule (SV(t) {sv_t:+.1f} periods)")
        else:
            parts.append(f"behind schedule by {-sv_t:.1f} periods (SPI(t) {spi:.2f})")
    elif not math.isnan(spi):
        parts.append("on or ahead of schedule" if spi >= 1 else f"behind schedule (SPI {spi:.2f})")
    text = f"{band.upper()}: " + " and ".join(parts) + "."
    eac, vac, bac = (float(f.get(k, np.nan)) for k in ("eac", "vac", "bac"))
    if float(f.get("percent_complete", np.nan)) >= 1:
        ac = float(f.get("ac", np.nan))
        text += f" Work complete: final cost {ac:,.0f} against a budget of {bac:,.0f}"
        text += f" ({abs(ac - bac):,.0f} {'over' if ac > bac else 'under'})."
        at, pd_ = float(f.get("period", np.nan)), float(f.get("planned_duration", np.nan))
        if not (math.isnan(at) or math.isnan(pd_)):
            text += f" It took {at:.0f} periods against {pd_:.0f} planned."
        return text
    if not math.isnan(eac) and not math.isnan(bac):
        direction = "over" if vac < 0 else "under"
        text += f" At this efficiency it will cost {eac:,.0f} against a budget of {bac:,.0f} ({abs(vac):,.0f} {direction})."
    ieac_t = float(f.get("ieac_t", np.nan))
    pd_ = float(f.get("planned_duration", np.nan))
    if not math.isnan(ieac_t) and not math.isnan(pd_) and math.isfinite(ieac_t):
        text += f" Forecast duration {ieac_t:.1f} periods against {pd_:.0f} planned."
    tcpi = float(f.get("tcpi", np.nan))
    if not math.isnan(tcpi):
        if tcpi < 0 or math.isinf(tcpi):
            text += " The budget is already spent: the BAC cannot be met; re-estimate (EAC) and re-approve."
        elif tcpi > bands.tcpi_limit:
            text += (f" TCPI {tcpi:.2f} > {bands.tcpi_limit:.2f}: finishing on budget needs an efficiency rarely "
                     "achieved; plan for a new EAC.")
    return text

