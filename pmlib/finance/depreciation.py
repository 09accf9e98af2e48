"""Depreciation schedules: straight line, double declining balance, sum of the years' digits."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import Integer, Options, Real, params
from ..errors import InputError

__all__ = ["depreciation"]


@params(cost=Real(gt=0), salvage=Real(ge=0), life=Integer(ge=1),
        method=Options("straight_line", "double_declining", "sum_of_years"))
def depreciation(cost, salvage, life, *, method: str = "straight_line") -> pd.DataFrame:
    """Depreciation of an asset year by year: the charge, the accumulated total and the book value.

    With n the life in years and k the year (1 to n):

    * ``"straight_line"`` (Excel SLN), the same every year: ``SL = (cost - salvage) / n``;
    * ``"sum_of_years"`` (sum of the years' digits, Excel SYD):
      ``SYD_k = (cost - salvage) * (n - k + 1) / (n (n + 1) / 2)``;
    * ``"double_declining"`` (double declining balance, Excel DDB with factor 2), two n-ths of the
      book value at the start of the year: ``DDB_k = (2 / n) * book_value_(k-1)``. **At the salvage
      floor** the charge is cut so that the book value never falls below salvage, and later
      years charge nothing (Excel's DDB). There is no switch to straight line (Excel's VDB and
      many tax rules switch): when salvage is small, the book value at the end of the life can
      stay above salvage, e.g. about 8 % of the cost for a 5-year asset with no salvage.

    Parameters
    ----------
    cost : float
        What the asset cost (money, > 0).
    salvage : float
        Its value at the end of its life (money, 0 <= salvage <= cost).
    life : int
        Useful life in years (>= 1).
    method : {"straight_line", "double_declining", "sum_of_years"}

    Returns
    -------
    DataFrame indexed by ``year`` (1..life): ``depreciation`` (the year's charge),
    ``accumulated`` (charges so far) and ``book_value`` (cost - accumulated), money.

    Examples
    --------
    Excel's documentation: SLN(30000, 7500, 10) = 2,250; SYD(30000, 7500, 10, 1) = 4,090.91;
    DDB(2400, 300, 10, 1) = 480 and DDB(2400, 300, 10, 10) = 22.12.

    >>> float(depreciation(30_000, 7_500, 10)["depreciation"].iloc[0])
    2250.0
    >>> round(float(depreciation(30_000, 7_500, 10, method="sum_of_years").loc[1, "depreciation"]), 2)
    4090.91
    >>> ddb = depreciation(2_400, 300, 10, method="double_declining")
    >>> ddb.loc[[1, 10], "depreciation"].round(2).tolist(), float(ddb["book_value"].iloc[-1])
    ([480.0, 22.12], 300.0)

    References: Microsoft Excel SLN, SYD and DDB functions; Kieso, Weygandt & Warfield,
    *Intermediate Accounting*, ch. 11 (depreciation methods).
    """
    if salvage > cost:
        raise InputError(f"salvage = {salvage:g} is above cost = {cost:g}: an asset cannot be worth more at the "
                         "end of its life than it cost (there is nothing to depreciate).")
    years = np.arange(1, life + 1)
    base = cost - salvage
    if method == "straight_line":
        charge = np.full(life, base / life)
    elif method == "sum_of_years":
        charge = base * (life - years + 1) / (life * (life + 1) / 2)
    else:
        accumulated = np.minimum(cost * (1.0 - (1.0 - 2.0 / life) ** years), base)
        charge = np.diff(accumulated, prepend=0.0)
    accumulated = np.cumsum(charge)
    return pd.DataFrame({"depreciation": charge, "accumulated": accumulated, "book_value": cost - accumulated},
                        index=pd.Index(years, name="year"))
