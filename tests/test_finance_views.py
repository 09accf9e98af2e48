"""Finance figures and the business-case widget: they draw what pmlib computes and react to controls."""

from __future__ import annotations

import functools

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import pmlib as pm  # noqa: E402

f = pm.finance
CF = pm.datasets.load("cashflows")
P11 = CF[CF.project_id == "P11"]
COSTS, BENEFITS = P11.cost.to_numpy(), P11.benefit.to_numpy()


def _sensitivity():
    model = functools.partial(f.scenario_npv, costs=COSTS, benefits=BENEFITS)
    return f.sensitivity(model, {"rate": 0.08, "cost_scale": 1.0, "benefit_scale": 1.0}, change=0.2)


def test_tornado_bars_sorted_and_labelled():
    table = _sensitivity()
    ax = pm.plots.tornado(table)
    assert ax.get_title() and "NPV" in ax.get_xlabel() and "k$" in ax.get_xlabel()
    labels = [t.get_text().split("\n")[0] for t in ax.get_yticklabels()]
    assert labels[-1] == table["input"].iloc[0]  # widest swing on top
    widths = sorted(abs(p.get_width()) for p in ax.patches)
    assert widths[-1] == pytest.approx(max(abs(table["high"] - table["base"]).max(), abs(table["low"] - table["base"]).max()))
    assert len(ax.get_legend().get_texts()) == 3
    with pytest.raises(ValueError, match="missing column"):
        pm.plots.tornado(table.drop(columns="low"))


def test_npv_profile_marks_irr_and_crossover():
    options = f.net_cashflows(pm.datasets.load("investment_options"), id="option_id").loc[["P11-A", "P11-B"]]
    ax = pm.plots.npv_profile(options, hurdle=0.08)
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("IRR 21.5%") for t in texts)
    assert any(t.startswith("IRR 37.0%") for t in texts)
    assert any(t.startswith("crossover 14.4%") for t in texts)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["P11-A", "P11-B", "hurdle rate 8%"]
    line = ax.get_lines()[0]
    x, y = line.get_data()
    assert y[0] == pytest.approx(f.npv(x[0], options.loc["P11-A"].to_numpy()))


def test_cumulative_cashflow_ends_at_npv():
    flows = BENEFITS - COSTS
    ax = pm.plots.cumulative_cashflow(flows, rate=0.08, label="P11")
    disc = [ln for ln in ax.get_lines() if "discounted" in ln.get_label()][0]
    assert disc.get_ydata()[-1] == pytest.approx(f.npv(0.08, flows))
    assert any("discounted payback 5.0" in t.get_text() for t in ax.texts)
    assert "k$" in ax.get_ylabel()


def test_npv_distribution_shades_losses():
    sim = f.monte_carlo_npv(COSTS, BENEFITS, ranges={"cost_scale": (0.95, 1.0, 1.4), "benefit_scale": (0.6, 1.0, 1.1)},
                            n=5_000, seed=2)
    ax = pm.plots.npv_distribution(sim)
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert f"P = {sim.p_negative:.1%}" in legend
    assert sum(p.get_height() for p in ax.patches) == pytest.approx(1.0)
    ax2 = pm.plots.npv_distribution(sim.npv)  # a plain array works too
    assert ax2.get_xlabel().startswith("NPV")


def test_business_case_widget_reacts_to_every_control():
    d = pm.widgets.business_case_explorer(project="P07")
    assert d.summary.startswith("P07 Personalisation engine")
    assert "NPV 1,445 k$" in d.summary
    png, text = d.figure_png, d.summary
    d.controls["rate"].value = 0.15
    assert d.summary != text and d.figure_png != png
    expected = f.npv(0.15, f.net_cashflows().loc["P07"].to_numpy())
    assert f"NPV {expected:,.0f} k$" in d.summary
    d.controls["project"].value = "P11"
    d.controls["rate"].value = 0.08
    assert "NPV 1,822 k$" in d.summary
    d.controls["cost_overrun"].value = 0.3
    npv_overrun = f.scenario_npv(0.08, COSTS, BENEFITS, cost_scale=1.3)
    assert f"NPV {npv_overrun:,.0f} k$" in d.summary
    d.controls["ramp_up"].value = 2
    npv_ramp = f.scenario_npv(0.08, COSTS, BENEFITS, cost_scale=1.3, ramp_up=2)
    assert f"NPV {npv_ramp:,.0f} k$" in d.summary
    d.controls["benefit_change"].value = -0.2
    d.controls["delay"].value = 1
    npv_all = f.scenario_npv(0.08, COSTS, BENEFITS, cost_scale=1.3, benefit_scale=0.8, ramp_up=2, delay=1)
    assert f"NPV {npv_all:,.0f} k$" in d.summary
    assert "destroys value" in d.summary
    assert d.error is None and d.updates >= 7


def test_business_case_widget_defaults_come_from_data_and_unknown_ids_are_errors():
    d = pm.widgets.business_case_explorer()
    hurdle = pm.datasets.load("policies").set_index("setting").loc["hurdle_rate", "value"]
    assert d.controls["rate"].value == hurdle and d.controls["project"].value == f.net_cashflows().index[0]
    n = d.updates
    d.controls["project"].value = "P11"
    assert d.updates == n + 1  # one redraw per change
    with pytest.raises(ValueError, match="P99"):
        pm.widgets.business_case_explorer(project="P99")
    assert all(c.description and "_" not in c.description for c in d.controls.values())


def test_business_case_widget_on_own_data():
    import pandas as pd

    own = pd.DataFrame({"project_id": ["X"] * 3, "year": [0, 1, 2], "cost": [100.0, 0, 0], "benefit": [0.0, 70, 70]})
    d = pm.widgets.business_case_explorer(own, project="X")
    assert d.summary.startswith("X X")
    assert f"NPV {f.npv(0.08, [-100, 70, 70]):,.0f} k$" in d.summary
    assert np.isfinite(float(d.summary.split("IRR ")[1].split("%")[0]))
