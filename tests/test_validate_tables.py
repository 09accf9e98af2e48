"""The table helpers appended to pmlib._validate: numeric columns, composite keys, date columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmlib._validate import as_date_column, as_float_columns, require_unique_rows
from pmlib.errors import DuplicateIdError, InputError, MissingColumnError


def test_float_columns_name_row_and_column():
    df = pd.DataFrame({"a": [1, 2], "b": pd.array([1.5, None], dtype="Float64"), "c": ["1", 2]}, index=["x", "y"])
    assert as_float_columns(df, ["a"], "t").tolist() == [[1.0], [2.0]]
    with pytest.raises(InputError, match="t: row 'y', column 'b' is missing"):
        as_float_columns(df, ["b"], "t")
    assert np.isnan(as_float_columns(df, ["b"], "t", allow_nan=True)[1, 0])
    with pytest.raises(InputError, match="row 'x', column 'c' is '1', not a number"):
        as_float_columns(df, ["c"], "t")
    with pytest.raises(InputError, match="row 'P2'.*infinite"):
        as_float_columns(pd.DataFrame({"a": [1.0, np.inf]}), ["a"], "t", labels=["P1", "P2"])
    with pytest.raises(InputError, match="True"):
        as_float_columns(pd.DataFrame({"a": [True, False]}), ["a"], "t")
    with pytest.raises(MissingColumnError, match="z"):
        as_float_columns(df, ["z"], "t")


def test_unique_rows_on_a_composite_key():
    t = pd.DataFrame({"p": ["A", "A", "B"], "k": [1, 2, 1]})
    require_unique_rows(t, ["p", "k"], "t")
    with pytest.raises(DuplicateIdError, match="t has 2 rows for p='A', k=1"):
        require_unique_rows(pd.concat([t, t.iloc[[0]]]), ["p", "k"], "t")


@pytest.mark.parametrize("bad, words", [(True, "not a date"), (20260101, "not a date"), ("soon", "not a date pandas can read"),
                                        ("2400-01-01", "outside"), (None, "missing")])
def test_date_columns(bad, words):
    t = pd.DataFrame({"d": ["2026-01-05", bad]}, index=["P1", "P2"])
    with pytest.raises(InputError, match=f"row 'P2', column 'd'.*{words}"):
        as_date_column(t, "d", "projects")


def test_date_columns_keep_dates_and_may_allow_missing():
    t = pd.DataFrame({"d": [pd.Timestamp("2026-01-05"), None]})
    out = as_date_column(t, "d", "t", allow_missing=True)
    assert out.dtype == "datetime64[ns]" and out.isna().tolist() == [False, True]
