"""A funding round of the portfolio board, read from the data: budget, must-funds, weights, links.

The board's decisions are business facts, so they live in ``datasets/`` (``funding_scenarios``,
``strategy_scenarios``, ``project_dependencies``), not in code: a lesson or a widget asks for
a scenario by name and gets everything :func:`~pmlib.portfolio.select` needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import datasets
from .._validate import (
    Text,
    as_frame,
    params,
    require_columns,
    require_known_ids,
    require_unique_ids,
)

__all__ = ["FundingScenario", "funding_scenario"]


@dataclass
class FundingScenario:
    """One funding round: what :func:`~pmlib.portfolio.select` is given.

    Attributes
    ----------
    name, quarter : str
        The scenario and the quarterly review that adopts it.
    budget : float
        Money for new projects (k$).
    must : list
        Candidates funded whatever their score (mandatory work, board decisions).
    halt_category : str or None
        The strategic bucket whose candidates the board halts (None: none).
    staff_year : int
        The year whose staff capacity limits the selection.
    weights : Series
        Strategy weights by objective id (``strategy_scenarios``), summing to 1.
    requires : DataFrame
        The dependency table (``project_dependencies``): ``select(..., requires=...)`` keeps its
        links between two candidates.
    reason : str
    """

    name: str
    quarter: str
    budget: float
    must: list
    halt_category: str | None
    staff_year: int
    weights: pd.Series
    requires: pd.DataFrame = field(repr=False)
    reason: str = ""

    def halted(self, candidates) -> list:
        """Ids of the candidates in the halted bucket (an empty list when nothing is halted)."""
        frame = as_frame(candidates, "candidates")
        if self.halt_category is None:
            return []
        require_columns(frame, ["id", "category"], "candidates")
        return list(frame.loc[frame["category"] == self.halt_category, "id"])


def _split(cell) -> list:
    return [] if pd.isna(cell) else [c.strip() for c in str(cell).split(",") if c.strip()]


@params(scenario=Text())
def funding_scenario(scenario: str, *, scenarios=None, weights=None, dependencies=None) -> FundingScenario:
    """The funding round ``scenario`` with its budget, must-funds, strategy weights and links.

    Parameters
    ----------
    scenario : str
        A scenario of ``funding_scenarios.csv`` (``"fy2027_plan"``, ``"downturn"``).
    scenarios, weights, dependencies : DataFrame, optional
        Your own ``funding_scenarios``, ``strategy_scenarios`` and ``project_dependencies``
        tables (default: the bundled ones).

    Returns
    -------
    FundingScenario

    >>> plan = funding_scenario("fy2027_plan")
    >>> plan.budget, plan.must, round(float(plan.weights.sum()), 6)
    (6000.0, ['P16'], 1.0)
    """
    table = datasets.load("funding_scenarios") if scenarios is None else as_frame(scenarios, "scenarios")
    require_columns(table, ["scenario", "quarter", "budget", "must_fund", "halt_category", "staff_year"], "scenarios")
    require_unique_ids(table["scenario"], "scenarios")
    require_known_ids([scenario], table["scenario"], "scenario", what="funding scenario")
    row = table.set_index("scenario").loc[scenario]
    w = datasets.load("strategy_scenarios") if weights is None else as_frame(weights, "weights")
    require_columns(w, ["scenario", "objective_id", "weight"], "weights")
    require_known_ids([scenario], w["scenario"], "scenario (in weights)", what="strategy scenario")
    mine = w[w["scenario"] == scenario]
    require_unique_ids(mine["objective_id"], f"weights of {scenario}")
    deps = datasets.load("project_dependencies") if dependencies is None else as_frame(dependencies, "dependencies")
    return FundingScenario(
        name=scenario, quarter=str(row["quarter"]), budget=float(row["budget"]), must=_split(row["must_fund"]),
        halt_category=None if pd.isna(row["halt_category"]) else str(row["halt_category"]),
        staff_year=int(row["staff_year"]), weights=mine.set_index("objective_id")["weight"].astype(float),
        requires=deps, reason="" if pd.isna(row.get("reason")) else str(row["reason"]),
    )
