"""The earned value dashboard and figures: driven through their controls, figures change."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import pmlib as pm


def test_status_month_slider_steps_through_history():
    d = pm.widgets.evm_status()
    assert d.controls["project"].value == "P25"
    assert "status at month 18" in d.summary and "SV(t) -4.00 months" in d.summary
    assert "Work complete" in d.summary and "n/a (work complete)" in d.summary
    png = d.figure_png
    d.controls["month"].value = 10
    assert "status at month 10 (Nov 2024)" in d.summary
    assert "TCPI to finish on BAC 1.21 against a CPI of 0.89 so far" in d.summary
    assert "TCPI 1.21 against a CPI of 0.89" in d.summary  # the verdict judges it against the CPI
    assert d.figure_png != png and d.error is None


def test_project_switch_moves_the_slider_range():
    d = pm.widgets.evm_status()
    n = d.updates
    d.controls["project"].value = "P17"
    assert d.updates == n + 1  # the month slider follows quietly: one redraw
    month = d.controls["month"]
    assert (month.min, month.max, month.value) == (1, 17, 17)
    assert d.summary.startswith("P17: ERP upgrade") and "RED" in d.summary
    d.controls["project"].value = "P03"
    assert (d.controls["month"].max, d.controls["month"].value) == (2, 2)
    assert d.error is None


def test_remaining_work_cpi_drives_the_forecast():
    d = pm.widgets.evm_status(project="P17")
    t = pm.evm.latest_status(pm.datasets.load("status_periods")).loc["P17"]
    assert f"EAC {t.eac:,.1f} k$" in d.summary  # typical
    png = d.figure_png
    d.controls["forecast"].value = "custom"
    d.controls["remaining_cpi"].value = 0.7
    expected = pm.evm.eac_with_factor(ev=t.ev, ac=t.ac, bac=t.bac, factor=0.7)
    assert f"EAC {expected:,.1f} k$" in d.summary and "CPI 0.70" in d.summary
    assert d.figure_png != png
    d.controls["forecast"].value = "atypical"
    assert f"EAC {t.eac_atypical:,.1f} k$" in d.summary
    assert "AC + (BAC - EV) (atypical)" in d.last_view.table_html


def test_widget_on_own_data_and_does_not_modify_it():
    own = pd.DataFrame({"pv": [100, 250, 400, 500], "ev": [90, 200, 330, None], "ac": [100, 230, 380, None]})
    before = own.copy()
    d = pm.widgets.evm_status(own)
    assert "status at month 3" in d.summary
    pd.testing.assert_frame_equal(own, before)
    with pytest.raises(ValueError, match="unknown project"):
        pm.widgets.evm_status(own, project="X")


def test_plots_return_labelled_axes():
    sp = pm.datasets.load("status_periods")
    cp = pm.datasets.load("completed_status_periods")
    ax = pm.plots.evm_s_curve(sp, project="P06")
    assert "P06" in ax.get_title() and "k$" in ax.get_ylabel()
    assert any("forecast: EAC" in t.get_text() for t in ax.get_legend().get_texts())
    ax = pm.plots.performance_trend(cp)
    assert {"CPI = EV / AC", "SPI(t) = ES / AT"} <= {t.get_text() for t in ax.get_legend().get_texts()}
    ax = pm.plots.schedule_variance_trend(cp)
    assert "k$" in ax.get_ylabel() and "months" in ax.right_ax.get_ylabel()
    lo, hi = ax.get_ylim()
    rlo, rhi = ax.right_ax.get_ylim()
    assert -lo / (hi - lo) == pytest.approx(-rlo / (rhi - rlo))  # zero at the same height
    ax = pm.plots.cpi_spi_quadrant(sp)
    assert {t.get_text() for t in ax.texts} >= {"P17", "P19", "P20", "P06"}
    _, given = plt.subplots()
    assert pm.plots.cpi_spi_quadrant(pm.evm.latest_status(sp), ax=given) is given
    with pytest.raises(ValueError, match="pick one with project="):
        pm.plots.evm_s_curve(sp)
    with pytest.raises(ValueError, match="status_period 30"):
        pm.plots.evm_s_curve(sp, project="P06", status_period=30)
