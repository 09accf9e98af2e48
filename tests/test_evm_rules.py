"""pmlib.evm, second wave: measurement rules, TCPI judged against CPI, TSPI, TCPI on an EAC."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import evm
from pmlib.errors import DuplicateIdError, InputError, MissingColumnError


def _package(rule, started, finished, progress=None, bac=1_000.0):
    row = {"id": "W", "bac": bac, "rule": rule, "started": started, "finished": finished}
    if progress is not None:
        row["progress"] = progress
    return row


@pytest.mark.parametrize("rule, started, finished, progress, share", [
    # PMI Practice Standard for EVM: fixed-formula techniques credit a set share at the start
    ("0/100", False, False, None, 0.0), ("0/100", True, False, None, 0.0), ("0/100", True, True, None, 1.0),
    ("50/50", False, False, None, 0.0), ("50/50", True, False, None, 0.5), ("50/50", True, True, None, 1.0),
    ("20/80", True, False, None, 0.2), ("20/80", True, True, None, 1.0),
    # weighted milestones: the weights of the milestones achieved; percent complete: the estimate
    ("weighted_milestones", True, False, 0.35, 0.35), ("percent_complete", True, False, 0.62, 0.62),
    ("percent_complete", False, False, 0.0, 0.0), ("weighted_milestones", True, True, 1.0, 1.0),
])
def test_each_rule_earns_its_share(rule, started, finished, progress, share):
    t = evm.earned_value_by_rule([_package(rule, started, finished, progress)])
    assert t.loc[0, "earned_share"] == share and t.loc[0, "ev"] == pytest.approx(1_000 * share)


def test_p17_work_packages_add_up_to_its_status_report():
    packages = pm.datasets.load("work_packages")
    t = evm.earned_value_by_rule(packages)
    status = evm.latest_status(pm.datasets.load("status_periods")).loc["P17"]
    assert t["bac"].sum() == pytest.approx(status["bac"])
    assert t["pv"].sum() == pytest.approx(status["pv"])
    assert t["ev"].sum() == pytest.approx(status["ev"])
    assert set(t["rule"]) == set(evm.MEASUREMENT_RULES)
    pd.testing.assert_frame_equal(packages, pm.datasets.load("work_packages"))  # not modified


def test_rule_spellings_and_missing_progress():
    t = evm.earned_value_by_rule([_package("50-50", True, False),
                                  {**_package("Percent Complete", True, False, 0.5), "id": "X"}])
    assert t["ev"].tolist() == [500.0, 500.0]
    with pytest.raises(MissingColumnError, match="progress"):
        evm.earned_value_by_rule([_package("percent_complete", True, False)])
    with pytest.raises(InputError, match=r"progress'\]\[0\] is NaN"):
        evm.earned_value_by_rule([_package("percent_complete", True, False, float("nan"))])


@pytest.mark.parametrize("row, words", [
    (_package("75/25", True, False), "use one of 0/100"),
    (_package("0/100", False, True), "finished but not started"),
    (_package("percent_complete", True, True, 0.7), "finished but its progress is 0.7"),
    (_package("weighted_milestones", False, False, 0.2), "not started but its progress is 0.2"),
    (_package("percent_complete", True, False, 1.2), "out of range"),
    (_package("0/100", "maybe", False), "answer True or False"),
    (_package("0/100", True, False, bac=-5), "out of range"),
])
def test_contradictory_or_unknown_status_is_refused(row, words):
    with pytest.raises(InputError, match=words):
        evm.earned_value_by_rule([row])


def test_duplicate_package_ids_are_refused():
    with pytest.raises(DuplicateIdError, match="W"):
        evm.earned_value_by_rule([_package("0/100", True, True), _package("0/100", False, False)])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(evm.MEASUREMENT_RULES)), st.integers(0, 2), st.floats(0, 1),
                          st.floats(0, 1e5)), min_size=1, max_size=12))
def test_rules_never_earn_more_than_the_budget_and_finishing_earns_all(rows):
    packages = []
    for k, (rule, stage, progress, bac) in enumerate(rows):
        fixed = evm.MEASUREMENT_RULES[rule] is not None
        p = 1.0 if stage == 2 else (0.0 if stage == 0 else progress)
        packages.append({"id": f"W{k}", "bac": bac, "rule": rule, "started": stage >= 1, "finished": stage == 2,
                         "progress": np.nan if fixed else p})
    t = evm.earned_value_by_rule(packages)
    assert (t["ev"] <= t["bac"] + 1e-9).all() and (t["ev"] >= 0).all()
    done = t["finished"].astype(bool)
    np.testing.assert_allclose(t.loc[done, "ev"], t.loc[done, "bac"])
    np.testing.assert_allclose(t.loc[~t["started"].astype(bool), "ev"], 0)


# ---------------------------------------------------------------------------------------------
# TCPI judged against the CPI, TCPI on an EAC, TSPI
# ---------------------------------------------------------------------------------------------
def test_tcpi_is_judged_against_the_current_cpi():
    bands = evm.DEFAULT_BANDS
    assert not bands.tcpi_flag(1.12, 1.20)      # above 1.10, but below what the team already achieves
    assert bands.tcpi_flag(1.05, 0.80)          # below 1.10, but 31 % better than so far
    assert not bands.tcpi_flag(1.10, 1.00)      # the classic 1.10 is the limit for a project on budget
    assert bands.tcpi_flag(1.11, 1.00)
    assert bands.tcpi_flag(-2.0, 0.9)           # budget already exceeded
    assert not bands.tcpi_flag(float("nan"), 0.9)
    assert evm.HealthBands(tcpi_margin=0.35).tcpi_flag(1.05, 0.80) is False
    flags = bands.tcpi_flag(pd.Series([1.25, 1.0], index=["a", "b"]), pd.Series([1.2, 1.0], index=["b", "a"]))
    assert flags.to_dict() == {"a": True, "b": False}   # paired by label: a is 1.25 against a CPI of 1.0


def test_latest_status_flags_and_verdict_use_the_cpi():
    s = evm.latest_status(pm.datasets.load("status_periods"))
    expected = s["tcpi"] > s["cpi"] * 1.10
    assert (s["tcpi_flag"] == expected).all()
    assert s.loc["P17", "tcpi_flag"] and "against a CPI of 0.76" in s.loc["P17", "verdict"]
    assert not s.loc["P04", "tcpi_flag"] and "TCPI" not in s.loc["P04", "verdict"]


def test_tcpi_on_an_approved_eac_and_tspi():
    # PMBOK Guide 6th ed. Table 7-1: TCPI = (BAC - EV) / (EAC - AC) once an EAC is approved
    r = evm.metrics(pv=3000, ev=2500, ac=2800, bac=4000, eac=4480)
    assert r.tcpi_eac == pytest.approx(1500 / 1680) and r.tcpi_eac == pytest.approx(r.cpi)
    # Lipke: TSPI = (PD - ES) / (PD - AT); P25 at month 10 (PD 14)
    late = evm.time_phased(pm.datasets.load("completed_status_periods")).set_index("period")
    row = late.loc[10]
    assert row.tspi == pytest.approx((14 - row.es) / (14 - 10))
    assert row.tspi > 1.10 and late.loc[16, "tspi"] < 0   # past the planned finish: cannot be met


def test_health_bands_refuse_bad_thresholds():
    for kw in ({"green": float("nan")}, {"amber": float("inf")}, {"green": True}, {"tcpi_margin": -0.1},
               {"tcpi_margin": "10%"}):
        with pytest.raises(InputError):
            evm.HealthBands(**kw)
