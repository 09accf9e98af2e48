"""The course's first widget: browse the organisation's projects by program and status."""

from __future__ import annotations

import ipywidgets as W

from .. import datasets
from ._base import Dashboard, View
from ._figure import lean_figure, reuse_axes

__all__ = ["organisation_explorer"]


def organisation_explorer(projects=None) -> Dashboard:
    """Pick a program and a status -> how many projects, their budget and NPV, and a bar chart.

    ``projects`` defaults to ``pm.datasets.load("projects")``; pass your own table with the
    same columns to explore it.
    """
    from ..plots._style import format_axis_money

    df = datasets.load("projects") if projects is None else projects.copy()
    programs = datasets.load("programs").set_index("id")["name"]
    program_ids = sorted(df["program_id"].dropna().unique())
    program_options = [("All programs and standalone projects", "all")] + [
        (f"{p}: {programs[p]}" if p in programs.index else p, p) for p in program_ids
    ] + [("Standalone projects (no program)", "none")]
    statuses = [("All statuses", "all")] + [(str(s).replace("_", " ").capitalize(), s)
                                            for s in sorted(df["status"].unique())]
    status_label = dict((v, k) for k, v in statuses)

    # One figure, reused: each change clears and redraws its Axes (no new figure, no layout
    # engine pass), which keeps a control change within the widgets' CPU budget.
    fig = lean_figure(8, 3)
    ax = fig.add_subplot()
    label_chars = int((df["id"].astype(str).str.len() + df["name"].astype(str).str.len()).max()) + 2

    def render(program, status):
        rows = df
        if program == "none":
            rows = rows[rows["program_id"].isna()]
        elif program != "all":
            rows = rows[rows["program_id"] == program]
        if status != "all":
            rows = rows[rows["status"] == status]
        label = dict((v, k) for k, v in program_options)[program]
        text = (
            f"{label} | {status_label[status]}\n"
            f"{len(rows)} projects, total budget {rows['cost'].sum():,.0f} k$, "
            f"total NPV {rows['npv'].sum():,.0f} k$"
        )
        height = max(2.5, 0.27 * len(rows) + 1.2)
        fig.set_size_inches(8, height)
        # margins in inches -> fractions: room for the longest project label and the axis text
        fig.subplots_adjust(left=min(0.5, (0.15 + 0.075 * label_chars) / 8), right=0.97,
                            bottom=0.75 / height, top=1 - 0.4 / height)
        reuse_axes(ax)
        if len(rows):
            ordered = rows.sort_values("npv")
            colours = ["#c0392b" if v < 0 else "#2e86c1" for v in ordered["npv"]]
            ax.barh(ordered["id"] + "  " + ordered["name"], ordered["npv"], color=colours)
            ax.axvline(0, color="black", linewidth=0.8)
            format_axis_money(ax, axis="x")
        else:
            ax.text(0.5, 0.5, "no project matches", ha="center", va="center", transform=ax.transAxes)
            ax.set_yticks([])
            ax.set_xticks([])
        ax.set_xlabel("NPV at the 8 % hurdle rate (k$)")
        scope = "all programs" if program == "all" else ("standalone projects" if program == "none" else program)
        ax.set_title(f"Business-case NPV by project: {len(rows)} shown ({scope}, {status_label[status].lower()})",
                     fontsize=11)
        return View(text, fig)

    controls = {
        "program": W.Dropdown(options=program_options, value="all", description="Program",
                              layout=W.Layout(width="420px"), style={"description_width": "70px"}),
        "status": W.Dropdown(options=statuses, value="all", description="Status",
                             style={"description_width": "60px"}),
    }
    return Dashboard(controls, render, title="Alderbrook Retail Group: projects by program and status")
