"""Levels of management: project, program, portfolio and product, side by side.

The first lesson of the course (``notebooks/01_levels_of_management.ipynb``) contrasts the four
levels as data rather than prose; every name is available here as ``pm.levels.<name>``:

- :mod:`.compare`: :func:`comparison` (the levels aspect by aspect, after the PMI PMBOK Guide,
  the Standard for Program Management and the Standard for Portfolio Management, in the
  course's own words: ``datasets/level_aspects.csv``), :func:`roles` (the manager of each
  level and the separate credentials PMP, PgMP and PfMP), :func:`metrics` and
  :func:`metric_level` (which level reads which number);
- :mod:`.sorter`: :func:`decisions`, :func:`check_decision`, :func:`score_answers`,
  :func:`confusion` -- the "which level decides this?" sorter;
- :mod:`.numbers`: :func:`communication_channels` (the PMBOK Guide's n(n-1)/2),
  :func:`revenue_cagr`, :func:`product_line_summary` (the product manager's view of a line);
- :mod:`.organisation`: :func:`hierarchy` and :func:`time_horizons` (where each project sits,
  each level's clock);
- :mod:`.views`: :func:`project_view`, :func:`program_view`, :func:`portfolio_view`,
  :func:`product_view` -- the same organisation seen at each level, computed by the level's own
  module (:mod:`pmlib.evm` and :mod:`pmlib.schedule`, :mod:`pmlib.program`, :mod:`pmlib.portfolio`).

Numbers only: figures are in :mod:`pmlib.plots.levels`, widgets in :mod:`pmlib.widgets.levels`.

>>> from pmlib import levels
>>> levels.LEVELS
('project', 'program', 'portfolio', 'product')
>>> levels.comparison().loc["credential", "program"]
'PgMP (PMI Program Management Professional)'
>>> levels.communication_channels(10)
45
"""

from __future__ import annotations

from .compare import ASPECTS, LEVELS, comparison, metric_level, metrics, roles
from .numbers import communication_channels, product_line_summary, revenue_cagr
from .organisation import hierarchy, time_horizons
from .sorter import check_decision, confusion, decisions, score_answers
from .views import LevelView, portfolio_view, product_view, program_view, project_view

__all__ = [
    "LEVELS", "ASPECTS", "comparison", "roles", "metrics", "metric_level", "decisions", "check_decision",
    "score_answers", "confusion", "communication_channels", "revenue_cagr", "product_line_summary", "hierarchy",
    "time_horizons", "LevelView", "project_view", "program_view", "portfolio_view", "product_view",
]
