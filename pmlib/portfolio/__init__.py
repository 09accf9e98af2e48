"""Portfolio prioritisation, optimal selection, efficient frontier, balance and what-if.

The portfolio manager's numbers (PMI *Standard for Portfolio Management*, PfMP), one module
per question, every name available here as ``pm.portfolio.<name>``:

- **prioritise** (:mod:`.ahp`, :mod:`.scoring`): :func:`weighted_score` (strategic scoring),
  :func:`ahp` and :func:`pairwise_matrix` / :func:`synthesize` (Saaty's Analytic Hierarchy
  Process), :func:`rice`, :func:`cost_of_delay` and :func:`wsjf`; :func:`compare_rankings`
  shows where the frameworks agree;
- **select** (:mod:`.selection`): :func:`select`, the exact 0/1 integer programme (capital
  budgeting with several resource limits, must-fund, exclusions, mutually exclusive groups,
  dependencies and strategic buckets) solved by HiGHS through :func:`scipy.optimize.milp`, and
  :func:`greedy_select`, the "rank and fund until the money runs out" baseline;
- **frontier** (:mod:`.frontier`): :func:`efficient_frontier`, the best value at each budget;
- **balance and capacity** (:mod:`.balance`): :func:`category_balance`, :func:`staff_columns`,
  :func:`capacity_limits`, :func:`capacity_check`;
- **review** (:mod:`.review`): :func:`what_if` and :func:`zombies`;
- **funding rounds** (:func:`funding_scenario`): the board's budget and must-funds, read from
  ``funding_scenarios.csv``.

Money is in k$ throughout, as in the bundled data sets.
"""

from __future__ import annotations

from .ahp import RANDOM_INDEX, AHPResult, ahp, pairwise_matrix, synthesize
from .balance import capacity_check, capacity_limits, category_balance, staff_columns
from .frontier import efficient_frontier
from .review import WhatIf, what_if, zombies
from .rounds import FundingScenario, funding_scenario
from .scoring import compare_rankings, cost_of_delay, rice, weighted_score, wsjf
from .selection import Selection, greedy_select, select

__all__ = [
    "RANDOM_INDEX", "AHPResult", "ahp", "pairwise_matrix", "synthesize", "weighted_score", "rice",
    "cost_of_delay", "wsjf", "compare_rankings", "Selection", "select", "greedy_select", "efficient_frontier",
    "category_balance", "staff_columns", "capacity_limits", "capacity_check", "WhatIf", "what_if", "zombies",
    "FundingScenario", "funding_scenario",
]
