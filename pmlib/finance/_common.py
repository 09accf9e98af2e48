"""Input handling shared by the finance functions: cash-flow tables, rates, labelled results.

Conventions (numpy-financial's): ``cashflows[0]`` happens now (t = 0); ``cashflows[t]`` at the
end of period t. A 2-D array or a DataFrame holds one project per row; a DataFrame whose
column labels are numbers is read as years and must not skip one (years 0, 1, 3 would
otherwise be discounted as 0, 1, 2). A Series of cash flows is read in its order.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validate import Real, aligned_arrays, as_float_array, check_range
from ..errors import InputError


class _Rate(Real):
    """A rate per period: a finite fraction above -1 (-100 %)."""

    def describe(self) -> str:
        return "a rate above -1 (a fraction: 8 % is 0.08)"


#: A discount or interest rate per period: a fraction above -100 %.
RATE = _Rate(gt=-1)


@dataclass(frozen=True)
class Flows:
    """Cash flows as a (rows, periods) float array, and how to shape a result like the input."""

    values: np.ndarray
    kind: str  # "scalar" (1-D in), "array" (2-D in) or "frame" (DataFrame in)
    index: pd.Index | None = None

    def out(self, values, name: str):
        """A float for 1-D input, an ndarray for 2-D input, a Series indexed like a DataFrame."""
        values = np.asarray(values, dtype=float)
        if self.kind == "scalar":
            return float(values.reshape(-1)[0])
        if self.kind == "frame":
            return pd.Series(values, index=self.index, name=name)
        return values

    def row(self, i: int) -> str:
        """How an error message names row ``i``."""
        if self.kind == "frame":
            return f"row {self.index[i]!r}"
        return f"row {i}" if self.kind == "array" else "the cash flows"


def _year_labels(columns: pd.Index) -> np.ndarray | None:
    """Column labels as whole numbers when every label is a number (years), else None."""
    if not len(columns) or not all(isinstance(c, numbers.Real) and not isinstance(c, bool | np.bool_)
                                   for c in columns):
        return None
    years = np.asarray(columns, dtype=float)
    return years if np.all(np.isfinite(years)) and np.all(years == np.round(years)) else None


def flows(cashflows, name: str = "cashflows") -> Flows:
    """Validate cash flows: 1-D, 2-D (one row per project) or a DataFrame (index = project ids)."""
    if isinstance(cashflows, pd.DataFrame):
        years = _year_labels(cashflows.columns)
        if years is not None and (np.diff(years) != 1).any():
            k = int(np.flatnonzero(np.diff(years) != 1)[0])
            raise InputError(
                f"{name} has year columns {years[k]:g} then {years[k + 1]:g}: every year between the first "
                "and the last needs a column (0 where nothing happens), so that each flow is discounted by "
                f"its real year. Fill them with {name}.reindex(columns=range(first, last + 1), fill_value=0)."
            )
        try:
            arr = as_float_array(cashflows, name, ndim=2)
        except InputError as exc:
            raise InputError(
                f"{exc} A DataFrame of cash flows holds one row per project and one numeric column "
                "per period; put the project ids in the index (e.g. `.set_index('project_id')`), or "
                "build it with pm.finance.net_cashflows(long_table)."
            ) from None
        return Flows(arr, "frame", cashflows.index)
    arr = as_float_array(cashflows, name, ndim=(1, 2))
    if arr.ndim == 1:
        return Flows(arr[None, :], "scalar")
    if arr.shape[1] == 0:
        raise InputError(f"{name} has rows with no periods: give at least one cash flow per row.")
    return Flows(arr, "array")


def rates(rate, name: str, like: Flows | None = None) -> np.ndarray:
    """A rate (0-d array) or one per row of ``like`` (a Series is aligned to a DataFrame's index)."""
    if np.ndim(rate) == 0 and not isinstance(rate, pd.Series):
        return np.asarray(RATE.convert(rate, name), dtype=float)
    if isinstance(rate, pd.Series) and like is not None and like.kind == "frame":
        arrays, _ = aligned_arrays({"cashflows": pd.Series(0.0, index=like.index), name: rate})
        arr = np.array(arrays[name])
    else:
        arr = as_float_array(rate, name, ndim=1)
    m = like.values.shape[0] if like is not None and like.kind != "scalar" else None
    if m is not None and arr.size not in (1, m):
        raise InputError(f"{name} has {arr.size} rates but there are {m} rows of cash flows: "
                         "give one rate, or one per row.")
    _check_rate_range(arr, name, rate)
    return arr


def _check_rate_range(arr, name, raw):
    bad = arr <= -1
    if bad.any():
        value = float(arr.ravel()[int(np.flatnonzero(bad.ravel())[0])])
        where = f" (row {raw.index[int(np.flatnonzero(bad.ravel())[0])]!r})" if isinstance(raw, pd.Series) else ""
        raise InputError(f"{name}{where} = {value!r} is <= -100 %: a rate must be greater than -1 "
                         "(write 8 % as 0.08).")


def amounts(named: dict, *, positive=(), non_negative=(), rate=()) -> tuple[dict, pd.Index | None]:
    """Scalar-or-array money inputs of one call, aligned by label, with their ranges checked."""
    arrays, index = aligned_arrays(named)
    labels = None if index is None else list(index)
    for key in positive:
        check_range(arrays[key], key, gt=0, labels=labels if arrays[key].ndim else None)
    for key in non_negative:
        check_range(arrays[key], key, ge=0, labels=labels if arrays[key].ndim else None)
    for key in rate:
        _check_rate_range(arrays[key], key, named[key])
    return arrays, index


def result(values, index: pd.Index | None, name: str):
    """A float for scalar inputs, an ndarray for arrays, a Series when an input was labelled."""
    if index is not None:
        return pd.Series(np.asarray(values, dtype=float), index=index, name=name)
    return float(values) if np.ndim(values) == 0 else np.asarray(values, dtype=float)
