"""Gate review: move one project's scorecard and probabilities -> decision, reasons, ECV and rank."""

from __future__ import annotations

import html

import ipywidgets as W

from .. import datasets
from .. import stagegate as sg
from .._validate import Real, as_frame, require_known_ids
from ._base import Dashboard, View
from ._figure import lean_axes
from .finance import _policy

__all__ = ["gate_review"]


def gate_review(pipeline=None, idea: str | None = None, model: sg.StageGateModel | None = None,
                budget: float | None = None) -> Dashboard:
    """A live gate review of one pipeline project.

    Pick a project, then move its six scorecard sliders, its probabilities of technical and
    commercial success and whether resources are free. The text shows the gate's decision
    (Go / Kill / Hold / Recycle) with the reasons, the ECV and its rank in the pipeline by ECV/D
    (Cooper's productivity index) and whether it falls above the funding line of ``budget`` k$ of
    development money; the chart is the scorecard against the pass mark, and the table the
    projects with a Go in ECV/D order with the funding line.

    Parameters
    ----------
    pipeline : DataFrame, optional
        Defaults to ``pm.datasets.load("pipeline")``; your own table needs the same columns.
    idea : str, optional
        Id of the project shown first (default: the first row). An unknown id is an error.
    model : StageGateModel, optional
        Defaults to :func:`pmlib.stagegate.cooper_model`.
    budget : float, optional
        Development budget (k$) for the ECV/D funding line (default: the organisation's
        ``development_budget`` in ``policies.csv``).

    >>> d = gate_review(idea="N08")
    >>> d.controls["financial_reward"].value = 6
    >>> d.summary.splitlines()[1]
    'Decision: GO'
    """
    from ..plots.stagegate import gate_scorecard, update_gate_scorecard

    pipe = datasets.load("pipeline") if pipeline is None else as_frame(pipeline, "pipeline")
    model = model or sg.cooper_model()
    budget = _policy("development_budget") if budget is None else Real(ge=0).convert(budget, "budget")
    by_id = pipe.set_index("id")
    idea = str(by_id.index[0]) if idea is None else idea
    require_known_ids([idea], by_id.index, "idea", what="pipeline project")
    base_decisions = sg.evaluate_pipeline(pipe, model)["decision"]  # the other projects do not move
    ranked_cache: dict = {}
    funding_cache: dict = {}
    drawn: dict = {}  # the gate whose scorecard the Axes shows

    style, wide = {"description_width": "170px"}, W.Layout(width="400px")
    controls: dict[str, W.Widget] = {
        "idea": W.Dropdown(options=[(f"{i}: {n} (gate {g})", i) for i, n, g in
                                    zip(pipe["id"], pipe["name"], pipe["gate"], strict=True)],
                           value=idea, description="Project", layout=W.Layout(width="470px"),
                           style={"description_width": "70px"}),
        "resources_available": W.Checkbox(value=bool(by_id.loc[idea, "resources_available"]),
                                          description="resources free for the next stage"),
    }
    for c in sg.SCORECARD:
        controls[c] = W.IntSlider(value=int(by_id.loc[idea, c]), min=0, max=10, step=1, style=style, layout=wide,
                                  description=c.replace("_", " "), continuous_update=False)
    for c, label in (("p_technical", "P(technical success)"), ("p_commercial", "P(commercial success)")):
        controls[c] = W.FloatSlider(value=float(by_id.loc[idea, c]), min=0.0, max=1.0, step=0.05, style=style,
                                    description=label, readout_format=".2f", layout=wide, continuous_update=False)
    fig, ax = lean_axes(7.4, 3.8, left=0.3, right=0.97, bottom=0.33, top=0.91)

    def ranking(idea, p_technical, p_commercial):
        """ECV ranks of the whole pipeline with this project's probabilities (cached: sliders come back)."""
        own = (float(by_id.loc[idea, "p_technical"]), float(by_id.loc[idea, "p_commercial"]))
        key = "as in the data" if (p_technical, p_commercial) == own else (idea, p_technical, p_commercial)
        if key not in ranked_cache:
            table = pipe.assign(p_technical=pipe["p_technical"].where(pipe["id"] != idea, p_technical),
                                p_commercial=pipe["p_commercial"].where(pipe["id"] != idea, p_commercial))
            if len(ranked_cache) > 256:
                ranked_cache.clear()
            ranked_cache[key] = (table, sg.rank_by_ecv(table, budget=budget))
        return ranked_cache[key]

    def render(idea, resources_available, p_technical, p_commercial, **scores):
        row = by_id.loc[idea]
        gate = model.gate(int(row["gate"]))
        verdict = sg.evaluate_gate({"id": idea, **{k: row[k] for k in gate.must_meet}, **scores,
                                    "resources_available": resources_available}, gate)
        _, ranked = ranking(idea, p_technical, p_commercial)
        me = ranked.loc[idea]
        # Cooper: the gates kill first; the survivors with a Go compete for the budget by ECV/D
        go, funded, table_html = funding(idea, verdict["decision"], p_technical, p_commercial)
        if verdict["decision"] != "Go":
            line = f"not eligible: a project needs a Go before it competes for the budget ({len(go)} have one)"
        elif funded.loc[idea, "funded"]:
            line = f"above the line: funded (among the {len(go)} projects with a Go)"
        else:
            line = f"below the line: not funded (among the {len(go)} projects with a Go)"
        text = (
            f"{idea} {row['name']}: gate {gate.number} '{gate.name}'\n"
            f"Decision: {verdict['decision'].upper()}\n"
            f"Why: {verdict['reasons']}\n"
            f"Weighted score {verdict['score']:.2f} / 10 (pass mark {gate.pass_mark:g}, kill mark {gate.kill_mark:g})\n"
            f"ECV = (({row['npv']:,.0f} k$ x {p_commercial:.2f} - {row['launch_cost']:,.0f} k$) x {p_technical:.2f})"
            f" - {row['development_cost']:,.0f} k$ = {me['ecv']:,.0f} k$; ECV/D = {me['productivity_index']:.2f}\n"
            f"Rank in the pipeline: {int(me['rank_pi'])} of {len(ranked)} by ECV/D, {int(me['rank_ecv'])} by ECV, "
            f"{int(me['rank_npv'])} by the unadjusted NPV - C - D\n"
            f"Funding line ({budget:,.0f} k$ of development, ECV/D order): {line}"
        )
        card = {**{k: row[k] for k in gate.must_meet}, **scores}
        if drawn.get("gate") is gate:  # same gate: move the bars and the score line, keep the rest
            update_gate_scorecard(ax, card, gate)
        else:
            ax.clear()
            gate_scorecard(card, gate, ax=ax)
            drawn["gate"] = gate
        return View(text, fig, table_html)

    def funding(idea, decision, p_technical, p_commercial):
        """The projects with a Go, ranked by ECV/D with the funding line (cached: a slider that does
        not flip this project's decision changes neither)."""
        own = (float(by_id.loc[idea, "p_technical"]), float(by_id.loc[idea, "p_commercial"]))
        as_in_data = (p_technical, p_commercial) == own and decision == base_decisions[idea]
        key = "as in the data" if as_in_data else (idea, decision, p_technical, p_commercial)
        if key not in funding_cache:
            table, ranked = ranking(idea, p_technical, p_commercial)
            decisions = base_decisions.copy()
            decisions[idea] = decision
            go = decisions.index[decisions == "Go"]
            funded = sg.rank_by_ecv(table[table["id"].isin(go)], budget=budget) if len(go) else ranked.iloc[:0]
            shown = funded.assign(name=by_id.loc[funded.index, "name"])[
                ["name", "ecv", "productivity_index", "development_cost", "cumulative_cost", "funded"]]
            shown.columns = ["project", "ECV (k$)", "ECV / D", "development (k$)", "cumulative (k$)", "funded"]
            body = shown.to_html(float_format=lambda v: f"{v:,.2f}" if abs(v) < 10 else f"{v:,.0f}", border=0)
            if len(funding_cache) > 256:
                funding_cache.clear()
            funding_cache[key] = (go, funded, "<div style='font-size:12px'><b>Projects with a Go, in ECV/D "
                                              f"order</b>{html.unescape(body)}</div>")
        return funding_cache[key]

    def sync(change):
        """A new project: load its scorecard into the sliders quietly; the dashboard then redraws once."""
        r = by_id.loc[change["new"]]
        with dash.hold():
            controls["resources_available"].value = bool(r["resources_available"])
            for c in sg.SCORECARD:
                controls[c].value = int(r[c])
            controls["p_technical"].value = float(r["p_technical"])
            controls["p_commercial"].value = float(r["p_commercial"])

    controls["idea"].observe(sync, names="value")  # before the dashboard's own observer
    dash = Dashboard(controls, render, title="Gate review: Go, Kill, Hold or Recycle?", columns=2)
    return dash
