"""Program management: roll-ups, cross-project dependencies, shared resources, benefits.

A *program* groups related projects for a benefit none of them delivers alone (PMI, *The
Standard for Program Management*). Its manager works the gaps between projects; one module
per question, every name available here as ``pm.program.<name>``:

* **roll-ups** (:mod:`.rollup`) of budgets and earned value: the program's CPI and SPI come
  from the *sums* of PV, EV and AC (:func:`rollup`, through :func:`pmlib.evm.metrics`), never
  from averaging the projects' indices; SPI(t) from earned schedule;
* the **project network** (:mod:`.network`): which project waits for which (:func:`schedule`,
  through :func:`pmlib.schedule.cpm`), the program's finish date, its critical projects, and
  the **ripple** of a slip to other projects and to benefit dates (:func:`ripple`);
* **shared resources** (:mod:`.resources`): weekly demand against capacity
  (:func:`resource_load`, :func:`overallocations`) and a levelling by shifting assignments
  within float (:func:`level_resources`);
* **benefits** (:mod:`.benefits`): planned vs realised (:func:`benefits_realisation`), and
  delivery success vs benefit success (:func:`success_matrix`);
* **risk concentration** (:mod:`.concentration`): critical projects that lean on the same
  vendor or person (:func:`risk_concentration`);
* :class:`Program` and :func:`load`: a program's tables in one object.

Time in the project network is counted in working days (Monday-Friday) from the program's
start; tables report weeks (5 working days) and dates. A project that starts on a Monday and
finishes on a Friday n weeks later lasts n weeks. Lags in the dependency table are in weeks.

>>> import pmlib as pm
>>> home = pm.program.load("PG-HOME")
>>> s = home.schedule()
>>> s.finish.date(), s.critical_projects
(datetime.date(2027, 6, 25), ['P05', 'P01', 'P02', 'P03'])
>>> r = home.ripple({"P05": 3})
>>> float(r.finish_delay_weeks)
3.0
"""

from __future__ import annotations

from ._tables import DAYS_PER_WEEK, LAUNCH, START
from .benefits import benefits_realisation, benefits_timeline, success_matrix
from .concentration import risk_concentration
from .model import Program, load
from .network import ProgramSchedule, Ripple, ripple, schedule
from .resources import Levelling, level_resources, overallocations, resource_load
from .rollup import Rollup, rollup

__all__ = [
    "Program", "load", "schedule", "ProgramSchedule", "ripple", "Ripple", "rollup", "Rollup", "resource_load",
    "overallocations", "level_resources", "Levelling", "benefits_realisation", "benefits_timeline",
    "success_matrix", "risk_concentration", "START", "LAUNCH", "DAYS_PER_WEEK",
]
