"""Figures, widgets and exercises of the levels lesson."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import pmlib as pm  # noqa: E402
from pmlib import levels  # noqa: E402
from pmlib.errors import InputError  # noqa: E402
from pmlib.exercises import ____  # noqa: E402
from pmlib.exercises import levels_of_management as ex  # noqa: E402
from pmlib.plots import levels as plots  # noqa: E402
from pmlib.widgets import levels as widgets  # noqa: E402


# --- figures ---------------------------------------------------------------------------------------
def _labelled(ax, legend=True):
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    if legend:
        assert ax.get_legend() is not None


def test_figures_are_labelled():
    _labelled(plots.portfolio_structure())
    _labelled(plots.time_horizons_chart(levels.time_horizons("P12")))
    _labelled(plots.product_lifecycle())
    ax = plots.decision_confusion(levels.score_answers({"D01": "project", "D17": "program"}))
    _labelled(ax, legend=False)  # a heatmap: the colour bar is its key
    assert "1 of 2 right" in ax.get_title()


def test_figures_draw_on_a_given_axes():
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2)
    assert plots.product_lifecycle(ax=axes[1]) is axes[1]
    assert plots.portfolio_structure(levels.hierarchy(), ax=axes[0]) is axes[0]


def test_right_vs_well_quadrants():
    data = pd.DataFrame({"id": ["A", "B", "C"], "alignment": [1.0, 3.0, 4.0], "cpi": [0.8, 1.1, 0.9],
                         "bac": [100.0, 200.0, 300.0]})
    before = data.copy()
    ax = plots.right_vs_well(data)
    _labelled(ax)
    pd.testing.assert_frame_equal(data, before)
    texts = {t.get_text() for t in ax.texts}
    assert {"A", "B", "C", "wrong project, badly done: zombie?"} <= texts
    with pytest.raises(pm.errors.MissingColumnError, match="spi"):
        plots.right_vs_well(data, y="spi")


def test_product_lifecycle_rejects_empty():
    with pytest.raises(ValueError, match="empty"):
        plots.product_lifecycle(pm.datasets.load("product_kpis").iloc[:0])


# --- the sorter widget ---------------------------------------------------------------------------
def test_level_sorter_gives_feedback_and_keeps_score():
    d = widgets.level_sorter()
    assert "Which level decides this?" in d.summary and d.figure_png == b""
    d.controls["level"].value = "project"
    assert "Correct: the project level decides this." in d.summary
    assert "1 of 1 right" in d.summary and d.figure_png.startswith(b"\x89PNG")
    first_png = d.figure_png
    d.controls["decision"].value = "D18"
    assert d.controls["level"].value is None  # a new statement clears the pick
    assert "D18:" in d.summary and d.answers == {"D01": "project"}
    d.controls["level"].value = "project"
    assert "Not the project level: the portfolio level decides this." in d.summary
    assert "1 of 2 right" in d.summary and d.figure_png != first_png
    assert d.error is None


def test_level_sorter_on_own_statements():
    mine = [{"id": "Q1", "statement": "Pick the font of the status report", "level": "project", "reason": "r1"},
            {"id": "Q2", "statement": "Fund the new line", "level": "portfolio", "reason": "r2"}]
    d = widgets.level_sorter(mine, start="Q2")
    d.controls["level"].value = "portfolio"
    assert "Correct" in d.summary and "1 of 2 statements answered" in d.summary
    with pytest.raises(pm.errors.UnknownIdError, match="Q9"):
        widgets.level_sorter(mine, start="Q9")


# --- exercises -----------------------------------------------------------------------------------
def _namespace():
    return {"pm": pm, "SORT_IDS": ex.SORT_IDS, "METRIC_CHOICES": ex.METRIC_CHOICES,
            "HOME_PROJECTS": ex.HOME_PROJECTS, "status": pm.datasets.load("status_periods"),
            "outcomes": pm.datasets.load("project_outcomes"), "benefits": pm.datasets.load("benefits"),
            "realisation": pm.datasets.load("benefit_realisation"), "demand": pm.datasets.load("staff_demand"),
            "resources": pm.datasets.load("resources")}


def test_exercise_set_has_at_least_ten_questions():
    assert len(ex.EXERCISES) >= 10
    assert [q.name for q in ex.EXERCISES][:3] == ["q1", "q2", "q3"]


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_each_solution_is_accepted(q):
    ns = _namespace()
    exec(q.solution_code, ns)
    assert q.evaluate(ns).correct, q.evaluate(ns)


WRONG = {
    "q1": {"level_d09": "project"},
    "q2": {"level_d21": "program"},
    "q3": {"level_d02": "portfolio"},
    "q4": {"level_d26": "portfolio"},
    "q5": {"sorting": {"D04": "program", "D11": "program", "D20": "portfolio", "D30": "product", "D07": "project"}},
    "q6": {"portfolio_metrics": ["npv", "irr", "cpi"]},
    "q7": {"program_credential": "PMP"},
    "q8": {"added_channels": 66},
    "q9": {"ds_shortfall": 0.25},
    "q10": {"pla_cagr": 0.315},  # total growth over four years instead of the yearly rate
    "q11": {"home_cpi": 1.0},
    "q12": {"crm_outcome": ex.CRM_CHOICES[0]},
}


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_each_question_tells_wrong_from_right(q):
    ns = _namespace()
    ns.update(WRONG[q.name])
    result = q.evaluate(ns)
    assert result.status == "incorrect", result
    assert result.message
    blank = _namespace()
    blank.update({v: ____ for v in q.variables})
    assert q.evaluate(blank).status == "not_attempted"


def test_exercise_answers_follow_the_data():
    ns = _namespace()
    exec(ex.q11.solution_code, ns)
    now = ns["status"][ns["status"]["date"] == pm.datasets.STATUS_DATE].set_index("project_id")
    project_cpis = (now["ev"] / now["ac"]).loc[list(ex.HOME_PROJECTS)]
    # the roll-up from sums differs visibly from the average of the project indices
    assert abs(ns["home_cpi"] - project_cpis.mean()) > 0.005
    assert ex.q8.answer == 38
    assert ex.q12.answer == ex.CRM_CHOICES[1]


def test_sorting_question_handles_odd_answers():
    ns = _namespace()
    for value, phrase in (("project", "dict"), ({"D04": "project"}, "4 of the five"),
                          ({i: "team" for i in ex.SORT_IDS}, "not one of")):
        ns["sorting"] = value
        r = ex.q5.evaluate(ns)
        assert not r.correct and phrase in r.message


# --- the organisation at four levels -----------------------------------------------------------------
def test_project_view_uses_evm_and_cpm():
    v = levels.project_view("P01")
    sp = pm.datasets.load("status_periods")
    now = sp[(sp["project_id"] == "P01") & (sp["date"] == pm.datasets.STATUS_DATE)].iloc[0]
    assert v.figures.cpi == pytest.approx(now["ev"] / now["ac"])
    assert v.figures.spi == pytest.approx(now["ev"] / now["pv"])
    assert v.figures.network_duration == pytest.approx(pm.schedule.cpm(pm.datasets.load("activities")).duration)
    assert "CPI 0.87" in v.text and "critical path" in v.text
    assert "network" not in levels.project_view("P19").text.lower()  # no activity network for P19
    with pytest.raises(pm.errors.UnknownIdError, match="P07"):
        levels.project_view("P07")  # a candidate: no status yet


def test_program_view_rolls_up_from_sums():
    v = levels.program_view("PG-HOME")
    sp = pm.datasets.load("status_periods")
    now = sp[sp["project_id"].isin(["P01", "P02", "P03", "P04", "P05"]) & (sp["date"] == pm.datasets.STATUS_DATE)]
    assert v.figures.cpi == pytest.approx(now["ev"].sum() / now["ac"].sum())
    assert v.figures.cpi_average == pytest.approx((now["ev"] / now["ac"]).mean())
    assert "from the sums" in v.text and "6,500 k$" in v.text


def test_portfolio_view_respects_budget_and_strategy():
    v = levels.portfolio_view(4500)
    assert v.figures.total_cost <= 4500 and "P16" in v.figures.selected  # compliance is a must-fund
    assert v.table["alignment"].is_monotonic_decreasing
    assert set(v.figures.zombies) == {"P17", "P19", "P20"}
    bigger = levels.portfolio_view(9000)
    assert bigger.figures.total_npv >= v.figures.total_npv
    with pytest.raises(InputError, match="value = 'irr'"):
        levels.portfolio_view(4500, value="irr")


def test_product_view():
    v = levels.product_view("PL-C")
    assert v.figures.strategy == "sunset" and "P20" in v.figures.projects and "P23" in v.figures.projects
    assert "no sales yet" in levels.product_view("PL-D").text


def test_level_switcher_redraws_each_level():
    d = widgets.level_switcher()
    assert d.summary.startswith("PROJECT P01") and d.figure_png
    seen = {d.figure_png}
    for level, head in (("program", "PROGRAM PG-HOME"), ("portfolio", "PORTFOLIO"), ("product", "PRODUCT LINE PL-A")):
        d.controls["level"].value = level
        assert d.summary.startswith(head), d.summary
        assert d.error is None and d.figure_png not in seen
        seen.add(d.figure_png)
    d.controls["focus"].value = "PL-C"
    assert "sunset" in d.summary
    d.controls["level"].value = "portfolio"
    before = d.summary
    d.controls["focus"].value = "3000"
    assert d.summary != before and "budget of 3,000 k$" in d.summary
    d.controls["level"].value = "project"
    d.controls["focus"].value = "P19"
    assert d.summary.startswith("PROJECT P19") and "RED" in d.summary


def test_view_figures():
    ax = plots.portfolio_selection_chart(levels.portfolio_view(6000).table)
    _labelled(ax)
    _labelled(plots.product_lifecycle(highlight="PL-A"))


def test_level_switcher_rejects_unknown_level():
    with pytest.raises(ValueError, match="'team'.*project, program, portfolio, product"):
        widgets.level_switcher("team")


def test_level_switcher_redraws_once_per_change():
    d = widgets.level_switcher()
    for level in ("portfolio", "product", "program"):
        before = d.updates
        d.controls["level"].value = level
        assert d.updates == before + 1


def test_level_sorter_redraws_once_per_new_statement():
    d = widgets.level_sorter()
    d.controls["level"].value = "project"
    before = d.updates
    d.controls["decision"].value = "D05"
    assert d.updates == before + 1 and d.controls["level"].value is None


def test_level_view_chart_draws_each_level():
    import matplotlib

    matplotlib.use("Agg")
    views = [levels.project_view("P01"), levels.program_view("PG-HOME"), levels.portfolio_view(),
             levels.product_view("PL-C")]
    for view in views:
        ax = pm.plots.level_view_chart(view)
        assert ax.get_title() and (ax.get_xlabel() or ax.get_ylabel())
    with pytest.raises(ValueError, match="LevelView"):
        pm.plots.level_view_chart(pd.DataFrame())


def test_widgets_start_where_the_lessons_stand():
    board = pm.widgets.portfolio_dashboard()
    assert board.controls["budget"].value == pm.portfolio.funding_scenario("fy2027_plan").budget
    assert board.controls["budget"].description == "Budget (k$)"
    assert {c.description for k, c in board.controls.items() if k.startswith("w_")} == set(
        pm.datasets.load("strategic_objectives")["name"])
    assert "P16" in board.summary and "6,000 k$" in board.summary
    ripple = pm.widgets.program_ripple(project="P05")
    assert ripple.controls["project"].value == "P05" and "PG-HOME" in ripple.summary
    switcher = pm.widgets.level_switcher("project", focus="P01")
    assert "P01" in switcher.summary and "SPI(t)" in switcher.summary
