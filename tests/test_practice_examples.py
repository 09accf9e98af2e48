"""Published worked examples reproduced through the practice generators, and cross-checks.

A generator takes keyword arguments that fix its numbers; with a published example's numbers
its key (and, where the source shows a classic mistake, the misconception's value) must equal
the published result. Where a generator reaches a program-level answer through a building
block (summed EV through ``evm.metrics``, a slip through two ``schedule.cpm`` passes, the best
set through ``efficient_frontier``), the answer is checked against the high-level function.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pmlib as pm
from pmlib.practice import evm as P_evm
from pmlib.practice import finance as P_fin
from pmlib.practice import levels as P_lev
from pmlib.practice import portfolio as P_port
from pmlib.practice import risk as P_risk
from pmlib.practice import schedule as P_sched
from pmlib.practice import stagegate as P_sg
from pmlib.practice._core import Draw


def draw(seed: int = 0) -> Draw:
    return Draw(np.random.default_rng(seed), numeric_only=True)


# R. Mulcahy, PMP Exam Prep, cost chapter: the fence. Four sides at 1,000 each, one a day; end of
# day 3: sides 1-2 done (1,000 and 1,200), side 3 half done (600). PV 3,000, EV 2,500, AC 2,800.
FENCE = {"bac": 4000.0, "pv": 3000.0, "ev": 2500.0, "ac": 2800.0}


@pytest.mark.parametrize("which, expected", [("cv", -300), ("sv", -500)])
def test_mulcahy_fence_variances(which, expected):
    q = P_evm.variances(draw(), s=FENCE, which=which)
    assert q.answer == pytest.approx(expected)
    named = q.check(-expected, record=False)   # the reversed subtraction
    assert not named.correct and "reversed" in named.misconception


def test_mulcahy_fence_cpi_eac_etc_vac_tcpi():
    assert P_evm.indices(draw(), s=FENCE, which="cpi").answer == pytest.approx(0.893, abs=5e-4)
    assert P_evm.indices(draw(), s=FENCE, which="spi").answer == pytest.approx(0.833, abs=5e-4)
    q = P_evm.eac(draw(), s=FENCE, form="typical")
    assert q.answer == pytest.approx(4480)
    assert q.check(4000 * 2500 / 2800, record=False).misconception.startswith("BAC x CPI")
    assert P_evm.eac(draw(), s=FENCE, form="atypical").answer == pytest.approx(4300)
    assert P_evm.etc_vac(draw(), s=FENCE, which="etc").answer == pytest.approx(1680)
    assert P_evm.etc_vac(draw(), s=FENCE, which="vac").answer == pytest.approx(-480)
    q = P_evm.tcpi(draw(), s=FENCE)
    assert q.answer == pytest.approx(1.25)
    assert P_evm.percent_complete(draw(), s=FENCE, which="complete").answer == pytest.approx(62.5)


def test_fence_interpretation_and_tcpi_judged_against_cpi():
    q = P_evm.interpretation(draw(), s=FENCE)
    assert q.answer == "The project is over budget and behind schedule."
    # CPI 0.89 and TCPI 1.25: the remaining work must be 40 % more efficient: re-forecast
    assert P_evm.tcpi_case(2500 / 2800, 1.25) == "reforecast"
    q = P_evm.tcpi_interpretation(draw(), s=FENCE)
    assert "new EAC" in q.answer
    # the same TCPI is fine when the project already performs better than it
    assert P_evm.tcpi_case(1.3, 1.25) == "enough"
    assert P_evm.tcpi_case(1.0, 1.08) == "improve"


def test_earned_schedule_lipke_interpolation():
    # ES = C + (EV - PV_C) / (PV_C+1 - PV_C): EV 250 between PV(2) = 200 and PV(3) = 300 -> ES 2.5
    q = P_evm.earned_schedule(draw(), pv=[100, 200, 300, 400], ev=250, at=3, which="es")
    assert q.answer == pytest.approx(2.5)
    q = P_evm.earned_schedule(draw(), pv=[100, 200, 300, 400], ev=250, at=3, which="spi_t")
    assert q.answer == pytest.approx(2.5 / 3)


# Hillier & Lieberman, Introduction to Operations Research (ch. "Project management with
# PERT/CPM"): the Reliable Construction Co. project, 44 weeks, critical path A-B-C-E-F-J-L-N;
# its mean critical path has variance 9 and P(T <= 47) = 0.8413.
RELIABLE = {"A": ([], 2), "B": (["A"], 4), "C": (["B"], 10), "D": (["C"], 6), "E": (["C"], 4),
            "F": (["E"], 5), "G": (["D"], 7), "H": (["E", "G"], 9), "I": (["C"], 7), "J": (["F", "I"], 8),
            "K": (["J"], 4), "L": (["J"], 5), "M": (["H"], 2), "N": (["K", "L"], 6)}
CRITICAL_ESTIMATES = {"A": (1, 2, 3), "B": (2, 3.5, 8), "C": (6, 9, 18), "E": (1, 4.5, 5), "F": (4, 4, 10),
                      "J": (3, 9, 9), "L": (1, 5.5, 7), "N": (5, 5.5, 9)}


def test_hillier_lieberman_cpm_through_the_generator():
    preds = {a: p for a, (p, _) in RELIABLE.items()}
    d = {a: dur for a, (_, dur) in RELIABLE.items()}
    assert P_sched.cpm(draw(), preds=preds, d=d, which="duration").answer == 44
    q = P_sched.cpm(Draw(np.random.default_rng(1)), preds=preds, d=d, which="critical_path")
    assert q.answer == "A-B-C-E-F-J-L-N"
    # published slack of I is 2 weeks; a 5-week delay of I moves the finish by 3
    q = P_sched.float_(draw(), preds=preds, d=d, which="total")
    assert q.answer == {"D": 4, "G": 4, "H": 4, "M": 4, "I": 2, "K": 1}[q.text.split("activity ")[-1][0]]


def test_hillier_lieberman_pert_probability_through_the_generator():
    ids = list(CRITICAL_ESTIMATES)
    chain = [{"id": a, "optimistic": o, "most_likely": m, "pessimistic": p, "predecessors": ids[i - 1] if i else ""}
             for i, (a, (o, m, p)) in enumerate(CRITICAL_ESTIMATES.items())]
    q = P_sched.pert_probability(draw(), chain=chain, deadline=47)
    assert q.answer == pytest.approx(0.8413, abs=1e-4)
    assert "44.00" in q.explanation and "3.000" in q.explanation
    # the classic slips: (P - O) / 3 as the sd gives P(z = 0.5); one minus the answer is P(late)
    assert q.check(0.6915, record=False).misconception.startswith("the standard deviation taken as (P - O) / 3")
    assert q.check(0.1587, record=False).misconception.startswith("the probability of finishing later")
    # 2 x 0.8413 - 1 = 0.6827 (the share within +/- 1 sd) lies within the tolerance of 0.6915: named all the same
    assert q.check(0.6827, record=False).misconception is not None
    q = P_sched.pert(draw(), estimates=list(CRITICAL_ESTIMATES.values()), which="path_sd")
    assert q.answer == pytest.approx(3.0)
    assert q.check(9.0, record=False).misconception.startswith("the path's variance")


def test_pert_single_activity_mean_and_sd():
    q = P_sched.pert(draw(), estimates=(2, 3.5, 8), which="mean")   # activity B: mean 4
    assert q.answer == pytest.approx(4.0)
    assert q.check((2 + 3.5 + 8) / 3, record=False).misconception.startswith("the triangular mean")
    q = P_sched.pert(draw(), estimates=(6, 9, 18), which="sd")     # activity C: sd 2
    assert q.answer == pytest.approx(2.0)
    assert q.check(4.0, record=False).misconception.startswith("(P - O) / 3")


# Excel's NPV documentation, example 1: 10 %, -10,000 then 3,000, 4,200, 6,800: =NPV(10%, ...) gives
# 1,188.44 because Excel discounts the first value a full period; with the investment made now
# (numpy-financial's convention, the course's) the NPV is 1,188.44 x 1.1 = 1,307.29.
def test_excel_npv_example_and_its_convention_as_a_named_mistake():
    q = P_fin.npv(draw(), flows=[-10_000, 3_000, 4_200, 6_800], rate=0.10)
    assert q.answer == pytest.approx(1307.29, abs=0.01)
    fb = q.check(1188.44, record=False)
    assert not fb.correct and fb.misconception.startswith("Excel's NPV convention")


def test_excel_irr_example_against_a_hurdle():
    # Excel's IRR documentation: -70,000 then 12,000 ... 26,000 has an IRR of 8.7 %: rejected at 10 %
    q = P_fin.irr(draw(), flows=[-70_000, 12_000, 15_000, 18_000, 21_000, 26_000], hurdle=0.10)
    assert "8.7 %" in q.text and q.answer.startswith("Reject")


def test_irr_single_payoff_and_its_slips():
    q = None
    for seed in range(40):  # the single-payoff variant: IRR = (F / I)^(1/n) - 1
        q = pm.practice.question("finance.irr", seed=seed)
        if q.choices is None:
            break
    flows = q.data["cashflows"]
    n, invest, payoff = len(flows) - 1, -flows[0], flows[-1]
    assert q.answer == pytest.approx((payoff / invest) ** (1 / n) - 1, rel=1e-9)
    assert q.check(100 * q.answer, record=False).misconception.startswith("a percentage typed")


# PMBOK Guide 5th ed., Figure 11-16: build (120, then 200 or 90) or upgrade (50, then 120 or 60),
# strong demand 60 %: EMV build 36, upgrade 46: upgrade.
PMBOK_TREE = {"Build a new plant": {"cost": 120.0, "p": 0.6, "high": 200.0, "low": 90.0},
              "Upgrade the old plant": {"cost": 50.0, "p": 0.6, "high": 120.0, "low": 60.0}}


def test_pmbok_decision_tree_through_the_generator():
    q = P_risk.decision_tree(draw(), options=PMBOK_TREE, which="value")
    assert q.answer == pytest.approx(46.0)
    assert q.check(156.0, record=False).misconception.startswith("the option's cost not subtracted")
    assert q.check(36.0, record=False).misconception.startswith("the other option")
    q = P_risk.decision_tree(draw(), options=PMBOK_TREE, which="choice")
    assert q.answer.startswith("Upgrade the old plant") and "$46" in q.answer


def test_risk_emv_and_contingency_docstring_examples():
    reg = [{"name": "x", "probability": 0.3, "impact": 100.0, "type": "threat"},
           {"name": "y", "probability": 0.5, "impact": 40.0, "type": "opportunity"}]
    assert P_risk.emv(draw(), reg=reg).answer == pytest.approx(-10.0)
    q = P_risk.contingency(draw(), reg=reg, which="reserve")
    assert q.answer == pytest.approx(10.0)      # pm.risk.contingency_reserve's documented example
    assert q.check(30.0, record=False).misconception.startswith("the opportunities left out")


def test_cooper_ecv_through_the_generator():
    q = P_sg.ecv(draw(), npv=30, p_commercial=0.5, p_technical=0.8, launch_cost=5, development_cost=3)
    assert q.answer == pytest.approx(5.0)      # [(30 x 0.5 - 5) x 0.8] - 3
    assert q.check(9.0, record=False).misconception.startswith("the launch cost left out")


def test_pmbok_communication_channels():
    q = P_lev.communication_channels(draw(), team=9, added=0)   # 10 people with the PM: 45 channels
    assert q.answer == 45
    assert q.check(90, record=False).misconception.startswith("n(n - 1) without halving")
    assert q.check(36, record=False).misconception.startswith("the project manager left out")


def test_saaty_drinks_ahp_through_the_generator():
    # Saaty (2008), Table 2 "Which drink is consumed more in the U.S.?": water .327, coffee .177
    from tests.test_portfolio import DRINKS, DRINKS_PUBLISHED

    m = pm.portfolio.pairwise_matrix(DRINKS)
    for item in ("water", "coffee", "soda"):
        q = P_port.ahp(draw(), matrix=m.to_numpy(), labels=list(m.index), which="weight", item=item)
        assert q.answer == pytest.approx(DRINKS_PUBLISHED[item], abs=0.0006)


def test_intercom_rice_through_the_generator():
    q = P_port.rice(draw(), reach=150, impact=1.0, conf=0.8, effort=1.0)   # Intercom: 120
    assert q.answer == pytest.approx(120.0)
    assert q.check(12_000, record=False).misconception.startswith("confidence as a whole number")


def test_gate_decision_follows_coopers_rules():
    seen = set()
    for seed in range(60):
        for case, expected in (("knockout", "Kill"), ("hold", "Hold"), ("go", "Go")):
            q = P_sg.gate_decision(Draw(np.random.default_rng(seed)), case=case)
            project = q.data["project"]
            gate = pm.stagegate.Gate("g", must_meet=("fits_strategy", "no_showstopper", "legal_ok"),
                                     should_meet=q.data["weights"])
            assert q.answer == pm.stagegate.evaluate_gate(project, gate)["decision"]
            seen.add(q.answer)
            if case == "knockout":
                assert q.answer == expected
    assert {"Go", "Kill", "Hold"} <= seen


# Program answers reached through building blocks agree with the program functions themselves
@pytest.mark.parametrize("seed", range(0, 200, 7))
def test_program_rollup_agrees_with_pm_program_rollup(seed):
    q = pm.practice.question("program.rollup", seed=seed)
    projects = q.data["projects"]
    status = [{"project_id": f"P{i}", "date": "2026-10-31", **{k: p[k] for k in ("pv", "ev", "ac")}}
              for i, p in enumerate(projects)]
    r = pm.program.rollup(status, [{"id": f"P{i}", "cost": p["bac"]} for i, p in enumerate(projects)])
    which = "cpi" if "CPI" in q.text.split("What is the program's ")[1][:4] else "spi"
    key = q.answer if q.choices is None else q.option_values[q.choices.index(q.answer)]
    assert key == pytest.approx(float(r.program[which]), rel=1e-12)
    if q.choices is None:  # the average of the project indices is the named mistake (unless it is too close)
        average = float(r.average[which])
        assert q.check(average, record=False).misconception is not None or abs(average - key) < 0.02


@pytest.mark.parametrize("seed", range(0, 200, 9))
def test_program_dependency_agrees_with_pm_program_ripple(seed):
    q = pm.practice.question("program.dependency", seed=seed)
    w, slip = q.data["weeks"], q.data["slip"]
    start = pd.Timestamp("2026-01-05")  # a Monday; five working days a week

    def finish(weeks_from, length):
        return start + pd.offsets.BDay(5 * (weeks_from + length) - 1)

    projects = [{"id": "A", "start": start, "finish": finish(0, w["A"])},
                {"id": "B", "start": start + pd.offsets.BDay(5 * w["A"]), "finish": finish(w["A"], w["B"])},
                {"id": "C", "start": start, "finish": finish(0, w["C"])}]
    deps = [{"project_id": "B", "predecessor_id": "A", "type": "FS", "lag": 0}]
    r = pm.program.ripple(projects, deps, {"A": slip})
    key = q.answer if q.choices is None else q.option_values[q.choices.index(q.answer)]
    assert key == pytest.approx(float(r.table.loc["LAUNCH", "moved"]))


@pytest.mark.parametrize("seed", range(0, 200, 11))
def test_portfolio_selection_agrees_with_the_exact_milp(seed):
    q = pm.practice.question("portfolio.selection", seed=seed)
    cand, budget = pd.DataFrame(q.data["candidates"]), q.data["budget"]
    best = pm.portfolio.select(cand, budget)
    if q.choices is None:
        assert q.answer == pytest.approx(best.total_value)
    else:
        ids = sorted(best.selected)
        assert q.answer == (f"{ids[0]} only" if len(ids) == 1 else " + ".join(ids))
    greedy = pm.portfolio.greedy_select(cand, budget)
    assert greedy.total_value < best.total_value  # the ranking shortcut misses the best set


def test_cpm_duration_is_the_longest_path():
    for seed in range(100):
        d = Draw(np.random.default_rng(seed))
        preds = P_sched.network(d)
        dur = P_sched.durations_with_unique_longest_path(d, preds)
        longest = max(sum(dur[a] for a in p) for p in P_sched.paths(preds))
        assert pm.schedule.cpm(P_sched.activities(preds, dur)).duration == longest
