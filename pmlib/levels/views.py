"""The same organisation seen at each level: thin views over the other modules (nothing computed here)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import datasets
from .._validate import Options, Real, Text, as_frame, params, require_columns, require_known_ids
from ..errors import InputError
from .numbers import product_line_summary


@dataclass
class LevelView:
    """What one level sees of the organisation: key figures, a table and the data behind a chart.

    Attributes
    ----------
    level : str
        ``project``, ``program``, ``portfolio`` or ``product``.
    focus : str
        The project, program, budget or product line looked at.
    figures : Series
        The key numbers of that level (named, e.g. ``figures.cpi``).
    table : DataFrame
        The rows behind the figures (projects of a program, candidates of the portfolio ...).
    text : str
        The key figures in words.
    data : dict
        Extra tables for the lesson's charts (e.g. ``"time_phased"``).
    """

    level: str
    focus: str
    figures: pd.Series
    table: pd.DataFrame
    text: str
    data: dict = field(default_factory=dict)

    def __str__(self):
        return self.text


def _table(name, given):
    return datasets.load(name) if given is None else as_frame(given, name)


def _network_text(project_id, activities) -> tuple[dict, str]:
    from .. import schedule

    acts = _table("activities", activities)
    if "project_id" in acts.columns:
        acts = acts[acts["project_id"] == project_id]
    if not len(acts):
        return {}, ""
    net = schedule.cpm(acts)
    path = net.critical_path
    return ({"n_activities": len(acts), "network_duration": float(net.duration), "critical_activities": len(path)},
            f"\nSchedule network: {len(acts)} activities, {net.duration:g} working days by the critical path "
            f"({len(path)} critical activities: {', '.join(map(str, path[:6]))}{' ...' if len(path) > 6 else ''}).")


@params(project_id=Text())
def project_view(project_id: str, *, status=None, projects=None, activities=None) -> LevelView:
    """The project manager's view: one project's cost and schedule status (and its network).

    Earned value at the status date comes from :func:`pmlib.evm.time_phased` /
    :func:`pmlib.evm.latest_status` (PMI formulas: CPI = EV/AC, SPI = EV/PV, EAC = BAC/CPI;
    Lipke's SPI(t) = ES/AT, which does not drift back to 1 as a late project nears its end);
    when the project has an activity network, its critical path comes from
    :func:`pmlib.schedule.cpm`. Nothing is computed here.

    Parameters
    ----------
    project_id : str
        An in-flight project with status rows.
    status : DataFrame, optional
        Cumulative status per period (``status_periods.csv``).
    projects : DataFrame, optional
        ``projects.csv`` (for the name, manager and BAC).
    activities : DataFrame, optional
        Activity network(s) with a ``project_id`` column (``activities.csv``).

    Returns
    -------
    LevelView
        ``figures``: bac, pv, ev, ac, cv, sv, eac, vac (k$), cpi, spi, spi_t, tcpi,
        percent_complete, health and, with a network, n_activities, network_duration (working
        days) and critical_activities; ``table`` and ``data["time_phased"]``: the status per period.

    >>> v = project_view("P01")
    >>> round(float(v.figures.cpi), 2), v.figures.health
    (0.87, 'red')
    """
    from .. import evm

    st = _table("status_periods", status)
    pj = _table("projects", projects)
    require_columns(st, ("project_id", "period", "pv", "ev", "ac"), "status")
    require_known_ids([project_id], st["project_id"].unique(), "project_id", what="project with status rows")
    rows = st[st["project_id"] == project_id]
    info = pj.set_index("id").loc[project_id] if project_id in set(pj["id"]) else None
    if "bac" not in rows.columns and info is not None:
        rows = rows.assign(bac=float(info["cost"]))
    phased = evm.time_phased(rows)
    latest = evm.latest_status(phased).iloc[0]
    keys = ["bac", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "spi_t", "eac", "vac", "tcpi", "percent_complete",
            "health"]
    figures = latest[[k for k in keys if k in latest.index]].copy()
    network, net_text = _network_text(project_id, activities)
    for k, v in network.items():
        figures[k] = v
    name = f"{project_id} {info['name']}" if info is not None else project_id
    manager = f" (project manager {info['manager']})" if info is not None and isinstance(info.get("manager"), str) else ""
    when = pd.Timestamp(latest["date"]).date() if "date" in latest.index else f"period {latest['period']}"
    f = figures
    text = (f"PROJECT {name}{manager}, status {when}\n"
            f"BAC {f.bac:,.0f} k$ | PV {f.pv:,.0f} | EV {f.ev:,.0f} | AC {f.ac:,.0f} k$\n"
            f"CPI {f.cpi:.2f}, SPI(t) {f.spi_t:.2f} (SPI {f.spi:.2f}), CV {f.cv:,.0f} k$, SV {f.sv:,.0f} k$, "
            f"EAC {f.eac:,.0f} k$ (VAC {f.vac:,.0f} k$), {f.percent_complete:.0%} complete\n"
            f"{latest.get('verdict', '')}{net_text}\n"
            "The project's question: are we delivering this one result right, and the value it was started for?")
    return LevelView("project", project_id, figures, phased, text, {"time_phased": phased})


@params(program_id=Text())
def program_view(program_id: str, *, program=None) -> LevelView:
    """The program manager's view: related projects rolled up, the program's finish and its benefit.

    Uses :func:`pmlib.program.load` and its ``rollup`` (CPI and SPI from summed EV, AC and PV,
    PMI Practice Standard for EVM; SPI(t) from earned schedule) and ``schedule`` (the project
    network by CPM).

    Parameters
    ----------
    program_id : str
        A program of ``programs.csv``.
    program : Program, optional
        The program (default: ``pm.program.load(program_id)``).

    Returns
    -------
    LevelView
        ``figures``: n_projects, bac, pv, ev, ac (k$), cpi, spi and spi_t from sums, cpi_average
        and spi_average (the misleading plain averages), eac (k$), benefit_target (k$ per year)
        and, when the project network schedules, finish and critical_projects. ``table``: the
        roll-up table (one row per project and a ``PROGRAM`` row); ``data["rollup"]``: the
        :class:`pmlib.program.Rollup`.

    >>> v = program_view("PG-HOME")
    >>> v.figures.n_projects, bool(abs(v.figures.cpi - v.figures.cpi_average) > 0.01)
    (5, True)
    """
    from .. import program as prg

    pg = datasets.load("programs")
    require_known_ids([program_id], pg["id"], "program_id", what="program")
    meta = pg.set_index("id").loc[program_id]
    prog = prg.load(program_id) if program is None else program
    roll = prog.rollup()
    total = roll.program
    figures = pd.Series({
        "n_projects": int(len(prog.projects)), **{k: float(total[k]) for k in ("bac", "pv", "ev", "ac", "cpi", "spi",
                                                                                  "spi_t", "eac")},
        "cpi_average": float(roll.average["cpi"]), "spi_average": float(roll.average["spi"]),
        "benefit_target": float(meta["benefit_target"]),
    }, dtype=object)
    try:
        sched = prog.schedule()
    except ValueError as exc:  # e.g. a program without a dependency network
        sched_text = f"\nProject network: not available ({exc})"
    else:
        figures["finish"] = pd.Timestamp(sched.finish)
        figures["critical_projects"] = ", ".join(map(str, sched.critical_projects))
        sched_text = (f"\nProject network: finishes {pd.Timestamp(sched.finish).date()}; critical projects "
                      f"{figures['critical_projects']} (planned finish {pd.Timestamp(meta['planned_finish']).date()}).")
    f = figures
    text = (f"PROGRAM {program_id} {meta['name']} (program manager {meta['manager']}): "
            f"{f.n_projects} in-flight project(s), BAC {f.bac:,.0f} k$\n"
            f"Program CPI {f.cpi:.2f}, SPI {f.spi:.2f} and SPI(t) {f.spi_t:.2f} from the sums of EV, AC and PV; "
            f"the average of the project indices would say CPI {f.cpi_average:.2f}, SPI {f.spi_average:.2f}."
            f"{sched_text}\n"
            f"Combined benefit it is chartered for: {f.benefit_target:,.0f} k$ a year ({meta['benefit']})\n"
            "The program's question: how do we deliver these related projects together so the benefit lands?")
    return LevelView("program", program_id, figures, roll.table.copy(), text, {"rollup": roll})


@params(budget=Real(ge=0, allow_none=True), scenario=Text(allow_none=True), value=Options("npv", "alignment"))
def portfolio_view(budget: float | None = None, *, scenario: str | None = None, projects=None, objectives=None,
                   status=None, value: str = "npv", zombies=None) -> LevelView:
    """The portfolio board's view: candidates ranked against strategy, the best set within the budget.

    Strategic alignment is :func:`pmlib.portfolio.weighted_score` of the ``fit_*`` columns on
    their 0-5 scale with the executives' objective weights; the funded set is the exact
    :func:`pmlib.portfolio.select` maximising ``value`` (NPV by default) within ``budget``,
    with the funding round's must-funds and the candidates' dependencies
    (:func:`pmlib.portfolio.funding_scenario`); zombies among in-flight projects come from
    :func:`pmlib.portfolio.zombies`.

    Parameters
    ----------
    budget : float, optional
        Money available for new projects (k$, >= 0; default: the funding round's budget).
    scenario : str, optional
        A funding round of ``funding_scenarios.csv`` (default: its first row, the approved plan).
    projects, objectives, status : DataFrame, optional
        Defaults: ``projects.csv``, ``strategic_objectives.csv``, ``status_periods.csv``.
    value : str
        What the selection maximises: ``"npv"`` or ``"alignment"``.
    zombies : DataFrame, optional
        :func:`pmlib.portfolio.zombies` of the in-flight projects, when already computed (it
        does not depend on the budget).

    Returns
    -------
    LevelView
        ``figures``: n_candidates, budget, selected (ids), n_selected, total_cost, total_npv
        (k$), mean_alignment_funded, zombies (ids) and freed (k$ their ETC would still consume);
        ``table``: the candidates by alignment with a ``funded`` flag; ``data``: the zombie
        table and the :class:`pmlib.portfolio.Selection`.

    >>> v = portfolio_view(6000)
    >>> "P16" in v.figures.selected, v.figures.total_cost <= 6000
    (True, True)
    """
    from .. import portfolio as pf

    pj = _table("projects", projects)
    ob = _table("strategic_objectives", objectives)
    require_columns(pj, ("id", "name", "status", "category", "cost", "npv"), "projects")
    rounds = datasets.load("funding_scenarios")
    plan = pf.funding_scenario(rounds["scenario"].iloc[0] if scenario is None else scenario)
    budget = plan.budget if budget is None else budget
    weights = ob.set_index("id")["weight"]
    cand = pj[pj["status"] == "candidate"].copy()
    if cand.empty:
        raise InputError("projects has no row with status 'candidate': nothing to select.")
    cand["alignment"] = pf.weighted_score(cand, weights, scale=(0, 5)).to_numpy()
    sel = pf.select(cand, budget, value=value, cost="cost", must=plan.must, requires=plan.requires)
    cand["funded"] = cand["id"].isin(sel.selected)
    cand = cand.sort_values("alignment", ascending=False)
    table = cand.set_index("id")[["name", "category", "cost", "npv", "alignment", "funded"]]
    z = pf.zombies(pj, _table("status_periods", status), weights=weights) if zombies is None else zombies
    zombies = z[z["zombie"]]
    funded = cand[cand["funded"]]
    figures = pd.Series({
        "n_candidates": len(cand), "budget": float(budget), "selected": list(sel.selected),
        "n_selected": len(sel.selected), "total_cost": float(sel.total_cost), "total_npv": float(funded["npv"].sum()),
        "mean_alignment_funded": float(funded["alignment"].mean()) if len(funded) else np.nan,
        "zombies": list(zombies.index), "freed": float(zombies["freed"].sum()),
    }, dtype=object)
    text = (f"PORTFOLIO: {len(cand)} candidates ({cand['cost'].sum():,.0f} k$ asked) for a budget of {budget:,.0f} k$\n"
            f"Funded ({'max NPV' if value == 'npv' else 'max alignment'}; must fund {', '.join(plan.must) or 'none'}): "
            f"{', '.join(sel.selected) or 'none'} -> {figures.total_cost:,.0f} k$, NPV {figures.total_npv:,.0f} k$, "
            f"mean alignment {figures.mean_alignment_funded:.2f}\n"
            f"Top by strategic alignment: {', '.join(cand['id'].head(3))}\n"
            f"Zombies among in-flight work (CPI or SPI(t) poor, low fit, value gone): {', '.join(zombies.index) or 'none'}; "
            f"stopping them frees {figures.freed:,.0f} k$\n"
            "The portfolio's question: are we investing in the right work for the strategy?")
    return LevelView("portfolio", f"{budget:g}", figures, table, text, {"zombies": z, "selection": sel})


@params(product_line_id=Text())
def product_view(product_line_id: str, *, kpis=None, lines=None, projects=None) -> LevelView:
    """The product manager's view: one line's lifecycle stage, strategy, KPI trend and the work serving it.

    Parameters
    ----------
    product_line_id : str
        A product line of ``product_lines.csv``.
    kpis, lines, projects : DataFrame, optional
        Defaults: ``product_kpis.csv``, ``product_lines.csv``, ``projects.csv``.

    Returns
    -------
    LevelView
        ``figures``: the line's row of :func:`product_line_summary` plus ``projects`` (ids of
        the projects serving it); ``table``: its yearly KPIs.

    >>> v = product_view("PL-C")
    >>> v.figures.strategy, bool(v.figures.revenue_cagr < 0)
    ('sunset', True)
    """
    summary = product_line_summary(kpis, lines)
    require_known_ids([product_line_id], summary.index, "product_line_id", what="product line")
    row = summary.loc[product_line_id]
    k = _table("product_kpis", kpis)
    pj = _table("projects", projects)
    mine = k[k["product_line_id"] == product_line_id].sort_values("year")
    serving = pj[pj["product_line_id"] == product_line_id] if "product_line_id" in pj else pj.iloc[:0]
    figures = row.copy()
    figures["projects"] = list(serving["id"])
    if np.isnan(row["revenue_cagr"]):
        trend = "no sales yet (the line has not been launched)"
    else:
        trend = (f"revenue {row['revenue_first']:,.0f} -> {row['revenue_last']:,.0f} k$ "
                 f"({int(row['first_year'])}-{int(row['last_year'])}, {row['revenue_cagr']:+.1%} a year), "
                 f"customers {row['customers_change']:+.0%}, retention {row['retention_last']:.0%}, "
                 f"NPS {row['nps_last']:.0f} ({row['nps_change']:+.0f})")
    text = (f"PRODUCT LINE {product_line_id} {row['name']}: {row['lifecycle_stage']} stage, strategy "
            f"'{row['strategy']}'\n{trend}\n"
            f"Projects serving it: {', '.join(serving['id']) or 'none'}\n"
            "The product's question: what should this product become for its customers?")
    return LevelView("product", product_line_id, figures, mine.reset_index(drop=True), text)
