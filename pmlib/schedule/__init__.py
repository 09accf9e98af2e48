"""Activity networks: critical path method, PERT, Monte Carlo schedule risk, calendars.

An *activity table* is a DataFrame (or a list of dicts) with one row per activity:

``id``
    a unique id (text or number).
``duration``
    the activity's duration, in any unit (working days in the course data); fractional
    durations are fine. :func:`pert` and :func:`monte_carlo` read ``optimistic``,
    ``most_likely`` and ``pessimistic`` instead.
``predecessors``
    a list of ids, or a comma-separated string of tokens ``ID[:TYPE][+LAG]``, TYPE one
    of ``FS`` (finish-to-start, the default), ``SS``, ``FF``, ``SF``; LAG is in the
    duration's unit and a negative lag is a lead. Examples: ``"A"``, ``"A, B:SS+2, C:FF-1"``,
    ``"D+3"`` (finish-to-start with a 3-unit lag). Two links of different types between one
    pair are allowed (``"A:SS+2, A:FF+1"``). Empty, ``None`` or NaN: the activity has no
    predecessor and may start when the project starts.

Relationships (PMBOK Guide, "precedence diagramming method"), with S = start, F = finish of
the predecessor *i* and the successor *j*:

====  ============================  =================
FS    j cannot start until i ends   S_j >= F_i + lag
SS    j cannot start until i starts S_j >= S_i + lag
FF    j cannot end until i ends     F_j >= F_i + lag
SF    j cannot end until i starts   F_j >= S_i + lag
====  ============================  =================

No activity starts before the project (time 0). The passes run once over the activities in
topological order (never by enumerating paths), so a network of thousands of activities takes
milliseconds, and :func:`monte_carlo` runs the same passes on whole columns of iterations.

With ``start=`` (or a :class:`~pmlib.io.Plan` read from an MS Project or Primavera P6 file)
:func:`cpm` schedules on working :class:`Calendar` s and returns real dates, with
constraints, progress at a status date and negative float (see :mod:`pmlib.schedule.cpm`).

Submodules: ``network`` (notation, link types, topological order), ``calendars``, ``cpm``,
``pert``, ``montecarlo``.

>>> import pmlib as pm
>>> acts = [{"id": "A", "duration": 3, "predecessors": ""},
...         {"id": "B", "duration": 2, "predecessors": "A"},
...         {"id": "C", "duration": 4, "predecessors": "A"},
...         {"id": "D", "duration": 1, "predecessors": "B, C"}]
>>> s = pm.schedule.cpm(acts)
>>> s.duration, s.critical_path
(8.0, ['A', 'C', 'D'])
>>> float(s.table.loc["B", "total_float"])
2.0
"""

from __future__ import annotations

from .calendars import Calendar, working_days_between, working_days_to_dates
from .cpm import CONSTRAINT_TYPES, CPMResult, _cpm_from, _durations, cpm
from .montecarlo import MonteCarloResult, _simulate, monte_carlo
from .network import RELATIONSHIP_TYPES, _frame, _network, parse_predecessors, topological_order
from .pert import PERTResult, pert, pert_estimate

__all__ = [
    "RELATIONSHIP_TYPES",
    "CONSTRAINT_TYPES",
    "parse_predecessors",
    "topological_order",
    "cpm",
    "CPMResult",
    "pert_estimate",
    "pert",
    "PERTResult",
    "monte_carlo",
    "MonteCarloResult",
    "Calendar",
    "working_days_to_dates",
    "working_days_between",
]

# private names other pmlib modules and tests reach through the facade
_PRIVATE = (_cpm_from, _durations, _frame, _network, _simulate)

# ---------------------------------------------------------------------------------------
# re-exports of further schedule submodules (keep this block last)
# ---------------------------------------------------------------------------------------
from .crash import CrashResult, FastTrackResult, crash, crash_greedy, fast_track  # noqa: E402

__all__ += ["crash", "CrashResult", "crash_greedy", "fast_track", "FastTrackResult"]
