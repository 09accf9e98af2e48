"""Quality practice topics: published figures and the course's data through the generators.

Sources (as tests/test_quality.py): the individuals-chart formulas of Montgomery (*Introduction
to Statistical Quality Control*, 6.4: sigma = average moving range / 1.128, UCL = mean + 2.66
x average moving range); the normal coverage figures of the PMBOK Guide (68.27 / 95.45 /
99.73 %); the standard 1.5-sigma-shift table (3.4 / 233 / 6,210 / 66,807 DPMO at 6 / 5 / 4 / 3
sigma); Crosby's conformance / non-conformance split; the course's P12 fit-out data
(exercises/09: UCL 13.91, a run FI17-FI24, 27,778 DPMO, 3.41 sigma, 253 k$ of non-conformance).
The 200-seed checks are in ``test_practice_topics.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

import pmlib as pm
from pmlib.exercises import contracts_and_quality as ex_cq
from pmlib.practice import quality as P
from tests._practice import check_fresh_variants, draw, named


def test_control_limits_by_hand_through_the_generator():
    x = [3.4, 3.7, 3.6]    # moving ranges 0.3 and 0.1: average 0.2, sigma 0.2 / 1.128
    q = P.control_limits(draw(), values=x, which="ucl", lsl=2.0, usl=5.0)
    mean = np.mean(x)
    assert q.answer == pytest.approx(mean + 3 * 0.2 / 1.128)
    assert q.answer - mean == pytest.approx(2.66 * 0.2, rel=1e-3)       # Wheeler's 2.66 x average moving range
    assert named(q, mean + 2 * 0.2 / 1.128).startswith("2 sigma")
    assert named(q, mean + 3 * 0.2).startswith("the average moving range used as sigma")
    assert named(q, mean + 3 * np.std(x, ddof=1)).startswith("the sample standard deviation")
    assert named(q, 5.0).startswith("the specification limit")
    q = P.control_limits(draw(), values=x, which="lcl", lsl=2.0, usl=5.0)
    assert q.answer == pytest.approx(mean - 3 * 0.2 / 1.128)


def test_the_course_fitout_chart_through_the_generators():
    defects = pm.datasets.load("fitout_inspections")["defects"].tolist()
    q = P.control_limits(draw(), values=defects, which="ucl", lsl=0, usl=20)
    assert q.answer == pytest.approx(13.91, abs=0.005)        # exercises/09, question "ucl"
    q = P.rule_of_seven(draw(), values=defects)
    assert q.answer == 23          # FI17 to FI24 above the mean: the seventh point in a row is FI23
    assert named(q, 17).startswith("the first point of the run")
    assert named(q, 22).startswith("the sixth point in a row")
    assert named(q, 24).startswith("the last point of the run")


@pytest.mark.parametrize("k, within", [(1, 68.27), (2, 95.45), (3, 99.73)])
def test_pmbok_sigma_coverage(k, within):
    q = P.sigma_coverage(draw(), k=k, which="within")
    assert q.answer == pytest.approx(within, abs=0.005)
    assert q.check(f"{within} %", record=False).correct
    others = {1: 68.27, 2: 95.45, 3: 99.73}
    for j, v in others.items():
        if j != k:
            assert named(q, v).startswith(f"the share within +-{j} sigma")
    q = P.sigma_coverage(draw(), k=k, which="outside")
    assert q.answer == pytest.approx(100 - within, abs=0.005)
    assert named(q, within).startswith("the share within the interval")


@pytest.mark.parametrize("dpmo, sigma", [(3.4, 6.0), (233, 5.0), (6_210, 4.0), (66_807, 3.0)])
def test_standard_sigma_table_through_the_generator(dpmo, sigma):
    q = P.dpmo_sigma(draw(), dpmo=dpmo)
    assert q.answer == pytest.approx(sigma, abs=0.005)
    assert named(q, sigma - 1.5).startswith("the 1.5-sigma shift left out")


def test_dpmo_docstring_and_the_course_fitouts():
    q = P.dpmo_sigma(draw(), defects=34, units=1000, opportunities=10, which="dpmo")
    assert q.answer == pytest.approx(3_400)
    assert named(q, 34_000).startswith("defects per million units")
    ins = pm.datasets.load("fitout_inspections")
    args = dict(defects=int(ins["defects"].sum()), units=int(ins["lanes"].sum()), opportunities=40)
    assert P.dpmo_sigma(draw(), **args, which="dpmo").answer == pytest.approx(27_777.8, abs=0.1)
    q = P.dpmo_sigma(draw(), **args, which="sigma")
    assert q.answer == pytest.approx(3.41, abs=0.005)
    assert named(q, 1.91).startswith("the 1.5-sigma shift left out")


def test_cost_of_quality_docstring_and_the_course_costs():
    costs = {"design reviews": ("prevention", 20.0), "inspections": ("appraisal", 30.0),
             "rework": ("internal_failure", 40.0), "warranty repairs": ("external_failure", 60.0)}
    q = P.cost_of_quality(draw(), costs=costs, which="nonconformance")
    assert q.answer == pytest.approx(100)
    assert named(q, 130).startswith("appraisal counted as a failure cost")
    assert named(q, 50).startswith("the cost of conformance")
    assert P.cost_of_quality(draw(), costs=costs, which="conformance").answer == pytest.approx(50)
    assert P.cost_of_quality(draw(), costs=costs, which="share").answer == pytest.approx(100 * 100 / 150)
    table = pm.datasets.load("quality_costs")
    course = {r.item: (r.category, r.cost) for r in table.itertuples()}
    q = P.cost_of_quality(draw(), costs=course, which="nonconformance")
    assert q.answer == pytest.approx(253)            # exercises/09: 88 internal + 165 external
    assert P.cost_of_quality(draw(), costs=course, which="conformance").answer == pytest.approx(145)


@pytest.mark.parametrize("seed", range(0, 200, 4))
def test_rule_of_seven_stems_are_what_they_say(seed):
    """The drawn charts: no point beyond the limits, and a run of seven exactly when the key says so."""
    q = pm.practice.question("quality.rule_of_seven", seed=seed)
    x = np.array(q.data["values"])
    lim = pm.quality.control_limits(x)
    assert ((x <= lim["ucl"]) & (x >= lim["lcl"])).all()
    runs = pm.quality.rule_of_seven(x, lim["mean"])
    if q.choices is None:
        assert q.answer == runs[0][0] + 7
    else:
        assert q.answer.startswith("Out of control") == bool(runs)


@pytest.mark.parametrize("seed", range(0, 200, 4))
def test_control_chart_cases_are_what_they_say(seed):
    q = pm.practice.question("quality.control_limits", seed=seed)
    if "point" not in q.data:     # a control limit asked (as a number or by choice)
        return
    lim = pm.quality.control_limits(q.data["values"])
    x, lsl, usl = q.data["point"], q.data["lsl"], q.data["usl"]
    if q.answer.startswith("Investigate"):      # beyond the UCL, within the specification
        assert lim["ucl"] < x <= usl
    else:                                        # within the control limits, beyond the specification
        assert usl < x < lim["ucl"]
        assert pm.quality.capability(q.data["values"], lsl=lsl, usl=usl)["cp"] < 1


@pytest.mark.parametrize("topic", ["quality.control_limits", "quality.rule_of_seven", "quality.sigma_coverage",
                                   "quality.dpmo_sigma", "quality.cost_of_quality"])
def test_exercises_on_these_topics_give_a_fresh_variant(topic, capsys):
    check_fresh_variants(ex_cq.EXERCISES, topic, capsys, seed=13)


def test_every_topic_of_this_wave_is_registered():
    ids = set(pm.practice.topics()["topic"])
    assert {"schedule.crashing", "schedule.fast_tracking", "procurement.pta", "procurement.fpif",
            "procurement.cpff", "procurement.cpif", "procurement.time_and_materials", "procurement.make_or_buy",
            "procurement.contract_risk", "quality.control_limits", "quality.rule_of_seven",
            "quality.sigma_coverage", "quality.dpmo_sigma", "quality.cost_of_quality"} <= ids
    t = pm.practice.topics().set_index("topic")
    assert t.loc["procurement.make_or_buy", "eco_domain"] == "Business Environment"
    assert t.loc["quality.cost_of_quality", "eco_domain"] == "Business Environment"
    assert set(t.loc[["schedule.crashing", "schedule.fast_tracking"], "lesson"]) == {"04_schedule"}
    assert set(t.filter(regex=r"^(procurement|quality)\.", axis=0)["lesson"]) == {"09_contracts_and_quality"}
