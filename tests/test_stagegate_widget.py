"""The gate-review widget and the stage-gate / risk figures."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

import pmlib as pm

matplotlib.use("Agg")


def test_gate_review_updates_live():
    d = pm.widgets.gate_review(idea="N08")
    assert d.error is None
    assert "Decision: RECYCLE" in d.summary and "financial_reward scored 2" in d.summary
    png, n = d.figure_png, d.updates
    d.controls["financial_reward"].value = 7
    assert "Decision: GO" in d.summary and "score 6.73" in d.summary
    assert "above the line" in d.summary
    assert d.figure_png != png and d.updates > n
    d.controls["p_technical"].value = 0.3
    assert "- 200 k$) x 0.30) - 300 k$ = " in d.summary
    ecv = pm.stagegate.ecv(1400, 0.6, 0.3, 200, 300)
    assert f"= {ecv:,.0f} k$" in d.summary
    d.controls["resources_available"].value = False
    assert "Decision: HOLD" in d.summary
    d.controls["strategic_fit"].value = 0
    d.controls["market_attractiveness"].value = 0
    d.controls["product_advantage"].value = 0
    assert "Decision: KILL" in d.summary and "not eligible" in d.summary


def test_gate_review_switching_project_loads_its_scorecard():
    d = pm.widgets.gate_review(idea="N08")
    n = d.updates
    d.controls["idea"].value = "N10"
    assert d.updates == n + 1  # the sliders follow quietly: one redraw, not one per slider
    assert d.controls["financial_reward"].value == 2
    assert d.controls["p_technical"].value == pytest.approx(0.4)
    assert "N10 Drone delivery pilot" in d.summary
    assert "knock-out failed: business_case_approved" in d.summary
    d.controls["idea"].value = "N09"
    assert "Decision: HOLD" in d.summary


def test_gate_review_defaults_and_unknown_ids():
    d = pm.widgets.gate_review()
    budget = pm.datasets.load("policies").set_index("setting").loc["development_budget", "value"]
    assert f"Funding line ({budget:,.0f} k$" in d.summary
    assert d.controls["idea"].value == pm.datasets.load("pipeline")["id"].iloc[0]
    with pytest.raises(ValueError, match="N99"):
        pm.widgets.gate_review(idea="N99")
    assert "Projects with a Go, in ECV/D order" in d.last_view.table_html


def test_gate_review_own_data():
    pipe = pm.datasets.load("pipeline").head(5)
    d = pm.widgets.gate_review(pipe, idea="N03", budget=500)
    assert "N03" in d.summary and "of 5 by ECV/D" in d.summary


def _png(ax):
    ax.figure.canvas.draw()
    return ax


def test_figures_have_titles_labels_legends():
    pipe = pm.datasets.load("pipeline")
    m = pm.stagegate.cooper_model()
    risks = pm.datasets.load("risks")
    h = pm.datasets.load("gate_history")
    axes = [
        pm.plots.gate_scorecard(pipe.set_index("id").loc["N08"], m.gate(3)),
        pm.plots.pipeline_funnel(pm.stagegate.funnel(62, pm.stagegate.observed_pass_rates(h),
                                                     h.groupby("gate")["stage_cost"].mean())),
        pm.plots.ecv_vs_npv(pm.stagegate.rank_by_ecv(pipe, budget=3000), highlight="N06"),
        pm.plots.decision_tree_diagram(pm.stagegate.staged_funding([10, 50], [0.5, 0.6], 400).tree),
        pm.plots.pi_matrix(risks),
        pm.plots.risk_cost_histogram(pm.risk.monte_carlo(risks, n=2000, seed=0), reserve=1200),
    ]
    for ax in axes:
        _png(ax)
        assert ax.get_title()
        assert ax.get_xlabel()
        assert ax.get_legend() is not None


def test_plots_accept_ax_and_return_it():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    out = pm.plots.risk_cost_histogram(np.array([0.0, 10.0, 20.0]), ax=ax)
    assert out is ax


def test_plot_bad_input():
    with pytest.raises(ValueError, match="Funnel"):
        pm.plots.pipeline_funnel([1, 2, 3])
    with pytest.raises(ValueError, match="rank_by_ecv"):
        pm.plots.ecv_vs_npv(pm.datasets.load("pipeline"))
