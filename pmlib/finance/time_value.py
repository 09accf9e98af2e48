"""Time value of money: present and future value, annuities, discount factors, NPV and XNPV."""

from __future__ import annotations

import numpy as np

from .._validate import Integer, as_timestamps, params
from ..errors import InputError
from ._common import RATE, amounts, flows, rates, result

__all__ = ["present_value", "future_value", "annuity_present_value", "discount_factors", "npv", "xnpv"]




def _three(value, rate, periods):
    arrays, index = amounts({"value": value, "rate": rate, "periods": periods}, non_negative=("periods",),
                            rate=("rate",))
    return (arrays["value"], arrays["rate"], arrays["periods"]), index


def present_value(value, rate, periods):
    """Present value of one amount received ``periods`` from now: ``PV = FV / (1 + r)**n``.

    Textbook name: present value (discounting); the PMP exam's ``PV = FV / (1 + r)^n`` (not to be
    confused with earned value's *planned value*). Excel: ``PV(r, n, 0, -FV)``.

    Parameters
    ----------
    value : float, array or Series
        The future amount (money, e.g. k$).
    rate : float, array or Series
        Discount rate per period (fraction, > -1).
    periods : float, array or Series
        Periods until the amount arrives (>= 0). Labelled inputs are paired by label.

    >>> round(present_value(1000, 0.10, 3), 2)   # 1000 / 1.1**3
    751.31

    Reference: Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 2.
    """
    (v, r, n), index = _three(value, rate, periods)
    return result(v / (1.0 + r) ** n, index, "present_value")


def future_value(value, rate, periods):
    """Future value of an amount invested now: ``FV = PV * (1 + r)**n`` (compound interest).

    Parameters as :func:`present_value` (``value`` is the amount now). Excel: ``FV(r, n, 0, -PV)``.

    >>> round(future_value(1000, 0.10, 3), 2)
    1331.0

    Reference: Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 2.
    """
    (v, r, n), index = _three(value, rate, periods)
    return result(v * (1.0 + r) ** n, index, "future_value")


def annuity_present_value(payment, rate, periods, *, due: bool = False):
    """Present value of a level stream of payments (an annuity).

    Ordinary annuity (paid at the end of each period): ``PV = PMT * (1 - (1 + r)**-n) / r``;
    annuity due (paid at the start, ``due=True``): ``PV_due = PV * (1 + r)``. At a zero rate the
    value is simply PMT times n. Excel: ``-PV(r, n, PMT, 0, type)`` (Excel shows money received
    as a negative present value; this function returns the value of receiving the payments).

    Parameters
    ----------
    payment : float, array or Series
        The payment of every period (money).
    rate : float, array or Series
        Rate per period (fraction, > -1): a yearly 8 % paid monthly is 0.08 / 12.
    periods : float, array or Series
        Number of payments (>= 0).
    due : bool
        True for payments at the start of each period (rent, leases).

    >>> round(annuity_present_value(500, 0.08 / 12, 12 * 20), 2)   # Excel PV docs: (59,777.15)
    59777.15
    >>> round(annuity_present_value(100, 0.10, 3, due=True), 2)     # 100 + 100/1.1 + 100/1.1**2
    273.55

    Reference: Microsoft Excel PV function; Brealey, Myers & Allen, ch. 2 (annuities).
    """
    if not isinstance(due, bool | np.bool_):
        raise InputError(f"due must be True (payments at the start of each period) or False, got {due!r}.")
    arrays, index = amounts({"payment": payment, "rate": rate, "periods": periods}, non_negative=("periods",),
                            rate=("rate",))
    pmt, r, n = arrays["payment"], arrays["rate"], arrays["periods"]
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(r == 0, n, -np.expm1(-n * np.log1p(r)) / np.where(r == 0, 1.0, r))
    return result(pmt * factor * ((1.0 + r) if due else 1.0), index, "annuity_present_value")


@params(rate=RATE, periods=Integer(ge=1), start=Integer(ge=0))
def discount_factors(rate, periods: int, *, start: int = 0) -> np.ndarray:
    """Discount factors ``1 / (1 + r)**t`` for t = start, ..., start + periods - 1.

    >>> discount_factors(0.1, 3).round(4).tolist()
    [1.0, 0.9091, 0.8264]

    Reference: Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 2 (discount factors).
    """
    return (1.0 + rate) ** -(np.arange(periods) + start)


@params(start=Integer(ge=0))
def npv(rate, cashflows, *, start: int = 0):
    """Net present value: ``NPV = sum_t CF_t / (1 + r)**(t + start)``.

    Textbook name: net present value (discounted cash flow). With the default ``start=0`` the
    first flow happens now and is not discounted (numpy-financial's ``npf.npv``, the
    finance-textbook convention). ``start=1`` reproduces **Excel's NPV function**, which
    discounts the *first* value by one full period: Excel's ``=NPV(r, B2:B7)`` equals
    ``npv(r, flows, start=1)``, and the textbook NPV is ``=NPV(r, B3:B7) + B2``.

    Parameters
    ----------
    rate : float, 1-D array or Series
        Discount rate per period (fraction, > -1). With 1-D cash flows an array of rates gives
        the NPV profile (one NPV per rate); with 2-D cash flows, one rate per row (a Series of
        rates is matched to a DataFrame's rows by label).
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

    References: Microsoft Excel NPV function; numpy-financial ``npv``; Brealey, Myers & Allen,
    ch. 2 and 5; PMI PMBOK Guide (project selection: NPV).
    """
    f = flows(cashflows)
    t = np.arange(f.values.shape[1]) + start
    r = rates(rate, "rate", f)
    if r.ndim == 1 and f.kind == "scalar":  # NPV profile over several rates
        return ((1.0 + r[:, None]) ** -t[None, :]) @ f.values[0]
    return f.out((f.values * (1.0 + r.reshape(-1, 1)) ** -t[None, :]).sum(axis=1), "npv")


def year_fractions(dates, n: int, name: str = "dates") -> np.ndarray:
    """``(date_i - date_0) / 365`` per cash flow (actual/365, as Excel's XNPV and XIRR)."""
    if isinstance(dates, str | bytes) or np.ndim(dates) == 0:
        raise InputError(f"{name} must be a sequence of dates, one per cash flow, got {dates!r}.")
    stamps = as_timestamps(dates, name).normalize()
    if len(stamps) != n:
        raise InputError(f"{name} has {len(stamps)} dates but there are {n} cash flows per row: "
                         "give exactly one date per cash flow.")
    days = np.asarray((stamps - stamps[0]).days, dtype=float)
    if (days < 0).any():
        i = int(np.flatnonzero(days < 0)[0])
        raise InputError(f"{name}[{i}] ({stamps[i].date()}) is before the first date ({stamps[0].date()}): "
                         "as in Excel, the first date is the start and every other date must be on or after it.")
    return days / 365.0


@params(rate=RATE)
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
        One per cash flow, within the years pandas can hold; none before the first.

    >>> flows = [-10_000, 2_750, 4_250, 3_250, 2_750]
    >>> dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]
    >>> round(xnpv(0.09, flows, dates), 2)          # Excel XNPV docs: 2,086.65
    2086.65

    Reference: Microsoft Excel XNPV function.
    """
    f = flows(cashflows)
    tau = year_fractions(dates, f.values.shape[1])
    return f.out(f.values @ (1.0 + rate) ** -tau, "xnpv")
