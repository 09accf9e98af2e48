"""Widget of the agile lesson: remaining scope, history window and confidence -> the release date."""

from __future__ import annotations

import ipywidgets as W
import pandas as pd

from .. import agile, datasets
from ..errors import InputError, UnknownIdError
from ._base import Dashboard, View
from ._figure import lean_figure, reuse_axes

__all__ = ["release_forecast_explorer"]


def _release_rows(sprints: pd.DataFrame, releases: pd.DataFrame | None, release: str | None):
    """The release to forecast (its id, name, plan) and the sprint history."""
    for col in ("completed", "end"):
        if col not in sprints.columns:
            raise InputError(f"sprints lacks the column {col!r}; columns found: {', '.join(sprints.columns)}.")
    if releases is None or "release_id" not in sprints.columns:
        return None, None, sprints
    known = releases["id"].tolist()
    if release is None:
        flying = releases[releases.get("status", pd.Series(dtype=object)) == "in_flight"]
        release = (flying if len(flying) else releases)["id"].iloc[-1]
    if release not in known:
        raise UnknownIdError(f"release {release!r} is not in releases; releases found: {', '.join(map(str, known))}.")
    return release, releases.set_index("id").loc[release], sprints


def release_forecast_explorer(sprints=None, releases=None, *, release=None, n: int = 10_000, seed: int = 0,
                              sprint_days: int = 14) -> Dashboard:
    """When will the release be done? Drive the Monte Carlo forecast by its three assumptions.

    Controls: ``remaining`` (points left in the release backlog: add the scope you expect to
    grow), ``window`` (how many of the latest sprints the forecast resamples) and
    ``confidence`` (the percent level to promise). The text gives the velocity of the window,
    the sprints and the date at that confidence, what a plan on average velocity promises
    and how often it holds, the chance of meeting the planned release date and how many
    points fit before it; the chart is the forecast's histogram next to the release burnup
    with the projection.

    Parameters
    ----------
    sprints : DataFrame, optional
        Finished sprints, oldest first: ``completed`` points and ``end`` date (plus ``number``,
        ``release_id`` and ``release_scope`` for the burnup). Default: the web-shop team's
        ``pm.datasets.load("sprints")``.
    releases : DataFrame, optional
        Release plans (``id``, ``name``, ``planned_sprints``, ``target_date``). Default:
        ``pm.datasets.load("releases")`` with the bundled sprints.
    release : str, optional
        The release to forecast (default: the one in flight, ``WEB-R2``).
    n, seed : int
        Monte Carlo iterations and seed (same seed, same figures).
    sprint_days : int
        Days between sprint ends (14 for two-week sprints).

    Examples
    --------
    >>> d = release_forecast_explorer()
    >>> d.controls["confidence"].value = 50
    >>> d.summary.splitlines()[2].split(":")[0]
    '50 % confidence'
    """

    from ..plots.agile import burnup_chart, forecast_histogram

    if sprints is None:
        table = datasets.load("sprints")
        plans = datasets.load("releases") if releases is None else releases
    else:
        table = pd.DataFrame(sprints).copy()
        plans = None if releases is None else pd.DataFrame(releases).copy()
    release, plan, table = _release_rows(table, plans, release)
    agile.release_forecast(0, table["completed"], n=1)  # validate the history once, with a clear error
    ends = pd.to_datetime(table["end"])
    last_end = ends.iloc[-1]
    numbers = table["number"].tolist() if "number" in table.columns else list(range(1, len(table) + 1))
    in_release = table[table["release_id"] == release] if release is not None else table
    has_scope = "release_scope" in in_release.columns and len(in_release) > 0
    default_remaining = (float(in_release["release_scope"].iloc[-1] - in_release["completed"].sum())
                         if has_scope else float(round(agile.velocity(table["completed"])["mean"] * 6)))
    if plan is not None:
        target = pd.Timestamp(plan["target_date"])
        sprints_left = max(0, int(round((target - last_end).days / sprint_days)))
        title = f"{release} {plan['name']}: when will it be done?"
    else:
        target, sprints_left, title = None, None, "When will the release be done?"
    hi = max(int(default_remaining * 2), 50)
    style = {"description_width": "190px"}
    layout = W.Layout(width="470px")
    controls = {
        "remaining": W.IntSlider(value=int(round(default_remaining)), min=0, max=hi, step=1,
                                 description="Remaining scope (points)", continuous_update=False,
                                 style=style, layout=layout),
        "window": W.IntSlider(value=min(10, len(table)), min=agile.MIN_HISTORY, max=len(table), step=1,
                              description="History: last N sprints", continuous_update=False,
                              style=style, layout=layout),
        "confidence": W.IntSlider(value=85, min=50, max=95, step=5, description="Confidence (%)",
                                  continuous_update=False, style=style, layout=layout),
    }
    # one figure for the life of the widget, with fixed margins: a layout engine would re-measure
    # every label at each redraw (a third of the time)
    fig = lean_figure(12.5, 5.0, left=0.065, right=0.985, bottom=0.29, top=0.93, wspace=0.22)
    axes = fig.subplots(1, 2, width_ratios=[1, 1.15])
    cache: dict = {}

    def forecast(remaining, window):
        key = (remaining, window)
        if key not in cache:
            history = table["completed"].iloc[-window:]
            f = agile.release_forecast(remaining, history, n=n, seed=seed)
            fit = agile.points_forecast(history, sprints_left, n=n, seed=seed) if sprints_left else None
            if len(cache) > 64:
                cache.clear()
            cache[key] = (f, fit, agile.velocity(history))
        return cache[key]

    def when(k):
        end = last_end + pd.Timedelta(days=int(k) * sprint_days)
        number = int(numbers[-1]) + int(k) if str(numbers[-1]).isdigit() else None
        return f"{end:%a %d %b %Y}" + (f" (end of sprint {number})" if number is not None else "")

    def render(remaining, window, confidence):
        if remaining < 0 or not agile.MIN_HISTORY <= window <= len(table):
            raise InputError(f"window must be between {agile.MIN_HISTORY} and {len(table)} sprints.")
        f, fit, v = forecast(remaining, window)
        k = f.percentile(confidence)
        first = numbers[-window]
        avg = remaining / v["mean"]
        lines = [
            f"{remaining:g} points left after sprint {numbers[-1]} (ended {last_end:%d %b %Y}); "
            f"history: sprints {first} to {numbers[-1]} ({window} sprints)",
            f"Velocity of the window: mean {v['mean']:.1f}, sd {v['sd']:.1f}, range {v['min']:g} to {v['max']:g} "
            "points per sprint",
            f"{confidence} % confidence: {k} more sprints, done by {when(k)}",
            f"P50 {f.percentile(50)} sprints | P85 {f.percentile(85)} | P95 {f.percentile(95)} "
            f"(Monte Carlo, {n:,} iterations)",
            f"Plan on average velocity: {remaining:g} / {v['mean']:.1f} = {avg:.2f} -> {f.average_sprints} sprints; "
            f"it holds in {f.probability(f.average_sprints):.0%} of iterations",
        ]
        if target is not None:
            chance = f.probability(sprints_left)
            lines.append(f"Planned release date {target:%d %b %Y} = {sprints_left} more sprints: chance {chance:.0%}")
            if fit is not None:
                lines.append(f"Points done in those {sprints_left} sprints with {confidence} % confidence: at least "
                             f"{fit.percentile(confidence):g} of {remaining:g}")
        reuse_axes(*axes)  # as clear(), keeping the ticks
        # the cumulative line on the bars' axis (both are percentages): one axis less to draw
        forecast_histogram(f, ax=axes[0], percentiles=(50, confidence) if confidence != 50 else (50,),
                           target=sprints_left, right_axis=False,
                           title=f"{remaining:g} points: sprints needed ({window}-sprint history)")
        if has_scope:
            burn = agile.release_burnup(in_release)
            # what-if scope: the last scope point becomes done + remaining
            burn.loc[burn.index[-1], "scope"] = burn["done"].iloc[-1] + remaining
            burn["remaining"] = burn["scope"] - burn["done"]
            planned = int(plan["planned_sprints"]) if plan is not None else None
            burnup_chart(burn, ax=axes[1], forecast=f, percentiles=(confidence,),
                         labels=in_release["number"] if "number" in in_release.columns else None,
                         planned=planned, title=f"Release burnup and the {confidence} % forecast")
        else:
            axes[1].set_axis_off()
        return View("\n".join(lines), fig)

    return Dashboard(controls, render, title=title, columns=1)

