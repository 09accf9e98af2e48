"""Gate review: move one project's scorecard and probabilities -> decision, reasons, ECV and rank."""

from __future__ import annotations

import ipywidgets as W

from .. import datasets
from .. import stagegate as sg
from ._base import Dashboard, View

__all__ = ["gate_review"]


def gate_review(pipeline=None, idea: str = "N08", model: sg.StageGateModel | None = None,
                budget: float = 3000.0) -> Dashboard:
    """A live gate review of one pipeline project.

    Pick a project, then move its six scorecard sliders, its probabilities of technical and
    commercial success and whether resources are free. The text shows the gate's decision
    (Go / Kill / Hold / Recycle) with the reasons, the ECV and its rank in the pipeline by
    ECV/D (Cooper's productivity index) and whether it falls above the funding line of
    ``budget`` k$ of development money. The chart shows the scorecard against the pass mark
    and the whole pipeline's ECV next to its unadjusted business case.

    Parameters
    ----------
    pipeline : DataFrame, optional
        Defaults to ``pm.datasets.load("pipeline")``; your own table needs the same columns.
    idea : str
        Id of the project shown first.
    model : StageGateModel, optional
        Defaults to :func:`pmlib.stagegate.cooper_model`.
    budget : float
        Development budget (k$) for the ECV/D funding line.
    """
    import matplotlib.pyplot as plt

    from ..plots.stagegate import ecv_vs_npv, gate_scorecard

    pipe = datasets.load("pipeline") if pipeline is None else pipeline.copy()
    model = model or sg.cooper_model()
    by_id = pipe.set_index("id")
    if idea not in by_id.index:
        idea = str(by_id.index[0])
    criteria = list(sg.SCORECARD)

    slider_style = {"description_width": "150px"}
    controls: dict[str, W.Widget] = {
        "idea": W.Dropdown(options=[(f"{i}: {n} (gate {g})", i) for i, n, g in
                                    zip(pipe["id"], pipe["name"], pipe["gate"], strict=True)],
                           value=idea, description="Project", layout=W.Layout(width="460px"),
                           style={"description_width": "70px"}),
        "resources_available": W.Checkbox(value=bool(by_id.loc[idea, "resources_available"]),
                                          description="resources free for the next stage"),
    }
    for c in criteria:
        controls[c] = W.IntSlider(value=int(by_id.loc[idea, c]), min=0, max=10, step=1,
                                  description=c.replace("_", " "), style=slider_style,
                                  layout=W.Layout(width="400px"))
    for c, label in (("p_technical", "P(technical success)"), ("p_commercial", "P(commercial success)")):
        controls[c] = W.FloatSlider(value=float(by_id.loc[idea, c]), min=0.0, max=1.0, step=0.05,
                                    description=label, readout_format=".2f", style=slider_style,
                                    layout=W.Layout(width="400px"))

    def render(idea, resources_available, p_technical, p_commercial, **scores):
        row = by_id.loc[idea].copy()
        for c in criteria:
            row[c] = scores[c]
        row["p_technical"], row["p_commercial"] = p_technical, p_commercial
        row["resources_available"] = resources_available
        gate = model.gate(int(row["gate"]))
        verdict = sg.evaluate_gate({"id": idea, **{k: row[k] for k in gate.criteria},
                                    "resources_available": resources_available}, gate)
        table = pipe.copy()
        mask = table["id"] == idea
        table.loc[mask, ["p_technical", "p_commercial"]] = [p_technical, p_commercial]
        for c in criteria:
            table.loc[mask, c] = scores[c]
        table["resources_available"] = table["resources_available"].astype(object)
        table.loc[mask, "resources_available"] = bool(resources_available)
        ranked = sg.rank_by_ecv(table, budget=budget)
        me = ranked.loc[idea]
        # Cooper: the gates kill first; the survivors with a Go compete for the budget by ECV/D
        decisions = sg.evaluate_pipeline(table, model)["decision"]
        go_ids = decisions.index[decisions == "Go"]
        funded_go = sg.rank_by_ecv(table[table["id"].isin(go_ids)], budget=budget)["funded"]
        if verdict["decision"] != "Go":
            line = f"not eligible: a project needs a Go before it competes for the budget ({len(go_ids)} have one)"
        elif funded_go.get(idea, False):
            line = f"above the line: funded (among the {len(go_ids)} projects with a Go)"
        else:
            line = f"below the line: not funded (among the {len(go_ids)} projects with a Go)"
        value = sg.ecv(npv=row["npv"], p_commercial=p_commercial, p_technical=p_technical,
                       launch_cost=row["launch_cost"], development_cost=row["development_cost"])
        n = len(ranked)
        text = (
            f"{idea} {row['name']}: gate {gate.number} '{gate.name}'\n"
            f"Decision: {verdict['decision'].upper()}\n"
            f"Why: {verdict['reasons']}\n"
            f"Weighted score {verdict['score']:.2f} / 10 (pass mark {gate.pass_mark:g}, kill mark {gate.kill_mark:g})\n"
            f"ECV = (({row['npv']:,.0f} x {p_commercial:.2f} - {row['launch_cost']:,.0f}) x {p_technical:.2f})"
            f" - {row['development_cost']:,.0f} = {value:,.0f} k$; ECV/D = {me['productivity_index']:.2f}\n"
            f"Rank in the pipeline: {int(me['rank_pi'])} of {n} by ECV/D, {int(me['rank_ecv'])} by ECV, "
            f"{int(me['rank_npv'])} by the unadjusted NPV - C - D\n"
            f"Funding line ({budget:,.0f} k$ of development, ECV/D order): {line}"
        )
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 6), layout="constrained",
                                       gridspec_kw={"width_ratios": [1, 1.2]})
        gate_scorecard({c: row[c] for c in gate.criteria}, gate, ax=ax1)
        ecv_vs_npv(ranked, highlight=idea, budget_note=False, ax=ax2,
                   title="Pipeline: ECV vs unadjusted business case (ECV/D order)")
        return View(text, fig)

    dash = Dashboard(controls, render, title="Gate review: Go, Kill, Hold or Recycle?", columns=2)

    def sync(change):
        """A new project: load its scorecard into the sliders, then redraw once."""
        r = by_id.loc[change["new"]]
        with dash.hold(refresh=True):
            controls["resources_available"].value = bool(r["resources_available"])
            for c in criteria:
                controls[c].value = int(r[c])
            controls["p_technical"].value = float(r["p_technical"])
            controls["p_commercial"].value = float(r["p_commercial"])

    controls["idea"].observe(sync, names="value")
    return dash
