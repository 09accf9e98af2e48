"""Levels of management: project, program, portfolio and product, side by side.

The first lesson of the course (``notebooks/01_levels_of_management.ipynb``) contrasts the four
levels as data rather than prose:

- :func:`comparison` -- the levels compared aspect by aspect (key question, scope, time
  horizon, success, resources, change, decision level, typical numbers, credential), after
  the PMI PMBOK Guide, the PMI Standard for Program Management and the PMI Standard for
  Portfolio Management, written in the course's own words;
- :func:`roles` -- the career ladder project -> program -> portfolio (PMP, PgMP, PfMP) and the
  product manager beside it, with the skills and numbers each role needs;
- :func:`metrics` -- which level reads which number (CPI belongs to a project, NPV to the
  portfolio ...);
- :func:`decisions`, :func:`check_decision`, :func:`score_answers`, :func:`confusion` --
  the "which level decides this?" sorter: decision statements with the level that owns each
  and the reason;
- :func:`communication_channels` -- the PMBOK Guide's n(n-1)/2;
- :func:`revenue_cagr`, :func:`product_line_summary` -- the product manager's view of a line;
- :func:`hierarchy`, :func:`time_horizons` -- where each project sits (program, product line,
  strategic objective, portfolio) and each level's time horizon;
- :func:`project_view`, :func:`program_view`, :func:`portfolio_view`, :func:`product_view` --
  the same organisation seen at each level, computed by the level's own module
  (:mod:`pmlib.evm` and :mod:`pmlib.schedule`, :mod:`pmlib.program`, :mod:`pmlib.portfolio`).

Numbers only: no plotting here (figures are in :mod:`pmlib.plots.levels`, widgets in
:mod:`pmlib.widgets.levels`).

>>> from pmlib import levels
>>> levels.LEVELS
('project', 'program', 'portfolio', 'product')
>>> levels.comparison().loc["credential", "program"]
'PgMP (PMI Program Management Professional)'
>>> levels.communication_channels(10)
45
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import datasets, finance
from ._validate import (
    as_float_array,
    as_frame,
    require_columns,
    require_known_ids,
    require_unique_ids,
)
from .errors import InputError

__all__ = [
    "LEVELS",
    "ASPECTS",
    "comparison",
    "roles",
    "metrics",
    "metric_level",
    "decisions",
    "check_decision",
    "score_answers",
    "confusion",
    "communication_channels",
    "revenue_cagr",
    "product_line_summary",
    "hierarchy",
    "time_horizons",
    "LevelView",
    "project_view",
    "program_view",
    "portfolio_view",
    "product_view",
]

#: The four levels, from the single endeavour to the product that outlives it.
LEVELS = ("project", "program", "portfolio", "product")

#: The aspects on which the levels are compared (rows of :func:`comparison`).
ASPECTS = (
    "key_question",
    "scope",
    "time_horizon",
    "lifecycle",
    "success",
    "resources",
    "change",
    "decision_level",
    "typical_numbers",
    "role",
    "credential",
)

# One entry per aspect: (project, program, portfolio, product). Written for this course,
# after PMBOK Guide (project), the Standard for Program Management and the Standard for
# Portfolio Management (PMI).
_COMPARISON = {
    "key_question": (
        "Are we doing the work right: how do we deliver this one result on time and on budget?",
        "How do we deliver these related projects together so that their shared benefit lands?",
        "Are we doing the right work: which investments serve the strategy best?",
        "What should this product become for its customers, and what comes next?",
    ),
    "scope": (
        "One temporary endeavour with a defined deliverable",
        "A group of related projects (and work) that share one outcome",
        "All programs, projects and operations competing for the same money and people",
        "One product or product line, across its whole life",
    ),
    "time_horizon": (
        "Fixed start and finish dates",
        "Until the combined benefits are delivered",
        "Continuous: reviewed every planning cycle",
        "The whole life of the product, from launch to retirement",
    ),
    "lifecycle": (
        "Initiating, planning, executing, monitoring and controlling, closing (PMBOK process groups)",
        "Definition, delivery, closure (Standard for Program Management)",
        "Initiation, planning, execution, optimisation: a cycle that repeats (Standard for Portfolio Management)",
        "Introduction, growth, maturity, decline (and retirement)",
    ),
    "success": (
        "On time, on budget, in scope, to the agreed quality",
        "The combined benefits are delivered",
        "Strategic alignment, return (NPV, ROI), benefits realised, a balanced mix",
        "Adoption, retention, customer satisfaction, revenue",
    ),
    "resources": (
        "Assigns named people to activities (allocation)",
        "Resolves conflicts between its projects over shared people and vendors",
        "Plans capacity by skill across the organisation: hiring, training, skill gaps (optimisation)",
        "One product team and its backlog",
    ),
    "change": (
        "Controlled through change requests against a fixed baseline",
        "Dependencies and project plans re-planned to protect the benefits",
        "Re-ranked periodically: work is started, paused, accelerated or stopped",
        "The roadmap is re-prioritised as customers and the market change",
    ),
    "decision_level": (
        "Operational",
        "Tactical",
        "Executive / strategic",
        "Product",
    ),
    "typical_numbers": (
        "Critical path and float (CPM), PERT, earned value (CV, SV, CPI, SPI, EAC)",
        "Roll-ups from sums, dependency ripple, shared-resource load, benefits realisation",
        "NPV, IRR, ROI, weighted scoring, AHP, optimal selection, efficient frontier, balance, stage gates",
        "Revenue and its growth, active customers, retention, NPS",
    ),
    "role": (
        "Project manager",
        "Program manager",
        "Portfolio manager (and the portfolio board)",
        "Product manager / product owner",
    ),
    "credential": (
        "PMP (PMI Project Management Professional)",
        "PgMP (PMI Program Management Professional)",
        "PfMP (PMI Portfolio Management Professional); outside PMI, MoP (Management of Portfolios, AXELOS)",
        "None from PMI",
    ),
}

_ROLES = [
    # level, role, credential, reports_to, focus, skills, numbers, lessons
    ("project", "Project manager", "PMP", "program manager or sponsor",
     "deliver one result within its baseline of scope, time and cost",
     "planning and scheduling, cost control, risk register, team leadership, stakeholder communication",
     "critical path and float, PERT, CV, SV, CPI, SPI, EAC, TCPI, communication channels",
     "03_earned_value, 04_schedule"),
    ("program", "Program manager", "PgMP", "program sponsor / portfolio board",
     "deliver the combined benefit of related projects",
     "dependency management, benefits management, resolving resource conflicts, governance across projects",
     "program CPI/SPI from sums, dependency ripple, shared-resource load, benefits realisation %",
     "06_program"),
    ("portfolio", "Portfolio manager", "PfMP", "executives (portfolio board)",
     "invest in the right mix of work for the strategy, within money and people",
     "financial acumen (NPV, IRR, ROI, CAPEX vs OPEX), strategic alignment, prioritisation, capacity planning, balance",
     "NPV, IRR, ROI, payback, weighted score, AHP, optimal selection, efficient frontier, ECV",
     "02_business_case, 05_stage_gates_and_risk, 07_portfolio"),
    ("product", "Product manager", "none from PMI", "head of product / line owner",
     "make one product valuable to customers over its life",
     "customer discovery, roadmapping, backlog prioritisation, pricing, lifecycle management",
     "revenue and growth, active customers, retention, NPS",
     "01_levels_of_management"),
]

# metric -> (level, what it tells, where pmlib computes it)
_METRICS = {
    "cv": ("project", "cost variance EV - AC of one project", "pm.evm.metrics"),
    "sv": ("project", "schedule variance EV - PV of one project", "pm.evm.metrics"),
    "cpi": ("project", "cost performance index EV / AC", "pm.evm.metrics"),
    "spi": ("project", "schedule performance index EV / PV", "pm.evm.metrics"),
    "eac": ("project", "estimate at completion of one project", "pm.evm.metrics"),
    "tcpi": ("project", "to-complete performance index", "pm.evm.metrics"),
    "critical_path": ("project", "activities with zero total float", "pm.schedule.cpm"),
    "total_float": ("project", "how far an activity can slip without delaying the finish", "pm.schedule.cpm"),
    "pert_probability": ("project", "chance of finishing by a date", "pm.schedule.pert"),
    "communication_channels": ("project", "n(n-1)/2 paths between n stakeholders", "pm.levels.communication_channels"),
    "program_cpi": ("program", "CPI of related projects from summed EV and AC", "pm.program"),
    "dependency_ripple": ("program", "how a slip in one project moves the others and the benefit date", "pm.program"),
    "resource_overallocation": ("program", "shared people booked beyond capacity across projects", "pm.program"),
    "benefits_realisation": ("program", "share of the planned combined benefit delivered", "pm.program"),
    "npv": ("portfolio", "net present value of an investment", "pm.finance.npv"),
    "irr": ("portfolio", "internal rate of return of an investment", "pm.finance.irr"),
    "roi": ("portfolio", "return on investment", "pm.finance.roi"),
    "payback_period": ("portfolio", "years until the investment is recovered", "pm.finance.payback_period"),
    "weighted_score": ("portfolio", "strategic alignment score", "pm.portfolio.weighted_score"),
    "ahp_weights": ("portfolio", "criteria weights from pairwise judgements", "pm.portfolio.ahp"),
    "efficient_frontier": ("portfolio", "best value for each budget level", "pm.portfolio.efficient_frontier"),
    "ecv": ("portfolio", "expected commercial value at a gate", "pm.stagegate.ecv"),
    "revenue_growth": ("product", "compound yearly growth of a line's revenue", "pm.levels.revenue_cagr"),
    "active_customers": ("product", "customers buying from the line", "datasets product_kpis"),
    "retention": ("product", "share of last year's customers who bought again", "datasets product_kpis"),
    "nps": ("product", "net promoter score", "datasets product_kpis"),
}


def _check_levels(levels) -> list[str]:
    if levels is None:
        return list(LEVELS)
    if isinstance(levels, str):
        levels = [levels]
    out = [str(v).strip().lower() for v in levels]
    bad = [v for v in out if v not in LEVELS]
    if bad:
        raise InputError(f"levels has unknown level(s) {', '.join(map(repr, bad))}: use {', '.join(LEVELS)}.")
    return out


def comparison(levels=None) -> pd.DataFrame:
    """The four levels compared aspect by aspect, as a table.

    Rows are :data:`ASPECTS` (key question, scope, time horizon, lifecycle, success, resources,
    change, decision level, typical numbers, role, credential); columns are the levels. Based on the
    PMI PMBOK Guide, the PMI Standard for Program Management and the PMI Standard for
    Portfolio Management (the comparison of projects, programs and portfolios), extended with
    the product level, in the course's own words.

    Parameters
    ----------
    levels : str or list of str, optional
        Keep only these columns, e.g. ``["project", "portfolio"]``. Default: all four.

    Returns
    -------
    DataFrame
        A new table each call (index ``aspect``).

    >>> t = comparison(["project", "portfolio"])
    >>> list(t.columns)
    ['project', 'portfolio']
    >>> t.loc["decision_level", "portfolio"]
    'Executive / strategic'
    """
    cols = _check_levels(levels)
    table = pd.DataFrame.from_dict(_COMPARISON, orient="index", columns=list(LEVELS))
    table.index.name = "aspect"
    return table[cols].copy()


def roles() -> pd.DataFrame:
    """Roles and careers by level: credential, focus, skills, numbers and the lessons that teach them.

    The PMI credentials follow the ladder PMP (project) -> PgMP (program) -> PfMP (portfolio);
    product management has no PMI credential.

    >>> roles().loc["portfolio", "credential"]
    'PfMP'
    """
    table = pd.DataFrame(
        _ROLES,
        columns=["level", "role", "credential", "reports_to", "focus", "skills", "numbers", "lessons"],
    ).set_index("level")
    return table


def metrics() -> pd.DataFrame:
    """Which level reads which number: one row per metric with its level, meaning and pmlib function.

    >>> m = metrics()
    >>> m.loc["cpi", "level"], m.loc["npv", "level"]
    ('project', 'portfolio')
    """
    table = pd.DataFrame.from_dict(_METRICS, orient="index", columns=["level", "meaning", "computed_by"])
    table.index.name = "metric"
    return table


def metric_level(metric) -> str | pd.Series:
    """The level whose manager reads ``metric`` (a name of :func:`metrics`, case-insensitive).

    Parameters
    ----------
    metric : str or sequence of str

    Returns
    -------
    str, or a Series indexed by metric for a sequence

    >>> metric_level("SPI")
    'project'
    >>> metric_level(["npv", "retention"]).tolist()
    ['portfolio', 'product']
    """
    table = metrics()
    names = [metric] if isinstance(metric, str) else list(metric)
    norm = [str(n).strip().lower().replace(" ", "_").replace("-", "_") for n in names]
    require_known_ids(norm, table.index, "metric", what="metric")
    if isinstance(metric, str):
        return str(table.loc[norm[0], "level"])
    return pd.Series(table.loc[norm, "level"].to_numpy(), index=pd.Index(norm, name="metric"), name="level")


# --------------------------------------------------------------------------------------
# The "which level decides this?" sorter
# --------------------------------------------------------------------------------------
_DECISION_COLUMNS = ("id", "statement", "level", "reason")


def decisions(data=None) -> pd.DataFrame:
    """Decision statements with the level that owns each and why (``datasets/decisions.csv``).

    Parameters
    ----------
    data : DataFrame or list of dicts, optional
        Your own statements with columns ``id``, ``statement``, ``level`` (project, program,
        portfolio or product) and ``reason`` (or ``id`` as the index, as this function returns
        them). Default: the bundled Alderbrook statements.

    Returns
    -------
    DataFrame
        A validated copy, index ``id``.

    >>> d = decisions()
    >>> d["level"].value_counts().sort_index().tolist()
    [8, 8, 8, 8]
    """
    df = datasets.load("decisions") if data is None else as_frame(data, "decisions")
    if "id" not in df.columns and df.index.name == "id":  # a table this function returned
        df = df.reset_index()
    require_columns(df, _DECISION_COLUMNS, "decisions")
    if df.empty:
        raise InputError("decisions is empty: give at least one decision statement.")
    ids = df["id"].astype(str).str.strip()
    require_unique_ids(ids, "decisions")
    df["id"] = ids
    level = df["level"].astype(str).str.strip().str.lower()
    bad = ~level.isin(LEVELS)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"decisions row {ids.iloc[i]!r}: level {df['level'].iloc[i]!r} is not one of {', '.join(LEVELS)}."
        )
    df["level"] = level
    return df.set_index("id")


def _norm_level(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().str.lower()


def check_decision(decision_id: str, level: str, data=None) -> pd.Series:
    """Is ``level`` the level that decides ``decision_id``? Feedback with the reason.

    Parameters
    ----------
    decision_id : str
        Id of a statement in :func:`decisions`, e.g. ``"D18"``.
    level : str
        The learner's pick: ``project``, ``program``, ``portfolio`` or ``product``.
    data : optional
        Your own decision table (see :func:`decisions`).

    Returns
    -------
    Series
        ``correct`` (bool), ``given``, ``answer``, ``statement``, ``reason`` and ``message``
        (one line of feedback).

    >>> r = check_decision("D18", "project")
    >>> bool(r.correct), r.answer
    (False, 'portfolio')
    """
    table = decisions(data)
    did = str(decision_id).strip()
    require_known_ids([did], table.index, "decision_id", what="decision")
    given = _check_levels([level])[0]
    row = table.loc[did]
    correct = given == row["level"]
    if correct:
        message = f"Correct: the {row['level']} level decides this. {row['reason']}"
    else:
        message = f"Not the {given} level: the {row['level']} level decides this. {row['reason']}"
    return pd.Series(
        {"correct": bool(correct), "given": given, "answer": row["level"], "statement": row["statement"],
         "reason": row["reason"], "message": message},
        name=did,
    )


def score_answers(answers, data=None) -> pd.DataFrame:
    """Mark many answers at once (a learner's sorting, or a whole workshop's).

    Parameters
    ----------
    answers : mapping {decision id: level}, or DataFrame
        A DataFrame needs columns ``decision_id`` and ``level``; any other columns (e.g.
        ``learner``) are kept, so a trainer can mark a class in one call.
    data : optional
        Your own decision table (see :func:`decisions`).

    Returns
    -------
    DataFrame
        One row per answer: ``decision_id``, ``given``, ``answer``, ``correct`` (plus the
        extra columns of ``answers``). ``result.correct.mean()`` is the score.

    >>> s = score_answers({"D01": "project", "D17": "program"})
    >>> s["correct"].tolist()
    [True, False]
    """
    table = decisions(data)
    if isinstance(answers, Mapping):
        frame = pd.DataFrame({"decision_id": list(answers.keys()), "level": list(answers.values())})
    else:
        frame = as_frame(answers, "answers")
        require_columns(frame, ("decision_id", "level"), "answers")
    if frame.empty:
        raise InputError("answers is empty: give at least one (decision id, level) pair.")
    # Work on the distinct values only (a class repeats the same ids and levels many times).
    id_codes, id_values = pd.factorize(frame["decision_id"].astype(str), use_na_sentinel=False)
    ids = np.asarray(pd.Index(id_values).str.strip(), dtype=object)
    require_known_ids(ids, table.index, "answers", what="decision")
    lv_codes, lv_values = pd.factorize(frame["level"], use_na_sentinel=True)  # missing -> -1
    levels_clean = _norm_level(pd.Series(np.asarray(lv_values, dtype=object)))
    ok_value = levels_clean.isin(LEVELS).to_numpy()
    bad = (lv_codes < 0) | ~ok_value[np.maximum(lv_codes, 0)]
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        did = ids[id_codes[i]]
        raise InputError(
            f"answers row {i} (decision {did}) has no level: pick one of {', '.join(LEVELS)}."
            if lv_codes[i] < 0 else
            f"answers row {i} (decision {did}): level {frame['level'].iloc[i]!r} is not one of {', '.join(LEVELS)}."
        )
    given = np.asarray(levels_clean, dtype=object)[lv_codes]
    answer = table["level"].reindex(ids).to_numpy(dtype=object)[id_codes]
    out = frame.drop(columns=["level"])
    out["decision_id"] = ids[id_codes]
    out["given"] = given
    out["answer"] = answer
    out["correct"] = given == answer
    return out


def confusion(scored: pd.DataFrame) -> pd.DataFrame:
    """Cross-table of correct level (rows) against the level picked (columns), all four levels.

    Parameters
    ----------
    scored : DataFrame
        The result of :func:`score_answers` (columns ``answer`` and ``given``).

    >>> c = confusion(score_answers({"D01": "project", "D17": "program", "D18": "portfolio"}))
    >>> int(c.loc["portfolio", "program"]), int(c.loc["portfolio", "portfolio"])
    (1, 1)
    """
    require_columns(scored, ("answer", "given"), "scored")
    cat = pd.CategoricalDtype(list(LEVELS))
    table = pd.crosstab(scored["answer"].astype(cat), scored["given"].astype(cat), dropna=False)
    table = table.reindex(index=list(LEVELS), columns=list(LEVELS), fill_value=0)
    table.index.name = "correct level"
    table.columns.name = "level picked"
    return table


# --------------------------------------------------------------------------------------
# Small formulas
# --------------------------------------------------------------------------------------
def communication_channels(n):
    r"""Number of potential communication channels between ``n`` people.

    .. math:: \text{channels} = \frac{n (n - 1)}{2}

    The PMBOK Guide's measure of communication complexity (Plan Communications Management,
    communication requirements analysis): every pair of stakeholders is a channel. Count the
    project manager in ``n``.

    Parameters
    ----------
    n : int, array-like of int, or Series
        Number of stakeholders (people), a whole number >= 0.

    Returns
    -------
    int for a scalar, ndarray of int or Series (same index) otherwise.

    References
    ----------
    PMI, *A Guide to the Project Management Body of Knowledge* (PMBOK Guide), 5th ed., 10.1.2.1:
    a project with 10 stakeholders has 10(10 - 1)/2 = 45 potential channels.

    >>> communication_channels(10)
    45
    >>> communication_channels([4, 5]).tolist()      # adding a fifth person adds 4 channels
    [6, 10]
    """
    arr = as_float_array(n, "n", ndim=(0, 1, 2))
    if (arr < 0).any() or (arr % 1 != 0).any():
        bad = (arr < 0) | (arr % 1 != 0)
        i = int(np.flatnonzero(bad.ravel())[0])
        raise InputError(
            f"n{'' if arr.ndim == 0 else f'[{i}]'} = {arr.ravel()[i]!r}: the number of people must be a whole number >= 0."
        )
    k = arr.astype(np.int64)
    out = k * (k - 1) // 2
    if isinstance(n, pd.Series):
        return pd.Series(out, index=n.index, name="channels")
    if arr.ndim == 0:
        return int(out)
    return out


def revenue_cagr(first, last, years):
    r"""Compound annual growth rate: the constant yearly growth that turns ``first`` into ``last``.

    .. math:: \text{CAGR} = \left(\frac{\text{last}}{\text{first}}\right)^{1/\text{years}} - 1

    A product manager's growth number (revenue, customers). Negative for a declining line.
    The same compounding as :func:`pmlib.finance.annualised_roi`, which computes it.

    Parameters
    ----------
    first, last : float or array-like
        Value at the start and the end (same unit, e.g. k$ of revenue); both > 0.
    years : float or array-like
        Years between them, > 0.

    Returns
    -------
    float (fraction per year, 0.25 = 25 %), or an ndarray.

    References
    ----------
    Investopedia, "Compound Annual Growth Rate (CAGR)": 10,000 growing to 19,500 in three
    years is a CAGR of (19,500 / 10,000)^(1/3) - 1 = 24.93 %.

    >>> round(revenue_cagr(10_000, 19_500, 3), 4)
    0.2493
    """
    f = as_float_array(first, "first", ndim=(0, 1))
    la = as_float_array(last, "last", ndim=(0, 1))
    y = as_float_array(years, "years", ndim=(0, 1))
    for arr, name in ((f, "first"), (la, "last"), (y, "years")):
        if (arr <= 0).any():
            i = int(np.flatnonzero((arr <= 0).ravel())[0])
            where = "" if arr.ndim == 0 else f"[{i}]"
            raise InputError(f"{name}{where} = {arr.ravel()[i]!r}: it must be > 0 for a growth rate.")
    try:
        np.broadcast_shapes(f.shape, la.shape, y.shape)
    except ValueError:
        raise InputError(
            f"first, last and years must have the same length; got {f.size}, {la.size} and {y.size}."
        ) from None
    # the same compounding as an annualised ROI: computed by pmlib.finance, not written twice
    out = np.asarray(finance.annualised_roi(la, f, y), dtype=float)
    return float(out) if out.ndim == 0 else out


def product_line_summary(kpis=None, lines=None) -> pd.DataFrame:
    """The product manager's view: each line's lifecycle stage, strategy and KPI trend.

    Parameters
    ----------
    kpis : DataFrame, optional
        Yearly KPIs with columns ``product_line_id``, ``year``, ``revenue`` (k$),
        ``active_customers``, ``retention`` and ``nps`` (default ``product_kpis.csv``).
    lines : DataFrame, optional
        Product lines with ``id``, ``name``, ``lifecycle_stage``, ``strategy`` (default
        ``product_lines.csv``). Lines without KPIs (not launched yet) are kept with NaN figures.

    Returns
    -------
    DataFrame indexed by product line id: ``name``, ``lifecycle_stage``, ``strategy``,
    ``first_year``, ``last_year``, ``revenue_first``, ``revenue_last`` (k$), ``revenue_cagr``
    (fraction per year, see :func:`revenue_cagr`), ``customers_change`` (fraction over the
    period), ``retention_last``, ``nps_last``, ``nps_change`` (points).

    >>> s = product_line_summary()
    >>> s.loc["PL-C", "strategy"], bool(s.loc["PL-C", "revenue_cagr"] < 0)
    ('sunset', True)
    """
    k = datasets.load("product_kpis") if kpis is None else as_frame(kpis, "kpis")
    pl = datasets.load("product_lines") if lines is None else as_frame(lines, "lines")
    require_columns(k, ("product_line_id", "year", "revenue", "active_customers", "retention", "nps"), "kpis")
    require_columns(pl, ("id", "name", "lifecycle_stage", "strategy"), "lines")
    if k.empty:
        raise InputError("kpis is empty: give at least one year of one product line.")
    require_known_ids(k["product_line_id"], pl["id"], "kpis.product_line_id", what="product line")
    for col in ("year", "revenue", "active_customers", "retention", "nps"):
        as_float_array(k[col], f"kpis.{col}")
    k = k.sort_values(["product_line_id", "year"])
    g = k.groupby("product_line_id", sort=True)
    first, last = g.first(), g.last()
    years = (last["year"] - first["year"]).astype(float)
    out = pd.DataFrame(index=first.index)
    out["first_year"] = first["year"].astype(int)
    out["last_year"] = last["year"].astype(int)
    out["revenue_first"] = first["revenue"].astype(float)
    out["revenue_last"] = last["revenue"].astype(float)
    ok = (years > 0) & (out["revenue_first"] > 0) & (out["revenue_last"] > 0)
    cagr = np.full(len(out), np.nan)
    if ok.any():
        cagr[ok.to_numpy()] = revenue_cagr(out.loc[ok, "revenue_first"].to_numpy(),
                                           out.loc[ok, "revenue_last"].to_numpy(), years[ok].to_numpy())
    out["revenue_cagr"] = cagr
    out["customers_change"] = last["active_customers"].astype(float) / first["active_customers"].astype(float) - 1
    out["retention_last"] = last["retention"].astype(float)
    out["nps_last"] = last["nps"].astype(float)
    out["nps_change"] = last["nps"].astype(float) - first["nps"].astype(float)
    meta = pl.set_index("id")[["name", "lifecycle_stage", "strategy"]]
    result = meta.join(out, how="left")
    result[["first_year", "last_year"]] = result[["first_year", "last_year"]].astype("Int64")
    result.index.name = "product_line_id"
    return result


def hierarchy(projects=None, programs=None, objectives=None) -> pd.DataFrame:
    """Where each project sits: its program, product line and strategic objective, in one portfolio.

    Projects sit inside programs, programs inside the portfolio; a standalone project sits
    directly in the portfolio. The objective is the program's (``programs.objective_id``); for
    a standalone project, the objective its ``fit_<objective>`` scores rate highest.

    Parameters
    ----------
    projects, programs, objectives : DataFrame, optional
        Defaults: ``projects.csv``, ``programs.csv``, ``strategic_objectives.csv``.

    Returns
    -------
    DataFrame indexed by project id: ``name``, ``status``, ``cost`` (k$), ``program_id``,
    ``program`` (name, or "standalone"), ``product_line_id``, ``objective_id``, ``level_path``
    ("portfolio > PG-HOME > P01").

    >>> h = hierarchy()
    >>> h.loc["P01", "level_path"]
    'portfolio > PG-HOME > P01'
    >>> h.loc["P19", "program"]
    'standalone'
    """
    pj = datasets.load("projects") if projects is None else as_frame(projects, "projects")
    pg = datasets.load("programs") if programs is None else as_frame(programs, "programs")
    ob = datasets.load("strategic_objectives") if objectives is None else as_frame(objectives, "objectives")
    require_columns(pj, ("id", "name", "program_id", "status", "cost"), "projects")
    require_columns(pg, ("id", "name", "objective_id"), "programs")
    require_columns(ob, ("id",), "objectives")
    require_unique_ids(pj["id"], "projects")
    in_program = pj["program_id"].notna()
    require_known_ids(pj.loc[in_program, "program_id"], pg["id"], "projects.program_id", what="program")
    fit_cols = [f"fit_{o}" for o in ob["id"]]
    out = pj.set_index("id")[["name", "status", "cost", "program_id"]].copy()
    names = pg.set_index("id")["name"]
    out["program"] = out["program_id"].map(names).fillna("standalone")
    out["product_line_id"] = pj.set_index("id")["product_line_id"] if "product_line_id" in pj else pd.NA
    objective = out["program_id"].map(pg.set_index("id")["objective_id"])
    if all(c in pj.columns for c in fit_cols):
        best = pj.set_index("id")[fit_cols].astype(float).idxmax(axis=1).str.removeprefix("fit_")
        objective = objective.fillna(best)
    out["objective_id"] = objective
    path = "portfolio > " + out["program_id"].fillna("").astype(str) + " > " + out.index.to_series()
    out["level_path"] = path.str.replace(" >  > ", " > ", regex=False)
    out.index.name = "id"
    return out


def time_horizons(project_id: str = "P01", *, program_id: str | None = None, product_line_id: str | None = None,
                  projects=None, programs=None, product_lines=None, horizon_end=None) -> pd.DataFrame:
    """The time horizon of each level around one project: project, its program, the portfolio, the product.

    A project has fixed dates; its program runs until the combined benefits land; the
    portfolio is continuous; a product line lives from its launch until it is retired.

    Parameters
    ----------
    project_id : str
        The project to start from (default ``"P01"``).
    program_id, product_line_id : str, optional
        Default: the project's own program and product line (a standalone project has no
        program row; the product line falls back to the program's).
    projects, programs, product_lines : DataFrame, optional
        Defaults: the bundled tables.
    horizon_end : date-like, optional
        Where open-ended horizons (portfolio, product) stop on a chart. Default: the latest
        finish of any project or program, plus one year.

    Returns
    -------
    DataFrame with one row per level: ``level``, ``id``, ``label``, ``start``, ``finish``,
    ``open_ended`` (True for continuous horizons).

    >>> t = time_horizons("P01")
    >>> t["level"].tolist()
    ['project', 'program', 'portfolio', 'product']
    >>> t.set_index("level").loc["program", "id"]
    'PG-HOME'
    """
    pj = datasets.load("projects") if projects is None else as_frame(projects, "projects")
    pg = datasets.load("programs") if programs is None else as_frame(programs, "programs")
    pl = datasets.load("product_lines") if product_lines is None else as_frame(product_lines, "product_lines")
    require_columns(pj, ("id", "name", "start", "finish", "program_id", "product_line_id"), "projects")
    require_columns(pg, ("id", "name", "start", "planned_finish", "product_line_id"), "programs")
    require_columns(pl, ("id", "name", "launch_year"), "product_lines")
    require_known_ids([project_id], pj["id"], "project_id", what="project")
    proj = pj.set_index("id").loc[project_id]
    prog_id = program_id if program_id is not None else proj["program_id"]
    prog = None
    if isinstance(prog_id, str):
        require_known_ids([prog_id], pg["id"], "program_id", what="program")
        prog = pg.set_index("id").loc[prog_id]
    line_id = product_line_id
    if line_id is None:
        line_id = proj["product_line_id"]
        if not isinstance(line_id, str) and prog is not None:
            line_id = prog["product_line_id"]
    starts = pd.to_datetime(pj["start"])
    finishes = pd.to_datetime(pj["finish"])
    latest = max(finishes.max(), pd.to_datetime(pg["planned_finish"]).max())
    end = pd.Timestamp(horizon_end) if horizon_end is not None else latest + pd.DateOffset(years=1)
    rows = [("project", project_id, f"Project {project_id}: {proj['name']}", pd.Timestamp(proj["start"]),
             pd.Timestamp(proj["finish"]), False)]
    if prog is not None:
        rows.append(("program", prog_id, f"Program {prog_id}: {prog['name']}", pd.Timestamp(prog["start"]),
                     pd.Timestamp(prog["planned_finish"]), False))
    rows.append(("portfolio", "portfolio", "Portfolio: every project, reviewed each cycle", starts.min(), end, True))
    if isinstance(line_id, str):
        require_known_ids([line_id], pl["id"], "product_line_id", what="product line")
        line = pl.set_index("id").loc[line_id]
        launch = pd.Timestamp(year=int(line["launch_year"]), month=1, day=1)
        rows.append(("product", line_id, f"Product line {line_id}: {line['name']}", launch, end, True))
    return pd.DataFrame(rows, columns=["level", "id", "label", "start", "finish", "open_ended"])



# --------------------------------------------------------------------------------------
# The same organisation at each level: thin views over the other modules
# --------------------------------------------------------------------------------------
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


def _status_table(status):
    return datasets.load("status_periods") if status is None else as_frame(status, "status")


def project_view(project_id: str = "P01", *, status=None, projects=None, activities=None) -> LevelView:
    """The project manager's view: one project's cost and schedule status (and its network).

    Earned value at the status date comes from :func:`pmlib.evm.time_phased` /
    :func:`pmlib.evm.latest_status` (PMI formulas: CPI = EV/AC, SPI = EV/PV, EAC = BAC/CPI);
    when the project has an activity network, its critical path comes from
    :func:`pmlib.schedule.cpm`. Nothing is computed here.

    Returns
    -------
    LevelView
        ``figures``: bac, pv, ev, ac, cv, sv, eac, vac (k$), cpi, spi, tcpi, percent_complete,
        health and, with a network, n_activities, network_duration (working days) and
        critical_activities; ``table`` and ``data["time_phased"]``: the status per period.

    Parameters
    ----------
    project_id : str
        An in-flight project with status rows (default ``"P01"``).
    status : DataFrame, optional
        Cumulative status per period (``status_periods.csv``).
    projects : DataFrame, optional
        ``projects.csv`` (for the name, manager and BAC).
    activities : DataFrame, optional
        Activity network(s) with a ``project_id`` column (``activities.csv``).

    >>> v = project_view("P01")
    >>> round(float(v.figures.cpi), 2), v.figures.health
    (0.87, 'red')
    """
    from . import evm, schedule

    st = _status_table(status)
    pj = datasets.load("projects") if projects is None else as_frame(projects, "projects")
    require_columns(st, ("project_id", "period", "pv", "ev", "ac"), "status")
    require_known_ids([project_id], st["project_id"].unique(), "project_id", what="project with status rows")
    rows = st[st["project_id"] == project_id]
    info = pj.set_index("id").loc[project_id] if project_id in set(pj["id"]) else None
    if "bac" not in rows.columns and info is not None:
        rows = rows.assign(bac=float(info["cost"]))
    phased = evm.time_phased(rows)
    latest = evm.latest_status(rows).iloc[0]
    keys = ["bac", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "eac", "vac", "tcpi", "percent_complete", "health"]
    figures = latest[[k for k in keys if k in latest.index]].copy()
    net_text = ""
    acts = datasets.load("activities") if activities is None else as_frame(activities, "activities")
    if "project_id" in acts.columns:
        acts = acts[acts["project_id"] == project_id]
    if len(acts):
        net = schedule.cpm(acts)
        figures["n_activities"] = len(acts)
        figures["network_duration"] = float(net.duration)
        figures["critical_activities"] = len(net.critical_path)
        net_text = (f"\nSchedule network: {len(acts)} activities, {net.duration:g} working days by the critical path "
                    f"({len(net.critical_path)} critical activities: {', '.join(map(str, net.critical_path[:6]))}"
                    f"{' ...' if len(net.critical_path) > 6 else ''}).")
    name = f"{project_id} {info['name']}" if info is not None else project_id
    manager = f" (project manager {info['manager']})" if info is not None and isinstance(info.get("manager"), str) else ""
    when = pd.Timestamp(latest["date"]).date() if "date" in latest.index else f"period {latest['period']}"
    text = (f"PROJECT {name}{manager}, status {when}\n"
            f"BAC {figures.bac:,.0f} k$ | PV {figures.pv:,.0f} | EV {figures.ev:,.0f} | AC {figures.ac:,.0f} k$\n"
            f"CPI {figures.cpi:.2f}, SPI {figures.spi:.2f}, CV {figures.cv:,.0f} k$, SV {figures.sv:,.0f} k$, "
            f"EAC {figures.eac:,.0f} k$ (VAC {figures.vac:,.0f} k$), {figures.percent_complete:.0%} complete\n"
            f"{latest.get('verdict', '')}{net_text}\n"
            "The project's question: are we delivering this one result right, within its baseline?")
    return LevelView("project", project_id, figures, phased, text, {"time_phased": phased})


def program_view(program_id: str = "PG-HOME") -> LevelView:
    """The program manager's view: related projects rolled up, the program's finish and its benefit.

    Uses :func:`pmlib.program.load` and its ``rollup`` (CPI and SPI from summed EV, AC and PV,
    PMI Practice Standard for EVM) and ``schedule`` (the project network by CPM).

    Parameters
    ----------
    program_id : str
        A program of ``programs.csv`` (default ``"PG-HOME"``).

    Returns
    -------
    LevelView
        ``figures``: n_projects, bac, pv, ev, ac (k$), cpi and spi from sums, cpi_average and
        spi_average (the misleading plain averages), eac (k$), benefit_target (k$ per year) and,
        when the project network schedules, finish and critical_projects. ``table``: the
        roll-up table (one row per project and a ``PROGRAM`` row); ``data["rollup"]``: the
        :class:`pmlib.program.Rollup`.

    >>> v = program_view("PG-HOME")
    >>> v.figures.n_projects, bool(abs(v.figures.cpi - v.figures.cpi_average) > 0.01)
    (5, True)
    """
    from . import program as prg

    pg = datasets.load("programs")
    require_known_ids([program_id], pg["id"], "program_id", what="program")
    meta = pg.set_index("id").loc[program_id]
    prog = prg.load(program_id)
    roll = prog.rollup()
    total = roll.program
    figures = pd.Series({
        "n_projects": int(len(prog.projects)),
        "bac": float(total["bac"]), "pv": float(total["pv"]), "ev": float(total["ev"]), "ac": float(total["ac"]),
        "cpi": float(total["cpi"]), "spi": float(total["spi"]),
        "cpi_average": float(roll.average["cpi"]), "spi_average": float(roll.average["spi"]),
        "eac": float(total["eac"]), "benefit_target": float(meta["benefit_target"]),
    }, dtype=object)
    sched_text = ""
    try:
        sched = prog.schedule()
    except ValueError as exc:  # e.g. a program without a dependency network or benefits
        sched_text = f"\nProject network: not available ({exc})"
    else:
        figures["finish"] = pd.Timestamp(sched.finish)
        figures["critical_projects"] = ", ".join(map(str, sched.critical_projects))
        sched_text = (f"\nProject network: finishes {pd.Timestamp(sched.finish).date()}; critical projects "
                      f"{figures['critical_projects']} (planned finish {pd.Timestamp(meta['planned_finish']).date()}).")
    text = (f"PROGRAM {program_id} {meta['name']} (program manager {meta['manager']}): "
            f"{figures.n_projects} in-flight project(s), BAC {figures.bac:,.0f} k$\n"
            f"Program CPI {figures.cpi:.2f} and SPI {figures.spi:.2f} from the sums of EV, AC and PV; "
            f"the average of the project indices would say CPI {figures.cpi_average:.2f}, SPI {figures.spi_average:.2f}."
            f"{sched_text}\n"
            f"Combined benefit it is chartered for: {figures.benefit_target:,.0f} k$ a year ({meta['benefit']})\n"
            "The program's question: how do we deliver these related projects together so the benefit lands?")
    return LevelView("program", program_id, figures, roll.table.copy(), text, {"rollup": roll})


def portfolio_view(budget: float = 6000.0, *, projects=None, objectives=None, status=None,
                   value: str = "npv") -> LevelView:
    """The portfolio board's view: candidates ranked against strategy, the best set within the budget.

    Strategic alignment is :func:`pmlib.portfolio.weighted_score` of the ``fit_*`` columns on
    their 0-5 scale with the executives' objective weights; the funded set is the exact
    :func:`pmlib.portfolio.select` maximising ``value`` (NPV by default) within ``budget``,
    with compliance candidates as must-funds; zombies among in-flight projects come from
    :func:`pmlib.portfolio.zombies`.

    Returns
    -------
    LevelView
        ``figures``: n_candidates, budget, selected (ids), n_selected, total_cost, total_npv
        (k$), mean_alignment_funded, zombies (ids) and freed (k$ their ETC would still consume);
        ``table``: the candidates by alignment with a ``funded`` flag; ``data``: the zombie
        table and the :class:`pmlib.portfolio.Selection`.

    Parameters
    ----------
    budget : float
        Money available for new projects (k$).
    projects, objectives, status : DataFrame, optional
        Defaults: ``projects.csv``, ``strategic_objectives.csv``, ``status_periods.csv``.
    value : str
        What the selection maximises: ``"npv"`` or ``"alignment"``.

    >>> v = portfolio_view(6000)
    >>> "P16" in v.figures.selected, v.figures.total_cost <= 6000
    (True, True)
    """
    from . import portfolio as pf

    pj = datasets.load("projects") if projects is None else as_frame(projects, "projects")
    ob = datasets.load("strategic_objectives") if objectives is None else as_frame(objectives, "objectives")
    require_columns(pj, ("id", "name", "status", "category", "cost", "npv"), "projects")
    if value not in ("npv", "alignment"):
        raise InputError(f"value={value!r}: use 'npv' or 'alignment'.")
    weights = ob.set_index("id")["weight"]
    cand = pj[pj["status"] == "candidate"].copy()
    if cand.empty:
        raise InputError("projects has no row with status 'candidate': nothing to select.")
    cand["alignment"] = pf.weighted_score(cand, weights, scale=(0, 5)).to_numpy()
    must = tuple(cand.loc[cand["category"] == "compliance", "id"])
    sel = pf.select(cand, budget, value=value, cost="cost", must=must)
    cand["funded"] = cand["id"].isin(sel.selected)
    cand = cand.sort_values("alignment", ascending=False)
    table = cand.set_index("id")[["name", "category", "cost", "npv", "alignment", "funded"]]
    z = pf.zombies(pj, _status_table(status), weights=weights)
    zombies = z[z["zombie"]]
    figures = pd.Series({
        "n_candidates": len(cand), "budget": float(budget), "selected": list(sel.selected),
        "n_selected": len(sel.selected), "total_cost": float(sel.total_cost),
        "total_npv": float(cand.loc[cand["funded"], "npv"].sum()),
        "mean_alignment_funded": float(cand.loc[cand["funded"], "alignment"].mean()),
        "zombies": list(zombies.index), "freed": float(zombies["freed"].sum()),
    }, dtype=object)
    text = (f"PORTFOLIO: {len(cand)} candidates ({cand['cost'].sum():,.0f} k$ asked) for a budget of {budget:,.0f} k$\n"
            f"Funded ({'max NPV' if value == 'npv' else 'max alignment'}, compliance is a must): "
            f"{', '.join(sel.selected)} -> {figures.total_cost:,.0f} k$, NPV {figures.total_npv:,.0f} k$, "
            f"mean alignment {figures.mean_alignment_funded:.2f}\n"
            f"Top by strategic alignment: {', '.join(cand['id'].head(3))}\n"
            f"Zombies among in-flight work: {', '.join(zombies.index) or 'none'}; stopping them frees "
            f"{figures.freed:,.0f} k$\n"
            "The portfolio's question: are we investing in the right work for the strategy?")
    return LevelView("portfolio", f"{budget:g}", figures, table, text, {"zombies": z, "selection": sel})


def product_view(product_line_id: str = "PL-A", *, kpis=None, lines=None, projects=None) -> LevelView:
    """The product manager's view: one line's lifecycle stage, strategy, KPI trend and the work serving it.

    Parameters
    ----------
    product_line_id : str
        A product line (default ``"PL-A"``).
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
    k = datasets.load("product_kpis") if kpis is None else as_frame(kpis, "kpis")
    pj = datasets.load("projects") if projects is None else as_frame(projects, "projects")
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
