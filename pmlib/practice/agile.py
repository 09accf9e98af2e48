"""Practice topics of agile and hybrid delivery (lesson 08), and of the agile team (People domain).

Every answer comes from :mod:`pmlib.agile` (velocity, sprint burndown and release burnup, Monte
Carlo release and throughput forecasts, Little's law, AgileEVM, sprint capacity) or from
:func:`pmlib.levels.communication_channels`; the named misconceptions are what the usual slips
give with the same figures: committed points read as velocity, rounding a plan down, partial
credit for unfinished stories, the average-velocity plan taken as a forecast, the 50 % row read
for the 85 % one, Little's law multiplied instead of divided, the release's original points in
AgileEVM, BAC x CPI, days off or the focus factor forgotten in a capacity.

Forecast questions show the output of a seeded 5,000-run simulation of
:func:`pmlib.agile.release_forecast` or :func:`pmlib.agile.throughput_forecast` and ask the
learner to read it as the exam does ("with 85 % confidence, how many sprints?"); the key is the
simulation's own percentile, so it agrees with the table shown.

Sources: M. Cohn, *Agile Estimating and Planning* (2005); K. Schwaber and J. Sutherland, *The
Scrum Guide* (2020); T. Magennis, *Forecasting and Simulating Software Development Projects*
(2011); D. Vacanti, *Actionable Agile Metrics for Predictability* (2015); J. D. C. Little (1961);
T. Sulaiman, B. Barton and T. Blackburn, "AgileEVM" (Agile 2006).
"""

from __future__ import annotations

import math

import numpy as np

from .. import agile, levels
from ._core import Draw, cap, choice, money, num, numeric, pct, qty, topic

LESSON = "08_agile_and_hybrid"
_FIB = (1, 2, 3, 5, 8, 13)
_ITERATIONS = 5_000  # runs of the simulation a forecast question shows (enough for 0.1 % steps)


def _seed(draw: Draw) -> int:
    """A seed for the pmlib simulation behind a question (drawn, so the question stays reproducible)."""
    return draw.integer(0, 2**31 - 1)


def _team(draw: Draw) -> str:
    """'the team building a CRM roll-out for a bank's digital team'."""
    return f"the team building {draw.project()} for {draw.org()}"


def _velocities(draw: Draw, n: int, base: int | None = None, spread: float = 0.25) -> list[int]:
    """``n`` past velocities (whole points) around a base velocity."""
    base = base or draw.integer(18, 45)
    out = np.rint(base * draw.rng.uniform(1 - spread, 1 + spread, n)).astype(int)
    return [int(max(1, v)) for v in out]


def _listing(values) -> str:
    return ", ".join(f"{v:g}" for v in values)


def _holds(p: float) -> str:
    """How to read the share of Monte Carlo runs in which the plan on average velocity holds."""
    if p < 0.7:
        return "a plan on average velocity is close to a coin flip, not a commitment."
    return ("here rounding up happens to give some margin, but the confidence was not chosen: read it from a "
            "forecast instead.")


def _sprint_weeks(draw: Draw) -> int:
    return draw.pick([2, 2, 2, 1, 3])


# --------------------------------------------------------------------------------------
# velocity
# --------------------------------------------------------------------------------------
@topic("agile.velocity", title="Velocity and the plan on average velocity", exam="PMP", eco="Process",
       pmbok8="Schedule", lesson=LESSON)
def velocity(draw: Draw, completed=None, committed=None, remaining: float | None = None, which: str | None = None,
             people: int | None = None):
    completed = list(completed) if completed is not None else _velocities(draw, draw.integer(4, 8))
    if committed is None:
        extra = draw.rng.integers(0, 9, len(completed))
        extra[int(draw.rng.integers(len(completed)))] = draw.integer(3, 8)  # at least one sprint fell short
        committed = [c + int(e) for c, e in zip(completed, extra, strict=True)]
    committed = list(committed)
    people = people or draw.integer(4, 9)
    which = which or draw.pick(["mean", "last_3", "plan", "plan"])
    v = agile.velocity(completed)
    n = len(completed)
    weeks = _sprint_weeks(draw)
    pairs = "; ".join(f"{a:g} / {b:g}" for a, b in zip(committed, completed, strict=True))
    text = (f"{cap(_team(draw))} works in {weeks}-week sprints with {people} developers. Points committed / "
            f"completed in its last {n} sprints, oldest first: {pairs}.")
    data = {"completed": completed, "committed": committed, "people": people}
    if which == "mean":
        text += " What is the team's average velocity, in points per sprint? Give one decimal."
        answer = v["mean"]
        how = (f"Velocity counts the points of the stories completed in a sprint (not those committed).\n"
               f"Mean velocity = ({' + '.join(f'{c:g}' for c in completed)}) / {n} = {num(answer, 2)} points per "
               "sprint")
        wrong = {
            "the points committed: velocity counts only the stories completed": agile.velocity(committed)["mean"],
            "the last sprint alone: velocity is an average over several sprints": float(completed[-1]),
            f"the last three sprints only: the question asks for all {n}": v["last_3"],
            "points per developer: velocity is a whole-team figure": v["mean"] / people,
        }
        return numeric(text, answer, how, unit="points", decimals=1, rtol=0.0, misconceptions=wrong, data=data,
                       fmt=lambda x: num(x, 1), as_choice=draw.chance(0.3), draw=draw)
    if which == "last_3":
        text += (" The team plans its next sprint on 'yesterday's weather': the mean velocity of its three most "
                 "recent sprints. What is that velocity, in points? Give one decimal.")
        answer = v["last_3"]
        last = completed[-3:]
        how = (f"The three most recent sprints are the last three of the list (oldest first): "
               f"({' + '.join(f'{c:g}' for c in last)}) / {len(last)} = {num(answer, 2)} points")
        wrong = {
            "the first three sprints of the list: the list runs oldest first, so the recent ones are at its end":
                agile.velocity(completed[:3])["mean"],
            f"the mean of all {n} sprints: the question asks for the last three": v["mean"],
            "the points committed in the last three sprints: velocity counts the points completed":
                agile.velocity(committed)["last_3"],
            "the last sprint alone": float(completed[-1]),
        }
        return numeric(text, answer, how, unit="points", decimals=1, rtol=0.0, misconceptions=wrong, data=data,
                       fmt=lambda x: num(x, 1), as_choice=draw.chance(0.3), draw=draw)
    # the plan on average velocity
    if remaining is None:
        for _ in range(50):
            remaining = float(5 * round(v["mean"] * draw.uniform(3.2, 9.8) / 5))
            frac = remaining / v["mean"] % 1
            if 0.15 <= frac <= 0.85:
                break
    f = agile.release_forecast(remaining, completed, n=2_000, seed=_seed(draw))
    answer = f.average_sprints
    ratio = remaining / v["mean"]
    text += (f" {num(remaining, 0)} points are left in the release backlog. How many more sprints does a plan on "
             "the mean velocity of these sprints need? Give a whole number of sprints.")
    how = (f"Mean velocity = {num(v['mean'], 2)} points per sprint (completed points only).\n"
           f"Sprints = remaining / velocity, rounded up = {num(remaining, 0)} / {num(v['mean'], 2)} = "
           f"{num(ratio, 2)}, so {qty(answer, 'sprints')} (a part-filled sprint is still a sprint).\n"
           f"A Monte Carlo on the same velocities finishes within {qty(answer, 'sprints')} in "
           f"{pct(f.probability(answer), 0)} of 2,000 runs: {_holds(f.probability(answer))}")
    wrong = {
        "rounded down: the last, part-filled sprint still has to run": math.floor(ratio),
        "not rounded up: a part sprint is a whole sprint": ratio,
        "planned on the points committed instead of those completed":
            math.ceil(remaining / agile.velocity(committed)["mean"] - 1e-12),
        "planned on the last three sprints only: the question asks for the mean of all of them":
            math.ceil(remaining / v["last_3"] - 1e-12),
        "planned on points per developer: velocity is a whole-team figure": math.ceil(remaining / (v["mean"] / people)),
    }
    return numeric(text, answer, how, unit="sprints", decimals=1, rtol=0.0, misconceptions=wrong,
                   data={**data, "remaining": remaining}, fmt=lambda x: qty(x, "sprints", 0 if x == int(x) else 2),
                   as_choice=draw.chance(0.3), draw=draw)


# --------------------------------------------------------------------------------------
# burndown and burnup
# --------------------------------------------------------------------------------------
def _sprint(draw: Draw, days: int, *, unfinished: bool) -> list[dict]:
    """Stories of a sprint: points, the day each was finished (None if not) and, if not, how far along."""
    k = draw.integer(4, 7)
    stories = []
    for i in range(k):
        points = draw.pick(_FIB[:5] if i else _FIB)
        day = draw.integer(1, days)
        stories.append({"story": f"S{i + 1}", "points": points, "day": day, "progress": None})
    if unfinished:
        for s in draw.sample(stories, draw.integer(1, 2)):
            s["day"], s["progress"] = None, draw.pick([0.25, 0.5, 0.5, 0.75, 0.8])
    return stories


def _dates(draw: Draw, days: int) -> list[str]:
    """The ``days`` working days (ISO dates) of a sprint starting on a Monday of 2026."""
    start = np.datetime64("2026-01-05") + np.timedelta64(7 * draw.integer(0, 45), "D")
    return [str(d) for d in np.busday_offset(start, np.arange(days), roll="forward")]


def _stories_text(stories: list[dict], progress: bool) -> str:
    parts = []
    for s in stories:
        if s["day"] is not None:
            parts.append(f"{s['story']} ({qty(s['points'], 'points')}) done on day {s['day']}")
        elif progress:
            parts.append(f"{s['story']} ({qty(s['points'], 'points')}) not done, about {pct(s['progress'], 0)} of "
                         "its work finished")
        else:
            parts.append(f"{s['story']} ({qty(s['points'], 'points')}) not done")
    return "; ".join(parts)


@topic("agile.burndown", title="Reading a sprint burndown and a release burnup", exam="PMP", eco="Process",
       pmbok8="Schedule", lesson=LESSON)
def burndown(draw: Draw, stories: list | None = None, days: int | None = None, day: int | None = None,
             which: str | None = None, sprints: list | None = None, planned: float | None = None):
    which = which or draw.pick(["day", "end", "burnup"])
    if which == "burnup":
        return _burnup(draw, sprints, planned)
    days = days or draw.pick([5, 10, 10])
    stories = stories or _sprint(draw, days, unfinished=which == "end" or draw.chance(0.5))
    dates = _dates(draw, days)
    items = [{"points": s["points"], "done": dates[s["day"] - 1] if s["day"] else None} for s in stories]
    b = agile.sprint_burndown(items, start=dates[0], end=dates[-1])
    committed = float(b["remaining"].iloc[0])
    text = (f"{cap(_team(draw))} runs a {days}-working-day sprint and committed to {num(committed, 0)} points: "
            f"{_stories_text(stories, which == 'end')}.")
    unfinished = [s for s in stories if s["day"] is None]
    partial = sum(s["points"] * s["progress"] for s in unfinished)
    data = {"stories": stories, "days": days}
    if which == "day":
        day = day or draw.integer(2, days - 1)
        answer = float(b["remaining"].loc[day])
        text += f" What does the sprint burndown show as remaining at the end of day {day}, in points?"
        done = committed - answer
        how = (f"Remaining = committed - points of the stories finished by the end of day {day} = "
               f"{num(committed, 0)} - {num(done, 0)} = {num(answer, 0)} points.\n"
               f"(The ideal line is at {num(b['ideal'].loc[day], 1)}: {'behind' if answer > b['ideal'].loc[day] else 'on or ahead of'} it.)")
        wrong = {
            "the points burned so far: the burndown shows what is left": done,
            "the ideal line at that day: the question asks for the actual remaining work": float(b["ideal"].loc[day]),
            "the end of the previous day: count the stories finished on that day too": float(b["remaining"].loc[day - 1]),
        }
        return numeric(text, answer, how, unit="points", decimals=0, rtol=0.0, misconceptions=wrong, data=data,
                       fmt=lambda x: num(x, 1) if x != int(x) else num(x, 0), as_choice=draw.chance(0.3), draw=draw)
    answer = float(b["remaining"].iloc[-1])
    velocity_ = float(b["done_points"].sum())
    text += " How many committed points are left (carried over) at the end of the sprint?"
    how = (f"Only finished stories burn down: remaining = committed - points of the done stories = "
           f"{num(committed, 0)} - {num(velocity_, 0)} = {num(answer, 0)} points "
           f"({', '.join(s['story'] for s in unfinished)} carried over; the sprint's velocity is {num(velocity_, 0)}).")
    wrong = {
        "the points completed (the sprint's velocity): the question asks what is left": velocity_,
        "partial credit for unfinished stories: a story burns down only when it is done": answer - partial,
        "the commitment: the burndown starts there and falls": committed,
        "the number of unfinished stories, not their points": float(len(unfinished)),
    }
    return numeric(text, answer, how, unit="points", decimals=0, rtol=0.0, misconceptions=wrong, data=data,
                   fmt=lambda x: num(x, 1) if x != int(x) else num(x, 0), as_choice=draw.chance(0.3), draw=draw)


def _burnup(draw: Draw, sprints: list | None, planned: float | None):
    if sprints is None:
        k = draw.integer(3, 6)
        vel = _velocities(draw, k)
        planned = float(10 * round(sum(vel) * draw.uniform(1.6, 2.6) / 10))
        scope, rows = planned, []
        grew = draw.rng.random(k) < 0.5
        grew[int(draw.rng.integers(k))] = True  # scope grows at least once
        for c, g in zip(vel, grew, strict=True):
            scope += draw.integer(3, 20) if g else 0
            rows.append({"completed": c, "release_scope": scope})
        sprints = rows
    b = agile.release_burnup(sprints)
    answer = float(b["remaining"].iloc[-1])
    done, scope = float(b["done"].iloc[-1]), float(b["scope"].iloc[-1])
    listing = "; ".join(f"sprint {i + 1}: {r['completed']:g} done, scope {r['release_scope']:g}"
                        for i, r in enumerate(sprints))
    text = (f"The release burnup of {_team(draw)}: the release was planned at {num(planned, 0)} points. Points "
            f"completed and release scope at the end of each sprint: {listing}. How many points are left in the "
            "release now?")
    sums = " + ".join(f"{r['completed']:g}" for r in sprints)
    how = (f"Done so far = {sums} = {num(done, 0)} points; the scope "
           f"line is now at {num(scope, 0)} (it grew by {num(scope - planned, 0)} since planning).\n"
           f"Remaining = scope now - done = {num(scope, 0)} - {num(done, 0)} = {num(answer, 0)} points")
    wrong = {
        "the planned scope minus the work done: the scope grew since planning": planned - done,
        "the scope line: the remaining work is the gap between the scope and done lines": scope,
        "the done line: that is the work finished, not the work left": done,
        "the last sprint's velocity": float(sprints[-1]["completed"]),
    }
    return numeric(text, answer, how, unit="points", decimals=0, rtol=0.0, misconceptions=wrong,
                   data={"sprints": sprints, "planned": planned}, fmt=lambda x: num(x, 0),
                   as_choice=draw.chance(0.3), draw=draw)


# --------------------------------------------------------------------------------------
# forecasts
# --------------------------------------------------------------------------------------
def _share_table(ks: np.ndarray, shares: np.ndarray, row: str) -> tuple[str, dict]:
    """The simulation's table as the stem shows it ('within 5: 12.3 %; ...') and as ``{k: share}``."""
    pairs = list(zip(ks.tolist(), shares.tolist(), strict=True))
    return "; ".join(f"{row.format(k)}: {pct(s, 1)}" for k, s in pairs), dict(pairs)


def _clear_level(draw: Draw, shares: np.ndarray, levels_: tuple = (70, 80, 85, 90, 95)) -> int:
    """A confidence level (percent) no share of the table lies close to, so the table reads one way."""
    ok = [q for q in levels_ if np.all(np.abs(100 * shares - q) > 0.6)]
    return draw.pick(ok or [85])


@topic("agile.release_forecast", title="Monte Carlo release forecast (sprints with 85 % confidence)", exam="PMP",
       eco="Process", pmbok8="Schedule", lesson=LESSON)
def release_forecast(draw: Draw, velocities=None, remaining: float | None = None, q: int | None = None,
                     which: str | None = None, done: int | None = None, seed: int | None = None):
    velocities = list(velocities) if velocities is not None else _velocities(draw, draw.integer(6, 10), spread=0.6)
    v = agile.velocity(velocities)
    if remaining is None:
        remaining = float(5 * round(v["mean"] * draw.uniform(4.5, 10.5) / 5))
    f = agile.release_forecast(remaining, velocities, n=_ITERATIONS, seed=_seed(draw) if seed is None else seed)
    done = done if done is not None else draw.integer(2, 8)
    ks = np.arange(int(f.sprints.min()), int(f.sprints.max()) + 1)
    shares = np.atleast_1d(f.probability(ks))
    keep = (shares >= 0.0005) & (np.concatenate([[0.0], shares[:-1]]) < 0.9995)  # no run of 0.0 % or 100.0 % rows
    ks, shares = ks[keep], shares[keep]
    table, by_k = _share_table(ks, shares, "within {}")
    text = (f"{cap(_team(draw))} has finished {done} sprints of its release; {num(remaining, 0)} points are left. "
            f"Velocities of its last {len(velocities)} sprints: {_listing(velocities)} (mean {num(v['mean'], 1)}). "
            f"A Monte Carlo simulation ({_ITERATIONS:,} runs, each future sprint's velocity drawn from these) gives the "
            f"share of runs that finish within k more sprints: {table}.")
    avg = f.average_sprints
    data = {"velocities": velocities, "remaining": remaining, "done": done, "shares": by_k}
    if (which or draw.pick(["confidence", "confidence", "average"])) == "average" and avg in ks:
        answer = 100 * f.probability(avg)
        text += (" The product owner wants to promise the plan on average velocity (remaining points / mean "
                 "velocity, rounded up). In what share of the runs does that plan hold? Give a percentage, one decimal.")
        how = (f"Average plan = {num(remaining, 0)} / {num(v['mean'], 2)} = {num(remaining / v['mean'], 2)}, rounded "
               f"up: {qty(avg, 'sprints')}.\nThe table gives P(within {avg} sprints) = {pct(answer / 100, 1)}: "
               f"{_holds(answer / 100)}")
        wrong = {
            "the share of runs that miss the plan: the question asks how often it holds": 100 - answer,
            "the row before the plan's sprints: read the row of the plan itself": 100 * f.probability(avg - 1),
            "the row after the plan's sprints (the plan rounded up twice)": 100 * f.probability(avg + 1),
        }
        return numeric(text, answer, how, unit="percent", decimals=1, rtol=0.0, misconceptions=wrong, data=data,
                       fmt=lambda x: f"{num(x, 1)} %", as_choice=draw.chance(0.3), draw=draw, percent=True)
    q = q or _clear_level(draw, shares)
    answer = f.percentile(q)
    text += f" How many more sprints should the team forecast with {q} % confidence?"
    how = (f"The {q} % forecast is the fewest sprints whose share of runs reaches {q} %: "
           f"P(within {answer - 1}) = {pct(f.probability(answer - 1), 1)} < {q} % <= P(within {answer}) = "
           f"{pct(f.probability(answer), 1)}, so {qty(answer, 'sprints')}.\nThe plan on average velocity "
           f"({qty(avg, 'sprints')}) holds in {pct(f.probability(avg), 0)} of the runs: {_holds(f.probability(avg))}")
    wrong = {
        "the plan on average velocity (remaining / mean velocity, rounded up), which holds only about half the time":
            avg,
        "the 50 % row: a forecast met only half the time, not with the confidence asked": f.percentile(50),
        f"the last row below {q} %: the forecast is the first number of sprints whose share reaches {q} %":
            answer - 1,
        "the sprints already done added: the forecast counts the sprints still to come": done + answer,
    }
    return numeric(text, answer, how, unit="sprints", decimals=0, rtol=0.0, misconceptions=wrong,
                   data={**data, "q": q}, fmt=lambda x: qty(x, "sprints"), as_choice=draw.chance(0.3), draw=draw)


def _daily(draw: Draw, n: int) -> list[int]:
    """Items finished on each of ``n`` past days: some zero days, never all zero."""
    mean = draw.uniform(0.8, 2.2)
    out = draw.rng.poisson(mean, n)
    out[int(draw.rng.integers(n))] = 0
    out[int(draw.rng.integers(n))] = max(1, int(out.max()))
    return [int(x) for x in out]


@topic("agile.throughput_forecast", title="Throughput forecast (how many items by a date, or when)", exam="PMP",
       eco="Process", pmbok8="Schedule", lesson=LESSON)
def throughput_forecast(draw: Draw, daily=None, days: int | None = None, items: float | None = None,
                        q: int | None = None, which: str | None = None, seed: int | None = None):
    daily = list(daily) if daily is not None else _daily(draw, draw.integer(10, 15))
    hist = np.asarray(daily, dtype=float)
    mean, mean_busy = float(hist.mean()), float(hist[hist > 0].mean())
    which = which or ("how_many" if days is not None else "when" if items is not None else
                      draw.pick(["how_many", "when"]))
    seed = _seed(draw) if seed is None else seed
    intro = (f"{cap(_team(draw))} counts the work items it finishes each working day. The last {len(daily)} days: "
             f"{_listing(daily)} (mean {num(mean, 2)} a day).")
    data = {"daily": daily}
    if which == "how_many":
        days = days or draw.integer(5, 12)
        f = agile.throughput_forecast(daily, days=days, n=_ITERATIONS, seed=seed)
        q = q or draw.pick([80, 85, 85, 90])
        answer = int(f.percentile(q))
        ks = np.arange(max(answer - 3, 0), answer + 5)
        shares = np.atleast_1d(f.probability_at_least(ks))
        table, by_k = _share_table(ks, shares, "at least {}")
        text = (f"{intro} A Monte Carlo simulation ({_ITERATIONS:,} runs, each future day drawn from these) of the next "
                f"{days} working days gives the share of runs that finish at least k items: {table}. How many items "
                f"can the team promise by then with {q} % confidence?")
        how = (f"With a date fixed, the {q} % forecast is the largest count reached in at least {q} % of the runs: "
               f"P(at least {answer}) = {pct(f.probability_at_least(answer), 1)} >= {q} % > P(at least {answer + 1}) = "
               f"{pct(f.probability_at_least(answer + 1), 1)}, so {qty(answer, 'items')}.\n"
               f"The average ({num(mean, 2)} a day x {days} days = {num(mean * days, 1)}) is met only about half "
               "the time.")
        wrong = {
            "the mean throughput times the days: a figure reached only about half the time": mean * days,
            "the 50 % row: half the runs finish fewer": f.percentile(50),
            f"the optimistic tail: only {100 - q} % of the runs finish more than that": f.percentile(100 - q),
            "the zero days left out of the average: days with nothing finished are part of the history":
                mean_busy * days,
        }
        return numeric(text, answer, how, unit="items", decimals=0, rtol=0.0, misconceptions=wrong,
                       data={**data, "days": days, "q": q, "shares": by_k},
                       fmt=lambda x: qty(x, "items", 0 if x == int(x) else 1),
                       as_choice=draw.chance(0.3), draw=draw)
    items = items or float(draw.integer(8, max(12, int(18 * mean))))  # about 4 to 18 days of work
    f = agile.throughput_forecast(daily, items=items, n=_ITERATIONS, seed=seed)
    q = q or draw.pick([80, 85, 85, 90])
    answer = int(f.percentile(q))
    ks = np.arange(max(answer - 4, int(f.days_needed.min())), answer + 4)
    shares = np.atleast_1d(f.probability(ks))
    table, by_k = _share_table(ks, shares, "within {} days")
    text = (f"{intro} {num(items, 0)} items are left. A Monte Carlo simulation ({_ITERATIONS:,} runs, each future day "
            f"drawn from these) gives the share of runs that finish them within d working days: {table}. How many "
            f"working days should the team forecast with {q} % confidence?")
    how = (f"The {q} % forecast is the fewest days whose share of runs reaches {q} %: P(within {answer - 1}) = "
           f"{pct(f.probability(answer - 1), 1)} < {q} % <= P(within {answer}) = {pct(f.probability(answer), 1)}, "
           f"so {qty(answer, 'days')}.\nItems / mean throughput = {num(items, 0)} / {num(mean, 2)} = "
           f"{num(items / mean, 1)} days is a coin flip, not a forecast.")
    wrong = {
        "items / mean daily throughput, rounded up: a figure met only about half the time":
            math.ceil(items / mean - 1e-12),
        "the 50 % row: half the runs take longer": f.percentile(50),
        "the zero days left out of the average: days with nothing finished are part of the history":
            math.ceil(items / mean_busy - 1e-12),
        f"the last row below {q} %: the forecast is the first day count whose share reaches {q} %": answer - 1,
    }
    return numeric(text, answer, how, unit="working days", decimals=0, rtol=0.0, misconceptions=wrong,
                   data={**data, "items": items, "q": q, "shares": by_k}, fmt=lambda x: qty(x, "days"),
                   as_choice=draw.chance(0.3), draw=draw)


# --------------------------------------------------------------------------------------
# Little's law
# --------------------------------------------------------------------------------------
@topic("agile.littles_law", title="Little's law (WIP, throughput, cycle time)", exam="PMP", eco="Process",
       pmbok8="Schedule", lesson=LESSON)
def littles_law(draw: Draw, wip: float | None = None, throughput: float | None = None,
                cycle_time: float | None = None, weekly: bool | None = None):
    given = {k for k, v in (("wip", wip), ("throughput", throughput), ("cycle_time", cycle_time)) if v is not None}
    if len(given) != 2:
        ask = draw.pick(["cycle_time", "cycle_time", "throughput", "wip"])
        given = {"wip", "throughput", "cycle_time"} - {ask}
        wip = float(draw.integer(3, 24))
        throughput = draw.grid(0.4, 3.0, 0.1)
        cycle_time = float(draw.integer(2, 15)) if ask != "cycle_time" else None
        if ask == "wip":
            wip = None
        if ask == "throughput":
            throughput = None
    ask = ({"wip", "throughput", "cycle_time"} - given).pop()
    weekly = (ask != "throughput" and draw.chance(0.35)) if weekly is None else weekly
    args = {k: v for k, v in (("wip", wip), ("throughput", throughput), ("cycle_time", cycle_time)) if k in given}
    answer = agile.littles_law(**args)
    team = _team(draw)
    if ask == "cycle_time":
        shown = f"{num(throughput * 5, 1)} items a week (5 working days)" if weekly else f"{num(throughput, 1)} items a day"
        text = (f"{cap(team)} keeps {num(wip, 0)} items in progress on average and finishes {shown}. By Little's law, "
                "what is the average cycle time, in working days? Give two decimals.")
        conv = f"Throughput = {num(throughput * 5, 1)} / 5 = {num(throughput, 2)} items a day.\n" if weekly else ""
        how = (f"{conv}Little's law: WIP = throughput x cycle time, so cycle time = WIP / throughput = "
               f"{num(wip, 0)} / {num(throughput, 2)} = {num(answer, 2)} working days")
        wrong = {
            "WIP x throughput: cycle time divides WIP by throughput": agile.littles_law(throughput=throughput,
                                                                                        cycle_time=wip),
            "throughput / WIP (upside down)": agile.littles_law(wip=throughput, throughput=wip),
        }
        if weekly:
            wrong["the weekly throughput used as a daily one: convert to items a day first (days vs weeks)"] = \
                agile.littles_law(wip=wip, throughput=throughput * 5)
        unit = "working days"
    elif ask == "throughput":
        text = (f"{cap(team)} keeps {num(wip, 0)} items in progress on average, and an item takes {num(cycle_time, 0)} "
                "working days from start to finish on average. By Little's law, how many items does the team finish a "
                "day on average? Give two decimals.")
        how = (f"Little's law: WIP = throughput x cycle time, so throughput = WIP / cycle time = {num(wip, 0)} / "
               f"{num(cycle_time, 0)} = {num(answer, 3)} items a day")
        wrong = {
            "WIP x cycle time: throughput divides WIP by cycle time": agile.littles_law(throughput=wip,
                                                                                       cycle_time=cycle_time),
            "cycle time / WIP (upside down)": agile.littles_law(wip=cycle_time, cycle_time=wip),
            "items a week (x 5): the question asks per day": 5 * answer,
        }
        unit = "items a day"
    else:
        shown = f"{num(throughput * 5, 1)} items a week (5 working days)" if weekly else f"{num(throughput, 1)} items a day"
        text = (f"{cap(team)} finishes {shown}, and an item takes {num(cycle_time, 0)} working days from start to "
                "finish on average. By Little's law, how many items are in progress on average? Give one decimal.")
        conv = f"Throughput = {num(throughput * 5, 1)} / 5 = {num(throughput, 2)} items a day.\n" if weekly else ""
        how = (f"{conv}Little's law: WIP = throughput x cycle time = {num(throughput, 2)} x {num(cycle_time, 0)} = "
               f"{num(answer, 2)} items")
        wrong = {
            "throughput / cycle time: WIP multiplies them": agile.littles_law(wip=throughput, cycle_time=cycle_time),
            "cycle time / throughput: WIP multiplies them": agile.littles_law(wip=cycle_time, throughput=throughput),
        }
        if weekly:
            wrong["the weekly throughput used as a daily one: convert to items a day first (days vs weeks)"] = \
                agile.littles_law(throughput=throughput * 5, cycle_time=cycle_time)
        unit = "items"
    decimals = 1 if ask == "wip" else 2
    return numeric(text, answer, how, unit=unit, decimals=decimals, rtol=0.005, misconceptions=wrong,
                   data={"wip": wip, "throughput": throughput, "cycle_time": cycle_time, "weekly": weekly},
                   fmt=lambda x: num(x, decimals), as_choice=draw.chance(0.3), draw=draw)


# --------------------------------------------------------------------------------------
# AgileEVM
# --------------------------------------------------------------------------------------
def _release(draw: Draw) -> dict:
    """A release plan and its status at a sprint boundary, with or without added scope."""
    bac = draw.amount()
    planned_points = float(10 * draw.integer(10, 40))
    planned_sprints = draw.integer(6, 16)
    done = draw.integer(2, planned_sprints - 2)
    case = draw.pick(["growth", "partial", "plain"])  # added scope, a story in progress, or neither
    growth = float(5 * draw.integer(2, 12)) if case == "growth" else 0.0
    total = planned_points + growth
    ppc = done / planned_sprints
    apc = min(0.95, ppc * draw.uniform(0.7, 1.25))
    points_done = float(max(5, round(total * apc)))
    step = 10 ** (math.floor(math.log10(bac)) - 2)
    cpi = draw.pick([draw.uniform(0.75, 0.95), draw.uniform(1.05, 1.2)])
    ac = round(bac * points_done / total / cpi / step) * step
    return {"bac": bac, "planned_points": planned_points, "total_points": total, "planned_sprints": planned_sprints,
            "sprints_done": done, "points_done": points_done, "actual_cost": float(ac),
            "in_progress": float(draw.pick([3, 5, 8])) if case == "partial" else 0.0}


@topic("agile.agile_evm", title="AgileEVM for a release (PPC, APC, PV, EV, SPI, CPI, EAC)", exam="PMP",
       eco="Process", pmbok8="Finance", lesson=LESSON)
def agile_evm(draw: Draw, release: dict | None = None, which: str | None = None):
    r = dict(release) if release is not None else _release(draw)
    r.setdefault("planned_points", r["total_points"])
    r.setdefault("in_progress", 0.0)
    args = {k: r[k] for k in ("bac", "total_points", "planned_sprints", "sprints_done", "points_done", "actual_cost")}
    e = agile.agile_evm(**args)
    growth = r["total_points"] - r["planned_points"]
    which = which or draw.pick(["pv", "ev", "spi", "cpi", "eac"])
    scope = (f"planned at {num(r['planned_points'], 0)} points; the product owner has since added {num(growth, 0)} "
             f"points, so the release backlog now holds {num(r['total_points'], 0)}" if growth else
             f"planned at {num(r['total_points'], 0)} points")
    partial = (f" A further {num(r['in_progress'], 0)}-point story is half done." if r["in_progress"] else "")
    text = (f"{cap(_team(draw))} delivers a release with a budget (BAC) of {money(r['bac'])} over "
            f"{r['planned_sprints']} sprints, {scope}. After {r['sprints_done']} sprints the team has completed "
            f"{num(r['points_done'], 0)} points and spent {money(r['actual_cost'])}.{partial}")
    ppc_line = (f"PPC = sprints done / planned sprints = {r['sprints_done']} / {r['planned_sprints']} = "
                f"{num(e['ppc'], 4)}")
    apc_line = (f"APC = points done / release points now = {num(r['points_done'], 0)} / {num(r['total_points'], 0)} = "
                f"{num(e['apc'], 4)}")
    pv_line = f"PV = PPC x BAC = {num(e['ppc'], 4)} x {money(r['bac'])} = {money(e['pv'])}"
    ev_line = f"EV = APC x BAC = {num(e['apc'], 4)} x {money(r['bac'])} = {money(e['ev'])}"

    def other(**change):
        return agile.agile_evm(**{**args, **change})

    wrong: dict[str, float] = {}
    if growth:
        wrong["the release's original points: AgileEVM measures APC against the points in the release now"] = \
            float(other(total_points=r["planned_points"], points_done=min(r["points_done"], r["planned_points"]))[which])
    if r["in_progress"]:
        wrong["partial credit for the story in progress: only completed stories count as done"] = \
            float(other(points_done=min(r["points_done"] + r["in_progress"] / 2, r["total_points"]))[which])
    if which in ("pv", "ev"):
        planned = which == "pv"
        text += f" Using AgileEVM, what is the {'planned value (PV)' if planned else 'earned value (EV)'}, in $?"
        answer, how = e[which], (f"{ppc_line}\n{pv_line}" if planned else f"{apc_line}\n{ev_line}")
        swapped = ("APC x BAC: that is the earned value; PV comes from the share of sprints planned (PPC)" if planned
                   else "PPC x BAC: that is the planned value; EV comes from the share of points done (APC)")
        wrong[swapped] = e["ev" if planned else "pv"]
        wrong[f"the budget spent (AC): {which.upper()} is the budgeted value of the work "
              f"{'planned by now' if planned else 'done'}"] = e["ac"]
        style = dict(unit="$", decimals=0, rtol=0.002, fmt=money)
    elif which == "spi":
        text += " Using AgileEVM, what is the schedule performance index (SPI)? Give two decimals."
        answer = e["spi"]
        how = f"{ppc_line}\n{apc_line}\nSPI = EV / PV = APC / PPC = {num(e['apc'], 4)} / {num(e['ppc'], 4)} = {num(answer, 3)}"
        wrong["PPC / APC: PPC and APC swapped (SPI = APC / PPC)"] = 1 / answer
        wrong["EV / AC: that is the CPI"] = e["cpi"]
        style = dict(unit="ratio", decimals=2, rtol=0.004, fmt=lambda x: num(x, 2))
    elif which == "cpi":
        text += " Using AgileEVM, what is the cost performance index (CPI)? Give two decimals."
        answer = e["cpi"]
        how = f"{apc_line}\n{ev_line}\nCPI = EV / AC = {money(e['ev'])} / {money(e['ac'])} = {num(answer, 3)}"
        wrong["AC / EV (upside down: CPI = EV / AC)"] = 1 / answer
        wrong["PV / AC: PPC and APC swapped (EV comes from the points done)"] = e["pv"] / e["ac"]
        wrong["EV / PV: that is the SPI"] = e["spi"]
        style = dict(unit="ratio", decimals=2, rtol=0.004, fmt=lambda x: num(x, 2))
    else:
        text += " If the cost efficiency so far continues, what is the estimate at completion (EAC), in $?"
        answer = e["eac"]
        how = (f"{apc_line}\n{ev_line}\nCPI = EV / AC = {money(e['ev'])} / {money(e['ac'])} = {num(e['cpi'], 4)}\n"
               f"EAC = BAC / CPI = {money(r['bac'])} / {num(e['cpi'], 4)} = {money(answer)}")
        wrong["BAC x CPI: the typical EAC divides BAC by CPI"] = r["bac"] * e["cpi"]
        wrong["AC + (BAC - EV): that assumes the rest goes at the budgeted rate, not at the CPI so far"] = \
            e["ac"] + r["bac"] - e["ev"]
        wrong["BAC / SPI: the EAC divides by the cost index, not the schedule index"] = r["bac"] / e["spi"]
        style = dict(unit="$", decimals=0, rtol=0.003, fmt=money)
    return numeric(text, answer, how, misconceptions=wrong, data=r, as_choice=draw.chance(0.3), draw=draw, **style)


# --------------------------------------------------------------------------------------
# story points (People)
# --------------------------------------------------------------------------------------
@topic("agile.story_points", title="Story points: relative size, one team's scale", exam="PMP", eco="People",
       pmbok8="Resources", lesson=LESSON)
def story_points(draw: Draw, case: str | None = None):
    case = case or draw.pick(["compare", "hours", "who", "new_people", "precision"])
    team = _team(draw)
    if case == "compare":
        a, b = draw.integer(32, 60), draw.integer(15, 30)
        text = (f"Two teams of {draw.org()} work on similar products. Team A's velocity is {a} points a sprint, team "
                f"B's {b}. The sponsor asks which team delivers more. What do you answer?")
        correct = "Velocity cannot tell: each team sizes its own points, so velocities do not compare across teams."
        wrong = {
            f"Team A: {a} points is {pct(a / b - 1, 0)} more than {b}.":
                "comparing velocities across teams: each team calibrates its own point scale",
            "Team B: fewer points a sprint means its stories are bigger and harder.":
                "reading one team's scale into another's: the scales are simply unrelated",
            "Convert both velocities to hours at 6 hours a point, then compare.":
                "treating points as hours: points measure relative size, not time",
            f"Ask team B to reach {a} points a sprint like team A.":
                "turning velocity into a target: estimates inflate and delivery does not change",
        }
        how = ("Story points are relative to one team's reference stories: 40 points of one team may be 25 of another. "
               "Compare teams by outcomes (value delivered, throughput of similar items, cycle time), never by velocity.")
    elif case == "hours":
        v, hours = draw.integer(20, 45), 8 * draw.integer(5, 8) * 10
        text = (f"The manager of {team} notes that the team of {hours // 80} works {hours} hours a sprint and completes "
                f"about {v} points, so 'one point is {num(hours / v, 1)} hours'. He wants every new story estimated in "
                "hours with that rate. What is the best response?")
        correct = ("Keep estimating in points relative to reference stories: points express size, complexity and "
                   "uncertainty, and the team's velocity already converts them into a plan.")
        wrong = {
            f"Adopt the rate: {num(hours / v, 1)} hours a point makes estimates exact.":
                "treating points as a disguised unit of time: a point is relative size, not hours",
            "Estimate in hours from now on, and drop velocity.":
                "dropping relative estimation: hours estimates are slower to make and no more accurate",
            "Let the manager estimate the stories in hours himself, to save the team's time.":
                "estimates by someone who does not do the work: the developers estimate",
        }
        how = ("A points-to-hours rate turns relative sizing back into time estimates, with all their false precision. "
               "Velocity is the bridge from points to a date; it is measured, not decreed.")
    elif case == "who":
        po, dev = draw.pick([(2, 8), (3, 8), (3, 13), (5, 13), (2, 5)])
        text = (f"In {team}'s refinement session the product owner thinks a story is {po} points; the developers say "
                f"{dev}. Who settles the estimate, and how?")
        correct = ("The developers who will do the work: they discuss what the product owner sees and they do not, then "
                   "re-estimate together (planning poker).")
        wrong = {
            f"The product owner: she owns the backlog, so her {po} points stand.":
                "the product owner orders the backlog and clarifies it; the developers size the work",
            f"Split the difference: {num((po + dev) / 2, 1)} points.":
                "averaging the numbers: the gap points to a misunderstanding to discuss, not to average",
            "The project manager, who will be accountable for the date.":
                "estimates made by someone who will not do the work",
        }
        how = ("The people who do the work estimate it (Scrum Guide: the developers size the items). A wide gap is a "
               "signal: talk about the assumptions, then estimate again.")
    elif case == "new_people":
        n, added, v = draw.integer(4, 7), draw.integer(1, 3), draw.integer(20, 45)
        text = (f"{cap(team)} of {n} developers has a steady velocity of {v} points. Next sprint {added} experienced "
                f"developer{'s' if added > 1 else ''} join{'s' if added == 1 else ''}. What velocity should the release "
                "plan assume?")
        correct = ("Expect a dip while the newcomers are onboarded, then re-measure velocity over the next few sprints "
                   "and re-plan from the new figure.")
        wrong = {
            f"{num(v * (n + added) / n, 0)} points: velocity grows with the number of developers.":
                "scaling velocity with head count: new people first slow the team down, and points do not add per person",
            f"{v} points: velocity is a property of the product, not of the team.":
                "velocity belongs to one team as it is: a new team composition needs a new measurement",
            "Ask the newcomers to estimate their own stories, so their points can be added to the team's velocity.":
                "points per person: velocity is a whole-team figure, not a sum of individual rates",
        }
        how = ("A new team composition is a new team: onboarding costs the others time first (Brooks), and its velocity "
               "must be measured again before the release plan relies on it.")
    else:
        sizes = draw.pick([(1, 2, 3, 5, 8, 13), (1, 2, 3, 5, 8, 13, 20), (1, 2, 4, 8, 16)])
        text = (f"{cap(team)} estimates with the scale {', '.join(map(str, sizes))}. A developer says a story is "
                f"'about {sizes[-1] + draw.integer(2, 9)} points' and asks to add that number to the scale. What do you "
                "advise?")
        correct = ("Keep the coarse scale: big items are uncertain, so the gaps widen; split the story into smaller "
                   "ones that fit the scale.")
        wrong = {
            "Add the number: more precise estimates give better plans.":
                "confusing precision with accuracy: a big story's estimate cannot be that exact",
            "Convert the story to hours instead, since it is too big for points.":
                "switching units for big items: split them instead",
            "Give it the largest value on the scale and start it next sprint as it is.":
                "starting an item too big for one sprint: it should be split first",
        }
        how = ("The widening gaps of a Fibonacci-like scale reflect that uncertainty grows with size (Cohn, ch. 5). An "
               "item beyond the scale is an epic: split it into stories the team can finish in a sprint.")
    return choice(draw, text, correct, wrong, how, data={"case": case})


# --------------------------------------------------------------------------------------
# interpretation (Process)
# --------------------------------------------------------------------------------------
@topic("agile.interpretation", title="Reading agile metrics: what the numbers mean, what to do", exam="PMP",
       eco="Process", pmbok8="Schedule", lesson=LESSON)
def interpretation(draw: Draw, case: str | None = None):
    case = case or draw.pick(["target", "cliff", "forecast_miss", "wip_band", "aging", "scope_growth"])
    team = _team(draw)
    data: dict = {"case": case}
    if case == "target":
        vel = _velocities(draw, 5)
        m = agile.velocity(vel)["mean"]
        target = int(5 * math.ceil(m * draw.uniform(1.15, 1.4) / 5))
        text = (f"{cap(team)} completed {_listing(vel)} points in its last five sprints (mean {num(m, 1)}). A director "
                f"sets the team a target of {target} points a sprint. What is the most likely effect?")
        correct = "Estimates inflate: the velocity rises, but the work delivered does not."
        wrong = {
            f"The team delivers about {pct(target / m - 1, 0)} more work.":
                "taking velocity for output: the points are the team's own estimates, the easiest lever under a target",
            "Nothing changes: story points are an objective measure.":
                "points are relative estimates made by the team, so a target changes them",
            "Velocity becomes a fair way to compare this team with the others.":
                "velocity never compares across teams, target or not",
        }
        how = ("When a measure becomes a target it stops measuring (Goodhart's law). Velocity is the team's planning "
               "input, not a performance target.")
        data["velocities"] = vel
    elif case == "cliff":
        days = 10
        hold = draw.integer(5, 7)
        stories = [{"points": draw.pick(_FIB[2:]), "day": draw.integer(hold + 1, days)} for _ in range(draw.integer(4, 6))]
        dates = _dates(draw, days)
        b = agile.sprint_burndown([{"points": s["points"], "done": dates[s["day"] - 1]} for s in stories],
                                  start=dates[0], end=dates[-1])
        line = ", ".join(f"{v:g}" for v in b["remaining"].iloc[1:])
        text = (f"{cap(team)}'s sprint burndown, points remaining at the end of each of the 10 days: {line} (committed "
                f"{num(b['remaining'].iloc[0], 0)}). What does its shape most likely show?")
        correct = ("Stories too big or testing left to the end: nothing finishes for days, then everything at once. "
                   "Slice the stories smaller and finish work before starting more.")
        wrong = {
            "Scope was added during the sprint.": "added scope makes the line rise; this one never goes up",
            "A healthy sprint: all committed work was done by the last day.":
                "judging by the end point only: a flat line hides the risk until the last days",
            "The team is slow: it needs a lower commitment next sprint.":
                "reading the shape as a speed problem: the work was done, just all at the end",
        }
        how = (f"The line stays flat for {hold} days and then drops off a cliff: work in progress piles up and finishes "
               "late, so problems surface too late to act. Smaller stories and swarming give a steady burn.")
        data["remaining"] = b["remaining"].tolist()
    elif case == "forecast_miss":
        vel = _velocities(draw, draw.integer(6, 9), spread=0.3)
        m = agile.velocity(vel)["mean"]
        remaining = float(5 * round(m * draw.uniform(5.5, 9) / 5))
        f = agile.release_forecast(remaining, vel, n=2_000, seed=_seed(draw))
        p85 = f.percentile(85)
        left = max(2, p85 - draw.integer(2, 4))
        text = (f"{cap(team)} has {num(remaining, 0)} points left. A Monte Carlo forecast on its recent velocities says "
                f"{p85} more sprints with 85 % confidence; the release date is {left} sprints away. What does the "
                "project manager do first?")
        correct = ("Show the forecast to the product owner and the sponsor now, and agree what to cut or when to "
                   "release.")
        wrong = {
            "Ask the team to commit to more points per sprint.":
                "pushing the commitment: it inflates estimates or burns the team out, and the forecast stays",
            "Add two developers to the team now.":
                "adding people late: onboarding slows the team first (Brooks's law); agree the trade-off first",
            "Keep the date and report the release as on track until the last sprint.":
                "hiding a known miss: the forecast is there to make the gap visible early",
        }
        how = (f"{p85} sprints against {left} is a gap the team cannot close by trying harder. Scope or date is the "
               "product owner's and sponsor's decision: order the backlog so that what fits in the time left is the most "
               "valuable, or move the date.")
        data.update(velocities=vel, remaining=remaining, p85=p85, left=left)
    elif case == "wip_band":
        tp = draw.grid(0.8, 2.5, 0.1)
        w1 = draw.integer(4, 8)
        w2 = w1 + draw.integer(5, 12)
        c1, c2 = agile.littles_law(wip=w1, throughput=tp), agile.littles_law(wip=w2, throughput=tp)
        text = (f"{cap(team)} reads its cumulative flow diagram: the band between 'started' and 'done' has widened "
                f"from {w1} to "
                f"{w2} items over the month, while the 'done' line keeps rising at about {num(tp, 1)} items a day. "
                "What does it mean?")
        correct = (f"Work is started faster than it is finished: by Little's law the average cycle time grows from about "
                   f"{num(c1, 1)} to {num(c2, 1)} days. Limit WIP: stop starting, start finishing.")
        wrong = {
            "The team is more productive: more work is in progress.":
                "taking WIP for output: throughput (the slope of 'done') has not changed",
            "Demand has fallen: fewer items arrive.": "a widening WIP band means more work started, not less arriving",
            "Nothing to act on while the 'done' line keeps rising.":
                "ignoring WIP: with flat throughput, more WIP means longer waits for every item",
        }
        how = (f"Cycle time = WIP / throughput: {w1} / {num(tp, 1)} = {num(c1, 2)} days before, {w2} / {num(tp, 1)} = "
               f"{num(c2, 2)} days now. A WIP limit brings it back.")
        data.update(throughput=tp, wip=[w1, w2], cycle_time=[c1, c2])
    elif case == "aging":
        p85 = draw.integer(6, 14)
        age = p85 + draw.integer(2, 9)
        text = (f"{cap(team)}'s 85th-percentile cycle time is {p85} days. One item has now been in progress for {age} "
                "days and is not done. What should the team do?")
        correct = ("Treat it as at risk now: it is already older than 85 % of past items took. Ask what blocks it at the "
                   "daily scrum and swarm on it.")
        wrong = {
            "Wait: it will count in the cycle-time figures once done.":
                "waiting for the item to finish: work item age warns while there is still time to act",
            "Re-estimate it in points so the sprint report looks right.":
                "re-estimating to fix the report: the item's age, not its size, is the signal",
            "Start another item while this one waits.": "starting more work raises WIP and makes every item slower",
        }
        how = (f"An item aged {age} days has passed the {p85}-day line that 85 % of items finished within. Aging work "
               "is the earliest sign of trouble (Vacanti): act on it before it becomes a late delivery.")
        data.update(p85=p85, age=age)
    else:
        planned_points = float(10 * draw.integer(15, 40))
        sprints = draw.integer(8, 14)
        done = draw.integer(3, sprints - 3)
        pace = planned_points / sprints
        points_done = float(round(pace * done))
        added = float(5 * draw.integer(6, 20))
        bac = draw.amount()
        cost = float(round(bac * done / sprints / (bac / 1000)) * (bac / 1000))
        now = agile.agile_evm(bac, planned_points + added, sprints, done, points_done, cost)
        before = agile.agile_evm(bac, planned_points, sprints, done, points_done, cost)
        text = (f"{cap(team)}'s release was planned at {num(planned_points, 0)} points over {sprints} sprints. After "
                f"{done} sprints the team has completed {num(points_done, 0)} points, just as planned, but the product owner "
                f"has added {num(added, 0)} points. AgileEVM on the release's points now gives an SPI of "
                f"{num(now['spi'], 2)}. What should the project manager do?")
        correct = ("Re-baseline the release through change control (scope, sprints and budget): the added scope, not "
                   "the team's pace, lowers the SPI.")
        wrong = {
            "Ask the team to raise its velocity to bring the SPI back to 1.":
                "reading an SPI below 1 after scope growth as a slow team: the pace is as planned",
            f"Report the release as {pct(1 - now['spi'], 0)} behind because the team underperforms.":
                "blaming the team for added scope: the baseline, not the team, is out of date",
            f"Keep measuring against the original {num(planned_points, 0)} points, which gives an SPI of "
            f"{num(before['spi'], 2)}.":
                "ignoring the added scope: the release must deliver it too, so the plan must change",
        }
        how = (f"APC = {num(points_done, 0)} / {num(planned_points + added, 0)} = {num(now['apc'], 3)} against PPC = "
               f"{done} / {sprints} = {num(now['ppc'], 3)}: SPI {num(now['spi'], 2)}. On the original points the SPI "
               f"would be {num(before['spi'], 2)}: the team keeps its pace, the scope grew. AgileEVM re-baselines at a "
               "sprint boundary when scope changes (Sulaiman et al.).")
        data.update(spi_now=float(now["spi"]), spi_before=float(before["spi"]))
    return choice(draw, text, correct, wrong, how, data=data)


# --------------------------------------------------------------------------------------
# People domain: the team's capacity, size and agreements
# --------------------------------------------------------------------------------------
_NAMES = ("Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lena")


@topic("agile.capacity", title="Sprint capacity: availability, focus factor, capacity-adjusted velocity",
       exam="PMP", eco="People", pmbok8="Resources", lesson=LESSON)
def capacity(draw: Draw, sprint_days: float | None = None, days_off=None, focus_factor: float | None = None,
             allocation=None, velocity: float | None = None, which: str | None = None):
    if days_off is None:
        n = draw.integer(4, 8)
        sprint_days = sprint_days or float(draw.pick([10, 10, 5, 15]))
        off = np.zeros(n)
        away = draw.sample(list(range(n)), draw.integer(1, min(3, n - 1)))
        for i in away:
            off[i] = draw.integer(1, int(sprint_days) // 2)
        days_off = off.tolist()
        if allocation is None and draw.chance(0.4):
            alloc = np.ones(n)
            alloc[draw.pick([i for i in range(n) if i not in away] or [0])] = 0.5
            allocation = alloc.tolist()
    sprint_days = float(sprint_days or 10)
    allocation = 1.0 if allocation is None else allocation
    which = which or draw.pick(["capacity", "capacity", "velocity"])
    names = list(_NAMES[: len(days_off)])
    shares = np.broadcast_to(np.asarray(allocation, dtype=float), (len(days_off),))
    who = []
    for name, off, share in zip(names, days_off, shares, strict=True):
        notes = (["half time on this team"] if share == 0.5 else []) + ([f"{qty(off, 'days')} off"] if off else [])
        who.append(f"{name} ({', '.join(notes)})" if notes else name)
    team = (f"{cap(_team(draw))} has {len(days_off)} members: {', '.join(who)}, in a sprint of "
            f"{qty(sprint_days, 'working days')}.")
    if which == "capacity":
        focus_factor = focus_factor or draw.grid(0.6, 0.85, 0.05)
        c = agile.sprint_capacity(sprint_days, days_off, allocation=allocation, focus_factor=focus_factor)
        answer = float(c["capacity"])
        text = (f"{team} The team spends about {pct(focus_factor, 0)} of an available day on sprint work (its focus "
                "factor). What is the team's capacity for sprint work, in person-days? Give one decimal.")
        terms = " + ".join(f"{s:g} x ({sprint_days:g} - {o:g})" if s != 1 else f"({sprint_days:g} - {o:g})"
                           for o, s in zip(days_off, shares, strict=True))
        how = (f"Available person-days = sum of allocation x (sprint days - days off) = {terms} = "
               f"{num(c['person_days'], 1)}\nCapacity = focus factor x available = {num(focus_factor, 2)} x "
               f"{num(c['person_days'], 1)} = {num(answer, 2)} person-days")
        wrong = {
            "the days off forgotten: subtract each member's absence first":
                float(agile.sprint_capacity(sprint_days, [0.0] * len(days_off), allocation=allocation,
                                            focus_factor=focus_factor)["capacity"]),
            "the focus factor forgotten: meetings and interruptions take part of each day":
                float(c["person_days"]),
            "the focus factor read as the share lost to meetings: it is the share of a day spent on sprint work":
                float(agile.sprint_capacity(sprint_days, days_off, allocation=allocation,
                                            focus_factor=1 - focus_factor)["capacity"]),
        }
        if np.any(shares != 1):
            wrong["the half-time member counted full time"] = float(agile.sprint_capacity(
                sprint_days, days_off, focus_factor=focus_factor)["capacity"])
        data = {"sprint_days": sprint_days, "days_off": list(days_off), "allocation": allocation,
                "focus_factor": focus_factor}
        return numeric(text, answer, how, unit="person-days", decimals=1, rtol=0.0, misconceptions=wrong, data=data,
                       fmt=lambda x: num(x, 1), as_choice=draw.chance(0.3), draw=draw)
    velocity = velocity or float(draw.integer(20, 50))
    c = agile.sprint_capacity(sprint_days, days_off, allocation=allocation, velocity=velocity)
    answer = float(c["planned_velocity"])
    text = (f"{team} With everybody present the team completes about {num(velocity, 0)} points a sprint. How many "
            "points should it plan for this sprint, scaling its velocity by the availability? Give one decimal.")
    how = (f"Usual person-days = sprint days x sum of allocations = {sprint_days:g} x {num(shares.sum(), 1)} = "
           f"{num(c['full_days'], 1)}; available this sprint = {num(c['person_days'], 1)}.\n"
           f"Availability = {num(c['person_days'], 1)} / {num(c['full_days'], 1)} = {num(c['availability'], 4)}; "
           f"planned velocity = {num(velocity, 0)} x {num(c['availability'], 4)} = {num(answer, 2)} points")
    total_off = float(np.sum(np.asarray(days_off) * shares))
    wrong = {
        "the usual velocity: the absences leave less time this sprint": velocity,
        "a point taken off for each day off: scale by the share of person-days instead": velocity - total_off,
        "all the days off charged to one person's sprint: divide by the team's person-days, not one member's":
            float(agile.sprint_capacity(sprint_days, [min(total_off, sprint_days)], velocity=velocity)["planned_velocity"]),
    }
    data = {"sprint_days": sprint_days, "days_off": list(days_off), "allocation": allocation, "velocity": velocity}
    return numeric(text, answer, how, unit="points", decimals=1, rtol=0.0, misconceptions=wrong, data=data,
                   fmt=lambda x: num(x, 1), as_choice=draw.chance(0.3), draw=draw)


@topic("agile.team_size", title="Team size and communication: growing or splitting a team", exam="PMP",
       eco="People", pmbok8="Resources", lesson=LESSON)
def team_size(draw: Draw, people: int | None = None, split: tuple | None = None, added: int | None = None,
              which: str | None = None):
    which = which or ("split" if split else "grow" if added else draw.pick(["split", "split", "grow"]))
    c = levels.communication_channels
    if which == "split":
        people = people or draw.integer(11, 20)
        a = split[0] if split else draw.integer(max(3, people // 2 - 3), people // 2)
        b = people - a
        whole, parts = c(people), c(a) + c(b)
        answer = whole - parts
        text = (f"{cap(_team(draw))} has grown to {people} people, and the daily scrum has become a status meeting. The "
                f"team splits into two teams of {a} and {b}, each with its own backlog. How many fewer communication "
                "channels are there inside the teams than inside the single team?")
        how = (f"Channels among n people: n(n - 1) / 2. One team of {people}: {people} x {people - 1} / 2 = {whole}. Two "
               f"teams: {a} x {a - 1} / 2 + {b} x {b - 1} / 2 = {c(a)} + {c(b)} = {parts}. Fewer: {whole} - {parts} = "
               f"{answer}, which is {a} x {b}: exactly the links between the two groups, which now coordinate through a "
               "few chosen people instead.")
        wrong = {
            "half the channels of the single team: channels grow with the square of the team size, not in proportion":
                whole / 2,
            "the channels left in the two teams: the question asks how many fewer": parts,
            "n(n - 1) without halving, for both counts": 2 * answer,
        }
        data = {"people": people, "split": [a, b]}
    else:
        people = people or draw.integer(4, 9)
        added = added or draw.integer(2, 5)
        before, after = c(people), c(people + added)
        answer = after - before
        text = (f"{cap(_team(draw))} has {people} members. To meet a deadline, management adds {added} people. By how "
                "many does the number of communication channels inside the team grow?")
        how = (f"Before: {people} x {people - 1} / 2 = {before}. After: {people + added} x {people + added - 1} / 2 = "
               f"{after}. Growth: {after} - {before} = {answer}: each newcomer links with everyone already there, one "
               "reason why adding people late slows a team down at first (Brooks's law).")
        wrong = {
            "the channels of the new team size: the question asks for the growth": after,
            f"the channels among the {added} newcomers only: they also link with the {people} already there": c(added),
            "the people added: each newcomer opens a channel with every member": float(added),
            "n(n - 1) without halving": 2 * answer,
        }
        data = {"people": people, "added": added}
    return numeric(text, answer, how, unit="channels", decimals=0, rtol=0.0, misconceptions=wrong, data=data,
                   fmt=lambda x: f"{x:,.0f}" if x == int(x) else num(x, 1), as_choice=draw.chance(0.35), draw=draw)


@topic("agile.team_agreements", title="Leading the agile team: agreements and the misuse of velocity", exam="PMP",
       eco="People", pmbok8="Resources", lesson=LESSON)
def team_agreements(draw: Draw, case: str | None = None):
    case = case or draw.pick(["reviews", "overcommit", "done", "wip_limit", "hero"])
    team = _team(draw)
    data: dict = {"case": case}
    if case == "reviews":
        names = draw.sample(list(_NAMES), 3)
        pts = [draw.integer(8, 30) for _ in names]
        listing = ", ".join(f"{n} {p}" for n, p in zip(names, pts, strict=True))
        text = (f"The line manager of {team} wants each developer's completed story points ({listing}) "
                "in this year's performance reviews. As the team's agile project manager, what do you advise?")
        correct = ("Keep points a team planning tool: judge people on their contribution to the team's goals, with the "
                   "team's input; counting individual points invites gaming and hurts collaboration.")
        wrong = {
            f"Agree: {names[pts.index(max(pts))]} completed the most points and deserves the best rating.":
                "reading individual points as performance: pairing, reviews and help to others earn no points",
            "Agree, but normalise each person's points by hours worked first.":
                "treating points as a precise output measure: they are rough relative team estimates",
            "Ask the Scrum Master to assign stories so that everyone gets the same points.":
                "managing to the metric: the team organises its own work around the sprint goal",
        }
        how = ("Velocity and story points are team-level estimates for planning. Used to rate individuals they stop "
               "measuring anything (estimates inflate, helping others looks like lost points).")
        data.update(points=dict(zip(names, pts, strict=True)))
    elif case == "overcommit":
        completed = _velocities(draw, 5)
        committed = [c + draw.integer(6, 14) for c in completed]
        v = agile.velocity(completed)
        text = (f"{cap(team)} committed to {_listing(committed)} points in its last five sprints and completed "
                f"{_listing(completed)}. Morale is dropping. What do you facilitate at the retrospective?")
        correct = (f"A team agreement to plan on what it actually completes (about {num(v['last_3'], 0)} points, the mean "
                   "of the last three sprints) and to leave slack for the unplanned.")
        wrong = {
            f"A commitment of {max(committed)} points to catch up.":
                "committing beyond the team's measured velocity: it repeats the failure",
            "Longer working days until the commitments are met.": "overtime to meet a plan: it is not a sustainable pace",
            "Nothing: commitments should stretch the team.":
                "treating chronic over-commitment as motivating: it erodes trust and morale",
        }
        how = (f"The team completes about {num(v['mean'], 1)} points a sprint (last three: {num(v['last_3'], 1)}) but "
               "commits more every time. Planning on 'yesterday's weather' is the agreement that restores a reliable, "
               "sustainable pace.")
        data.update(completed=completed, committed=committed)
    elif case == "done":
        total = draw.integer(25, 45)
        untested = draw.pick([5, 8, 13])
        text = (f"{cap(team)} reports {total} points done this sprint, but {untested} of those points belong to stories "
                "not yet tested, and the testers say they finish them 'next sprint'. What do you do?")
        correct = ("Agree a shared definition of done with the team (tested included) and count only the stories that "
                   f"meet it: {total - untested} points this sprint.")
        wrong = {
            f"Accept the {total} points: the testers will finish the rest next sprint.":
                "counting work that is not done: velocity and the burndown then overstate progress",
            "Let each developer decide when their own story is done.": "no shared definition of done: quality and "
                                                                        "progress mean different things to each person",
            f"Count half the points of the untested stories ({total - untested / 2:g} points).":
                "partial credit: a story is done or not done",
        }
        how = ("A definition of done the whole team shares makes 'done' mean releasable. Untested work is not done, and "
               "its points go to the sprint in which it is finished.")
        data.update(total=total, untested=untested)
    elif case == "wip_limit":
        limit = draw.integer(3, 6)
        text = (f"{cap(team)} agreed a WIP limit of {limit} items in its 'in progress' column. A stakeholder asks a "
                f"developer directly to start an urgent fix now, which would make {limit + 1}. What should happen?")
        correct = ("Bring the request to the team and the product owner: the team decides, within its agreement, what "
                   "to pause or finish first to take the fix (or uses its agreed expedite lane).")
        wrong = {
            "The developer starts the fix: urgent work overrides team agreements.":
                "breaking a team agreement silently: the limit exists exactly for such pressure",
            f"Raise the WIP limit to {limit + 2} for good.":
                "changing the agreement under pressure rather than deciding together what waits",
            "The project manager tells the stakeholder to wait for the next sprint.":
                "deciding for the team and the product owner: urgency and ordering are theirs to weigh",
        }
        how = ("Working agreements belong to the team; the product owner orders the work. A WIP limit forces the "
               "question 'what do we stop to start this?', which the team answers together.")
        data.update(limit=limit)
    else:
        vel = _velocities(draw, 4)
        share = draw.grid(0.4, 0.7, 0.05)
        name = draw.pick(_NAMES)
        text = (f"In {team} (velocity {_listing(vel)} over four sprints), {name} completes about {pct(share, 0)} of the "
                f"points alone and works late to do it; others wait for {name}'s reviews. What do you encourage?")
        correct = (f"Spread the knowledge: pairing and shared reviews so that others can take {name}'s kind of work, even "
                   "if velocity dips for a sprint or two.")
        wrong = {
            f"Give {name} the hardest stories: the velocity stays high.":
                "optimising for velocity over resilience: a single expert is a bottleneck and a risk",
            f"Reward {name} publicly as the team's top performer.": "individual heroics over team performance",
            "Hire a second expert and keep the team as it is.":
                "buying capacity instead of building it: knowledge transfer inside the team comes first",
        }
        how = ("A hero is a single point of failure and a bottleneck: the team's real capacity grows when skills are "
               "shared (the PMP People domain's knowledge transfer), even at a short-term cost in points.")
        data.update(velocities=vel, share=share)
    return choice(draw, text, correct, wrong, how, data=data)
