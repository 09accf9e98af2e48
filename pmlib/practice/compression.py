"""Practice topics of schedule compression: crashing and fast-tracking (lesson 04).

Crashing answers come from :func:`pmlib.schedule.crash` (the exact time-cost trade-off: cost
slopes, the cheapest way to reach a deadline, the duration of least total cost with indirect
costs); fast-tracking answers from :func:`pmlib.schedule.fast_track` (a lead on a
finish-to-start link). Networks are drawn small enough to solve by hand, with one critical path
(:func:`pmlib.practice.schedule.network`). Each question makes one pmlib call: the path
lengths that the stems and explanations quote are sums of the listed durations.

Sources: Kelley (1961) and Hillier & Lieberman, *Introduction to Operations Research*,
"time-cost trade-offs" (the Reliable Construction Co. project: 44 -> 40 weeks for 140 k$);
PMBOK Guide 6th ed., 6.5.2.6 "schedule compression" (crashing adds cost, fast-tracking adds
risk, and both work only on the critical path).
"""

from __future__ import annotations

from .. import schedule
from ._core import Draw, cap, choice, money, nice, num, numeric, qty, topic
from .schedule import _unit, durations_with_unique_longest_path, network, paths

LESSON = "04_schedule"


# --------------------------------------------------------------------------------------
# networks
# --------------------------------------------------------------------------------------
def _lengths(preds: dict, d: dict) -> dict[tuple, float]:
    """{path (tuple of ids): length} for every start-to-finish path."""
    return {tuple(p): sum(d[a] for a in p) for p in paths(preds)}


def _critical(preds: dict, d: dict) -> tuple | None:
    """The longest path when it is strictly the longest (None on a tie)."""
    lengths = sorted(_lengths(preds, d).items(), key=lambda kv: kv[1], reverse=True)
    if len(lengths) > 1 and lengths[0][1] == lengths[1][1]:
        return None
    return lengths[0][0]


def _drawn_network(draw: Draw, lo: int = 2, hi: int = 9) -> tuple[dict, dict, tuple]:
    """(predecessors, durations, critical path): one strictly longest path, some activities off it."""
    for _ in range(30):
        preds = network(draw, draw.integer(5, 6))
        d = durations_with_unique_longest_path(draw, preds, lo, hi)
        crit = _critical(preds, d)
        if crit is not None and len(crit) >= 3 and len(crit) < len(preds):
            return preds, d, crit
    return preds, d, crit  # pragma: no cover - 30 draws without one are vanishingly rare


def _step(draw: Draw, unit: str) -> float:
    """A round money step for cost slopes: about 1/2,000 of the project budget per day."""
    per_day = nice(draw.setting.scale / 2000, 1)
    return per_day * (5 if unit == "weeks" else 1)


def _crash_plan(draw: Draw, unit: str) -> dict:
    """A crash table on a small network, drawn so that the textbook slips give distinct answers.

    The cheapest critical activity can give two or three units of time; another critical one
    gives a single unit at a higher slope but a smaller total extra cost; an activity off the
    critical path is cheaper per unit than every critical one.
    """
    preds, d, crit = _drawn_network(draw, 3, 9)
    if draw.chance(0.7):  # a near-critical path, one or two units shorter: crashing makes it critical
        lengths = _lengths(preds, d)
        normal = lengths[crit]
        x = draw.pick([a for a in preds if a not in crit])
        through = max(v for path, v in lengths.items() if x in path)
        d[x] += max(0, normal - draw.integer(1, 2) - through)
    step = _step(draw, unit)
    give = {a: 0 for a in preds}
    mult = {a: 0 for a in preds}
    crashable = [a for a in crit if d[a] >= 2]
    if len(crashable) < 2:  # lengthen two critical activities so they can be shortened
        for a in crit[:2]:
            d[a] = max(d[a], 3)
        crashable = [a for a in crit if d[a] >= 2]
    first, second, *rest = draw.shuffle(crashable)
    m0 = draw.integer(2, 5)
    give[first], mult[first] = min(d[first] - 1, draw.integer(2, 3)), m0
    if give[first] < 2:
        d[first] += 1
        give[first] = 2
    give[second], mult[second] = 1, draw.integer(m0 + 1, m0 * give[first] - 1)
    used = {m0, mult[second]}
    for a in rest:
        if draw.chance(0.8):
            choices = [m for m in range(m0 + 1, m0 + 9) if m not in used]
            mult[a] = draw.pick(choices)
            used.add(mult[a])
            give[a] = draw.integer(1, min(3, d[a] - 1))
    off = [a for a in preds if a not in crit and d[a] >= 2]
    for k, a in enumerate(draw.shuffle(off)):
        if k == 0:
            mult[a] = draw.integer(1, m0 - 1)
        elif draw.chance(0.6):
            mult[a] = draw.pick([m for m in range(1, m0 + 8) if m not in used] or [m0 + 9])
        else:
            continue
        used.add(mult[a])
        give[a] = draw.integer(1, min(2, d[a] - 1))
    # the durations changed: keep one strictly longest path, the same one
    crit = _critical(preds, d) or crit
    plan = {}
    for a in preds:
        cost = nice(draw.setting.scale * draw.uniform(0.02, 0.12), 2)
        slope = mult[a] * step
        plan[a] = {"predecessors": list(preds[a]), "duration": d[a], "crash_duration": d[a] - give[a],
                   "cost": cost, "crash_cost": cost + slope * give[a]}
    return plan


def _acts(plan: dict) -> list[dict]:
    return [{"id": a, "duration": r["duration"], "predecessors": ", ".join(r["predecessors"]),
             "crash_duration": r["crash_duration"], "cost": r["cost"], "crash_cost": r["crash_cost"]}
            for a, r in plan.items()]


def _slope(r: dict) -> float:
    """Cost slope of one row, to draw the question's settings (answers and slips use pmlib's slopes)."""
    saved = r["duration"] - r["crash_duration"]
    return (r["crash_cost"] - r["cost"]) / saved if saved else float("inf")


def _crash_table(plan: dict, unit: str) -> str:
    rows = []
    for a, r in plan.items():
        after = f"after {' and '.join(r['predecessors'])}" if r["predecessors"] else "starts the project"
        crash = ("cannot be shortened" if r["crash_duration"] == r["duration"] else
                 f"crash {qty(r['crash_duration'], unit)} for {money(r['crash_cost'])}")
        rows.append(f"{a}: {after}; normal {qty(r['duration'], unit)} for {money(r['cost'])}; {crash}")
    return "\n".join(rows)


def _path_listing(preds: dict, d: dict, unit: str) -> str:
    lengths = sorted(_lengths(preds, d).items(), key=lambda kv: -kv[1])
    return "; ".join(f"{'-'.join(p)} = {qty(v, unit)}" for p, v in lengths)


def _per(unit: str) -> str:
    return unit[:-1]


# --------------------------------------------------------------------------------------
# crashing
# --------------------------------------------------------------------------------------
@topic("schedule.crashing", title="Crashing: cost slope, what to crash first, cost of a deadline, best duration",
       exam="PMP", eco="Process", pmbok8="Schedule", lesson=LESSON)
def crashing(draw: Draw, plan: dict | None = None, which: str | None = None, activity: str | None = None,
             target: float | None = None, indirect: float | None = None, unit: str | None = None):
    """A crashing question on ``plan`` = {id: {predecessors, duration, crash_duration, cost, crash_cost}}.

    A given plan needs one strictly longest path; ``which`` is slope, first, cost or best.
    """
    unit = unit or _unit(draw)
    which = which or draw.pick(["slope", "first", "cost", "best"])
    plan = plan or _crash_plan(draw, unit)
    d = {a: r["duration"] for a, r in plan.items()}
    preds = {a: r["predecessors"] for a, r in plan.items()}
    crit = _critical(preds, d)
    per = _per(unit)
    data = {"activities": _acts(plan), "unit": unit}
    if which == "slope":
        return _crash_slope(draw, plan, unit, per, data, activity)
    intro = (f"{cap(draw.org())} must finish {draw.project()} sooner. The activities (finish-to-start links), "
             f"with normal and crash durations and direct costs:\n{_crash_table(plan, unit)}\n")
    normal = sum(d[a] for a in crit) if crit else None
    if which == "first":
        c = schedule.crash(_acts(plan), target_duration=normal - 1)
        answer = c.crashed[0]
        return _crash_first(draw, plan, crit, c, answer, intro, unit, per, data)
    if which == "cost":
        return _crash_cost(draw, plan, preds, d, crit, intro, unit, per, data, target)
    return _crash_best(draw, plan, preds, d, crit, intro, unit, per, data, indirect)


def _crash_slope(draw, plan, unit, per, data, activity):
    able = [a for a, r in plan.items() if r["crash_duration"] < r["duration"]]
    x = activity or draw.pick(able)
    r = plan[x]
    one = [{"id": x, "duration": r["duration"], "predecessors": "", "crash_duration": r["crash_duration"],
            "cost": r["cost"], "crash_cost": r["crash_cost"]}]
    c = schedule.crash(one)
    answer = float(c.table["cost_slope"].iloc[0])
    saved = r["duration"] - r["crash_duration"]
    extra = float(c.curve["direct_cost"].iloc[-1] - c.normal_cost)  # all the way: crash cost - normal cost
    text = (f"{cap(draw.org())} could shorten activity {x} of {draw.project()}: normally it takes "
            f"{qty(r['duration'], unit)} and costs {money(r['cost'])}; crashed to {qty(r['crash_duration'], unit)} "
            f"it costs {money(r['crash_cost'])}. What is its cost slope, in $ per {per} saved?")
    how = (f"Cost slope = (crash cost - normal cost) / (normal duration - crash duration) = "
           f"({money(r['crash_cost'])} - {money(r['cost'])}) / ({r['duration']} - {r['crash_duration']}) = "
           f"{money(extra)} / {qty(saved, unit)} = {money(answer)} per {per}: what each {per} bought costs.")
    wrong = {
        "the crash cost divided by the time saved: the slope uses the extra cost (crash cost - normal cost)":
            r["crash_cost"] / saved,
        "divided by the crash duration: divide by the time saved (normal - crash duration)": extra / r["crash_duration"],
        f"the total extra cost of crashing, not the cost per {per} saved": extra,
        "divided by the normal duration: divide by the time saved (normal - crash duration)": extra / r["duration"],
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong,
                   data={**data, "activity": x}, fmt=money, as_choice=draw.chance(0.3), draw=draw)


def _crash_first(draw, plan, crit, c, answer, intro, unit, per, data):
    table = c.table.to_dict("index")  # pmlib's cost slopes
    slope = {a: r["cost_slope"] for a, r in table.items() if r["crash_duration"] < r["normal_duration"]}
    crit_able = [a for a in crit if a in slope]
    text = intro + f"To finish one {per} earlier at the least extra cost, which activity should be crashed first?"
    wrong: dict[str, str] = {}

    def add(act, why):
        if act is not None and act != answer and f"Activity {act}" not in wrong:
            wrong[f"Activity {act}"] = why

    off = [a for a in slope if a not in crit and slope[a] < slope[answer]]
    if off:
        add(min(off, key=slope.get), "crashing an activity off the critical path: shortening it does not move "
                                     "the finish")
    extra = {a: plan[a]["crash_cost"] - plan[a]["cost"] for a in crit_able}
    add(min(extra, key=lambda a: (extra[a], a)), "comparing the total extra cost of crashing, not the cost per "
                                                 f"{per} saved (the cost slope)")
    most = max(crit_able, key=lambda a: (plan[a]["duration"] - plan[a]["crash_duration"], -slope[a]))
    add(most, f"the activity with the most time to give: the cost per {per} decides")
    cheap = min(crit_able, key=lambda a: (plan[a]["crash_cost"], a))
    add(cheap, "the lowest crash cost: compare the extra cost per unit of time saved")
    longest = max(crit, key=lambda a: (plan[a]["duration"], a))
    add(longest, f"the longest critical activity: the cheapest {per} decides, not the length")
    for a in sorted(crit_able, key=slope.get):
        add(a, f"{a}, a critical activity dearer per {per} than {answer}: crash the cheapest first")
    rows = "; ".join(f"{a} {money(slope[a])}" for a in sorted(slope, key=slope.get))
    crit_text = "-".join(crit)
    how = (f"Only the critical path {crit_text} decides the finish, so shorten a critical activity; pay the least "
           f"per {per}. Cost slope = (crash cost - normal cost) / (normal - crash duration): {rows} (per {per}).\n"
           f"The cheapest critical activity that can still be shortened is {answer} "
           f"({money(slope[answer])} per {per}).")
    return choice(draw, text, f"Activity {answer}", wrong, how, data={**data, "critical_path": crit_text})


def _crash_cost(draw, plan, preds, d, crit, intro, unit, per, data, target):
    normal = sum(d[a] for a in crit)
    if target is None:
        able = [a for a in crit if plan[a]["crash_duration"] < plan[a]["duration"]]
        first = min(able, key=lambda a: _slope(plan[a]))
        give = plan[first]["duration"] - plan[first]["crash_duration"]
        k = give + 1 if draw.chance(0.6) else draw.integer(2, 3)
        crashed = {a: r["crash_duration"] for a, r in plan.items()}
        shortest = max(_lengths(preds, crashed).values())  # every activity crashed
        target = normal - min(k, max(1, normal - shortest))
    c = schedule.crash(_acts(plan), target_duration=target)
    answer = c.direct_cost - c.normal_cost
    k = c.normal_duration - c.duration
    text = intro + (f"What is the least extra direct cost to finish in {qty(c.duration, unit)} instead of "
                    f"{qty(c.normal_duration, unit)}, in $?")
    tab = c.table.to_dict("index")  # {id: {duration, crashed_by, cost_slope, ...}}
    slope = {a: r["cost_slope"] for a, r in tab.items()}
    steps = " + ".join(f"{a} by {qty(r['crashed_by'], unit)} x {money(r['cost_slope'])}"
                       for a, r in tab.items() if r["crashed_by"] > 0)
    after = {a: r["duration"] for a, r in tab.items()}
    crit_able = [a for a in crit if plan[a]["crash_duration"] < plan[a]["duration"]]
    cheapest = min(crit_able, key=lambda a: slope[a])
    off = [a for a in slope if a not in crit and plan[a]["crash_duration"] < plan[a]["duration"]]
    how = (f"Crash a {per} at a time, always the cheapest way to shorten every critical path, watching each "
           f"activity's crash limit and the paths that become critical. Path lengths before: "
           f"{_path_listing(preds, d, unit)}.\nCheapest: {steps} = {money(answer)}.\n"
           f"Path lengths after: {_path_listing(preds, after, unit)}.")
    wrong = {
        f"every {per} bought at the cheapest critical slope: {cheapest} can give only "
        f"{qty(plan[cheapest]['duration'] - plan[cheapest]['crash_duration'], unit)}, or another path becomes "
        "critical": k * slope[cheapest],
        "the project's whole direct cost, not the extra cost of crashing": c.direct_cost,
        "crashed all the way to the shortest duration: buy only the time needed":
            float(c.curve["direct_cost"].iloc[-1] - c.normal_cost),
    }
    if off:
        cheap_off = min(off, key=lambda a: slope[a])
        if slope[cheap_off] < slope[cheapest]:
            wrong[f"crashing {cheap_off}, off the critical path: it does not move the finish"] = k * slope[cheap_off]
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong,
                   data={**data, "target_duration": c.duration}, fmt=money, as_choice=draw.chance(0.3), draw=draw)


def _crash_best(draw, plan, preds, d, crit, intro, unit, per, data, indirect):
    if indirect is None:
        crit_able = [a for a in crit if plan[a]["crash_duration"] < plan[a]["duration"]]
        s0 = min(_slope(plan[a]) for a in crit_able)
        step = _step(draw, unit)
        # half a step above a whole number of steps: never equal to a crash cost per unit, so no ties
        indirect = s0 + (draw.integer(0, 3) + 0.5) * step
    c = schedule.crash(_acts(plan), indirect_cost_per_day=indirect)
    answer = c.duration
    curve = c.curve.to_dict("list")
    durations, marginal = curve["duration"], curve["crash_cost_per_day"]
    text = intro + (f"Running the project costs {money(indirect)} of indirect cost (site, supervision, overheads) per "
                    f"{per}. Which project duration gives the least total cost (direct + indirect), in {unit}?")
    rows = "; ".join(f"{qty(t, unit)}: {money(m)}" for t, m in zip(durations[1:], marginal[1:], strict=True))
    how = (f"A {per} is worth buying while it costs less than the {money(indirect)} of indirect cost it saves. The "
           f"cheapest way to save each further {per} costs (from the normal {qty(c.normal_duration, unit)} down): "
           f"{rows}.\nStop before the first {per} dearer than {money(indirect)}: the least total cost "
           f"({money(c.total_cost)}) is at {qty(answer, unit)}.")
    shorter = [t for t in durations if t < answer]
    longer = [t for t in durations if t > answer]
    wrong = {
        f"crashed all the way to the shortest duration: stop when a {per} costs more than the indirect cost it saves":
            c.shortest_duration,
        f"not crashed at all: a {per} that costs less than the indirect cost it saves is worth buying":
            c.normal_duration,
        f"one {per} too far: the last {per} bought costs more than the indirect cost it saves":
            max(shorter) if shorter else None,
        f"one {per} too few: the next {per} still costs less than the indirect cost it saves":
            min(longer) if longer else None,
    }
    return numeric(text, answer, how, unit=unit, decimals=0, rtol=0.0, misconceptions=wrong,
                   data={**data, "indirect_cost_per_unit": indirect}, fmt=lambda v: qty(v, unit),
                   as_choice=draw.chance(0.3), draw=draw)


# --------------------------------------------------------------------------------------
# fast-tracking
# --------------------------------------------------------------------------------------
def _links(preds: dict) -> list[tuple[str, str]]:
    return [(p, a) for a, ps in preds.items() for p in ps]


def _table(preds: dict, d: dict, unit: str) -> str:
    return "\n".join(f"{a}: {qty(d[a], unit)}, " + (f"after {' and '.join(preds[a])}" if preds[a] else
                                                   "starts the project") for a in preds)


@topic("schedule.fast_tracking", title="Fast-tracking: overlapping critical activities (risk, not cost)",
       exam="PMP", eco="Process", pmbok8="Schedule", lesson=LESSON)
def fast_tracking(draw: Draw, preds: dict | None = None, d: dict | None = None, link: tuple | None = None,
                  overlap: float | None = None, which: str | None = None, unit: str | None = None):
    unit = unit or _unit(draw)
    if preds is None:
        preds, d, crit = _drawn_network(draw)
    else:
        crit = _critical(preds, d)
    crit_links = list(zip(crit[:-1], crit[1:], strict=True))
    off_links = [ln for ln in _links(preds) if ln not in crit_links]
    which = which or draw.pick(["duration", "link", "tradeoff"])
    p, s = link or draw.pick(crit_links)
    lengths = _lengths(preds, d)
    normal = lengths[crit]
    if overlap is None:
        # the longest path that does not run through p -> s: overlapping more than the gap to it
        # lets that path take over
        others = [v for path, v in lengths.items() if not any(path[i:i + 2] == (p, s) for i in range(len(path) - 1))]
        gap = normal - max(others) if others else d[p]
        if 0 < gap < d[p] - 1 and draw.chance(0.5):
            overlap = draw.integer(int(gap) + 1, min(d[p] - 1, int(gap) + 3))
        else:
            overlap = draw.integer(1, max(1, min(d[p] - 1, 4)))
    # the wrong options of the "which link" question: links off the critical path whose predecessor is
    # longer than the overlap (a successor cannot start before its predecessor starts)
    off_ok = [ln for ln in off_links if d[ln[0]] > overlap]
    if which == "link" and len(off_ok) < 2:
        which = "duration"
    acts = [{"id": a, "duration": d[a], "predecessors": ", ".join(preds[a])} for a in preds]
    f = schedule.fast_track(acts, {(p, s): overlap})
    data = {"activities": acts, "link": [p, s], "overlap": overlap, "unit": unit}
    intro = (f"{cap(draw.org())} plans {draw.project()}. The activities (finish-to-start links, no lags):\n"
             f"{_table(preds, d, unit)}\n")
    after = _fast_lengths(preds, d, p, s, overlap)
    paths_after = "; ".join(f"{'-'.join(k)} = {qty(v, unit)}" for k, v in sorted(after.items(), key=lambda kv: -kv[1]))
    if which == "duration":
        text = intro + (f"To finish sooner, {s} will start {qty(overlap, unit)} before {p} finishes (a lead of "
                        f"{qty(overlap, unit)} on the link {p}-{s}). How long does the project take now, in {unit}?")
        how = (f"Before: {_path_listing(preds, d, unit)}; the critical path is {'-'.join(crit)} "
               f"({qty(normal, unit)}).\nA lead shortens every path through {p}-{s} by {qty(overlap, unit)} and "
               f"no other: {paths_after}.\nThe longest path now sets the finish: {qty(f.duration, unit)} "
               f"({qty(f.saved, unit)} saved, at no direct cost, but {s} starts on unfinished work: a risk of rework).")
        wrong = {
            "the whole overlap taken off the finish: a path that does not run through the link may now be the "
            "longest": normal - overlap,
            "the planned duration: a lead on a critical link shortens every path through it": normal,
            "the lead read as a lag: a lead lets the successor start earlier, a lag later": normal + overlap,
        }
        return numeric(text, f.duration, how, unit=unit, decimals=0, rtol=0.0, misconceptions=wrong, data=data,
                       fmt=lambda v: qty(v, unit), as_choice=draw.chance(0.3), draw=draw)
    if which == "link":
        picked = draw.sample(off_ok, min(3, len(off_ok)))
        text = intro + (f"The sponsor wants an earlier finish without extra budget, so the team will overlap two "
                        f"activities planned in sequence by {qty(overlap, unit)}. Which overlap shortens the project?")

        def option(ln):
            return f"{ln[1]} starts {qty(overlap, unit)} before {ln[0]} finishes"

        wrong = {}
        for x, y in picked:
            through = [k for k in lengths if any(k[i:i + 2] == (x, y) for i in range(len(k) - 1))]
            longest = max(through, key=lengths.get)
            wrong[option((x, y))] = (f"overlapping {x}-{y}, a link off the critical path: the longest path through "
                                     f"it ({'-'.join(longest)}, {qty(lengths[longest], unit)}) is shorter than the "
                                     "critical path, so the finish does not move")
        how = (f"Paths: {_path_listing(preds, d, unit)}. Only the critical path {'-'.join(crit)} sets the finish, "
               f"so only a lead on one of its links helps: overlapping {p}-{s} finishes in {qty(f.duration, unit)} "
               f"({qty(f.saved, unit)} sooner). A lead on any other link shortens paths that already have float.")
        return choice(draw, text, option((p, s)), wrong, how, data=data)
    cannot_overlap = draw.chance(0.35)
    if cannot_overlap:
        text = (intro + f"The sponsor needs the project {qty(f.saved, unit)} sooner than the planned "
                f"{qty(normal, unit)} and has approved a budget for extra resources. {s} follows {p} on the critical "
                f"path, but a regulator must approve the finished {p} before {s} may use it. What is the best "
                "response?")
        correct = ("Crash the cheapest critical activities: it buys the time with money (their cost slopes) and "
                   f"keeps {s} waiting for the approved {p}.")
        wrong = {
            f"Fast-track {p} and {s}: it is free, so it is always the first choice.":
                f"ignoring the constraint: fast-tracking starts {s} on unapproved work, the risk this project "
                "cannot take",
            "Crash the activities with the lowest cost slopes, on the critical path or not.":
                "crashing an activity off the critical path: it costs money and does not move the finish",
            f"Add a lag of {qty(f.saved, unit)} between {p} and {s} to absorb the approval.":
                "a lag delays the successor: it lengthens the critical path",
            f"Fast-track {p} and {s}: it adds direct cost, like crashing, but no new risk.":
                "treating fast-tracking as costing money: it adds risk (rework), not direct cost",
        }
        how = (f"Both techniques work only on the critical path {'-'.join(crit)}. Fast-tracking {p}-{s} would save "
               f"{qty(f.saved, unit)} at no direct cost, but only by starting {s} before {p} is finished and "
               "approved: here that risk is not acceptable. Crashing buys the time with money instead, cheapest "
               "cost slope first, and the budget allows it (PMBOK Guide, schedule compression).")
        return choice(draw, text, correct, wrong, how, data={**data, "case": "crash"})
    text = (intro + f"The sponsor needs the project {qty(f.saved, unit)} sooner than the planned {qty(normal, unit)} "
            f"and has no extra budget. {s} could start {qty(overlap, unit)} before {p} finishes. What is the best "
            "response, and what does it add?")
    correct = (f"Fast-track {p} and {s}: the project finishes in {qty(f.duration, unit)} at no extra direct cost, but "
               f"{s} starts on unfinished work, so the risk of rework rises.")
    wrong = {
        f"Fast-track {p} and {s}: it saves the time but adds direct cost, like crashing, and no new risk.":
            "treating fast-tracking as costing money: it adds risk (rework), not direct cost",
        "Crash the critical activities: adding resources to them shortens the project at no extra cost.":
            "thinking crashing is free: crashing buys time with money (each activity's cost slope)",
        f"Add a lag of {qty(overlap, unit)} between {p} and {s}.":
            "a lag delays the successor: a lead (negative lag) lets it start earlier",
    }
    if off_links:
        x, y = draw.pick(off_links)
        wrong[f"Overlap {x} and {y} instead: they are off the critical path, so it is safer and saves as much."] = (
            "overlapping a link that is not critical: only a lead on the critical path moves the finish")
    how = (f"Fast-tracking overlaps activities planned in sequence: the lead on {p}-{s} (on the critical path "
           f"{'-'.join(crit)}) brings the finish from {qty(normal, unit)} to {qty(f.duration, unit)} without buying "
           f"resources. Its price is risk: {s} starts with {qty(overlap, unit)} of {p} still to do "
           f"({num(100 * overlap / d[p], 0)} % of it), and changes there cause rework. Crashing would buy the time "
           "with money instead (PMBOK Guide, schedule compression).")
    return choice(draw, text, correct, wrong, how, data={**data, "case": "fast_track"})


def _fast_lengths(preds: dict, d: dict, p: str, s: str, overlap: float) -> dict[tuple, float]:
    """Path lengths after a lead of ``overlap`` on p -> s (for the explanation; the answer is pmlib's)."""
    out = {}
    for path, v in _lengths(preds, d).items():
        through = any(path[i:i + 2] == (p, s) for i in range(len(path) - 1))
        out[path] = v - overlap if through else v
    return out
