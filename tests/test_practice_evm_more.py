"""Practice topics of the second wave's earned value: measurement rules and TSPI.

Published examples through the generators (pm.evm.earned_value_by_rule's worked example after
the PMI Practice Standard for EVM; Lipke's earned-schedule concept example for TSPI), the named
slips, and ``q.new()`` for the exercises of lesson 03 that name these topics.
"""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.practice import evm as P

from ._practice import draw, key, named

# pm.evm.earned_value_by_rule's example: A 50/50 started (100), B 20/80 finished (200), C percent
# complete at 25 % (400): EV 50 + 200 + 100 = 350
RULES = [{"id": "A", "bac": 100.0, "rule": "50/50", "started": True, "finished": False},
         {"id": "B", "bac": 200.0, "rule": "20/80", "started": True, "finished": True},
         {"id": "C", "bac": 400.0, "rule": "percent_complete", "started": True, "finished": False, "progress": 0.25}]


def test_measurement_rules_total():
    q = P.measurement_rules(draw(), packages=RULES, which="total")
    assert q.answer == pytest.approx(350)
    assert named(q, 700).startswith("every started package credited in full")
    assert named(q, 200).startswith("only finished packages credited")
    assert q.answer == pytest.approx(float(pm.evm.earned_value_by_rule(RULES)["ev"].sum()))


def test_measurement_rules_one_package():
    # the lesson's W08: acceptance testing, 300, 20/80, started: 60 (50/50 would say 150)
    w08 = [{"id": "W08", "bac": 300.0, "rule": "20/80", "started": True, "finished": False, "progress": 0.6},
           {"id": "W09", "bac": 120.0, "rule": "0/100", "started": False, "finished": False}]
    q = P.measurement_rules(draw(), packages=w08, package="W08")
    assert q.answer == pytest.approx(60)
    assert named(q, 150).startswith("50/50 applied")
    assert named(q, 240).startswith("80 % credited when a 20/80 package starts")
    assert named(q, 180).startswith("the team's progress estimate used for every package")
    # weighted milestones: the weights of the milestones reached (30 % + 50 %) of 500
    q = P.measurement_rules(draw(), packages=[{"id": "M", "bac": 500.0, "rule": "weighted_milestones",
                                               "started": True, "finished": False, "progress": 0.8}], package="M")
    assert q.answer == pytest.approx(400)


@pytest.mark.parametrize("seed", range(0, 200, 9))
def test_measurement_rules_answer_is_pm_evm(seed):
    q = pm.practice.question("evm.measurement_rules", seed=seed)
    table = pm.evm.earned_value_by_rule(q.data["packages"]).set_index("id")
    got = key(q)
    if "packages together" in q.text:
        assert got == pytest.approx(table["ev"].sum())
    else:
        target = q.text.split("earned value of ")[-1].split(",")[0]
        assert got == pytest.approx(table.loc[target, "ev"])


def test_tspi_lipke_concept_example():
    # Lipke: PV 100 ... 1,000 over 10 periods, EV 550 at the end of period 7: ES 5.5, TSPI 4.5 / 3 = 1.5
    pv = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]
    q = P.tspi(draw(), pv=pv, ev=550.0, at=7)
    assert q.answer == pytest.approx(1.5)
    assert named(q, 5.5 / 7).startswith("SPI(t)")
    assert named(q, 1 / 1.5).startswith("(PD - AT) / (PD - ES)")
    assert named(q, 7 / 5.5).startswith("1 / SPI(t)")
    assert "above about 1.10" in q.explanation


def test_tspi_from_a_given_earned_schedule():
    q = P.tspi(draw(), pd_=14, at=10, es=7.84)                  # (14 - 7.84) / (14 - 10) = 1.54
    assert q.answer == pytest.approx(1.54)
    assert "7.8 weeks" in q.text or "7.8 months" in q.text


@pytest.mark.parametrize("seed", range(0, 200, 9))
def test_tspi_agrees_with_earned_schedule(seed):
    q = pm.practice.question("evm.tspi", seed=seed)
    r = pm.evm.earned_schedule(pv=q.data["pv"], ev=q.data["ev"], actual_time=q.data["actual_time"])
    got = key(q)
    assert got == pytest.approx(r["tspi"])
    assert (got > 1) == (r["es"] < q.data["actual_time"])      # behind schedule: the rest must go faster


def test_exercises_give_new_variants():
    from pmlib.exercises import earned_value

    found = [ex for ex in earned_value.EXERCISES if ex.topic in ("evm.measurement_rules", "evm.tspi")]
    assert {ex.topic for ex in found} == {"evm.measurement_rules", "evm.tspi"}
    for ex in found:
        for seed in (1, 2, 3):
            q = ex.new(seed=seed)
            assert q.topic == ex.topic and q.check(q.answer, record=False).correct
