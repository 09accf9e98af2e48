"""Shared generators of bad input for the property-based "checked at the door" tests.

Each domain's ``tests/test_bad_inputs_<domain>.py`` feeds these to every public function of
its module and asserts either a ``ValueError`` (a :mod:`pmlib.errors` subclass) whose message
names the argument, or the label-aligned correct result. Never a silent number.

Classes of bad input (issue "Checked at the door"): NaN, +-inf, booleans and complex numbers
taken as numbers, text, None, empty input, labelled inputs in another order or with other
labels, duplicate labels, dates out of pandas' range.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import strategies as st

from pmlib.errors import PMLibError

#: Values that are not finite real numbers, each with a word the error message may use.
BAD_NUMBERS = [float("nan"), float("inf"), float("-inf"), True, False, np.bool_(True), 1 + 2j, "12", None]

#: Dates that must not wrap around or be taken as a date.
BAD_DATES = ["2400-01-01", "1500-06-30", None, float("nan"), True, 20260101, "not a date"]


def bad_number() -> st.SearchStrategy:
    """One value from :data:`BAD_NUMBERS`."""
    return st.sampled_from(BAD_NUMBERS)


@st.composite
def with_one_bad(draw, good: list, *, bad=None):
    """``good`` (a list) with one element replaced by a bad value: ``(values, position, bad)``."""
    values = list(good)
    position = draw(st.integers(0, len(values) - 1))
    value = draw(bad if bad is not None else bad_number())
    values[position] = value
    return values, position, value


def shuffled(series: pd.Series, seed: int = 0) -> pd.Series:
    """The same labelled values in another row order (a label-aligned function must not care)."""
    order = np.random.default_rng(seed).permutation(len(series))
    return series.iloc[order]


def relabelled(series: pd.Series, old, new) -> pd.Series:
    """The same values with one label changed (a function must refuse to pair them)."""
    return series.rename(index={old: new})


def assert_rejects(call, *names: str):
    """``call()`` raises a pmlib error whose message names at least one of ``names``."""
    with pytest.raises(ValueError) as info:
        call()
    assert isinstance(info.value, PMLibError), f"not a pmlib error: {type(info.value).__name__}: {info.value}"
    message = str(info.value)
    if names:
        assert any(n in message for n in names), f"message does not name {names}: {message}"
    return info.value


def assert_finite_or_documented(value) -> None:
    """A result that is a plain number must be finite unless the function documents inf/NaN."""
    if isinstance(value, float):
        assert not math.isnan(value)
