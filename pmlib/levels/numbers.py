"""Small formulas of the levels lesson: communication channels, revenue CAGR, a product line's KPIs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import datasets, finance
from .._validate import (
    aligned_arrays,
    as_float_array,
    as_float_columns,
    as_frame,
    check_range,
    require_columns,
    require_known_ids,
    require_unique_ids,
    require_unique_rows,
)
from ..errors import InputError

#: The most people :func:`communication_channels` counts for (n(n-1)/2 stays exact in 64 bits).
MAX_PEOPLE = 2**31


def communication_channels(n):
    r"""Number of potential communication channels between ``n`` people.

    .. math:: \text{channels} = \frac{n (n - 1)}{2}

    The PMBOK Guide's measure of communication complexity (Plan Communications Management,
    communication requirements analysis): every pair of stakeholders is a channel. Count the
    project manager in ``n``.

    Parameters
    ----------
    n : int, array-like of int, or Series
        Number of stakeholders (people), a whole number from 0 to 2**31.

    Returns
    -------
    int for a scalar, ndarray of int or Series (same index) otherwise.

    References
    ----------
    PMI, *A Guide to the Project Management Body of Knowledge* (PMBOK Guide), 5th ed., 10.1.2.1:
    a project with 10 stakeholders has 10(10 - 1)/2 = 45 potential channels.

    >>> communication_channels(10)
    45
    >>> communication_channels([4, 5]).tolist()      # adding a fifth person adds 4 channels
    [6, 10]
    """
    arr = as_float_array(n, "n", ndim=(0, 1, 2))
    check_range(arr, "n (people)", ge=0, le=MAX_PEOPLE)
    frac = arr % 1 != 0
    if frac.any():
        i = int(np.flatnonzero(frac.ravel())[0])
        raise InputError(f"n{'' if arr.ndim == 0 else f'[{i}]'} = {arr.ravel()[i]!r}: the number of people must be "
                         "a whole number.")
    k = arr.astype(np.int64)
    out = k * (k - 1) // 2
    if isinstance(n, pd.Series):
        return pd.Series(out, index=n.index, name="channels")
    return int(out) if arr.ndim == 0 else out


def revenue_cagr(first, last, years):
    r"""Compound annual growth rate: the constant yearly growth that turns ``first`` into ``last``.

    .. math:: \text{CAGR} = \left(\frac{\text{last}}{\text{first}}\right)^{1/\text{years}} - 1

    A product manager's growth number (revenue, customers). Negative for a declining line.
    The same compounding as :func:`pmlib.finance.annualised_roi`, which computes it.

    Parameters
    ----------
    first, last : float, array-like or Series
        Value at the start and the end (same unit, e.g. k$ of revenue); both > 0.
    years : float, array-like or Series
        Years between them, > 0.

    Series are paired by label (their index), never by position.

    Returns
    -------
    float (fraction per year, 0.25 = 25 %), an ndarray, or a Series for labelled input.

    References
    ----------
    Investopedia, "Compound Annual Growth Rate (CAGR)": 10,000 growing to 19,500 in three
    years is a CAGR of (19,500 / 10,000)^(1/3) - 1 = 24.93 %.

    >>> round(revenue_cagr(10_000, 19_500, 3), 4)
    0.2493
    """
    a, index = aligned_arrays({"first": first, "last": last, "years": years})
    for name in ("first", "last", "years"):
        check_range(a[name], name, gt=0, labels=index)
    # the same compounding as an annualised ROI: computed by pmlib.finance, not written twice
    out = np.asarray(finance.annualised_roi(a["last"], a["first"], a["years"]), dtype=float)
    if index is not None:
        return pd.Series(out, index=index, name="cagr")
    return float(out) if out.ndim == 0 else out


def product_line_summary(kpis=None, lines=None) -> pd.DataFrame:
    """The product manager's view: each line's lifecycle stage, strategy and KPI trend.

    Parameters
    ----------
    kpis : DataFrame, optional
        Yearly KPIs with columns ``product_line_id``, ``year``, ``revenue`` (k$),
        ``active_customers``, ``retention`` and ``nps`` (default ``product_kpis.csv``), one row
        per (line, year).
    lines : DataFrame, optional
        Product lines with unique ``id``, ``name``, ``lifecycle_stage``, ``strategy`` (default
        ``product_lines.csv``). Lines without KPIs (not launched yet) are kept with NaN figures.

    Returns
    -------
    DataFrame indexed by product line id: ``name``, ``lifecycle_stage``, ``strategy``,
    ``first_year``, ``last_year``, ``revenue_first``, ``revenue_last`` (k$), ``revenue_cagr``
    (fraction per year, see :func:`revenue_cagr`), ``customers_change`` (fraction over the
    period), ``retention_last``, ``nps_last``, ``nps_change`` (points).

    >>> s = product_line_summary()
    >>> s.loc["PL-C", "strategy"], bool(s.loc["PL-C", "revenue_cagr"] < 0)
    ('sunset', True)
    """
    k = datasets.load("product_kpis") if kpis is None else as_frame(kpis, "kpis")
    pl = datasets.load("product_lines") if lines is None else as_frame(lines, "lines")
    cols = ["year", "revenue", "active_customers", "retention", "nps"]
    require_columns(k, ["product_line_id"] + cols, "kpis")
    require_columns(pl, ("id", "name", "lifecycle_stage", "strategy"), "lines")
    require_unique_ids(pl["id"], "lines")
    if k.empty:
        raise InputError("kpis is empty: give at least one year of one product line.")
    require_known_ids(k["product_line_id"], pl["id"], "kpis.product_line_id", what="product line")
    require_unique_rows(k, ["product_line_id", "year"], "kpis")
    labels = pd.Index(k["product_line_id"].astype(str) + "/" + k["year"].astype(str))
    k = k.assign(**dict(zip(cols, as_float_columns(k, cols, "kpis", labels=labels).T, strict=True)))
    check_range(k["retention"], "kpis.retention (a fraction)", ge=0, le=1, labels=labels)
    g = k.sort_values(["product_line_id", "year"]).groupby("product_line_id", sort=True)
    first, last = g.first(), g.last()
    years = last["year"] - first["year"]
    out = pd.DataFrame({"first_year": first["year"], "last_year": last["year"], "revenue_first": first["revenue"],
                        "revenue_last": last["revenue"]}, index=first.index)
    ok = ((years > 0) & (out["revenue_first"] > 0) & (out["revenue_last"] > 0)).to_numpy()
    cagr = np.full(len(out), np.nan)
    if ok.any():
        cagr[ok] = revenue_cagr(out["revenue_first"].to_numpy()[ok], out["revenue_last"].to_numpy()[ok],
                                years.to_numpy()[ok])
    out["revenue_cagr"] = cagr
    out["customers_change"] = last["active_customers"] / first["active_customers"] - 1
    out["retention_last"] = last["retention"]
    out["nps_last"] = last["nps"]
    out["nps_change"] = last["nps"] - first["nps"]
    result = pl.set_index("id")[["name", "lifecycle_stage", "strategy"]].join(out, how="left")
    result[["first_year", "last_year"]] = result[["first_year", "last_year"]].astype("Int64")
    result.index.name = "product_line_id"
    return result
