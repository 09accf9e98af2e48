"""A program and its tables: each method calls the function of the same name."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import datasets as _datasets
from .._validate import Text, as_frame, params, require_columns, require_known_ids
from ..errors import InputError
from ._tables import _TOL, split_ids
from .benefits import benefits_realisation, success_matrix
from .concentration import risk_concentration
from .network import ProgramSchedule, Ripple, ripple, schedule
from .resources import Levelling, level_resources, overallocations, resource_load
from .rollup import Rollup, rollup

__all__ = ["Program", "load"]


@dataclass
class Program:
    """A program and its tables; each method calls the function of the same name.

    Build one with :func:`load` (bundled data, or your own tables) or directly. Only
    ``projects`` is required; a method whose table is missing says which one to give.
    """

    id: str
    name: str
    projects: pd.DataFrame
    dependencies: pd.DataFrame | None = None
    status: pd.DataFrame | None = None
    demand: pd.DataFrame | None = None
    resources: pd.DataFrame | None = None
    benefits: pd.DataFrame | None = None
    realisation: pd.DataFrame | None = None
    outcomes: pd.DataFrame | None = None
    start: pd.Timestamp | None = None
    status_date: pd.Timestamp | None = None

    def __repr__(self):
        given = [a for a in ("dependencies", "status", "demand", "resources", "benefits", "realisation", "outcomes")
                 if getattr(self, a) is not None]
        ids = ", ".join(map(str, self.projects["id"]))
        return f"Program({self.id} {self.name!r}: projects {ids}; tables: {', '.join(given) or 'none'})"

    def _need(self, attr):
        value = getattr(self, attr)
        if value is None:
            raise InputError(f"program {self.id}: no `{attr}` table was given; build the Program with {attr}=...")
        return value

    def _in_flight_benefits(self):
        if self.benefits is None:
            return None
        ids = set(self.projects["id"])
        keep = [all(p in ids for p in split_ids(c)) for c in self.benefits["project_ids"]]
        # a boolean array, not a list: an empty list would select no *columns*
        return self.benefits[np.asarray(keep, dtype=bool)]

    def schedule(self, slips=None) -> ProgramSchedule:
        """:func:`schedule` of the program's projects, links and benefits."""
        return schedule(self.projects, self.dependencies, benefits=self._in_flight_benefits(),
                        start=self.start, slips=slips)

    def ripple(self, slips, *, baseline=None) -> Ripple:
        """:func:`ripple`: slip ``{project: weeks}`` -> projects, benefits and launch that move."""
        return ripple(self.projects, self.dependencies, slips, benefits=self._in_flight_benefits(), start=self.start,
                      baseline=baseline)

    def rollup(self, status_date=None) -> Rollup:
        """:func:`rollup` of the projects' earned value at ``status_date`` (default: the program's)."""
        when = status_date if status_date is not None else self.status_date
        return rollup(self._need("status"), self.projects, status_date=when)

    def resource_load(self) -> pd.DataFrame:
        return resource_load(self._need("demand"), self._need("resources"))

    def overallocations(self) -> pd.DataFrame:
        return overallocations(self._need("demand"), self._need("resources"))

    def level(self, **kwargs) -> Levelling:
        """:func:`level_resources` with each project's total float from the project network."""
        kwargs.setdefault("float_weeks", self.schedule().table["total_float"])
        out = level_resources(self._need("demand"), self._need("resources"), **kwargs)
        late = out.project_delays[out.project_delays > _TOL]
        late = late[late.index.isin(set(self.projects["id"]))]
        if len(late):
            out.ripple = self.ripple(late.to_dict())
        return out

    def benefits_realisation(self, status_date=None) -> pd.DataFrame:
        when = status_date if status_date is not None else self.status_date
        return benefits_realisation(self._need("benefits"), self._need("realisation"), status_date=when)

    def success_matrix(self, status_date=None) -> pd.DataFrame:
        """:func:`success_matrix` of the program's completed projects (its ``outcomes``)."""
        when = status_date if status_date is not None else self.status_date
        return success_matrix(self._need("outcomes"), self._need("benefits"), self._need("realisation"),
                              status_date=when)

    def risk_concentration(self, **kwargs) -> pd.DataFrame:
        kwargs.setdefault("demand", self.demand)
        return risk_concentration(self.schedule().table, **kwargs)


def _table(name, given):
    return _datasets.load(name) if given is None else as_frame(given, name)


@params(program_id=Text())
def load(program_id: str, *, include=("in_flight",), programs=None, projects=None, dependencies=None, status=None,
         demand=None, resources=None, benefits=None, realisation=None, outcomes=None) -> Program:
    """The program ``program_id`` with its tables (the bundled data sets, or your own).

    ``include`` picks the project statuses that form the network (in-flight work by default;
    completed projects stay in the benefits and outcomes tables). Each table is cut to the
    program: links between its projects, its benefits and their realisation, the demand of
    its projects, its completed projects' outcomes. The status date is the organisation's
    (:data:`pmlib.datasets.STATUS_DATE`).

    Parameters
    ----------
    program_id : str
        A program of ``programs``.
    programs, projects, dependencies, status, demand, resources, benefits, realisation, outcomes : DataFrame, optional
        Your own tables, with the columns of the bundled ones (``pm.datasets.load(name, path)``
        reads and checks a file); default: the bundled tables.

    >>> load("PG-HOME").projects["id"].tolist()
    ['P01', 'P02', 'P03', 'P04', 'P05']
    """
    pg = _table("programs", programs)
    require_columns(pg, ["id", "name"], "programs")
    require_known_ids([program_id], pg["id"], "program_id", what="program")
    meta = pg.set_index("id").loc[program_id]
    allp = _table("projects", projects)
    require_columns(allp, ["id", "program_id", "status"], "projects")
    mine = allp[allp["program_id"] == program_id]
    include = [include] if isinstance(include, str) else list(include)
    net = mine[mine["status"].isin(include)].reset_index(drop=True)
    ids = set(net["id"])
    deps = _table("project_dependencies", dependencies)
    ben = _table("benefits", benefits)
    ben = ben[ben["program_id"] == program_id].reset_index(drop=True)
    real = _table("benefit_realisation", realisation)
    out = _table("project_outcomes", outcomes)
    return Program(
        id=program_id, name=str(meta["name"]), projects=net,
        dependencies=deps[deps["project_id"].isin(ids) & deps["predecessor_id"].isin(ids)].reset_index(drop=True),
        status=(st := _table("status_periods", status))[st["project_id"].isin(ids)].reset_index(drop=True),
        demand=(d := _table("resource_demand", demand))[d["project_id"].isin(ids)].reset_index(drop=True),
        resources=_table("resources", resources), benefits=ben,
        realisation=real[real["benefit_id"].isin(set(ben["id"]))].reset_index(drop=True),
        outcomes=out[out["project_id"].isin(set(mine["id"]))].reset_index(drop=True),
        start=pd.Timestamp(meta["start"]) if "start" in pg.columns and pd.notna(meta["start"]) else None,
        status_date=_datasets.STATUS_DATE,
    )
