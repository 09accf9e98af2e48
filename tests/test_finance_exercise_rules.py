"""Exercises of lessons 02, 03 and 05: the corrections the course must get right (CONTENT.md).

The rules every question of every set keeps are in tests/test_exercise_rules.py.
"""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises import business_case as B
from pmlib.exercises import earned_value as E
from pmlib.exercises import stage_gates_and_risk as S


# --- corrections the course must get right (CONTENT.md "What must be right") ---------------------
def test_opportunity_cost_is_the_best_option_not_taken():
    npvs = pm.finance.npv(0.08, pm.finance.net_cashflows(pm.datasets.load("investment_options"), id="option_id"))
    assert B.q13.answer == pytest.approx(npvs["P13-A"])  # the board chose P13-B
    r = B.q13.evaluate({"opportunity_cost": npvs["P13-A"] - npvs["P13-B"]})
    assert not r.correct and "difference" in r.message
    assert "best option not chosen" in B.q13.explanation and "not a difference" in B.q13.hints[1]


def test_tcpi_is_judged_against_the_cpi():
    assert E.q18.answer == "realistic"                      # TCPI 1.12 at CPI 1.20
    p17 = pm.evm.latest_status(pm.datasets.load("status_periods")).loc["P17"]
    assert E.q7.parts[1].answer == ("no" if p17["tcpi"] > 1.1 * p17["cpi"] else "yes")
    assert "CPI" in E.q7.hints[1]


def test_option_value_does_not_pass_with_either_value_alone():
    r = S.EXERCISES["q11"]
    staged = pm.stagegate.staged_funding([100, 500], [0.5, 0.6], 2400)
    assert staged.value_without_gates != 0
    for wrong in (staged.value_with_gates, staged.value_without_gates):
        assert not r.evaluate({"option_value": wrong}).correct


def test_sunk_cost_slip_is_named():
    spent = pm.evm.latest_status(pm.datasets.load("status_periods")).loc["P19", "ac"]
    r = B.q22.evaluate({"npv_continue_p19": B.q22.answer - spent})
    assert not r.correct and "sunk cost" in r.message
