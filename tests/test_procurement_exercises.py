"""Exercise 09 (contracts and quality): solutions pass, self-contained; slips are named."""

from __future__ import annotations

import pandas as pd
import pytest

import pmlib as pm
from pmlib.exercises import contracts_and_quality as ex


def base_namespace():
    return {"pm": pm, "pd": pd, "OVERRUN_COST": ex.OVERRUN_COST}


def test_at_least_ten_questions_with_topics():
    assert len(ex.EXERCISES) >= 10
    for q in ex.EXERCISES:
        assert q.topic and q.topic.split(".")[0] in ("procurement", "quality"), q.name
        assert q.hints and q.solution_code, q.name


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_solution_is_accepted_even_after_wrong_answers(q):
    ns = base_namespace()
    for other in ex.EXERCISES:
        for var in other.variables:
            ns[var] = -1
    exec(q.solution_code, ns)
    assert q.evaluate(ns).correct, q.evaluate(ns)


@pytest.mark.parametrize(
    "q, wrong, words",
    [
        (ex.q1, {"breakeven_years": 350}, "up-front costs only"),
        (ex.q4, {"pta": 2400}, "seller's share"),
        (ex.q4, {"pta": 1960}, "target price"),
        (ex.q4, {"pta": 200}, "forgets to add"),
        (ex.q5, {"fpif_profit_1750": 40}, "buyer's share"),
        (ex.q6, {"fpif_price_overrun": 2000}, "ceiling"),
        (ex.q8, {"cpif_fee": 38}, "minimum fee"),
        (ex.q9, {"cpff_price": 1900 * 1.07}, "fixed on the estimate"),
        (ex.q10, {"tm_price": 2185}, "not-to-exceed"),
        (ex.q14, {"fitout_dpmo": 200 / (30 * 40) * 1e6}, "every lane is a unit"),
        (ex.q16, {"within_two_sigma": 0.6827}, "1 sigma"),
        (ex.q17, {"nonconformance": 145}, "conformance"),
    ],
)
def test_named_slips(q, wrong, words):
    msg = q.evaluate(dict(base_namespace(), **wrong)).message
    assert words in msg, msg


def test_key_figures():
    ns = base_namespace()
    for q in ex.EXERCISES:
        exec(q.solution_code, ns)
    assert ns["breakeven_years"] == pytest.approx(5) and ns["cheaper_over_life"] == "make"
    assert ns["pta"] == pytest.approx(1800) and ns["fpif_price_overrun"] == pytest.approx(1920)
    assert ns["cpif_fee"] == pytest.approx(48) and ns["tm_price"] == pytest.approx(2100)
    assert list(ns["run_of_seven"]) == ["FI17", "FI24"]
    assert ns["sigma"] == pytest.approx(3.41, abs=0.01)
    assert ns["most_buyer_risk"] == "CPFF" and ns["next_dollar_past_pta"] == "the seller"
    assert ex.q12.evaluate(dict(ns, ucl=float(pm.datasets.load("fitout_inspections")["defects"].mean()
                                              + 3 * pm.datasets.load("fitout_inspections")["defects"].std()))
                           ).message.find("moving range") >= 0
    assert ex.q13.evaluate(dict(ns, run_of_seven="FI17-FI24")).correct
