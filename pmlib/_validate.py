"""Input checks shared by every pmlib module.

Each helper raises a :mod:`pmlib.errors` error whose message names the argument, the
position, row or id at fault, and what to do. None of them modifies what it is given.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import DuplicateIdError, InputError, MissingColumnError, UnknownIdError

__all__ = [
    "as_float_array",
    "as_number",
    "as_frame",
    "require_columns",
    "require_unique_ids",
    "require_known_ids",
    "check_probability",
    "check_non_negative",
    "describe_position",
]


def describe_position(index) -> str:
    """'[3]' for a flat position, '[row 2, column 5]' for a 2-D one."""
    if isinstance(index, tuple):
        if len(index) == 1:
            return f"[{index[0]}]"
        return f"[row {index[0]}, column {index[1]}]"
    return f"[{index}]"


def as_number(value, name: str, *, allow_nan: bool = False) -> float:
    """A single real number as float, or an InputError naming ``name``."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        raise InputError(f"{name} must be a number, got {value!r}.")
    if isinstance(value, numbers.Real) or (isinstance(value, np.ndarray) and value.ndim == 0):
        out = float(value)
        if math.isnan(out) and not allow_nan:
            raise InputError(f"{name} is NaN: give a number.")
        return out
    raise InputError(f"{name} must be a single number, got {type(value).__name__} {value!r}.")


def as_float_array(
    values,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    allow_empty: bool = False,
    allow_nan: bool = False,
) -> np.ndarray:
    """Convert numbers (list, tuple, Series, DataFrame, ndarray) to a new float ndarray.

    Raises InputError naming ``name`` and the first bad position for text, None, NaN
    (unless ``allow_nan``), booleans, ragged rows, an empty input (unless ``allow_empty``)
    or the wrong number of dimensions.
    """
    if isinstance(values, str | bytes):
        raise InputError(f"{name} must be numbers, got the text {values!r}.")
    arr = _numeric_fast_path(values)
    if arr is None:
        arr = _checked_conversion(values, name)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise InputError(f"{name} must be {want}, got an array of shape {arr.shape}.")
    if arr.size == 0 and not allow_empty:
        raise InputError(f"{name} is empty: give at least one value.")
    if not allow_nan:
        bad = np.isnan(arr)
        if bad.any():
            pos = np.unravel_index(int(np.flatnonzero(bad)[0]), arr.shape) if arr.ndim > 1 else int(np.flatnonzero(bad)[0])
            raise InputError(f"{name}{describe_position(pos)} is NaN (missing): fill it in or drop it.")
    return arr


def _numeric_fast_path(values) -> np.ndarray | None:
    """A float copy of an already-numeric array-like without a per-element loop; else None."""
    if not isinstance(values, np.ndarray | list | tuple | pd.Series | pd.DataFrame):
        return None
    try:
        raw = values.to_numpy() if isinstance(values, pd.Series | pd.DataFrame) else np.asarray(values)
    except ValueError:  # ragged nested lists: the checked conversion explains
        return None
    if raw.dtype.kind not in "fiu":
        return None
    return raw.astype(float, copy=True)


def _checked_conversion(values, name: str) -> np.ndarray:
    """Element-by-element conversion that names the first value that is not a number."""
    if isinstance(values, pd.DataFrame | pd.Series):
        raw = values.to_numpy()
    elif isinstance(values, Mapping):
        raise InputError(f"{name} must be a sequence of numbers, got a mapping {type(values).__name__}.")
    elif np.isscalar(values):
        raw = np.asarray(values)
    else:
        try:
            raw = np.asarray(values, dtype=object)
        except ValueError as exc:  # ragged nested lists
            raise InputError(f"{name} has rows of different lengths: {exc}") from None
        if raw.dtype == object and raw.ndim >= 1 and any(
            isinstance(v, Sequence | np.ndarray) and not isinstance(v, str) for v in raw.ravel()
        ):
            raise InputError(f"{name} has rows of different lengths; give one row per project, all of one length.")
    if raw.dtype.kind in "fiu":
        return raw.astype(float, copy=True)
    flat = raw.ravel()
    out = np.empty(flat.shape, dtype=float)
    for i, v in enumerate(flat):
        if v is None or isinstance(v, str | bytes | bool | np.bool_):
            pos = np.unravel_index(i, raw.shape) if raw.ndim > 1 else i
            raise InputError(
                f"{name}{describe_position(pos)} is {v!r}: every value must be a number "
                "(clean or drop that entry)."
            )
        try:
            out[i] = float(v)
        except (TypeError, ValueError):
            pos = np.unravel_index(i, raw.shape) if raw.ndim > 1 else i
            raise InputError(f"{name}{describe_position(pos)} is {v!r}, which is not a number.") from None
    return out.reshape(raw.shape)


def as_frame(data, name: str) -> pd.DataFrame:
    """A *copy* of a DataFrame, list of dicts or dict of columns, so callers never mutate input."""
    if isinstance(data, pd.DataFrame):
        return data.copy()
    if isinstance(data, Mapping):
        return pd.DataFrame(dict(data))
    if isinstance(data, Iterable) and not isinstance(data, str | bytes):
        rows = list(data)
        if rows and not all(isinstance(r, Mapping) for r in rows):
            raise InputError(f"{name} must be a DataFrame or a list of dicts (one per row).")
        return pd.DataFrame(rows)
    raise InputError(f"{name} must be a DataFrame or a list of dicts, got {type(data).__name__}.")


def require_columns(df: pd.DataFrame, required: Iterable[str], name: str) -> None:
    """MissingColumnError listing what is missing and what was found."""
    missing = [c for c in required if c not in df.columns]
    if missing:
        found = ", ".join(map(str, df.columns)) or "none"
        raise MissingColumnError(
            f"{name} is missing column(s) {', '.join(missing)}; columns found: {found}."
        )


def require_unique_ids(ids, name: str) -> None:
    s = ids if isinstance(ids, pd.Series) else pd.Series(np.asarray(ids, dtype=object))
    dup = s[s.duplicated()].unique().tolist()
    if dup:
        raise DuplicateIdError(f"{name} has duplicate id(s) {', '.join(map(str, dup))}: each id must be unique.")


def require_known_ids(ids, known, name: str, *, what: str = "id") -> None:
    known = set(known)
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UnknownIdError(
            f"{name} refers to unknown {what}(s) {', '.join(map(str, dict.fromkeys(unknown)))}; "
            f"known: {', '.join(map(str, sorted(known, key=str)))}."
        )


def check_probability(p, name: str) -> np.ndarray:
    """Probabilities as a float array; InputError naming the first one outside [0, 1]."""
    arr = as_float_array(p, name, allow_empty=False)
    bad = (arr < 0) | (arr > 1)
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise InputError(f"{name}{describe_position(i)} = {arr.ravel()[i]:g} is not a probability: use a value in [0, 1].")
    return arr


def check_non_negative(arr: np.ndarray, name: str, labels=None) -> None:
    bad = np.asarray(arr) < 0
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        where = f" (row {labels[i]!r})" if labels is not None else describe_position(i)
        raise InputError(f"{name}{where} is negative ({np.asarray(arr).ravel()[i]:g}): it must be >= 0.")
