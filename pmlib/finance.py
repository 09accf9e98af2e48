"""Business-case economics: is this project worth doing?

The measures a portfolio board uses to fund work, each under its textbook name
(and the Excel function it matches):

- present value / future value (PV, FV): :func:`present_value`, :func:`future_value`,
  :func:`discount_factors`
- net present value, NPV (Excel NPV with ``start=1``): :func:`npv`
- NPV of dated cash flows, actual/365 (Excel XNPV): :func:`xnpv`
- internal rate of return, IRR (Excel IRR): :func:`irr`; every IRR of non-conventional
  flows: :func:`irr_all`
- IRR of dated cash flows (Excel XIRR): :func:`xirr`
- modified internal rate of return, MIRR (Excel MIRR): :func:`mirr`
- return on investment, ROI, and annualised ROI: :func:`roi`, :func:`annualised_roi`
- payback period and discounted payback period: :func:`payback_period`,
  :func:`discounted_payback_period`
- benefit-cost ratio, BCR: :func:`benefit_cost_ratio`
- profitability index, PI: :func:`profitability_index`
- crossover (Fisher) rate of two mutually exclusive options: :func:`crossover_rate`
- all of the above for one or many business cases: :func:`appraise`
  (wide cash-flow tables from the long ``cashflows.csv`` layout: :func:`net_cashflows`)
- uncertainty: scenarios (:func:`adjust_cashflows`, :func:`scenario_npv`), one-at-a-time
  sensitivity for a tornado chart (:func:`sensitivity`), Monte Carlo NPV
  (:func:`monte_carlo_npv` -> :class:`NPVSimulation`)

Conventions (numpy-financial's): ``cashflows[0]`` happens now (t = 0) and is not
discounted; ``cashflows[t]`` at the end of period t. Money is in whatever unit you give
(the course's data sets use k$); rates are fractions per period (0.08 = 8 %).

Many projects at once: pass a 2-D array (one row per project, one column per period) or
a DataFrame (index = project ids) and every function returns one figure per row
(an ndarray, or a Series indexed like the DataFrame), computed without a Python loop over
the rows.

References: PMI, *PMBOK Guide* (project selection methods); PMI, *The Standard for
Portfolio Management*; Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 5-6
(NPV, IRR pitfalls, payback, profitability index); Microsoft Excel function reference
(NPV, XNPV, IRR, XIRR, MIRR).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy_financial as npf
import pandas as pd

from ._validate import as_float_array, as_number
from .errors import InputError, NoSolutionError

__all__ = [
    "MultipleIRRWarning",
    "present_value",
    "future_value",
    "discount_factors",
    "npv",
    "xnpv",
    "irr",
    "irr_all",
    "xirr",
    "mirr",
    "roi",
    "annualised_roi",
    "payback_period",
    "discounted_payback_period",
    "benefit_cost_ratio",
    "profitability_index",
    "crossover_rate",
    "net_cashflows",
    "appraise",
    "adjust_cashflows",
    "scenario_npv",
    "sensitivity",
    "monte_carlo_npv",
    "NPVSimulation",
]

#: Excel's and this module's default IRR guess: of several IRRs, the one closest to it is returned.
DEFAULT_GUESS = 0.1


class MultipleIRRWarning(UserWarning):
    """Non-conventional cash flows (several sign changes) have more than one IRR."""


# ---------------------------------------------------------------------------------------
# input helpers
# ---------------------------------------------------------------------------------------
def _flows(cashflows, name: str = "cashflows"):
    """(2-D float array, kind, index): kind is 'scalar' (1-D in), 'array' or 'frame'."""
    if isinstance(cashflows, pd.DataFrame):
        try:
            arr = as_float_array(cashflows, name, ndim=2)
        except InputError as exc:
            raise InputError(
                f"{exc} A DataFrame of cash flows holds one row per project and one numeric column "
                "per period; put the project ids in the index (e.g. `.set_index('project_id')`), or "
                "build it with pm.finance.net_cashflows(long_table)."
            ) from None
        return arr, "frame", cashflows.index
    arr = as_float_array(cashflows, name, ndim=(1, 2))
    if arr.ndim == 1:
        return arr[None, :], "scalar", None
    if arr.shape[1] == 0:
        raise InputError(f"{name} has rows with no periods: give at least one cash flow per row.")
    return arr, "array", None


def _out(values, kind, index, name):
    values = np.asarray(values, dtype=float)
    if kind == "scalar":
        return float(values[0])
    if kind == "frame":
        return pd.Series(values, index=index, name=name)
    return values


def _row_label(kind, index, i) -> str:
    if kind == "frame":
        return f"row {index[i]!r}"
    if kind == "array":
        return f"row {i}"
    return "the cash flows"


def _rates(rate, name: str, m: int | None = None) -> np.ndarray:
    """Rate(s) as a float array (0-d for a scalar); InputError for rate <= -100 %."""
    if np.isscalar(rate) or (isinstance(rate, np.ndarray) and rate.ndim == 0):
        arr = np.asarray(as_number(rate, name), dtype=float)
    else:
        arr = as_float_array(rate, name, ndim=1)
        if m is not None and arr.size not in (1, m):
            raise InputError(f"{name} has {arr.size} rates but there are {m} rows of cash flows: give one rate, or one per row.")
    bad = arr <= -1
    if bad.any():
        value = float(arr.ravel()[int(np.flatnonzero(bad.ravel())[0])])
        raise InputError(
            f"{name} = {value!r} is <= -100 %: a discount rate must be greater than -1 "
            "(write 8 % as 0.08)."
        )
    return arr


def _scalar_rate(rate, name: str) -> float:
    r = as_number(rate, name)
    if r <= -1:
        raise InputError(f"{name} = {r!r} is <= -100 %: a rate must be greater than -1 (write 8 % as 0.08).")
    return r


def _check_errors_arg(errors: str) -> None:
    if errors not in ("raise", "nan"):
        raise InputError(f"errors must be 'raise' or 'nan', got {errors!r}.")


# ---------------------------------------------------------------------------------------
# time value of money
# ---------------------------------------------------------------------------------------
def present_value(value, rate, periods):
    """Present value of one amount received ``periods`` from now: ``PV = FV / (1 + r)**n``.

    Textbook name: present value (discounting); the PMP exam's ``PV = FV / (1 + r)^n``
    (not to be confused with earned value's *planned value*). Excel: ``PV(r, n, 0, -FV)``.

    Parameters
    ----------
    value : float or array
        The future amount (money, e.g. k$).
    rate : float or array
        Discount rate per period (fraction, > -1).
    periods : float or array
        Number of periods until the amount arrives.

    >>> round(present_value(1000, 0.10, 3), 2)   # 1000 / 1.1**3
    751.31

    Reference: Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 2.
    """
    v = np.asarray(as_float_array(value, "value") if not np.isscalar(value) else as_number(value, "value"))
    r = _rates(rate, "rate")
    n = np.asarray(as_float_array(periods, "periods") if not np.isscalar(periods) else as_number(periods, "periods"))
    out = v / (1.0 + r) ** n
    return float(out) if np.ndim(out) == 0 else out


def future_value(value, rate, periods):
    """Future value of an amount invested now: ``FV = PV * (1 + r)**n`` (compound interest).

    Excel: ``FV(r, n, 0, -PV)``.

    >>> round(future_value(1000, 0.10, 3), 2)
    1331.0

    Reference: Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 2.
    """
    v = np.asarray(as_float_array(value, "value") if not np.isscalar(value) else as_number(value, "value"))
    r = _rates(rate, "rate")
    n = np.asarray(as_float_array(periods, "periods") if not np.isscalar(periods) else as_number(periods, "periods"))
    out = v * (1.0 + r) ** n
    return float(out) if np.ndim(out) == 0 else out


def discount_factors(rate, periods: int, *, start: int = 0) -> np.ndarray:
    """Discount factors ``1 / (1 + r)**t`` for t = start, ..., start + periods - 1.

    >>> discount_factors(0.1, 3).round(4).tolist()
    [1.0, 0.9091, 0.8264]

    Reference: Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 2 (discount factors).
    """
    r = _scalar_rate(rate, "rate")
    if int(periods) != periods or periods < 1:
        raise InputError(f"periods must be a positive whole number, got {periods!r}.")
    return (1.0 + r) ** -(np.arange(int(periods)) + start)


# ---------------------------------------------------------------------------------------
# NPV and XNPV
# ---------------------------------------------------------------------------------------
def npv(rate, cashflows, *, start: int = 0):
    """Net present value: ``NPV = sum_t CF_t / (1 + r)**(t + start)``.

    Textbook name: net present value (discounted cash flow). With the default ``start=0``
    the first flow happens now and is not discounted (numpy-financial's ``npf.npv``, the
    finance-textbook convention). ``start=1`` reproduces **Excel's NPV function**, which
    discounts the *first* value by one full period: Excel's ``=NPV(r, B2:B7)`` equals
    ``npv(r, flows, start=1)``, and the textbook NPV is ``=NPV(r, B3:B7) + B2``.

    Parameters
    ----------
    rate : float or 1-D array
        Discount rate per period (fraction, > -1). With 1-D cash flows an array of rates
        gives the NPV profile (one NPV per rate); with 2-D cash flows, one rate per row.
    cashflows : 1-D or 2-D array, or DataFrame
        Net cash flow per period (money, e.g. k$), negative = out; rows = projects.
    start : int
        Exponent of the first cash flow's discount: 0 (now) or 1 (Excel NPV).

    Returns
    -------
    float, ndarray or Series (DataFrame in: indexed like it)

    >>> round(npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]), 5)   # numpy-financial docs
    3065.22267
    >>> round(npv(0.10, [-10_000, 3_000, 4_200, 6_800], start=1), 2)     # Excel NPV docs
    1188.44

    References: Microsoft Excel NPV function; numpy-financial ``npv``; Brealey, Myers &
    Allen, ch. 2 and 5; PMI PMBOK Guide (project selection: NPV).
    """
    if start not in (0, 1) and not (isinstance(start, int | np.integer) and start >= 0):
        raise InputError(f"start must be a whole number >= 0 (0 = now, 1 = Excel NPV), got {start!r}.")
    arr, kind, index = _flows(cashflows)
    m, n = arr.shape
    t = np.arange(n) + int(start)
    r = _rates(rate, "rate", m if kind != "scalar" else None)
    if r.ndim == 0:
        if kind == "scalar" and start == 0:
            return float(npf.npv(float(r), arr[0]))  # numpy-financial underneath
        return _out(arr @ (1.0 + r) ** -t, kind, index, "npv")
    if kind == "scalar":  # NPV profile over several rates
        return ((1.0 + r[:, None]) ** -t[None, :]) @ arr[0]
    factors = (1.0 + r.reshape(-1, 1)) ** -t[None, :]
    return _out((arr * factors).sum(axis=1), kind, index, "npv")


def _year_fractions(dates, n: int, name: str = "dates") -> np.ndarray:
    """(date_i - date_0) / 365 as floats; InputError for bad, missing or early dates."""
    if isinstance(dates, str | bytes):
        raise InputError(f"{name} must be a sequence of dates, one per cash flow, got the text {dates!r}.")
    try:
        seq = list(dates)
    except TypeError:
        raise InputError(f"{name} must be a sequence of dates, one per cash flow.") from None
    if len(seq) != n:
        raise InputError(
            f"{name} has {len(seq)} dates but there are {n} cash flows per row: give exactly one date per cash flow."
        )
    parsed = []
    for i, d in enumerate(seq):
        if d is None or (isinstance(d, float) and math.isnan(d)) or d is pd.NaT:
            raise InputError(f"{name}[{i}] is missing: give a date such as '2026-01-31'.")
        try:
            ts = pd.Timestamp(d)
        except (ValueError, TypeError):
            raise InputError(f"{name}[{i}] = {d!r} is not a date I can read: use ISO 'YYYY-MM-DD'.") from None
        if ts is pd.NaT:
            raise InputError(f"{name}[{i}] = {d!r} is not a date: use ISO 'YYYY-MM-DD'.")
        parsed.append(ts.normalize())
    days = np.array([(p - parsed[0]).days for p in parsed], dtype=float)
    if (days < 0).any():
        i = int(np.flatnonzero(days < 0)[0])
        raise InputError(
            f"{name}[{i}] ({parsed[i].date()}) is before the first date ({parsed[0].date()}): "
            "as in Excel, the first date is the start and every other date must be on or after it."
        )
    return days / 365.0


def xnpv(rate, cashflows, dates):
    """NPV of cash flows on given dates: ``XNPV = sum_i P_i / (1 + r)**((d_i - d_0) / 365)``.

    Matches **Excel's XNPV** (actual/365 day count, first date = today, not discounted).

    Parameters
    ----------
    rate : float
        Annual discount rate (fraction, > -1).
    cashflows : 1-D or 2-D array, or DataFrame
        Payment on each date (money); rows = projects sharing the same dates.
    dates : sequence of dates (str 'YYYY-MM-DD', datetime, Timestamp)
        One per cash flow; none may precede the first.

    >>> flows = [-10_000, 2_750, 4_250, 3_250, 2_750]
    >>> dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]
    >>> round(xnpv(0.09, flows, dates), 2)          # Excel XNPV docs: 2,086.65
    2086.65

    Reference: Microsoft Excel XNPV function.
    """
    arr, kind, index = _flows(cashflows)
    r = _scalar_rate(rate, "rate")
    tau = _year_fractions(dates, arr.shape[1])
    return _out(arr @ (1.0 + r) ** -tau, kind, index, "xnpv")


# ---------------------------------------------------------------------------------------
# IRR machinery: vectorised over rows
# ---------------------------------------------------------------------------------------
def _sign_changes(arr: np.ndarray) -> np.ndarray:
    """Number of sign changes per row, zeros ignored (Descartes' rule of signs)."""
    if (arr != 0).all():  # common case: no zero flows
        pos = arr > 0
        return (pos[:, 1:] != pos[:, :-1]).sum(axis=1)
    s = np.sign(arr)
    # carry the last non-zero sign forward so zeros do not count
    idx = np.where(s != 0, np.arange(s.shape[1])[None, :], 0)
    np.maximum.accumulate(idx, axis=1, out=idx)
    carried = np.take_along_axis(s, idx, axis=1)
    return ((carried[:, 1:] * carried[:, :-1]) < 0).sum(axis=1)


def _first_last_sign(arr: np.ndarray):
    nz = arr != 0
    first = np.argmax(nz, axis=1)
    last = arr.shape[1] - 1 - np.argmax(nz[:, ::-1], axis=1)
    rows = np.arange(arr.shape[0])
    return np.sign(arr[rows, first]), np.sign(arr[rows, last])


def _horner(ct: np.ndarray, x: np.ndarray):
    """p(x) = sum_t c_t x**t and p'(x) for many polynomials at once.

    ``ct`` holds the coefficients transposed, shape (periods, rows), so each step of
    Horner's scheme reads one contiguous row: c_t of every project.
    """
    n = ct.shape[0]
    p = ct[n - 1].copy()
    dp = np.zeros_like(x)
    for t in range(n - 2, -1, -1):
        dp *= x
        dp += p
        p *= x
        p += ct[t]
    return p, dp


def _power_eval(tau: np.ndarray):
    """p(x) = sum_i c_i x**tau_i and p'(x) for real exponents tau (XIRR); ``ct`` transposed."""

    def evaluate(ct, x):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            xt = x[None, :] ** tau[:, None]
            p = (ct * xt).sum(axis=0)
            dp = (ct * tau[:, None] * xt).sum(axis=0) / x
        return p, dp

    return evaluate


def _solve_one_sign_change(c, evaluate, s_first, x0, *, maxiter=300):
    """Root in x > 0 of rows with exactly one sign change (a unique root, Descartes).

    p(x) has the sign of its first non-zero coefficient near x = 0 and the opposite sign
    for large x, and p(x) / x**k is monotone, so the root is unique. Newton steps from
    ``x0`` are kept inside a bracket that starts as (0, inf) and shrinks with every
    evaluation; a step that leaves it is replaced by bisection in log x (or by expanding
    x fourfold while the bracket is still open). All rows advance together.
    Returns x per row (NaN where the iteration failed).
    """
    m = c.shape[0]
    ct = np.ascontiguousarray(c.T)
    x = np.full(m, float(x0))
    lo = np.zeros(m)          # p(lo) on the first-coefficient side (x -> 0)
    hi = np.full(m, np.inf)   # p(hi) on the other side (x -> inf)
    act = np.arange(m)
    xa, la, ha, sa, cta = x, lo, hi, s_first.astype(float), ct
    subset = False
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(maxiter):
            f, df = evaluate(cta, xa)
            first_side = f * sa > 0
            la = np.where(first_side, xa, la)
            ha = np.where(first_side, ha, xa)
            newton = xa - f / df
            # quadratic convergence: once a step is below 1e-12 x, the error left is ~1e-24
            small = np.abs(newton - xa) <= 1e-12 * xa
            inside = ((newton > la) & (newton < ha) & np.isfinite(newton)) | small
            fallback = np.where(np.isinf(ha), np.maximum(la, xa) * 4.0,
                                np.where(la > 0, np.sqrt(la * ha), ha / 4.0))
            xn = np.where(inside, newton, fallback)
            done = small | (f == 0) | ~np.isfinite(f) | (np.isfinite(ha) & (ha - la <= 1e-15 * ha))
            xn = np.where((f == 0) | ~np.isfinite(f), np.where(np.isfinite(f), xa, np.nan), xn)
            if subset:
                x[act], lo[act], hi[act] = xn, la, ha
            else:
                x, lo, hi = xn, la, ha
            if done.all():
                break
            if done.any():
                keep = ~done
                if keep.sum() < 0.5 * keep.size or subset:
                    if not subset:
                        act = np.flatnonzero(keep)
                        subset = True
                    else:
                        act = act[keep]
                    xa, la, ha, sa = x[act], lo[act], hi[act], sa[keep]
                    cta = ct[:, act]
                    continue
            xa, la, ha = (x[act], lo[act], hi[act]) if subset else (x, lo, hi)
        else:  # not converged
            x[act if subset else slice(None)] = np.nan
    x[~np.isfinite(x) | (x <= 0)] = np.nan
    return x


def _polynomial_roots(c: np.ndarray) -> list[np.ndarray]:
    """All real positive roots x of each row's polynomial sum_t c_t x**t (batched eigenvalues).

    Rows are grouped by their effective degree (leading/trailing zeros removed), and each
    group's companion matrices go to ``np.linalg.eigvals`` at once; the roots are polished
    by Newton steps. The arithmetic loops over degrees, not rows; only the ragged lists of
    roots are assembled row by row (non-conventional rows are the rare case).
    """
    m, n = c.shape
    out: list[np.ndarray] = [np.empty(0)] * m
    nz = c != 0
    first = np.argmax(nz, axis=1)
    last = n - 1 - np.argmax(nz[:, ::-1], axis=1)
    degree = last - first
    for d in np.unique(degree):
        rows = np.flatnonzero(degree == d)
        if d <= 0:
            for i in rows:
                out[i] = np.empty(0)
            continue
        cols = first[rows, None] + np.arange(d + 1)[None, :]
        coef = np.take_along_axis(c[rows], cols, axis=1)  # c_first ... c_last
        monic = coef[:, :-1] / coef[:, -1:]
        comp = np.zeros((rows.size, d, d))
        comp[:, 1:, :-1] = np.eye(d - 1)
        comp[:, :, -1] = -monic
        roots = np.linalg.eigvals(comp)  # (k, d)
        real = (np.abs(roots.imag) <= 1e-8 * np.maximum(1.0, np.abs(roots.real))) & (roots.real > 0)
        x = np.where(real, roots.real, np.nan)
        # polish with Newton on the trimmed polynomial
        flat_rows = np.repeat(np.arange(rows.size), d)
        xf = x.ravel()
        cf = coef[flat_rows]
        for _ in range(6):
            with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
                f, df = _horner(np.ascontiguousarray(cf.T), np.nan_to_num(xf, nan=1.0))
                step = np.where(np.isfinite(xf) & (df != 0), f / df, 0.0)
                xf = np.where(np.isfinite(xf), xf - step, np.nan)
        x = xf.reshape(rows.size, d)
        for k, i in enumerate(rows):  # collecting ragged results: one list item per row
            vals = np.sort(x[k][np.isfinite(x[k]) & (x[k] > 0)])
            if vals.size > 1:
                keep = np.concatenate([[True], np.diff(vals) > 1e-9 * vals[1:]])
                vals = vals[keep]
            out[i] = vals
    return out


def _no_irr_reason(row: np.ndarray) -> str:
    if (row >= 0).all():
        return ("every cash flow is >= 0, so NPV is positive at every rate and never reaches zero; "
                "an IRR needs money going out and coming back")
    if (row <= 0).all():
        return ("every cash flow is <= 0, so NPV is negative at every rate and never reaches zero; "
                "an IRR needs money going out and coming back")
    return "NPV does not reach zero at any rate above -100 % (the flows change sign but never break even)"


def _irr_core(arr, evaluate, guess, kind, index, errors, *, integer_periods: bool, tau=None):
    """IRR per row: unique-root rows by the safeguarded Newton solver, others by all roots."""
    m = arr.shape[0]
    changes = _sign_changes(arr if tau is None else arr[:, np.argsort(tau, kind="stable")])
    out = np.full(m, np.nan)
    x0 = 1.0 / (1.0 + guess)
    conventional = changes == 1
    if conventional.all():  # the common case: no copy of the rows
        one, sub = slice(None), arr
    else:
        one = np.flatnonzero(conventional)
        sub = arr[one]
    if sub.shape[0]:
        s_first, _ = _first_last_sign(sub if tau is None else sub[:, np.argsort(tau, kind="stable")])
        x = _solve_one_sign_change(sub, evaluate, s_first, x0)
        with np.errstate(divide="ignore"):
            out[one] = 1.0 / x - 1.0
    many = np.flatnonzero(changes > 1)
    multiple = []
    if many.size:
        if integer_periods:
            roots = _polynomial_roots(arr[many])
        else:
            roots = _scan_roots(arr[many], evaluate)
        for k, i in enumerate(many):
            rates = np.sort(1.0 / roots[k] - 1.0) if roots[k].size else np.empty(0)
            if rates.size:
                out[i] = rates[np.argmin(np.abs(rates - guess))]
            if rates.size > 1:
                multiple.append((i, rates))
    if multiple:
        shown = "; ".join(
            ("" if kind == "scalar" else f"{_row_label(kind, index, i)}: ") + ", ".join(f"{r:.2%}" for r in rates)
            for i, rates in multiple[:5]
        )
        more = f" (and {len(multiple) - 5} more rows)" if len(multiple) > 5 else ""
        warnings.warn(
            f"Cash flows that change sign more than once have several IRRs ({shown}{more}). "
            f"Returned the one closest to guess={guess:.2%}. Judge such a project by NPV or MIRR; "
            "pm.finance.irr_all lists every IRR.",
            MultipleIRRWarning,
            stacklevel=3,
        )
    missing = np.flatnonzero(~np.isfinite(out))
    if missing.size and errors == "raise":
        i = int(missing[0])
        where = "" if kind == "scalar" else f" for {_row_label(kind, index, i)}"
        more = "" if missing.size == 1 else f" ({missing.size} rows have none; pass errors='nan' to get NaN for them)"
        raise NoSolutionError(f"No IRR exists{where}: {_no_irr_reason(arr[i])}{more}.")
    return out


def _scan_roots(c: np.ndarray, evaluate) -> list[np.ndarray]:
    """Roots x > 0 of real-exponent sums (XIRR with several sign changes): scan a log grid, refine."""
    grid = np.geomspace(1e-4, 1e4, 801)  # rates from -99.99 % to 999,900 %
    m = c.shape[0]
    ct = np.ascontiguousarray(c.T)
    vals = np.empty((m, grid.size))
    for j, g in enumerate(grid):  # loop over grid points, vectorised over rows
        vals[:, j], _ = evaluate(ct, np.full(m, g))
    out = []
    for i in range(m):
        v = vals[i]
        brackets = np.flatnonzero(np.sign(v[:-1]) * np.sign(v[1:]) < 0)
        roots = list(grid[:-1][v[:-1] == 0])
        for j in brackets:
            lo, hi = grid[j], grid[j + 1]
            flo = v[j]
            for _ in range(200):
                mid = math.sqrt(lo * hi)
                fm, _ = evaluate(ct[:, i:i + 1], np.array([mid]))
                if fm[0] == 0 or hi - lo <= 1e-15 * hi:
                    break
                if np.sign(fm[0]) == np.sign(flo):
                    lo, flo = mid, fm[0]
                else:
                    hi = mid
            roots.append(math.sqrt(lo * hi))
        out.append(np.sort(np.array(roots)))
    return out


def irr(cashflows, *, guess: float = DEFAULT_GUESS, errors: str = "raise"):
    """Internal rate of return: the rate ``r`` where ``NPV(r) = sum_t CF_t / (1 + r)**t = 0``.

    Textbook name: internal rate of return (IRR); Excel's IRR, numpy-financial's
    ``npf.irr`` (same answers, to 1e-7 and better; ``npf.irr`` takes one series at a time
    through ``np.roots``, so this batch solver replaces it). Solved as the positive root
    ``x = 1 / (1 + r)`` of the polynomial ``sum_t CF_t x**t``:

    - cash flows with **one sign change** (a conventional investment: out, then in) have
      exactly one IRR (Descartes' rule of signs); it is found by Newton steps kept inside
      a bracket, vectorised over all rows at once;
    - flows with **several sign changes** may have several IRRs: all real roots come from
      batched eigenvalues, the one closest to ``guess`` is returned, and a
      :class:`MultipleIRRWarning` lists them (see :func:`irr_all`, and use NPV or MIRR);
    - flows that **never change sign** have no IRR: :class:`~pmlib.errors.NoSolutionError`
      (a ValueError) says why, or NaN for that row with ``errors="nan"``.

    Parameters
    ----------
    cashflows : 1-D or 2-D array, or DataFrame
        Net cash flow per period (money), rows = projects.
    guess : float
        Picks among several IRRs (the closest wins), as Excel's guess does. Default 10 %.
    errors : {"raise", "nan"}
        What to do for a row with no IRR.

    Returns
    -------
    float (1-D in), ndarray (2-D in) or Series (DataFrame in): rate per period (fraction).

    >>> round(irr([-70_000, 12_000, 15_000, 18_000, 21_000, 26_000]), 4)   # Excel IRR docs: 8.7 %
    0.0866
    >>> round(irr([-100, 39, 59, 55, 20]), 5)                             # numpy-financial docs
    0.28095

    References: Microsoft Excel IRR function; numpy-financial ``irr``; Brealey, Myers &
    Allen, ch. 5 (pitfalls of IRR: lending vs borrowing, multiple rates, mutually
    exclusive projects).
    """
    _check_errors_arg(errors)
    g = _scalar_rate(guess, "guess")
    arr, kind, index = _flows(cashflows)
    out = _irr_core(arr, _horner, g, kind, index, errors, integer_periods=True)
    return _out(out, kind, index, "irr")


def irr_all(cashflows):
    """Every real IRR (rate > -100 %) of non-conventional cash flows, sorted ascending.

    A project whose flows change sign more than once (e.g. a big decommissioning cost at
    the end) can have several rates that make NPV zero, or none (Descartes' rule of signs
    bounds their number by the number of sign changes). Roots of ``sum_t CF_t x**t`` with
    ``x = 1 / (1 + r)``, from the companion-matrix eigenvalues.

    Returns an ndarray for 1-D input; a list of ndarrays (one per row) for 2-D input; a
    Series of ndarrays for a DataFrame.

    >>> irr_all([-1_600, 10_000, -10_000]).round(4).tolist()   # Brealey, Myers & Allen: 25 % and 400 %
    [0.25, 4.0]

    Reference: Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 5
    ("Pitfall 2: multiple rates of return").
    """
    arr, kind, index = _flows(cashflows)
    roots = _polynomial_roots(arr)
    rates = [np.sort(1.0 / x - 1.0) for x in roots]
    if kind == "scalar":
        return rates[0]
    if kind == "frame":
        return pd.Series(rates, index=index, name="irr_all", dtype=object)
    return rates


def xirr(cashflows, dates, *, guess: float = DEFAULT_GUESS, errors: str = "raise"):
    """IRR of cash flows on given dates: the ``r`` where ``XNPV(r) = 0`` (Excel's XIRR, actual/365).

    Same solver as :func:`irr` with real exponents ``(d_i - d_0) / 365``: bracketed Newton
    for one sign change (vectorised over rows), a scan of the rate axis when the flows
    change sign several times (warns with every root).

    Parameters
    ----------
    cashflows : 1-D or 2-D array, or DataFrame
        Payments (money); rows = projects sharing ``dates``.
    dates : sequence of dates
        One per cash flow; none before the first.
    guess, errors : as in :func:`irr`.

    >>> flows = [-10_000, 2_750, 4_250, 3_250, 2_750]
    >>> dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]
    >>> round(xirr(flows, dates), 6)               # Excel XIRR docs: 0.373362535
    0.373363

    Reference: Microsoft Excel XIRR function.
    """
    _check_errors_arg(errors)
    g = _scalar_rate(guess, "guess")
    arr, kind, index = _flows(cashflows)
    tau = _year_fractions(dates, arr.shape[1])
    out = _irr_core(arr, _power_eval(tau), g, kind, index, errors, integer_periods=False, tau=tau)
    return _out(out, kind, index, "xirr")


def mirr(cashflows, finance_rate, reinvest_rate):
    """Modified internal rate of return (Excel's MIRR, numpy-financial's ``npf.mirr``).

    ``MIRR = (FV(positive flows, reinvest_rate) / -PV(negative flows, finance_rate))**(1/(n-1)) - 1``

    numpy-financial's ``npf.mirr`` formula, vectorised over rows (``npf.mirr`` takes one
    series at a time; the tests check both agree).

    Outflows are financed at ``finance_rate`` and inflows reinvested at ``reinvest_rate``
    (usually the cost of capital), so there is exactly one MIRR even for non-conventional
    flows: the fix for IRR's reinvestment assumption and multiple roots.

    Parameters
    ----------
    cashflows : 1-D or 2-D array, or DataFrame
        Net cash flows per period (money), at least one negative and one positive per row.
    finance_rate, reinvest_rate : float
        Rates per period (fractions, > -1).

    >>> flows = [-120_000, 39_000, 30_000, 21_000, 37_000, 46_000]
    >>> round(mirr(flows, 0.10, 0.12), 4)          # Excel MIRR docs: 12.61 %
    0.1261

    References: Microsoft Excel MIRR function; numpy-financial ``mirr``.
    """
    arr, kind, index = _flows(cashflows)
    fr = _scalar_rate(finance_rate, "finance_rate")
    rr = _scalar_rate(reinvest_rate, "reinvest_rate")
    m, n = arr.shape
    if n < 2:
        raise InputError("cashflows needs at least two periods for a MIRR.")
    pos = np.where(arr > 0, arr, 0.0)
    neg = np.where(arr < 0, arr, 0.0)
    bad = ~((arr > 0).any(axis=1) & (arr < 0).any(axis=1))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise NoSolutionError(
            f"No MIRR for {_row_label(kind, index, i)}: it needs at least one negative and one positive "
            "cash flow (Excel returns #DIV/0! here)."
        )
    t = np.arange(n)
    fv_pos = pos @ (1.0 + rr) ** (n - 1 - t)
    pv_neg = neg @ (1.0 + fr) ** -t
    out = (fv_pos / -pv_neg) ** (1.0 / (n - 1)) - 1.0
    return _out(out, kind, index, "mirr")


# ---------------------------------------------------------------------------------------
# ROI, payback, BCR, PI
# ---------------------------------------------------------------------------------------
def _money(values, name):
    if isinstance(values, pd.Series):
        return as_float_array(values, name, ndim=1), values.index
    if np.isscalar(values) or (isinstance(values, np.ndarray) and values.ndim == 0):
        return np.asarray(as_number(values, name)), None
    return as_float_array(values, name), None


def _wrap(out, index, name):
    if index is not None:
        return pd.Series(out, index=index, name=name)
    return float(out) if np.ndim(out) == 0 else out


def roi(benefit, cost):
    """Return on investment: ``ROI = (benefit - cost) / cost`` (a fraction; 0.25 = 25 %).

    Undiscounted: it ignores *when* money arrives (use NPV for that).

    Parameters
    ----------
    benefit : float, array or Series
        Total benefit (money).
    cost : float, array or Series
        Total cost (money), not zero.

    >>> roi(125, 100)
    0.25

    Reference: PMI, *The Standard for Portfolio Management* (financial measures); PMBOK Guide.
    """
    b, idx_b = _money(benefit, "benefit")
    c, idx_c = _money(cost, "cost")
    if (c == 0).any():
        pos = int(np.flatnonzero(np.atleast_1d(c == 0))[0])
        where = "" if c.ndim == 0 else f"[{pos}]"
        raise InputError(f"cost{where} is 0: ROI divides by the cost, so it must not be zero.")
    out = (b - c) / c
    return _wrap(out, idx_b if idx_b is not None else idx_c, "roi")


def annualised_roi(benefit, cost, years):
    """Annualised ROI: the yearly rate that turns ``cost`` into ``benefit`` in ``years`` years.

    ``annualised ROI = (benefit / cost)**(1 / years) - 1`` (compound annual growth rate of
    the money invested).

    Parameters
    ----------
    benefit, cost : float, array or Series
        Total money back and money invested (same unit, cost > 0).
    years : float, array or Series
        Holding period in years (> 0).

    >>> round(annualised_roi(1_500, 1_000, 3), 4)   # 50 % over 3 years = 14.47 % a year
    0.1447

    Reference: compound annual growth rate (CAGR), Brealey, Myers & Allen, ch. 2.
    """
    b, idx = _money(benefit, "benefit")
    c, _ = _money(cost, "cost")
    y, _ = _money(years, "years")
    if (c <= 0).any():
        raise InputError("cost must be > 0 for an annualised ROI.")
    if (y <= 0).any():
        raise InputError("years must be > 0 for an annualised ROI.")
    if (b / c < 0).any():
        raise InputError("benefit / cost is negative: an annualised ROI is only defined when benefit >= 0.")
    return _wrap((b / c) ** (1.0 / y) - 1.0, idx, "annualised_roi")


def _payback(arr: np.ndarray) -> np.ndarray:
    """Interpolated first time the running total turns from negative to >= 0; inf if never."""
    m, n = arr.shape
    cum = np.cumsum(arr, axis=1)
    negative = cum < 0
    ever_negative = negative.any(axis=1)
    first_neg = np.argmax(negative, axis=1)
    after = np.arange(n)[None, :] >= first_neg[:, None]
    recovered = (cum >= 0) & after
    has = recovered.any(axis=1)
    k = np.argmax(recovered, axis=1)  # first period the total is back to >= 0
    rows = np.arange(m)
    prev = cum[rows, np.maximum(k - 1, 0)]
    flow = arr[rows, k]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(flow > 0, -prev / flow, 0.0)
    out = np.where(has, (k - 1) + frac, np.inf)
    return np.where(ever_negative, out, 0.0)


def payback_period(cashflows):
    """Payback period: periods until the cumulative cash flow is back to zero.

    ``payback = (k - 1) + (-cumulative_{k-1}) / CF_k``, k the first period where the
    cumulative flow turns non-negative (linear interpolation within the period);
    ``0`` if it is never negative, ``inf`` if never paid back. Undiscounted: PMBOK and the
    exams treat a shorter payback as less risky, but it ignores everything after payback.

    >>> round(payback_period([-10_000, 3_000, 3_000, 3_000, 3_000, 3_000]), 2)   # Brealey et al.: 3.33
    3.33

    Reference: Brealey, Myers & Allen, ch. 5 (payback); PMI PMBOK Guide (project selection).
    """
    arr, kind, index = _flows(cashflows)
    return _out(_payback(arr), kind, index, "payback_period")


def discounted_payback_period(rate, cashflows):
    """Discounted payback: payback of the discounted flows ``CF_t / (1 + r)**t``.

    Same interpolation as :func:`payback_period`; ``inf`` when the discounted flows never
    repay the investment.

    >>> flows = [-5_100, 1_280, 2_480, 1_680, 1_680, 1_480, 1_280]
    >>> round(discounted_payback_period(0.09, flows), 2)   # Ross, Westerfield & Jordan: 3.45 years
    3.45
    >>> discounted_payback_period(0.15, [-10_000] + [2_600] * 6)   # never repaid at 15 %
    inf

    Reference: Brealey, Myers & Allen, ch. 5 (discounted payback); Ross, Westerfield &
    Jordan, *Fundamentals of Corporate Finance*, ch. 9 (discounted payback problems).
    """
    arr, kind, index = _flows(cashflows)
    r = _rates(rate, "rate", arr.shape[0] if kind != "scalar" else 1)
    t = np.arange(arr.shape[1])
    disc = arr * (1.0 + r.reshape(-1, 1)) ** -t[None, :]
    return _out(_payback(disc), kind, index, "discounted_payback_period")


def benefit_cost_ratio(rate, benefits, costs):
    """Benefit-cost ratio: ``BCR = PV(benefits) / PV(costs)``; above 1 the benefits win.

    Parameters
    ----------
    rate : float
        Discount rate per period (fraction).
    benefits, costs : 1-D or 2-D arrays, or DataFrames of the same shape
        Yearly benefits and costs (money, both >= 0), t = 0 first.

    >>> round(benefit_cost_ratio(0.10, [0, 600, 600], [1_000, 0, 0]), 4)
    1.0413

    Reference: PMI PMBOK Guide (benefit-cost analysis); Brealey, Myers & Allen, ch. 5.
    """
    b, kind, index = _flows(benefits, "benefits")
    c, _, _ = _flows(costs, "costs")
    if b.shape != c.shape:
        raise InputError(f"benefits has shape {b.shape} but costs has shape {c.shape}: give one benefit and one cost per period.")
    pv_b = npv(rate, b)
    pv_c = npv(rate, c)
    if (np.atleast_1d(pv_c) == 0).any():
        i = int(np.flatnonzero(np.atleast_1d(pv_c) == 0)[0])
        raise InputError(f"costs of {_row_label(kind, index, i)} have a present value of 0: the BCR divides by it.")
    return _out(np.atleast_1d(pv_b / pv_c), kind, index, "benefit_cost_ratio")


def profitability_index(rate, cashflows):
    """Profitability index: ``PI = PV(CF_1 ... CF_n) / -CF_0`` (value per unit invested).

    Above 1 means a positive NPV. Used to rank projects under a budget limit
    (capital rationing): fund the highest PI first.

    >>> round(profitability_index(0.08, [-40_000, 8_000, 9_200, 10_000, 12_000, 14_500]), 4)
    1.0481

    Reference: Brealey, Myers & Allen, ch. 5 (profitability index); data from the Excel
    NPV docs (PV of the five inflows = 41,922.06).
    """
    arr, kind, index = _flows(cashflows)
    bad = arr[:, 0] >= 0
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"cashflows[0] of {_row_label(kind, index, i)} is {arr[i, 0]!r}: the profitability index divides "
            "by the initial investment, so the first cash flow must be negative."
        )
    later = arr.copy()
    later[:, 0] = 0.0
    pv = np.atleast_1d(npv(rate, later if kind != "scalar" else later[0]))
    return _out(pv / -arr[:, 0], kind, index, "profitability_index")


def crossover_rate(cashflows_a, cashflows_b, *, guess: float = DEFAULT_GUESS):
    """Crossover (Fisher) rate of two mutually exclusive projects: the IRR of ``a - b``.

    At this discount rate the two NPV profiles cross: below it one project has the higher
    NPV, above it the other. When NPV and IRR rank two options differently, the crossover
    rate lies between the hurdle rate and the IRRs. Shorter flows are padded with zeros.

    >>> round(crossover_rate([-10_000, 20_000], [-20_000, 35_000]), 4)   # Brealey et al.: 50 %
    0.5

    Reference: Brealey, Myers & Allen, ch. 5 ("Pitfall 3: mutually exclusive projects").
    """
    a = as_float_array(cashflows_a, "cashflows_a", ndim=1)
    b = as_float_array(cashflows_b, "cashflows_b", ndim=1)
    n = max(a.size, b.size)
    diff = np.pad(a, (0, n - a.size)) - np.pad(b, (0, n - b.size))
    return irr(diff, guess=guess)


# ---------------------------------------------------------------------------------------
# tables of cash flows and a one-call appraisal
# ---------------------------------------------------------------------------------------
def net_cashflows(data=None, *, id: str = "project_id", period: str = "year", value: str = "net"):
    """Long (one row per project and year) -> wide table of cash flows, one row per project.

    Parameters
    ----------
    data : DataFrame, optional
        Columns ``project_id``, ``year``, ``cost``, ``benefit`` (the layout of
        ``datasets/cashflows.csv``, the default).
    id, period : str
        Names of the id and period columns.
    value : {"net", "cost", "benefit"}
        ``net`` = benefit - cost.

    Returns
    -------
    DataFrame indexed by id, one column per period (0, 1, ...), zeros where a project
    has no flow; ready for every function of this module.

    >>> wide = net_cashflows()
    >>> wide.loc["P07"].tolist()[:3]
    [-900.0, 280.0, 680.0]
    """
    from . import datasets
    from ._validate import as_frame, require_columns

    df = datasets.load("cashflows") if data is None else as_frame(data, "data")
    if value not in ("net", "cost", "benefit"):
        raise InputError(f"value must be 'net', 'cost' or 'benefit', got {value!r}.")
    needed = [id, period] + (["cost", "benefit"] if value == "net" else [value])
    require_columns(df, needed, "data")
    if df[[id, period]].duplicated().any():
        dup = df.loc[df[[id, period]].duplicated(), [id, period]].iloc[0].tolist()
        raise InputError(f"data has two rows for {id}={dup[0]!r}, {period}={dup[1]!r}: one row per project and period.")
    for col in needed[2:]:
        as_float_array(df[col], f"data[{col!r}]")
    v = df["benefit"] - df["cost"] if value == "net" else df[value]
    wide = (pd.DataFrame({id: df[id], period: df[period], value: v.astype(float)})
            .pivot(index=id, columns=period, values=value)
            .fillna(0.0))
    wide.columns.name = period
    return wide


def appraise(rate, cashflows=None, *, benefits=None, costs=None, finance_rate=None, reinvest_rate=None):
    """Every business-case figure at once: npv, irr, mirr, roi, payback, discounted payback, bcr, pi.

    Give either net ``cashflows`` or ``benefits`` and ``costs`` (same shapes). ROI and BCR
    use the benefits and costs when given; from net flows alone they treat the positive
    flows as benefits and the negative ones as costs. IRR is NaN for a row with none;
    MIRR uses ``finance_rate`` and ``reinvest_rate`` (both default to ``rate``).

    Returns a Series (one project) or a DataFrame with one row per project.

    >>> appraise(0.08, [-900, 280, 680, 680, 680, 680]).round(3)[["npv", "irr", "payback_period"]].tolist()
    [1444.672, 0.509, 1.912]

    References: as the functions it calls (PMI PMBOK Guide, project selection methods; PMI
    Standard for Portfolio Management, financial measures).
    """
    if cashflows is None:
        if benefits is None or costs is None:
            raise InputError("Give cashflows, or both benefits and costs.")
        b, kind, index = _flows(benefits, "benefits")
        c, _, _ = _flows(costs, "costs")
        if b.shape != c.shape:
            raise InputError(f"benefits has shape {b.shape} but costs has shape {c.shape}.")
        arr = b - c
    else:
        arr, kind, index = _flows(cashflows)
        b = np.where(arr > 0, arr, 0.0)
        c = np.where(arr < 0, -arr, 0.0)
    fr = rate if finance_rate is None else finance_rate
    rr = rate if reinvest_rate is None else reinvest_rate
    r = _scalar_rate(rate, "rate")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MultipleIRRWarning)
        irr_v = irr(arr, errors="nan")
    can_mirr = (arr > 0).any(axis=1) & (arr < 0).any(axis=1)
    mirr_v = np.full(arr.shape[0], np.nan)
    if can_mirr.any() and arr.shape[1] > 1:
        mirr_v[can_mirr] = mirr(arr[can_mirr], fr, rr)
    total_c = c.sum(axis=1)
    pv_c = npv(r, c)
    with np.errstate(divide="ignore", invalid="ignore"):
        roi_v = np.where(total_c > 0, (b.sum(axis=1) - total_c) / total_c, np.nan)
        bcr_v = np.where(pv_c > 0, npv(r, b) / pv_c, np.nan)
        later = arr.copy()
        later[:, 0] = 0.0
        pi_v = np.where(arr[:, 0] < 0, npv(r, later) / -arr[:, 0], np.nan)
    table = pd.DataFrame(
        {
            "npv": npv(r, arr),
            "irr": irr_v,
            "mirr": mirr_v,
            "roi": roi_v,
            "payback_period": _payback(arr),
            "discounted_payback_period": discounted_payback_period(r, arr),
            "benefit_cost_ratio": bcr_v,
            "profitability_index": pi_v,
        },
        index=index if kind == "frame" else None,
    )
    if kind == "scalar":
        return table.iloc[0].rename("appraisal")
    return table


# ---------------------------------------------------------------------------------------
# scenarios, sensitivity, Monte Carlo
# ---------------------------------------------------------------------------------------
def _ramp(benefits: np.ndarray, ramp_up: int) -> np.ndarray:
    if ramp_up < 0 or int(ramp_up) != ramp_up:
        raise InputError(f"ramp_up must be a whole number of years >= 0, got {ramp_up!r}.")
    if ramp_up == 0 or not (benefits != 0).any():
        return benefits
    first = int(np.flatnonzero(benefits != 0)[0])
    k = np.arange(benefits.size) - first + 1
    factor = np.clip(k / (ramp_up + 1.0), 0.0, 1.0)
    return benefits * factor


def _components(costs, benefits):
    c = as_float_array(costs, "costs", ndim=1)
    b = as_float_array(benefits, "benefits", ndim=1)
    if c.shape != b.shape:
        raise InputError(f"costs has {c.size} periods but benefits has {b.size}: give one of each per period.")
    return c, b


def adjust_cashflows(costs, benefits, *, cost_scale=1.0, benefit_scale=1.0, ramp_up: int = 0, delay: int = 0):
    """Net cash flows of a scenario: costs overrun, benefits smaller, later or slower to ramp up.

    ``net_t = benefit_scale * ramp_t * benefits_{t - delay} - cost_scale * costs_t``

    Parameters
    ----------
    costs, benefits : 1-D arrays
        Yearly costs and benefits of the base case (money, t = 0 first).
    cost_scale : float
        1.2 = a 20 % cost overrun on every cost.
    benefit_scale : float
        0.9 = benefits 10 % below the business case.
    ramp_up : int
        Years for benefits to reach their full level: the k-th year of benefits gets
        ``min(1, k / (ramp_up + 1))`` of them (0 = full from the first year).
    delay : int
        Years the whole benefit stream slips (the horizon grows by ``delay``).

    Returns
    -------
    ndarray of net flows, length ``len(costs) + delay``.

    >>> adjust_cashflows([100, 10, 10], [0, 60, 60], cost_scale=1.1, ramp_up=1).tolist()
    [-110.00000000000001, 19.0, 49.0]
    """
    c, b = _components(costs, benefits)
    cs = as_number(cost_scale, "cost_scale")
    bs = as_number(benefit_scale, "benefit_scale")
    if int(delay) != delay or delay < 0:
        raise InputError(f"delay must be a whole number of years >= 0, got {delay!r}.")
    delay = int(delay)
    b = _ramp(b, ramp_up)
    n = c.size + delay
    cost = np.pad(c, (0, delay)) * cs
    ben = np.pad(b, (delay, 0)) * bs
    return ben[:n] - cost


def scenario_npv(rate, costs, benefits, *, cost_scale=1.0, benefit_scale=1.0, ramp_up: int = 0, delay=0.0):
    """NPV of a scenario, vectorised over arrays of its inputs (for sensitivity and Monte Carlo).

    ``NPV = benefit_scale * PV_r(ramped benefits) / (1 + r)**delay - cost_scale * PV_r(costs)``

    ``rate``, ``cost_scale``, ``benefit_scale`` and ``delay`` may be arrays (broadcast
    together): one NPV per element. An integer ``delay`` gives the NPV of
    :func:`adjust_cashflows`; a fractional one shifts the benefits part of a year.

    >>> round(scenario_npv(0.08, [900, 120, 120, 120, 120, 120], [0, 400, 800, 800, 800, 800]), 1)
    1444.7
    >>> scenario_npv([0.08, 0.12], [100, 0], [0, 150], cost_scale=[1.0, 1.5]).round(2).tolist()
    [38.89, -16.07]
    """
    c, b = _components(costs, benefits)
    b = _ramp(b, ramp_up)
    r = _rates(rate, "rate")
    cs = np.asarray(as_float_array(cost_scale, "cost_scale") if not np.isscalar(cost_scale) else as_number(cost_scale, "cost_scale"))
    bs = np.asarray(as_float_array(benefit_scale, "benefit_scale") if not np.isscalar(benefit_scale) else as_number(benefit_scale, "benefit_scale"))
    d = np.asarray(as_float_array(delay, "delay") if not np.isscalar(delay) else as_number(delay, "delay"))
    if (d < 0).any():
        raise InputError("delay must be >= 0 years.")
    try:
        r_, cs_, bs_, d_ = np.broadcast_arrays(r, cs, bs, d)
    except ValueError:
        raise InputError(
            "rate, cost_scale, benefit_scale and delay must be single numbers or arrays of one common length."
        ) from None
    t = np.arange(c.size)
    factors = (1.0 + r_[..., None]) ** -t
    pv_c = factors @ c
    pv_b = factors @ b
    out = bs_ * pv_b * (1.0 + r_) ** -d_ - cs_ * pv_c
    return float(out) if out.ndim == 0 else out


def sensitivity(model: Callable[..., float], base: Mapping[str, float], *, change: float = 0.1,
                ranges: Mapping[str, tuple[float, float]] | None = None, inputs=None) -> pd.DataFrame:
    """One-at-a-time sensitivity: move each input to a low and a high value, others at base.

    The table behind a **tornado chart** (``pm.plots.tornado``): the inputs whose swing
    moves the result most are the ones to estimate carefully and to manage as risks.

    Parameters
    ----------
    model : callable(**inputs) -> float
        E.g. ``functools.partial(pm.finance.scenario_npv, costs=c, benefits=b)``.
    base : dict name -> value
        The base case.
    change : float
        Relative move for every input without an explicit range: low = base * (1 - change),
        high = base * (1 + change). 0.1 = +/- 10 %.
    ranges : dict name -> (low, high), optional
        Explicit low and high values for some inputs (needed for an input whose base is 0).
    inputs : list of names, optional
        Which inputs to vary (default: all of ``base``).

    Returns
    -------
    DataFrame, one row per input, largest swing first: input, base_value, low_value,
    high_value, low, high, base, swing (|high - low|).

    >>> t = sensitivity(lambda price, volume: price * volume, {"price": 10.0, "volume": 100.0}, change=0.2)
    >>> t[["input", "low", "high", "swing"]].values.tolist()[0]
    ['price', 800.0, 1200.0, 400.0]

    Reference: PMI PMBOK Guide, quantitative risk analysis (sensitivity analysis, tornado diagram).
    """
    if not callable(model):
        raise InputError("model must be a function of the inputs, returning a number.")
    if not isinstance(base, Mapping) or not base:
        raise InputError("base must be a dict of input name -> base value.")
    ch = as_number(change, "change")
    if ch < 0:
        raise InputError(f"change must be >= 0 (0.1 = +/- 10 %), got {ch!r}.")
    ranges = dict(ranges or {})
    names = list(base) if inputs is None else list(inputs)
    unknown = [k for k in list(names) + list(ranges) if k not in base]
    if unknown:
        raise InputError(f"sensitivity: input(s) {', '.join(map(repr, unknown))} are not in base ({', '.join(map(repr, base))}).")
    base_vals = {k: as_number(v, f"base[{k!r}]") for k, v in base.items()}
    base_out = as_number(model(**base_vals), "model(**base)")
    rows = []
    for name in names:
        b = base_vals[name]
        if name in ranges:
            lo_v, hi_v = (as_number(v, f"ranges[{name!r}]") for v in ranges[name])
        else:
            lo_v, hi_v = b * (1 - ch), b * (1 + ch)
        lo = as_number(model(**{**base_vals, name: lo_v}), f"model at {name}={lo_v}")
        hi = as_number(model(**{**base_vals, name: hi_v}), f"model at {name}={hi_v}")
        rows.append((name, b, lo_v, hi_v, lo, hi, base_out, abs(hi - lo)))
    table = pd.DataFrame(rows, columns=["input", "base_value", "low_value", "high_value", "low", "high", "base", "swing"])
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


_MC_INPUTS = ("rate", "cost_scale", "benefit_scale", "delay")


def _sample(rng, low, mode, high, n, distribution, name):
    if not (low <= mode <= high):
        raise InputError(f"ranges[{name!r}] = ({low}, {mode}, {high}): need low <= most likely <= high.")
    if high == low:
        return np.full(n, float(mode))
    if distribution == "triangular":
        return rng.triangular(low, mode, high, size=n)
    # PERT (beta-PERT, lambda = 4): mean (a + 4m + b) / 6
    alpha = 1.0 + 4.0 * (mode - low) / (high - low)
    beta = 1.0 + 4.0 * (high - mode) / (high - low)
    return low + (high - low) * rng.beta(alpha, beta, size=n)


@dataclass
class NPVSimulation:
    """Result of :func:`monte_carlo_npv`.

    Attributes
    ----------
    npv : ndarray
        One simulated NPV per iteration (money).
    inputs : DataFrame
        The sampled inputs, one row per iteration (``rate``, ``cost_scale``, ...).
    base_npv : float
        NPV of the base case (no uncertainty).
    """

    npv: np.ndarray
    inputs: pd.DataFrame
    base_npv: float

    @property
    def mean(self) -> float:
        return float(self.npv.mean())

    @property
    def std(self) -> float:
        return float(self.npv.std(ddof=1)) if self.npv.size > 1 else 0.0

    @property
    def p_negative(self) -> float:
        """P(NPV < 0): the chance the project destroys value."""
        return self.probability(0.0)

    def probability(self, threshold: float = 0.0) -> float:
        """P(NPV < threshold)."""
        return float((self.npv < as_number(threshold, "threshold")).mean())

    def percentile(self, q):
        """NPV percentile(s), q in [0, 100] (P10 = percentile(10))."""
        qs = np.asarray(q, dtype=float)
        if ((qs < 0) | (qs > 100)).any():
            raise InputError(f"q must be in [0, 100], got {q!r}.")
        out = np.percentile(self.npv, qs)
        return float(out) if np.ndim(out) == 0 else out

    @property
    def summary(self) -> pd.Series:
        p5, p50, p95 = self.percentile([5, 50, 95])
        return pd.Series({"base_npv": self.base_npv, "mean": self.mean, "std": self.std, "p5": p5,
                          "p50": p50, "p95": p95, "p_negative": self.p_negative}, name="npv")

    @property
    def table(self) -> pd.DataFrame:
        """Sampled inputs with the resulting NPV."""
        return self.inputs.assign(npv=self.npv)


def monte_carlo_npv(costs, benefits, *, rate: float = 0.08, ranges: Mapping[str, tuple] | None = None,
                    n: int = 10_000, seed: int | None = 0, distribution: str = "triangular",
                    ramp_up: int = 0) -> NPVSimulation:
    """Monte Carlo NPV: sample uncertain inputs from three-point ranges -> NPV distribution.

    Each iteration draws ``rate``, ``cost_scale``, ``benefit_scale`` and ``delay`` (those
    named in ``ranges``; the others stay at their base: ``rate``, 1, 1, 0) and computes
    :func:`scenario_npv` for all iterations at once (no loop over iterations).

    Parameters
    ----------
    costs, benefits : 1-D arrays
        Base-case yearly costs and benefits (money, t = 0 first).
    rate : float
        Base discount rate.
    ranges : dict name -> (low, most_likely, high)
        Three-point estimates, e.g. ``{"cost_scale": (0.95, 1.0, 1.4)}`` (costs from 5 %
        under to 40 % over budget).
    n : int
        Iterations.
    seed : int or None
        Random seed: the same seed gives the same result.
    distribution : {"triangular", "pert"}
        Shape of each input's distribution (PERT = beta-PERT, weight 4 on the mode).
    ramp_up : int
        Benefit ramp-up years (fixed), as in :func:`adjust_cashflows`.

    >>> sim = monte_carlo_npv([100, 0], [0, 130], rate=0.08, ranges={"benefit_scale": (0.7, 1.0, 1.1)}, n=2000, seed=1)
    >>> 0 < sim.p_negative < 0.5
    True

    Reference: PMI PMBOK Guide, quantitative risk analysis (Monte Carlo simulation);
    PMI Practice Standard for Project Risk Management.
    """
    c, b = _components(costs, benefits)
    if distribution not in ("triangular", "pert"):
        raise InputError(f"distribution must be 'triangular' or 'pert', got {distribution!r}.")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise InputError(f"n must be a positive whole number of iterations, got {n!r}.")
    base_rate = _scalar_rate(rate, "rate")
    ranges = dict(ranges or {})
    unknown = [k for k in ranges if k not in _MC_INPUTS]
    if unknown:
        raise InputError(f"ranges: unknown input(s) {', '.join(map(repr, unknown))}; use {', '.join(_MC_INPUTS)}.")
    rng = np.random.default_rng(seed)
    base = {"rate": base_rate, "cost_scale": 1.0, "benefit_scale": 1.0, "delay": 0.0}
    draws = {}
    for name in _MC_INPUTS:
        if name in ranges:
            spec = ranges[name]
            if isinstance(spec, str) or len(spec) != 3:
                raise InputError(f"ranges[{name!r}] must be (low, most_likely, high), got {spec!r}.")
            low, mode, high = (as_number(v, f"ranges[{name!r}]") for v in spec)
            draws[name] = _sample(rng, low, mode, high, int(n), distribution, name)
        else:
            draws[name] = np.full(int(n), base[name])
    if (draws["rate"] <= -1).any():
        raise InputError("ranges['rate'] reaches -100 %: rates must stay above -1.")
    if (draws["delay"] < 0).any():
        raise InputError("ranges['delay'] must be >= 0 years.")
    values = scenario_npv(draws["rate"], c, b, cost_scale=draws["cost_scale"], benefit_scale=draws["benefit_scale"],
                          ramp_up=ramp_up, delay=draws["delay"])
    base_npv = scenario_npv(base_rate, c, b, ramp_up=ramp_up)
    return NPVSimulation(npv=np.asarray(values), inputs=pd.DataFrame(draws), base_npv=float(base_npv))
