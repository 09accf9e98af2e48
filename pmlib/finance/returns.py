"""Rates of return: IRR, every IRR, XIRR, MIRR and the crossover (Fisher) rate."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .._validate import Options, aligned_arrays, as_float_array, params
from ..errors import InputError, NoSolutionError
from . import _irr
from ._common import RATE, Flows, flows
from .time_value import year_fractions

__all__ = ["MultipleIRRWarning", "DEFAULT_GUESS", "irr", "irr_all", "xirr", "mirr", "crossover_rate"]

#: Excel's and this module's default IRR guess: of several IRRs, the one closest to it is returned.
DEFAULT_GUESS = 0.1
_ERRORS = Options("raise", "nan")


class MultipleIRRWarning(UserWarning):
    """Non-conventional cash flows (several sign changes) have more than one IRR."""


def _no_irr_reason(row: np.ndarray) -> str:
    if (row >= 0).all() or (row <= 0).all():
        side = "positive" if (row >= 0).all() else "negative"
        return (f"every cash flow is {'>=' if side == 'positive' else '<='} 0, so NPV is {side} at every rate "
                "and never reaches zero; an IRR needs money going out and coming back")
    return "NPV does not reach zero at any rate above -100 % (the flows change sign but never break even)"


def _rates_of_return(f: Flows, t: np.ndarray, guess: float, errors: str, *, dated: bool) -> np.ndarray:
    out, multiple = _irr.solve(f.values, t, guess, dated=dated)
    if multiple:
        shown = "; ".join(("" if f.kind == "scalar" else f"{f.row(i)}: ") + ", ".join(f"{r:.2%}" for r in rates)
                          for i, rates in multiple[:5])
        more = f" (and {len(multiple) - 5} more rows)" if len(multiple) > 5 else ""
        warnings.warn(
            f"Cash flows that change sign more than once have several IRRs ({shown}{more}). Returned the one "
            f"closest to guess={guess:.2%}. Judge such a project by NPV or MIRR; pm.finance.irr_all lists every IRR.",
            MultipleIRRWarning, stacklevel=3)
    missing = np.flatnonzero(~np.isfinite(out))
    if missing.size and errors == "raise":
        i = int(missing[0])
        where = "" if f.kind == "scalar" else f" for {f.row(i)}"
        more = "" if missing.size == 1 else f" ({missing.size} rows have none; pass errors='nan' to get NaN for them)"
        raise NoSolutionError(f"No IRR exists{where}: {_no_irr_reason(f.values[i])}{more}.")
    return out


@params(guess=RATE, errors=_ERRORS)
def irr(cashflows, *, guess: float = DEFAULT_GUESS, errors: str = "raise"):
    """Internal rate of return: the rate ``r`` where ``NPV(r) = sum_t CF_t / (1 + r)**t = 0``.

    Textbook name: internal rate of return (IRR); Excel's IRR, numpy-financial's ``npf.irr``
    (same answers to 1e-7 and better; ``npf.irr`` takes one series at a time through
    ``np.roots``). Solved as the positive root ``x = 1 / (1 + r)`` of ``sum_t CF_t x**t``:

    - cash flows with **one sign change** (out, then in) have exactly one IRR (Descartes' rule
      of signs): Newton steps from the duration estimate of the rate, every row at once, with a
      bracketed solver for the rows Newton cannot settle (long series such as 360 monthly
      payments at a small rate are solved, never given up);
    - flows with **several sign changes** may have several IRRs: all real roots come from
      batched eigenvalues, the one closest to ``guess`` is returned, and a
      :class:`MultipleIRRWarning` lists them (see :func:`irr_all`, and use NPV or MIRR);
    - flows that **never change sign** have no IRR: :class:`~pmlib.errors.NoSolutionError`
      (a ValueError) says why, or NaN for that row alone with ``errors="nan"``.

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

    References: Microsoft Excel IRR function; numpy-financial ``irr``; Brealey, Myers & Allen,
    *Principles of Corporate Finance*, ch. 5 (pitfalls of IRR: lending vs borrowing, multiple
    rates, mutually exclusive projects).
    """
    f = flows(cashflows)
    t = np.arange(f.values.shape[1], dtype=float)
    return f.out(_rates_of_return(f, t, guess, errors, dated=False), "irr")


def irr_all(cashflows):
    """Every real IRR (rate > -100 %) of non-conventional cash flows, sorted ascending.

    A project whose flows change sign more than once (e.g. a big decommissioning cost at the
    end) can have several rates that make NPV zero, or none (Descartes' rule of signs bounds
    their number by the number of sign changes). Roots of ``sum_t CF_t x**t`` with
    ``x = 1 / (1 + r)``, from the companion-matrix eigenvalues.

    Returns an ndarray for 1-D input; a list of ndarrays (one per row) for 2-D input; a Series
    of ndarrays for a DataFrame.

    >>> irr_all([-1_600, 10_000, -10_000]).round(4).tolist()   # Brealey, Myers & Allen: 25 % and 400 %
    [0.25, 4.0]

    Reference: Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 5 ("Pitfall 2:
    multiple rates of return").
    """
    f = flows(cashflows)
    rates = [np.sort(1.0 / x - 1.0) for x in _irr.polynomial_roots(f.values)]
    if f.kind == "scalar":
        return rates[0]
    if f.kind == "frame":
        return pd.Series(rates, index=f.index, name="irr_all", dtype=object)
    return rates


@params(guess=RATE, errors=_ERRORS)
def xirr(cashflows, dates, *, guess: float = DEFAULT_GUESS, errors: str = "raise"):
    """IRR of cash flows on given dates: the ``r`` where ``XNPV(r) = 0`` (Excel's XIRR, actual/365).

    Same solver as :func:`irr` with real exponents ``(d_i - d_0) / 365``; when the flows change
    sign several times, the sign of the NPV is scanned over the rate axis and every root refined
    (a :class:`MultipleIRRWarning` lists them).

    Parameters
    ----------
    cashflows : 1-D or 2-D array, or DataFrame
        Payments (money); rows = projects sharing ``dates``.
    dates : sequence of dates
        One per cash flow, within the years pandas can hold; none before the first.
    guess, errors : as in :func:`irr`.

    >>> flows = [-10_000, 2_750, 4_250, 3_250, 2_750]
    >>> dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]
    >>> round(xirr(flows, dates), 6)               # Excel XIRR docs: 0.373362535
    0.373363

    Reference: Microsoft Excel XIRR function.
    """
    f = flows(cashflows)
    tau = year_fractions(dates, f.values.shape[1])
    return f.out(_rates_of_return(f, tau, guess, errors, dated=True), "xirr")


@params(finance_rate=RATE, reinvest_rate=RATE)
def mirr(cashflows, finance_rate, reinvest_rate):
    """Modified internal rate of return (Excel's MIRR, numpy-financial's ``npf.mirr``).

    ``MIRR = (FV(positive flows, reinvest_rate) / -PV(negative flows, finance_rate))**(1/(n-1)) - 1``

    Outflows are financed at ``finance_rate`` and inflows reinvested at ``reinvest_rate``
    (usually the cost of capital), so there is exactly one MIRR even for non-conventional flows:
    the fix for IRR's reinvestment assumption and multiple roots. Vectorised over rows.

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
    f = flows(cashflows)
    arr = f.values
    n = arr.shape[1]
    if n < 2:
        raise InputError("cashflows needs at least two periods for a MIRR.")
    bad = ~((arr > 0).any(axis=1) & (arr < 0).any(axis=1))
    if bad.any():
        raise NoSolutionError(f"No MIRR for {f.row(int(np.flatnonzero(bad)[0]))}: it needs at least one negative "
                              "and one positive cash flow (Excel returns #DIV/0! here).")
    t = np.arange(n)
    fv_in = np.maximum(arr, 0.0) @ (1.0 + reinvest_rate) ** (n - 1 - t)
    pv_out = np.minimum(arr, 0.0) @ (1.0 + finance_rate) ** -t
    return f.out((fv_in / -pv_out) ** (1.0 / (n - 1)) - 1.0, "mirr")


@params(guess=RATE)
def crossover_rate(cashflows_a, cashflows_b, *, guess: float = DEFAULT_GUESS):
    """Crossover (Fisher) rate of two mutually exclusive projects: where their NPVs are equal.

    ``NPV_a(r) = NPV_b(r)``: the IRR of the difference of the two cash flows, a - b. At this
    discount rate the two NPV profiles cross: below it one project has the higher NPV,
    above it the other. When NPV and IRR rank two options differently, the crossover rate lies
    between the hurdle rate and the IRRs. Plain sequences of different lengths are padded with
    zeros; two Series are paired by label (their labels must match).

    >>> round(crossover_rate([-10_000, 20_000], [-20_000, 35_000]), 4)   # Brealey et al.: 50 %
    0.5

    Reference: Brealey, Myers & Allen, ch. 5 ("Pitfall 3: mutually exclusive projects").
    """
    if isinstance(cashflows_a, pd.Series) and isinstance(cashflows_b, pd.Series):
        arrays, _ = aligned_arrays({"cashflows_a": cashflows_a, "cashflows_b": cashflows_b}, ndim=1)
        a, b = arrays["cashflows_a"], arrays["cashflows_b"]
    else:
        a = as_float_array(cashflows_a, "cashflows_a", ndim=1)
        b = as_float_array(cashflows_b, "cashflows_b", ndim=1)
    n = max(a.size, b.size)
    return irr(np.pad(a, (0, n - a.size)) - np.pad(b, (0, n - b.size)), guess=guess)
