"""The four levels compared aspect by aspect, the roles that manage them, and who reads which number."""

from __future__ import annotations

import pandas as pd

from .. import datasets
from .._validate import require_known_ids
from ..errors import InputError

#: The four levels, from the single endeavour to the product that outlives it.
LEVELS = ("project", "program", "portfolio", "product")

#: The aspects on which the levels are compared (rows of :func:`comparison`; the wording is in
#: ``datasets/level_aspects.csv``).
ASPECTS = ("key_question", "scope", "time_horizon", "lifecycle", "success", "benefits", "resources", "change",
           "decision_level", "typical_numbers", "role", "credential")


def check_levels(levels) -> list[str]:
    """Level names, lower case; an InputError naming any that is not one of :data:`LEVELS`."""
    if levels is None:
        return list(LEVELS)
    out = [str(v).strip().lower() for v in ([levels] if isinstance(levels, str) else levels)]
    bad = [v for v in out if v not in LEVELS]
    if bad:
        raise InputError(f"levels has unknown level(s) {', '.join(map(repr, bad))}: use {', '.join(LEVELS)}.")
    return out


def comparison(levels=None) -> pd.DataFrame:
    """The four levels compared aspect by aspect, as a table.

    Rows are :data:`ASPECTS` (key question, scope, time horizon, life cycle, success, benefits,
    resources, change, decision level, typical numbers, role, credential); columns are the
    levels. After the PMI PMBOK Guide, the PMI Standard for Program Management and the PMI
    Standard for Portfolio Management (their comparison of projects, programs and portfolios),
    extended with the product level, in the course's own words (``level_aspects.csv``).

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
    cols = check_levels(levels)
    table = datasets.load("level_aspects").set_index("aspect")
    require_known_ids(list(ASPECTS), table.index, "level_aspects.csv", what="aspect")
    return table.loc[list(ASPECTS), cols].copy()


def roles() -> pd.DataFrame:
    """The manager of each level: role, credential, focus, skills, numbers and the lessons that teach them.

    PMP, PgMP and PfMP are separate PMI credentials for separate roles, each with its own
    experience requirements: none is a prerequisite for another, and a program or portfolio
    manager need not have been a project manager first (``credential_note``). Product
    management has no PMI credential.

    >>> roles().loc["portfolio", "credential"]
    'PfMP'
    """
    return datasets.load("level_roles").set_index("level")


def metrics() -> pd.DataFrame:
    """Which level reads which number: one row per metric with its level, meaning and pmlib function.

    >>> m = metrics()
    >>> m.loc["cpi", "level"], m.loc["npv", "level"]
    ('project', 'portfolio')
    """
    return datasets.load("level_metrics").set_index("metric")


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
    if any(not isinstance(n, str) for n in names):
        raise InputError(f"metric must be a name (text) or a list of names, got {metric!r}.")
    norm = [n.strip().lower().replace(" ", "_").replace("-", "_") for n in names]
    require_known_ids(norm, table.index, "metric", what="metric")
    if isinstance(metric, str):
        return str(table.loc[norm[0], "level"])
    return pd.Series(table.loc[norm, "level"].to_numpy(), index=pd.Index(norm, name="metric"), name="level")
