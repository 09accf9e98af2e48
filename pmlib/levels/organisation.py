"""Where each project sits (program, product line, objective, portfolio) and each level's time horizon."""

from __future__ import annotations

import pandas as pd

from .. import datasets
from .._validate import (
    Text,
    as_date_column,
    as_float_columns,
    as_frame,
    as_timestamps,
    params,
    require_columns,
    require_known_ids,
    require_unique_ids,
)


def _table(name, given, label):
    return datasets.load(name) if given is None else as_frame(given, label)


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
    pj = _table("projects", projects, "projects")
    pg = _table("programs", programs, "programs")
    ob = _table("strategic_objectives", objectives, "objectives")
    require_columns(pj, ("id", "name", "program_id", "status", "cost"), "projects")
    require_columns(pg, ("id", "name", "objective_id"), "programs")
    require_columns(ob, ("id",), "objectives")
    require_unique_ids(pj["id"], "projects")
    require_unique_ids(pg["id"], "programs")
    require_known_ids(pj["program_id"].dropna(), pg["id"], "projects.program_id", what="program")
    out = pj.set_index("id")[["name", "status", "cost", "program_id"]].copy()
    out["cost"] = as_float_columns(pj, ["cost"], "projects", labels=list(pj["id"]))[:, 0]
    out["program"] = out["program_id"].map(pg.set_index("id")["name"]).fillna("standalone")
    out["product_line_id"] = pj.set_index("id")["product_line_id"] if "product_line_id" in pj else pd.NA
    objective = out["program_id"].map(pg.set_index("id")["objective_id"])
    fit_cols = [f"fit_{o}" for o in ob["id"]]
    if all(c in pj.columns for c in fit_cols):
        fits = pd.DataFrame(as_float_columns(pj, fit_cols, "projects", labels=list(pj["id"])), index=out.index,
                            columns=fit_cols)
        objective = objective.fillna(fits.idxmax(axis=1).str.removeprefix("fit_"))
    out["objective_id"] = objective
    path = "portfolio > " + out["program_id"].fillna("").astype(str) + " > " + out.index.to_series()
    out["level_path"] = path.str.replace(" >  > ", " > ", regex=False)
    out.index.name = "id"
    return out


@params(project_id=Text(), program_id=Text(allow_none=True), product_line_id=Text(allow_none=True))
def time_horizons(project_id: str, *, program_id: str | None = None, product_line_id: str | None = None,
                  projects=None, programs=None, product_lines=None, horizon_end=None) -> pd.DataFrame:
    """The time horizon of each level around one project: project, its program, the portfolio, the product.

    A project has fixed dates; its program runs until the combined benefits land; the
    portfolio is continuous; a product line lives from its launch until it is retired.

    Parameters
    ----------
    project_id : str
        The project to start from.
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
    pj = _table("projects", projects, "projects")
    pg = _table("programs", programs, "programs")
    pl = _table("product_lines", product_lines, "product_lines")
    require_columns(pj, ("id", "name", "start", "finish", "program_id", "product_line_id"), "projects")
    require_columns(pg, ("id", "name", "start", "planned_finish", "product_line_id"), "programs")
    require_columns(pl, ("id", "name", "launch_year"), "product_lines")
    for table, label in ((pj, "projects"), (pg, "programs"), (pl, "product_lines")):
        require_unique_ids(table["id"], label)
    require_known_ids([project_id], pj["id"], "project_id", what="project")
    pj = pj.assign(start=as_date_column(pj, "start", "projects", labels=list(pj["id"])).to_numpy(),
                   finish=as_date_column(pj, "finish", "projects", labels=list(pj["id"])).to_numpy())
    pg = pg.assign(start=as_date_column(pg, "start", "programs", labels=list(pg["id"])).to_numpy(),
                   planned_finish=as_date_column(pg, "planned_finish", "programs", labels=list(pg["id"])).to_numpy())
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
    end = (as_timestamps(horizon_end, "horizon_end") if horizon_end is not None
           else max(pj["finish"].max(), pg["planned_finish"].max()) + pd.DateOffset(years=1))
    rows = [("project", project_id, f"Project {project_id}: {proj['name']}", proj["start"], proj["finish"], False)]
    if prog is not None:
        rows.append(("program", prog_id, f"Program {prog_id}: {prog['name']}", prog["start"], prog["planned_finish"],
                     False))
    rows.append(("portfolio", "portfolio", "Portfolio: every project, reviewed each cycle", pj["start"].min(), end,
                 True))
    if isinstance(line_id, str):
        require_known_ids([line_id], pl["id"], "product_line_id", what="product line")
        line = pl.set_index("id").loc[line_id]
        year = int(as_float_columns(line.to_frame().T, ["launch_year"], "product_lines", labels=[line_id])[0, 0])
        rows.append(("product", line_id, f"Product line {line_id}: {line['name']}", pd.Timestamp(year=year, month=1,
                     day=1), end, True))
    return pd.DataFrame(rows, columns=["level", "id", "label", "start", "finish", "open_ended"])
