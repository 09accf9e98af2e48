"""The shared input checks (pmlib._validate) and the one simulation result (pmlib._simulation)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmlib._simulation import Simulation, check_iterations, make_rng
from pmlib._validate import (
    Integer,
    Options,
    Probability,
    Real,
    aligned_arrays,
    as_float_array,
    as_number,
    as_timestamps,
    check_range,
    params,
)
from pmlib.errors import DuplicateIdError, InputError
from pmlib.exercises import Numeric


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan, True, np.bool_(False), 1 + 2j, "3", None, [1]])
def test_as_number_rejects_what_is_not_a_finite_real(bad):
    with pytest.raises(InputError, match="x"):
        as_number(bad, "x")


@pytest.mark.parametrize("bad", [[1, np.inf], [1, True], [True, 6.0], (2.5, np.bool_(False)), [[1, 2], [3, False]], np.array([1 + 1j]),
                                 pd.Series([1.0, np.inf]), pd.Series([True, False]), [10**400]])
def test_as_float_array_rejects_inf_bool_complex_overflow(bad):
    with pytest.raises(InputError, match=r"cashflows"):
        as_float_array(bad, "cashflows")


def test_allow_inf_is_explicit():
    assert as_float_array([1, np.inf], "x", allow_inf=True)[1] == np.inf
    assert as_number(-np.inf, "x", allow_inf=True) == -np.inf


def test_params_converts_and_names_the_argument():
    @params(rate=Real(gt=-1), n=Integer(ge=1), kind=Options("a", "b"), p=Probability())
    def f(rate, n=1, kind="a", p=0.5):
        return rate, n, kind, p

    assert f(0.1, n=3.0) == (0.1, 3, "a", 0.5)
    for kwargs, word in [({"rate": -1}, "rate"), ({"rate": 0.1, "n": 0}, "n"), ({"rate": 0.1, "n": 2.5}, "n"),
                         ({"rate": 0.1, "kind": "c"}, "kind"), ({"rate": 0.1, "p": 1.2}, "p"),
                         ({"rate": 0.1, "n": True}, "n"), ({"rate": np.nan}, "rate")]:
        with pytest.raises(InputError, match=word):
            f(**kwargs)


def test_aligned_arrays_pairs_by_label_not_position():
    ev = pd.Series([10.0, 20.0], index=["P2", "P1"])
    ac = pd.Series([5.0, 40.0], index=["P1", "P2"])
    arrays, index = aligned_arrays({"ev": ev, "ac": ac})
    assert list(index) == ["P2", "P1"]
    assert arrays["ac"].tolist() == [40.0, 5.0]
    with pytest.raises(InputError, match="P3"):
        aligned_arrays({"ev": ev, "ac": pd.Series([5.0, 40.0], index=["P1", "P3"])})
    with pytest.raises(DuplicateIdError):
        aligned_arrays({"ev": pd.Series([1.0, 2.0], index=["a", "a"]), "ac": 1.0})
    with pytest.raises(InputError, match="same length"):
        aligned_arrays({"ev": [1, 2], "ac": [1, 2, 3]})


@given(st.permutations(list(range(6))))
def test_alignment_is_invariant_to_row_order(order):
    labels = [f"P{i}" for i in range(6)]
    ev = pd.Series(np.arange(6.0), index=labels)
    ac = pd.Series(np.arange(6.0) * 2, index=labels).iloc[list(order)]
    arrays, _ = aligned_arrays({"ev": ev, "ac": ac})
    assert np.array_equal(arrays["ac"], arrays["ev"] * 2)


def test_dates_out_of_range_or_missing_are_errors():
    assert as_timestamps("2026-10-31", "d") == pd.Timestamp("2026-10-31")
    for bad in ["3000-01-01", 5, True, None, "no date", np.nan]:
        with pytest.raises(InputError, match="d"):
            as_timestamps(bad, "d")
    with pytest.raises(InputError, match=r"d\[1\]"):
        as_timestamps(["2026-01-01", "2400-01-01"], "d")


def test_check_range_names_the_row():
    with pytest.raises(InputError, match="'B'"):
        check_range([0.2, 1.5], "probability", ge=0, le=1, labels=["A", "B"])


def test_simulation_conventions():
    sim = Simulation(np.array([3.0, 1.0, 2.0, 4.0]), seed=0)
    assert sim.n == 4 and sim.mean == 2.5
    assert sim.probability(2) == 0.5          # P(X <= 2): one convention everywhere
    assert sim.exceedance(2) == 0.5
    assert sim.percentile(50) == 2.5
    assert list(sim.summary().index) == ["mean", "sd", "p10", "p50", "p80", "p90", "min", "max"]
    for bad in [-1, 101, "80", None]:
        with pytest.raises(InputError, match="q"):
            sim.percentile(bad)
    for bad in [0, -5, 2.5, True]:
        with pytest.raises(InputError, match="n"):
            check_iterations(bad)
    assert make_rng(1).random() == make_rng(1).random()
    with pytest.raises(InputError, match="seed"):
        make_rng(-1)


def test_numeric_names_a_misconception_and_a_days_weeks_slip():
    q = Numeric("eac", answer=lambda: 1000 / 0.8,
                misconceptions={"that is BAC x CPI; EAC divides BAC by CPI.": lambda: 1000 * 0.8})
    assert "BAC x CPI" in q.evaluate({"eac": 800.0}).message
    assert q.evaluate({"eac": 1250.0}).correct
    d = Numeric("duration", answer=6.0, unit="weeks")
    assert "days and weeks" in d.evaluate({"duration": 42.0}).message


def test_real_or_none_reads_one_learner_number_and_refuses_the_rest():
    """Shared by exercise checks and practice questions: a value a learner typed, never raised on."""
    from pmlib._validate import real_or_none

    assert real_or_none(3) == 3.0 and real_or_none(np.float32(0.5)) == 0.5 and real_or_none(np.array([2])) == 2.0
    for not_one_number in (True, np.bool_(False), "3", None, np.array([1, 2]), np.array(["1"]), 1 + 2j):
        assert real_or_none(not_one_number) is None
