"""Lesson 09 figures and the contract explorer widget, driven as a learner would."""

from __future__ import annotations

import pytest

import pmlib as pm


def _texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_fpif_chart_marks_the_pta():
    ax = pm.plots.fpif_chart(1600, 160, 1920, 0.8, actual_cost=1900)
    labels = _texts(ax)
    assert any("point of total assumption 1,800" in t for t in labels)
    assert any("ceiling price 1,920" in t for t in labels)
    assert any("price 1,920" in t and "profit 20" in t for t in labels)
    assert "actual cost" in ax.get_xlabel() and "k$" in ax.get_ylabel()
    assert not any("$" in t.replace(r"\$", "") for t in labels)   # every dollar sign escaped (no maths mode)


def test_contract_prices_and_make_or_buy_charts():
    offers = pm.datasets.load("contract_offers")
    ax = pm.plots.contract_prices(offers, actual_cost=1900)
    assert len([t for t in _texts(ax) if t.startswith("WH")]) == len(offers)
    ax = pm.plots.make_or_buy_chart(1450, 210, 1100, 280, life=7)
    labels = _texts(ax)
    assert any("break-even after 5.0 years" in t for t in labels)
    assert any("make 2,920" in t and "buy 3,060" in t for t in labels)


def test_quality_charts():
    ins = pm.datasets.load("fitout_inspections")
    ax = pm.plots.control_chart(ins.set_index("id")["defects"], lower_bound=0, usl=12)
    labels = _texts(ax)
    assert "out of control" in ax.get_title()
    assert any("rule of seven: 8 in a row" in t for t in labels)
    assert any("beyond a control limit (1)" in t for t in labels)
    assert any("specification USL 12" in t for t in labels)
    ax = pm.plots.control_chart([5, 6, 5, 6, 5, 6])
    assert "in control" in ax.get_title() and "out" not in ax.get_title()
    ax = pm.plots.pareto_chart(pm.datasets.load("fitout_defects"), count="defects")
    assert ax.get_title().startswith("Pareto chart: 4 of 8 categories")
    ax = pm.plots.cost_of_quality_chart(pm.datasets.load("quality_costs"))
    assert "64%" in ax.get_title()
    with pytest.raises(ValueError):
        pm.plots.control_chart(None)


def test_contract_explorer_driven_like_a_learner():
    d = pm.widgets.contract_explorer()
    assert d.controls["actual_cost"].value == 1900               # the lesson's overrun
    assert d.controls["actual_cost"].description == "Seller's actual cost (k$)"
    first, png = d.summary, d.figure_png
    assert "WH3 FPIF (Autoline Robotics): price 1,920 k$, seller's profit +20 k$" in first
    assert "past the point of total assumption" in first and png
    d.controls["actual_cost"].value = 1700
    assert "WH3 FPIF (Autoline Robotics): price 1,840 k$" in d.summary
    assert "below the point of total assumption" in d.summary
    assert d.figure_png != png
    d.controls["offer"].value = "WH4"
    assert "fee moves by the seller's share (30%)" in d.summary
    from traitlets import TraitError

    with pytest.raises(TraitError):
        d.controls["offer"].value = "WH99"                           # not an option: refused
