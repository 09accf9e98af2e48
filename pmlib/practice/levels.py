"""Practice topics of the levels of management: communication channels, which level decides (lesson 01).

Answers come from :func:`pmlib.levels.communication_channels` (the PMBOK Guide's n(n - 1)/2),
:func:`pmlib.levels.metric_level` and :func:`pmlib.levels.decisions` (the course's table of
decisions and the level that owns each, with the reason).
"""

from __future__ import annotations

import functools

from .. import levels
from ._core import Draw, cap, choice, numeric, topic

LESSON = "01_levels_of_management"


@topic("levels.communication_channels", title="Communication channels", exam="PMP", eco="People",
       pmbok8="Stakeholders", lesson=LESSON)
def communication_channels(draw: Draw, team: int | None = None, added: int | None = None):
    team = team or draw.integer(4, 14)
    if added is None and draw.chance(0.5):
        added = draw.integer(1, 5)
    n = team + 1  # the project manager counts
    base = levels.communication_channels(n)
    org, project = draw.org(), draw.project()
    if not added:
        text = (f"You manage {project} for {org}. Your team has {team} members besides you. How many potential "
                "communication channels are there?")
        how = f"Channels = n(n - 1) / 2 with n = {team} + 1 (you count) = {n}: {n} x {n - 1} / 2 = {base}"
        wrong = {
            "n(n - 1) without halving: each channel links a pair, counted once": n * (n - 1),
            "the project manager left out of n": levels.communication_channels(team),
            "n^2 / 2: the formula is n(n - 1) / 2": n * n / 2,
        }
        return numeric(text, base, how, unit="channels", decimals=0, rtol=0.0, misconceptions=wrong,
                       data={"people": n}, fmt=lambda v: f"{v:,.0f}", as_choice=draw.chance(0.3), draw=draw)
    bigger = levels.communication_channels(n + added)
    answer = bigger - base
    text = (f"You manage {project} for {org}, with a team of {team} besides you. {added} more people join the team. "
            "How many communication channels are added?")
    how = (f"Before: n = {n}, {n} x {n - 1} / 2 = {base}. After: n = {n + added}, {n + added} x {n + added - 1} / 2 = "
           f"{bigger}. Added: {bigger} - {base} = {answer}")
    wrong = {
        "the channels of the new team size: the question asks how many are added": bigger,
        "the number of people added: each newcomer links with everyone": added,
        "the project manager left out of n": levels.communication_channels(team + added) - levels.communication_channels(team),
        "n(n - 1) without halving": 2 * answer,
    }
    return numeric(text, answer, how, unit="channels", decimals=0, rtol=0.0, misconceptions=wrong,
                   data={"before": n, "after": n + added}, fmt=lambda v: f"{v:,.0f}", as_choice=draw.chance(0.3),
                   draw=draw)


_LEVEL_WORK = {
    "project": "the project level, which delivers one temporary endeavour against its baseline",
    "program": "the program level, which coordinates related projects towards a shared benefit",
    "portfolio": "the portfolio level, which decides what to invest in across the whole organisation",
    "product": "the product level, which decides what one product becomes for its customers over its life",
}


@functools.lru_cache(maxsize=1)
def _decisions():
    """The course's decision statements (read once: pmlib's bundled table does not change)."""
    table = levels.decisions()
    return tuple((i, r.statement, r.level, r.reason) for i, r in zip(table.index, table.itertuples(), strict=True))


@functools.lru_cache(maxsize=1)
def _metrics():
    table = levels.metrics()
    return tuple((name, r.meaning) for name, r in zip(table.index, table.itertuples(), strict=True))


@functools.lru_cache(maxsize=1)
def _aspects():
    """(aspect, level, text) of the four levels side by side, without the aspects that name the level."""
    table = levels.comparison()
    keep = [a for a in table.index if a not in ("role", "credential", "decision_level")]
    return tuple((a, lvl, str(table.loc[a, lvl])) for a in keep for lvl in table.columns)


@topic("levels.which_level", title="Which level decides: project, program, portfolio or product", exam="PMP",
       eco="Business Environment", pmbok8="Governance", lesson=LESSON)
def which_level(draw: Draw, decision_id: str | None = None):
    kind = "decision" if decision_id is not None else draw.pick(["decision", "decision", "metric", "aspect"])
    if kind == "aspect":
        aspect, level, described = draw.pick(_aspects())
        text = (f"In the comparison of the levels of management, which level has this "
                f"{aspect.replace('_', ' ')}: \"{described}\"?")
        how = f"{cap(level)} level ({aspect.replace('_', ' ')}: {described})."
        data = {"aspect": aspect}
    elif kind == "decision":
        rows = _decisions()
        row = next(r for r in rows if r[0] == decision_id) if decision_id else draw.pick(rows)
        did, statement, level, reason = row
        text = f"At Alderbrook Retail Group: \"{statement}\" Which level of management owns this decision?"
        how = f"{cap(level)} level. {reason}"
        data = {"decision_id": did}
    else:
        metric, meaning = draw.pick(_metrics())
        level = levels.metric_level(metric)
        name = metric.replace("_", " ")
        text = (f"Which level of management reads the figure '{name}' ({meaning}) as one of its own key numbers?")
        how = f"{cap(level)} level: {meaning} is a {level}-level figure."
        data = {"metric": metric}
    options = {lvl: f"{cap(lvl)} level" for lvl in levels.LEVELS}
    wrong = {options[lvl]: f"placing it at {_LEVEL_WORK[lvl]}" for lvl in levels.LEVELS if lvl != level}
    return choice(draw, text, options[level], wrong, how, data=data)
