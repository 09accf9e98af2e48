"""Input checks shared by every pmlib module: checked at the door, once.

Each helper raises a :mod:`pmlib.errors` error whose message names the argument, the
position, row or id at fault, and what to do. None of them modifies what it is given.

The rules every public function follows (DESIGN.md, "Conventions"):

* numbers are finite real numbers: NaN, +-inf, booleans, complex numbers and text are
  rejected (``allow_nan`` / ``allow_inf`` only where a docstring says what they mean);
* bounded quantities are checked against their range (:class:`Real`, :class:`Integer`,
  :func:`check_range`, :func:`check_probability`);
* several pandas inputs to one call are aligned by label, never paired by position
  (:func:`aligned_arrays`, :func:`align_frames`), and rejected when their labels differ;
* ids that identify rows are unique; column-name arguments are text;
* dates lie within what pandas can hold and are not missing (:func:`as_timestamps`).

Scalar parameters are declared once per function with :func:`params`, in the spirit of
scikit-learn's parameter validation::

    @params(rate=Real(gt=-1), n=Integer(ge=1), distribution=Options("pert", "uniform"))
    def f(rate, n=100, distribution="pert"): ...

The decorator converts each declared argument (``rate`` arrives as a float) and raises an
:class:`~pmlib.errors.InputError` naming it, its value and the accepted range otherwise.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import DuplicateIdError, InputError, MissingColumnError, UnknownIdError

__all__ = [
    "params",
    "Real",
    "Integer",
    "Options",
    "Text",
    "Probability",
    "Seed",
    "aligned_arrays",
    "align_frames",
    "as_timestamps",
    "check_range",
    "check_column_name",
    "as_float_array",
    "as_number",
    "as_frame",
    "require_columns",
    "require_unique_ids",
    "require_known_ids",
    "check_probability",
    "check_non_negative",
    "describe_position",
    "real_or_none",
]


def describe_position(index) -> str:
    """'[3]' for a flat position, '[row 2, column 5]' for a 2-D one."""
    if isinstance(index, tuple):
        if len(index) == 1:
            return f"[{index[0]}]"
        return f"[row {index[0]}, column {index[1]}]"
    return f"[{index}]"


def real_or_none(value) -> float | None:
    """A learner's value as a float when it is one real number, else None (to say so, not raise).

    Real numbers, numpy scalars and one-element numeric arrays count; booleans, text, None and
    longer arrays do not. :func:`as_number` is the raising form for library arguments.
    """
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "fiu":
        return float(value.reshape(()))
    return None


def as_number(value, name: str, *, allow_nan: bool = False, allow_inf: bool = False) -> float:
    """A single finite real number as float, or an InputError naming ``name``.

    Booleans, complex numbers, text and None are not numbers. NaN and +-inf are rejected
    unless ``allow_nan`` / ``allow_inf`` (use those only where the docstring says what they mean).
    """
    if isinstance(value, bool | np.bool_) or value is None or isinstance(value, str | bytes):
        raise InputError(f"{name} must be a number, got {value!r}.")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        raise InputError(f"{name} must be a real number, got the complex number {value!r}.")
    if isinstance(value, numbers.Real):
        out = float(value)
        if math.isnan(out) and not allow_nan:
            raise InputError(f"{name} is NaN: give a number.")
        if math.isinf(out) and not allow_inf:
            raise InputError(f"{name} is {out}: give a finite number.")
        return out
    raise InputError(f"{name} must be a single number, got {type(value).__name__} {value!r}.")


def as_float_array(
    values,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    allow_empty: bool = False,
    allow_nan: bool = False,
    allow_inf: bool = False,
) -> np.ndarray:
    """Convert numbers (list, tuple, Series, DataFrame, ndarray) to a new float ndarray.

    Raises InputError naming ``name`` and the first bad position for text, None, NaN
    (unless ``allow_nan``), +-inf (unless ``allow_inf``), booleans, complex numbers, ragged
    rows, an empty input (unless ``allow_empty``) or the wrong number of dimensions.
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
            raise InputError(f"{name}{_first_position(bad)} is NaN (missing): fill it in or drop it.")
    if not allow_inf:
        bad = np.isinf(arr)
        if bad.any():
            raise InputError(f"{name}{_first_position(bad)} is infinite: every value must be a finite number.")
    return arr


def _first_position(mask: np.ndarray) -> str:
    """'[3]' or '[row 2, column 5]' for the first True of ``mask`` ('' for a 0-d mask)."""
    if mask.ndim == 0:
        return ""
    flat = int(np.flatnonzero(mask)[0])
    pos = np.unravel_index(flat, mask.shape) if mask.ndim > 1 else flat
    return describe_position(pos)


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
    if isinstance(values, list | tuple) and raw.size and _has_bool(values):
        return None  # numpy reads [1, True] as [1, 1]: the checked conversion names the boolean
    return raw.astype(float, copy=True)


_is_bool = np.frompyfunc(lambda v: isinstance(v, bool | np.bool_), 1, 1)


def _has_bool(values) -> bool:
    return bool(_is_bool(np.asarray(values, dtype=object)).any())


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
        if v is None or isinstance(v, str | bytes | bool | np.bool_) or (
            isinstance(v, numbers.Complex) and not isinstance(v, numbers.Real)
        ):
            pos = np.unravel_index(i, raw.shape) if raw.ndim > 1 else i
            raise InputError(
                f"{name}{describe_position(pos)} is {v!r}: every value must be a number "
                "(clean or drop that entry)."
            )
        try:
            out[i] = float(v)
        except (TypeError, ValueError, OverflowError):
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


# ---------------------------------------------------------------------------------------
# Declarative scalar parameters
# ---------------------------------------------------------------------------------------
def _fmt(x) -> str:
    return f"{x:g}" if isinstance(x, float) else repr(x)


class Constraint:
    """A rule for one scalar parameter: ``convert(value, name)`` returns the checked value."""

    def convert(self, value, name: str):  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class _Bounded(Constraint):
    def __init__(self, *, ge=None, gt=None, le=None, lt=None, allow_none=False):
        self.ge, self.gt, self.le, self.lt = ge, gt, le, lt
        self.allow_none = allow_none

    def _range(self) -> str:
        parts = []
        if self.ge is not None:
            parts.append(f">= {_fmt(self.ge)}")
        if self.gt is not None:
            parts.append(f"> {_fmt(self.gt)}")
        if self.le is not None:
            parts.append(f"<= {_fmt(self.le)}")
        if self.lt is not None:
            parts.append(f"< {_fmt(self.lt)}")
        return " and ".join(parts)

    def _check_bounds(self, x, name, value):
        if ((self.ge is not None and not x >= self.ge) or (self.gt is not None and not x > self.gt)
                or (self.le is not None and not x <= self.le) or (self.lt is not None and not x < self.lt)):
            raise InputError(f"{name} = {_fmt(value)} is out of range: it must be {self.describe()}.")
        return x


class Real(_Bounded):
    """A finite real number (a float), optionally bounded: ``Real(gt=-1)`` for a discount rate.

    ``allow_inf=True`` admits +-inf (say in the docstring what it means); ``allow_none=True``
    lets ``None`` through unchanged (an optional setting).
    """

    def __init__(self, *, ge=None, gt=None, le=None, lt=None, allow_inf=False, allow_none=False):
        super().__init__(ge=ge, gt=gt, le=le, lt=lt, allow_none=allow_none)
        self.allow_inf = allow_inf

    def describe(self) -> str:
        bounds = self._range()
        return "a finite number" + (f" {bounds}" if bounds else "")

    def convert(self, value, name):
        if value is None and self.allow_none:
            return None
        x = as_number(value, name, allow_inf=self.allow_inf)
        return self._check_bounds(x, name, x)


class Integer(_Bounded):
    """A whole number (an int; 3.0 is accepted as 3, 3.5 and True are not), optionally bounded."""

    def describe(self) -> str:
        bounds = self._range()
        return "a whole number" + (f" {bounds}" if bounds else "")

    def convert(self, value, name):
        if value is None and self.allow_none:
            return None
        if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
            raise InputError(f"{name} must be {self.describe()}, got {value!r}.")
        if isinstance(value, numbers.Integral):
            x = int(value)
        else:
            f = float(value)
            if not math.isfinite(f) or f != int(f):
                raise InputError(f"{name} must be {self.describe()}, got {value!r}.")
            x = int(f)
        return self._check_bounds(x, name, x)


class Probability(Real):
    """A probability or share in [0, 1] (``Probability(open_low=True)`` for (0, 1])."""

    def __init__(self, *, open_low=False, open_high=False, allow_none=False):
        super().__init__(ge=None if open_low else 0.0, gt=0.0 if open_low else None,
                         le=None if open_high else 1.0, lt=1.0 if open_high else None,
                         allow_none=allow_none)

    def describe(self) -> str:
        return f"a probability (a fraction {self._range()}; 30 % is 0.3)"


class Options(Constraint):
    """One of a fixed set of values (text is compared as given)."""

    def __init__(self, *options, allow_none=False):
        self.options = tuple(options)
        self.allow_none = allow_none

    def describe(self) -> str:
        return "one of " + ", ".join(repr(o) for o in self.options)

    def convert(self, value, name):
        if value is None and self.allow_none:
            return None
        try:
            ok = value in self.options
        except TypeError:  # unhashable or incomparable
            ok = False
        if not ok or isinstance(value, bool) != any(isinstance(o, bool) for o in self.options if o == value):
            raise InputError(f"{name} = {value!r} is not allowed: use {self.describe()}.")
        return value


class Text(Constraint):
    """A non-empty string (a column name, an id)."""

    def __init__(self, *, allow_none=False, allow_empty=False):
        self.allow_none = allow_none
        self.allow_empty = allow_empty

    def describe(self) -> str:
        return "a text (str)"

    def convert(self, value, name):
        if value is None and self.allow_none:
            return None
        if not isinstance(value, str):
            raise InputError(f"{name} must be text (a str), got {type(value).__name__} {value!r}.")
        if not value.strip() and not self.allow_empty:
            raise InputError(f"{name} is empty: give a name.")
        return value


class Seed(Constraint):
    """A random seed: None, a whole number >= 0, or a ``numpy.random.Generator``."""

    def describe(self) -> str:
        return "None, a whole number >= 0 or a numpy Generator"

    def convert(self, value, name):
        if value is None or isinstance(value, np.random.Generator):
            return value
        return Integer(ge=0).convert(value, name)


def params(**rules: Constraint) -> Callable:
    """Declare the checks of a function's scalar parameters; the wrapper converts them.

    >>> @params(rate=Real(gt=-1), n=Integer(ge=1))
    ... def grow(rate, n=1):
    ...     return (1 + rate) ** n
    >>> grow(0.1, n=2)
    1.2100000000000002
    >>> grow(-1.5)
    Traceback (most recent call last):
    ...
    pmlib.errors.InputError: rate = -1.5 is out of range: it must be a finite number > -1.
    """

    def decorate(func):
        signature = inspect.signature(func)
        unknown = set(rules) - set(signature.parameters)
        if unknown:
            raise TypeError(f"params() names {sorted(unknown)}, which {func.__name__} does not take.")

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            for name, rule in rules.items():
                if name in bound.arguments:
                    bound.arguments[name] = rule.convert(bound.arguments[name], name)
            return func(*bound.args, **bound.kwargs)

        wrapper.__pmlib_params__ = dict(rules)
        return wrapper

    return decorate


def check_range(values, name: str, *, ge=None, gt=None, le=None, lt=None, labels=None) -> None:
    """InputError naming the first value (position or label) outside the given bounds."""
    arr = np.asarray(values, dtype=float)
    bad = np.zeros(arr.shape, dtype=bool)
    if ge is not None:
        bad |= ~(arr >= ge)
    if gt is not None:
        bad |= ~(arr > gt)
    if le is not None:
        bad |= ~(arr <= le)
    if lt is not None:
        bad |= ~(arr < lt)
    if bad.any():
        rule = _Bounded(ge=ge, gt=gt, le=le, lt=lt)._range()
        i = int(np.flatnonzero(bad.ravel())[0])
        where = f" (row {labels[i]!r})" if labels is not None else _first_position(bad)
        raise InputError(f"{name}{where} = {arr.ravel()[i]:g} is out of range: it must be {rule}.")


def check_column_name(value, name: str) -> str:
    """A column-name argument must be text (``value="npv"``), not a list or a number."""
    return Text().convert(value, name)


# ---------------------------------------------------------------------------------------
# Labelled inputs: aligned by label, never paired by position
# ---------------------------------------------------------------------------------------
def _labels_differ(name_a, a: pd.Index, name_b, b: pd.Index) -> InputError:
    only_a = [x for x in a if x not in set(b)][:5]
    only_b = [x for x in b if x not in set(a)][:5]
    parts = []
    if only_a:
        parts.append(f"{name_a} has {', '.join(map(repr, only_a))} that {name_b} lacks")
    if only_b:
        parts.append(f"{name_b} has {', '.join(map(repr, only_b))} that {name_a} lacks")
    return InputError(
        f"{name_a} and {name_b} are labelled differently ({'; '.join(parts)}): pmlib pairs "
        "labelled data by label, never by position. Give both the same labels (index), or pass "
        "plain arrays to pair them by position."
    )


def _common_index(named: Mapping[str, object]) -> tuple[pd.Index | None, str | None]:
    """The index every pandas input shares (the first one's order), or an error."""
    first_name, first = None, None
    for name, value in named.items():
        if not isinstance(value, pd.Series | pd.DataFrame):
            continue
        idx = value.index
        if not idx.is_unique:
            dup = idx[idx.duplicated()].unique().tolist()[:5]
            raise DuplicateIdError(
                f"{name} has duplicate label(s) {', '.join(map(repr, dup))} in its index: each row "
                "must have its own label to be matched with the other inputs."
            )
        if first is None:
            first_name, first = name, idx
        elif not (len(idx) == len(first) and idx.isin(first).all()):
            raise _labels_differ(first_name, first, name, idx)
    return first, first_name


def aligned_arrays(named: Mapping[str, object], *, allow_nan=False, allow_inf=False,
                   ndim=(0, 1)) -> tuple[dict[str, np.ndarray], pd.Index | None]:
    """Several numeric inputs of one call as broadcast float arrays, paired by label.

    ``named`` maps argument names to values: numbers, sequences, arrays or pandas Series.
    Every pandas input must carry the same labels (in any order): they are reordered to the
    first one's order, and an :class:`InputError` names the labels that differ. Plain
    sequences have no labels and pair by position. Returns ``({name: array}, index)`` where
    ``index`` is the shared pandas index (None when no input was labelled).

    >>> import pandas as pd
    >>> arrays, index = aligned_arrays({"ev": pd.Series([1.0, 2.0], index=["b", "a"]),
    ...                                 "ac": pd.Series([20.0, 10.0], index=["a", "b"])})
    >>> arrays["ac"].tolist(), list(index)
    ([10.0, 20.0], ['b', 'a'])
    """
    index, _ = _common_index(named)
    arrays = {}
    for name, value in named.items():
        if index is not None and isinstance(value, pd.Series | pd.DataFrame):
            value = value.reindex(index) if not value.index.equals(index) else value
        arrays[name] = as_float_array(value, name, ndim=ndim, allow_nan=allow_nan, allow_inf=allow_inf)
    try:
        shapes = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        lens = ", ".join(f"{n}: {a.size}" for n, a in arrays.items())
        raise InputError(
            f"{', '.join(arrays)} must have the same length (or be single numbers); got {lens}."
        ) from None
    return {n: np.broadcast_to(a, shapes) for n, a in arrays.items()}, index


def align_frames(named: Mapping[str, pd.DataFrame | pd.Series]) -> dict[str, pd.DataFrame | pd.Series]:
    """Reorder pandas inputs to the first one's labels; InputError when the label sets differ."""
    index, _ = _common_index(named)
    return {n: (v.reindex(index) if index is not None and not v.index.equals(index) else v)
            for n, v in named.items()}


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------
def as_timestamps(values, name: str, *, allow_missing: bool = False):
    """Dates as pandas Timestamps (a scalar in, a Timestamp out; else a DatetimeIndex).

    Text is parsed as ISO dates. A date pandas cannot hold (before 1677 or after 2262), a
    number, a boolean or a missing date (unless ``allow_missing``) is an InputError naming
    the position; nothing wraps around silently.
    """
    scalar = np.ndim(values) == 0 and not isinstance(values, pd.Index | pd.Series)
    items = [values] if scalar else list(values.tolist() if hasattr(values, "tolist") else values)
    if not items and not scalar:
        raise InputError(f"{name} is empty: give at least one date.")
    out = []
    for i, v in enumerate(items):
        where = "" if scalar else f"[{i}]"
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
            if allow_missing:
                out.append(pd.NaT)
                continue
            raise InputError(f"{name}{where} is missing: give a date such as '2026-10-31'.")
        if isinstance(v, bool | np.bool_ | numbers.Number) and not isinstance(v, np.datetime64):
            raise InputError(f"{name}{where} = {v!r} is a number, not a date: give a date such as '2026-10-31'.")
        try:
            ts = pd.Timestamp(v)
        except (ValueError, TypeError, OverflowError) as exc:
            raise InputError(
                f"{name}{where} = {v!r} is not a date pandas can hold (years 1677-2262): {exc}"
            ) from None
        if ts is pd.NaT:
            if allow_missing:
                out.append(pd.NaT)
                continue
            raise InputError(f"{name}{where} is missing: give a date such as '2026-10-31'.")
        ts = ts.tz_localize(None) if ts.tzinfo is not None else ts
        if not _NS_MIN <= ts <= _NS_MAX:
            raise InputError(
                f"{name}{where} = {v!r} is outside the dates pandas can hold (1677-09-22 to "
                "2262-04-11): check the year."
            )
        out.append(ts.as_unit("ns"))
    return out[0] if scalar else pd.DatetimeIndex(out)


_NS_MIN = pd.Timestamp("1677-09-22")
_NS_MAX = pd.Timestamp("2262-04-11")


# ---------------------------------------------------------------------------------------
# Table columns and composite keys (appended for the portfolio/program/levels tables)
# ---------------------------------------------------------------------------------------
def _not_a_number(v) -> bool:
    """True for a value that is not a real number nor a missing cell (bool, text, complex ...)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return False
    if isinstance(v, bool | np.bool_ | str | bytes):
        return True
    return not isinstance(v, numbers.Real)


_not_a_number_u = np.frompyfunc(_not_a_number, 1, 1)


def as_float_columns(frame: pd.DataFrame, columns: Iterable[str], name: str, *, labels=None,
                     allow_nan: bool = False, allow_inf: bool = False) -> np.ndarray:
    """Columns of a table as a new float matrix (one row per table row, one column per name).

    The table-shaped twin of :func:`as_float_array`: text, booleans, complex numbers, NaN or
    a missing cell (unless ``allow_nan``) and +-inf (unless ``allow_inf``) raise an
    :class:`InputError` naming ``name``, the row (by ``labels``, default the index: pass the
    ids) and the column, so a bad cell is never coerced, dropped or taken as a number.

    >>> df = pd.DataFrame({"cost": [10, 20], "npv": [1.5, True]}, index=["A", "B"])
    >>> as_float_columns(df, ["cost"], "candidates").ravel().tolist()
    [10.0, 20.0]
    >>> as_float_columns(df, ["npv"], "candidates")
    Traceback (most recent call last):
    ...
    pmlib.errors.InputError: candidates: row 'B', column 'npv' is True, not a number: fix that cell or drop the row.
    """
    cols = list(columns)
    require_columns(frame, cols, name)
    labels = frame.index if labels is None else labels
    out = np.empty((len(frame), len(cols)), dtype=float)
    for k, col in enumerate(cols):
        raw = frame[col].to_numpy()
        if raw.dtype.kind in "fiu":
            out[:, k] = raw
            continue
        flat = raw.astype(object)
        bad = _not_a_number_u(flat).astype(bool) if len(flat) else np.zeros(0, bool)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(f"{name}: row {labels[i]!r}, column {col!r} is {flat[i]!r}, not a number: "
                             "fix that cell or drop the row.")
        out[:, k] = pd.to_numeric(pd.Series(flat, dtype=object), errors="raise").to_numpy(dtype=float,
                                                                                            na_value=np.nan)
    for what, mask in (("missing (NaN)", None if allow_nan else np.isnan(out)),
                       ("infinite", None if allow_inf else np.isinf(out))):
        if mask is not None and mask.any():
            r, c = np.argwhere(mask)[0]
            raise InputError(f"{name}: row {labels[r]!r}, column {cols[c]!r} is {what}: every value must be a "
                             "finite number; fill it in or drop the row.")
    return out


def require_unique_rows(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """DuplicateIdError when two rows share the values of ``columns`` (a composite key).

    A table keyed by (project, period) or (benefit, date) must not repeat a key: summing
    the repeated rows would double-count, keeping one would drop data silently.

    >>> t = pd.DataFrame({"project_id": ["A", "A"], "period": [1, 1], "ev": [5.0, 6.0]})
    >>> require_unique_rows(t, ["project_id", "period"], "status")
    Traceback (most recent call last):
    ...
    pmlib.errors.DuplicateIdError: status has 2 rows for project_id='A', period=1: each (project_id, period) must appear once; merge or drop the repeated rows.
    """
    cols = list(columns)
    require_columns(frame, cols, name)
    dup = frame.duplicated(cols, keep=False).to_numpy()
    if dup.any():
        first = frame[cols].iloc[int(np.flatnonzero(dup)[0])]
        same = int((frame[cols] == first).all(axis=1).sum())
        values = first.astype(object).tolist()
        key = ", ".join(f"{c}={v.item() if isinstance(v, np.generic) else v!r}" for c, v in zip(cols, values, strict=True))
        raise DuplicateIdError(f"{name} has {same} rows for {key}: each ({', '.join(cols)}) must appear once; "
                               "merge or drop the repeated rows.")



def _not_a_date(v) -> bool:
    """True for a cell that cannot be a date: a number, a boolean, a list ... (text is parsed later)."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return False
    return not isinstance(v, str | np.datetime64 | pd.Timestamp) and not hasattr(v, "isoformat")


_not_a_date_u = np.frompyfunc(_not_a_date, 1, 1)


def as_date_column(frame: pd.DataFrame, column: str, name: str, *, labels=None,
                   allow_missing: bool = False) -> pd.Series:
    """A table's date column as ``datetime64[ns]`` (vectorised twin of :func:`as_timestamps`).

    Text is parsed as dates. A number or a boolean (never read as nanoseconds since 1970),
    text that is not a date, a date pandas cannot hold (before 1677-09-22 or after 2262-04-11)
    and a missing date (unless ``allow_missing``) raise an :class:`InputError` naming ``name``,
    the row (by ``labels``, default the index) and the column.

    >>> t = pd.DataFrame({"start": ["2026-01-05", "2400-01-01"]}, index=["P1", "P2"])
    >>> as_date_column(t, "start", "projects")
    Traceback (most recent call last):
    ...
    pmlib.errors.InputError: projects: row 'P2', column 'start' = '2400-01-01' is outside the dates pandas can hold (1677-09-22 to 2262-04-11): check the year.
    """
    require_columns(frame, [column], name)
    labels = frame.index if labels is None else labels
    s = frame[column]
    raw = s.to_numpy(dtype=object) if not pd.api.types.is_datetime64_any_dtype(s.dtype) else None
    if raw is not None and len(raw):
        bad = _not_a_date_u(raw).astype(bool)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(f"{name}: row {labels[i]!r}, column {column!r} = {raw[i]!r} is not a date: "
                             "give a date such as '2026-10-31'.")
    out = s if raw is None else pd.to_datetime(s, errors="coerce", format="mixed")
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_localize(None)
    missing = out.isna().to_numpy()
    unparsed = missing & s.notna().to_numpy()
    for mask, what in ((unparsed, "is not a date pandas can read"),
                       (missing & ~unparsed & (not allow_missing), "is missing"),
                       ((~missing) & ((out < _NS_MIN) | (out > _NS_MAX)).to_numpy(),
                        "is outside the dates pandas can hold (1677-09-22 to 2262-04-11): check the year")):
        if mask.any():
            i = int(np.flatnonzero(mask)[0])
            value = "" if what == "is missing" else f" = {s.iloc[i]!r}"
            raise InputError(f"{name}: row {labels[i]!r}, column {column!r}{value} {what}"
                             + (": give a date such as '2026-10-31'." if "check the year" not in what else "."))
    return out.astype("datetime64[ns]")


__all__ += ["as_float_columns", "require_unique_rows", "as_date_column"]
