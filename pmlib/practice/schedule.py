"""Practice topics of scheduling: CPM, float, PERT, PERT probability, Monte Carlo (lesson 04).

Networks are drawn small enough to solve by hand (five to seven activities, one finish) and
solved with :func:`pmlib.schedule.cpm`, :func:`pmlib.schedule.pert_estimate`,
:func:`pmlib.schedule.pert` and :func:`pmlib.schedule.monte_carlo`. Days are counted from 0
(an activity that starts the project has ES = 0); where an answer depends on the convention,
the "day-1" answer of exam prep books is accepted too.
"""

from __future__ import annotations

import dataclasses

from .. import schedule
from ._core import Draw, cap, choice, num, numeric, pct, qty, topic

LESSON = "04_schedule"
_IDS = "ABCDEFGH"


def network(draw: Draw, n: int | None = None) -> dict:
    """A small activity-on-node network with one finish activity: ``{id: [predecessors]}``."""
    n = n or draw.integer(5, 7)
    ids = _IDS[:n]
    preds: dict[str, list[str]] = {ids[0]: []}
    for i in range(1, n - 1):
        if i == 1 and draw.chance(0.35):
            preds[ids[i]] = []  # a second start
            continue
        k = 2 if i > 1 and draw.chance(0.3) else 1
        preds[ids[i]] = sorted(draw.sample(list(ids[:i]), k))
    has_succ = {p for ps in preds.values() for p in ps}
    sinks = [a for a in ids[: n - 1] if a not in has_succ]
    if len(sinks) == 1:  # make the finish wait for a second activity too, so paths merge
        extra = [a for a in ids[: n - 1] if a != sinks[0]]
        sinks.append(draw.pick(extra))
    preds[ids[-1]] = sorted(sinks)
    return preds


def paths(preds: dict) -> list[list[str]]:
    """Every path from a start activity to the finish (the networks are small)."""
    succs: dict[str, list[str]] = {a: [] for a in preds}
    for a, ps in preds.items():
        for p in ps:
            succs[p].append(a)
    out = []

    def walk(node, trail):
        trail = [*trail, node]
        if not succs[node]:
            out.append(trail)
        for s in succs[node]:
            walk(s, trail)

    for a, ps in preds.items():
        if not ps:
            walk(a, [])
    return out


def durations_with_unique_longest_path(draw: Draw, preds: dict, lo: int = 1, hi: int = 9) -> dict:
    """Whole-number durations such that one path is strictly the longest."""
    all_paths = paths(preds)
    for _ in range(100):
        d = {a: draw.integer(lo, hi) for a in preds}
        lengths = sorted((sum(d[a] for a in p) for p in all_paths), reverse=True)
        if len(lengths) < 2 or lengths[0] > lengths[1]:
            return d
    return d


def activities(preds: dict, d: dict) -> list[dict]:
    return [{"id": a, "duration": d[a], "predecessors": ",".join(preds[a])} for a in preds]


def _table_text(preds: dict, d: dict, unit: str) -> str:
    rows = [f"{a}: {qty(d[a], unit)}, " + (f"after {' and '.join(preds[a])}" if preds[a] else "starts the project")
            for a in preds]
    return "\n".join(rows)


def _unit(draw: Draw) -> str:
    return "weeks" if draw.setting.time_unit == "week" and draw.chance(0.4) else "days"


def _path_text(path) -> str:
    return "-".join(path)


@topic("schedule.cpm", title="Critical path method (duration, critical path, early and late dates)", exam="PMP",
       eco="Process", pmbok8="Schedule", lesson=LESSON)
def cpm(draw: Draw, preds: dict | None = None, d: dict | None = None, which: str | None = None):
    preds = preds or network(draw)
    d = d or durations_with_unique_longest_path(draw, preds)
    unit = _unit(draw)
    s = schedule.cpm(activities(preds, d))
    t = s.table.to_dict("index")  # {activity: {es, ef, ls, lf, total_float, ...}}
    all_paths = paths(preds)
    length = {_path_text(p): sum(d[a] for a in p) for p in all_paths}
    intro = (f"{cap(draw.org())} plans {draw.project()}. The activities (finish-to-start links, no lags):\n"
             f"{_table_text(preds, d, unit)}\n")
    which = which or draw.pick(["duration", "critical_path", "es", "lf"])
    if which == "critical_path" and len(all_paths) < 3:
        which = "duration"  # a critical-path question needs at least two wrong paths
    critical = _path_text(s.critical_path)
    shortest = min(length, key=length.get)
    most = max(length, key=lambda k: (len(k), -length[k]))
    longest_act = max(d, key=d.get)
    passes = "Forward pass: ES = the latest EF of the predecessors, EF = ES + duration; backward pass: " \
             "LF = the earliest LS of the successors, LS = LF - duration."
    if which in ("duration", "critical_path"):
        listing = "; ".join(f"{k} = {v}" for k, v in length.items())
        how = f"Path lengths: {listing} {unit}. The longest path is {critical} ({qty(s.duration, unit)})."
        if which == "duration":
            text = intro + f"How long does the project take, in {unit}?"
            wrong = {
                "the sum of all the activity durations: activities on parallel paths overlap": sum(d.values()),
                "the shortest path: the project takes as long as its longest path": length[shortest],
                "the path with the most activities: the longest path in time decides, not in count": length[most],
            }
            return numeric(text, s.duration, how, unit=unit, decimals=0, rtol=0.0, misconceptions=wrong,
                           data={"activities": activities(preds, d)}, fmt=lambda v: qty(v, unit),
                           as_choice=draw.chance(0.3), draw=draw)
        text = intro + "Which is the critical path?"
        wrong = {shortest: "the shortest path: the critical path is the longest one (zero total float)",
                 most: "the path with the most activities: duration decides, not the number of activities"}
        through = [p for p in length if longest_act in p.split("-") and p != critical]
        if through:
            wrong[max(through, key=length.get)] = (
                "the path through the longest single activity: the whole path's length decides")
        for p in length:  # fill up with other paths
            if p not in wrong and p != critical and len(wrong) < 3:
                wrong[p] = "a shorter path (total float above zero): the critical path is the longest"
        named = {}
        for path, why in wrong.items():  # one name per option
            named[path] = why if why not in named.values() else f"{why} ({path} is {length[path]} {unit})"
        return choice(draw, text, critical, named, how, data={"activities": activities(preds, d)})
    if which == "es":
        cand = ([a for a in preds if len(preds[a]) >= 2 and t[a]["total_float"] > 0]
                or [a for a in preds if len(preds[a]) >= 2] or [a for a in preds if preds[a]])
        x = draw.pick(cand)
        answer = float(t[x]["es"])
        text = intro + f"What is the early start (ES) of activity {x}? Count days from 0 (a first activity starts at 0)."
        efs = {p: float(t[p]["ef"]) for p in preds[x]}
        latest = (f"max EF of {', '.join(preds[x])} = max({', '.join(num(v, 0) for v in efs.values())})"
                  if len(efs) > 1 else f"EF of {preds[x][0]}")
        how = (f"{passes}\nES({x}) = {latest} = {num(answer, 0)} (counting from day 1, as some exam books do, it is "
               f"day {num(answer + 1, 0)})")
        wrong = {
            "the earliest predecessor finish: an activity waits for its latest predecessor": min(efs.values()),
            f"the early finish of {x} (ES is when it can start)": float(t[x]["ef"]),
            f"the late start of {x} (from the backward pass)": float(t[x]["ls"]),
        }
        return numeric(text, answer, how, unit=unit, decimals=0, rtol=0.0, misconceptions=wrong,
                       accept={"counting days from 1": answer + 1}, data={"activities": activities(preds, d)},
                       fmt=lambda v: num(v, 0))
    cand = [a for a in preds if a != _IDS[len(preds) - 1] and t[a]["total_float"] > 0] or list(preds)[:-1]
    x = draw.pick(cand)
    answer = float(t[x]["lf"])
    succ = [a for a in preds if x in preds[a]]
    lss = {a: float(t[a]["ls"]) for a in succ}
    text = intro + f"What is the late finish (LF) of activity {x}?"
    earliest = (f"min LS of {', '.join(succ)} = min({', '.join(num(v, 0) for v in lss.values())})"
                if len(lss) > 1 else f"LS of {succ[0]}")
    how = f"{passes}\nLF({x}) = {earliest} = {num(answer, 0)} (the same with days counted from 1)"
    wrong = {
        "the latest successor start: LF takes the earliest successor's late start": max(lss.values()),
        f"the early finish of {x} (from the forward pass)": float(t[x]["ef"]),
        "the project's end: only activities on the critical path must finish then": float(s.duration),
    }
    return numeric(text, answer, how, unit=unit, decimals=0, rtol=0.0, misconceptions=wrong,
                   data={"activities": activities(preds, d)}, fmt=lambda v: num(v, 0))


@topic("schedule.float", title="Total float and free float", exam="PMP", eco="Process", pmbok8="Schedule",
       lesson=LESSON)
def float_(draw: Draw, preds: dict | None = None, d: dict | None = None, which: str | None = None):
    if preds is None:
        for _ in range(20):  # a network where some activity has float
            preds = network(draw)
            d = durations_with_unique_longest_path(draw, preds)
            lengths = {tuple(p): sum(d[a] for a in p) for p in paths(preds)}
            longest = max(lengths, key=lengths.get)
            if set(longest) != set(preds):
                break
    d = d or durations_with_unique_longest_path(draw, preds)
    unit = _unit(draw)
    acts = activities(preds, d)
    s = schedule.cpm(acts)
    t = s.table.to_dict("index")
    intro = (f"{cap(draw.org())} plans {draw.project()}. The activities (finish-to-start links, no lags):\n"
             f"{_table_text(preds, d, unit)}\n")
    slack = [a for a in preds if t[a]["total_float"] > 0]
    if not slack:  # every activity critical: lengthen nothing, ask about a critical one
        slack = list(preds)
    free_differs = [a for a in slack if t[a]["free_float"] != t[a]["total_float"]]
    which = which or draw.pick(["total", "free", "delay"] if free_differs else ["total", "delay"])
    x = draw.pick(free_differs if which == "free" and free_differs else slack)
    tf, ff = float(t[x]["total_float"]), float(t[x]["free_float"])
    es, ef, ls, lf = (float(t[x][c]) for c in ("es", "ef", "ls", "lf"))
    succ = [a for a in preds if x in preds[a]]
    dates = f"ES = {num(es, 0)}, EF = {num(ef, 0)}, LS = {num(ls, 0)}, LF = {num(lf, 0)}"
    if which == "total":
        text = intro + f"What is the total float of activity {x}, in {unit}?"
        how = (f"Forward and backward pass for {x}: {dates}.\nTotal float = LS - ES = LF - EF = "
               f"{num(ls, 0)} - {num(es, 0)} = {qty(tf, unit)}: how far {x} can slip without delaying the project.")
        wrong = {
            "the free float: the slack before the next activity is delayed, not the project": ff,
            "the project duration minus the activity's early finish: successors need time too": s.duration - ef,
            "LF - ES: the activity's duration must be taken off": lf - es,
        }
        return numeric(text, tf, how, unit=unit, decimals=0, rtol=0.0, misconceptions=wrong,
                       data={"activities": acts}, fmt=lambda v: qty(v, unit), as_choice=draw.chance(0.3),
                       draw=draw)
    if which == "free":
        es_succ = {a: float(t[a]["es"]) for a in succ}
        text = intro + f"What is the free float of activity {x}, in {unit}?"
        first = min(es_succ.values()) if es_succ else s.duration
        how = (f"{x}: {dates}. Free float = earliest ES of its successors - EF({x}) = {num(first, 0)} - "
               f"{num(ef, 0)} = {qty(ff, unit)}: how far {x} can slip without delaying any successor.")
        wrong = {
            "the total float: the slack before the project end, which successors may share": tf,
            "the earliest successor's ES minus this activity's ES: the duration must be taken off": first - es,
        }
        return numeric(text, ff, how, unit=unit, decimals=0, rtol=0.0, misconceptions=wrong,
                       data={"activities": acts}, fmt=lambda v: qty(v, unit))
    delay = int(tf) + draw.pick([-1, 1, 2, 3]) if tf >= 1 else draw.integer(1, 4)
    delay = max(delay, 1)
    late = schedule.cpm([{**a, "duration": a["duration"] + (delay if a["id"] == x else 0)} for a in acts])
    answer = late.duration - s.duration
    text = intro + (f"Activity {x} is delayed by {qty(delay, unit)}. By how many {unit} does the project finish later? "
                    "(0 if it does not.)")
    how = (f"{x} has a total float of {qty(tf, unit)} ({dates}). A delay moves the project's end by "
           f"max(0, delay - total float) = max(0, {delay} - {num(tf, 0)}) = {qty(answer, unit)}.")
    wrong = {
        "the whole delay: the activity's float absorbs part of it": float(delay),
        "no delay at all: the delay is larger than the float": 0.0,
        "the delay plus the float: float absorbs delay, it does not add to it": delay + tf,
    }
    return numeric(text, answer, how, unit=unit, decimals=0, rtol=0.0, misconceptions=wrong,
                   data={"activities": acts, "delayed": x, "delay": delay}, fmt=lambda v: qty(v, unit),
                   as_choice=draw.chance(0.3), draw=draw)


def _three_points(draw: Draw) -> tuple[int, int, int]:
    """Optimistic < most likely < pessimistic, skewed (a symmetric estimate makes every mean agree)."""
    o = draw.integer(2, 12)
    m = o + draw.integer(1, 6)
    p = m + draw.integer(2, 14)
    if p - m == m - o:
        p += 1
    return o, m, p


@topic("schedule.pert", title="PERT three-point estimates (mean, standard deviation)", exam="PMP", eco="Process",
       pmbok8="Schedule", lesson=LESSON)
def pert(draw: Draw, estimates=None, which: str | None = None):
    unit = _unit(draw)
    which = which or draw.pick(["mean", "sd", "path_sd"])
    if which in ("mean", "sd"):
        o, m, p = estimates or _three_points(draw)
        e = schedule.pert_estimate(o, m, p)
        text = (f"{cap(draw.org())} estimates one activity of {draw.project()}: optimistic {o} {unit}, most likely {m} "
                f"{unit}, pessimistic {p} {unit}. ")
        if which == "mean":
            text += f"What is its PERT (beta) expected duration, in {unit}? Give two decimals."
            answer = e["expected"]
            how = f"PERT mean = (O + 4M + P) / 6 = ({o} + 4 x {m} + {p}) / 6 = {num(answer, 2)} {unit}"
            wrong = {
                "the triangular mean (O + M + P) / 3: PERT weights the most likely value four times": (o + m + p) / 3,
                "the most likely estimate alone": float(m),
                "the midpoint (O + P) / 2": (o + p) / 2,
            }
        else:
            text += f"What is its PERT standard deviation, in {unit}? Give two decimals."
            answer = e["sd"]
            how = f"PERT sd = (P - O) / 6 = ({p} - {o}) / 6 = {num(answer, 2)} {unit}"
            wrong = {
                "(P - O) / 3: the PERT standard deviation divides the range by 6": 2 * answer,
                "the variance ((P - O) / 6)^2 instead of its square root": e["variance"],
                "(P - M) / 6: the range runs from optimistic to pessimistic": (p - m) / 6,
            }
        return numeric(text, answer, how, unit=unit, decimals=2, rtol=0.005, misconceptions=wrong,
                       data={"optimistic": o, "most_likely": m, "pessimistic": p}, fmt=lambda v: num(v, 2),
                       as_choice=draw.chance(0.3), draw=draw)
    est = estimates or [_three_points(draw) for _ in range(draw.integer(3, 4))]
    ids = _IDS[: len(est)]
    chain = [{"id": a, "optimistic": o, "most_likely": m, "pessimistic": p, "predecessors": ids[i - 1] if i else ""}
             for i, (a, (o, m, p)) in enumerate(zip(ids, est, strict=True))]
    res = schedule.pert(chain)
    sds = res.table["sd"]
    listing = "; ".join(f"{a}: {o}/{m}/{p}" for a, (o, m, p) in zip(ids, est, strict=True))
    text = (f"{cap(draw.org())} has one path of activities in sequence in {draw.project()}, estimated as optimistic/"
            f"most likely/pessimistic {unit}: {listing}. What is the standard deviation of the path's duration, in "
            f"{unit}? Give two decimals.")
    how = ("Each activity's variance is ((P - O) / 6)^2; variances of independent activities add, standard deviations "
           f"do not:\nsd(path) = sqrt({' + '.join(num(v, 3) for v in res.table['variance'])}) = "
           f"sqrt({num(res.variance, 3)}) = {num(res.sd, 2)} {unit}")
    wrong = {
        "the standard deviations added up: add the variances, then take the square root": float(sds.sum()),
        "(P - O) / 3 for each activity: PERT divides the range by 6": 2 * res.sd,
        "the path's variance, not its square root": res.variance,
    }
    return numeric(text, res.sd, how, unit=unit, decimals=2, rtol=0.005, misconceptions=wrong,
                   data={"activities": chain}, fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw)


@topic("schedule.pert_probability", title="Probability of finishing by a date (PERT)", exam="PMP", eco="Process",
       pmbok8="Schedule", lesson=LESSON)
def pert_probability(draw: Draw, chain: list | None = None, deadline: float | None = None,
                     which: str | None = None):
    unit = "weeks" if draw.setting.time_unit != "month" else "days"
    if chain is None:
        est = [_three_points(draw) for _ in range(draw.integer(3, 5))]
        ids = _IDS[: len(est)]
        chain = [{"id": a, "optimistic": o, "most_likely": m, "pessimistic": p,
                  "predecessors": ids[i - 1] if i else ""} for i, (a, (o, m, p)) in enumerate(zip(ids, est, strict=True))]
    res = schedule.pert(chain)
    listing = "; ".join(f"{a['id']}: {a['optimistic']}/{a['most_likely']}/{a['pessimistic']}" for a in chain)
    intro = (f"{cap(draw.org())} runs {draw.project()}. Its critical path has these activities in sequence, estimated "
             f"as optimistic/most likely/pessimistic {unit}: {listing}. Assume the path's duration is normally "
             "distributed (PERT). ")
    base = (f"Path mean = sum of (O + 4M + P) / 6 = {num(res.duration, 2)} {unit}; path sd = sqrt(sum of ((P - O) / 6)^2)"
            f" = {num(res.sd, 3)} {unit}.")
    which = which or ("probability" if deadline is not None or draw.chance(0.7) else "deadline")
    sum_sd = float(res.table["sd"].sum())
    if which == "probability":
        if deadline is None:
            deadline = round(res.duration + draw.pick([-1.0, -0.5, 0.5, 1.0, 1.5, 2.0]) * res.sd
                             + draw.uniform(-0.2, 0.2) * res.sd)
            if deadline == round(res.duration):
                deadline += 1
        answer = res.probability(deadline)
        z = res.z(deadline)
        text = intro + (f"What is the probability of finishing the path within {num(deadline, 0)} {unit}? Give it as a "
                        "fraction with two decimals (0.84 for 84 %).")
        how = (f"{base}\nz = (deadline - mean) / sd = ({num(deadline, 0)} - {num(res.duration, 2)}) / {num(res.sd, 3)} = "
               f"{num(z, 2)}; P(T <= {num(deadline, 0)}) = Phi({num(z, 2)}) = {num(answer, 4)}")
        wrong = {
            "the standard deviation taken as (P - O) / 3 per activity: PERT divides the range by 6":
                dataclasses.replace(res, sd=2 * res.sd).probability(deadline),
            "the standard deviations added instead of the variances": dataclasses.replace(res, sd=sum_sd).probability(deadline),
            "the probability of finishing later than the deadline (1 - P)": 1 - answer,
        }
        if answer > 0.5:
            wrong["the chance of landing within +/- z standard deviations of the mean, not of finishing by the deadline"] = 2 * answer - 1
        return numeric(text, answer, how, unit="fraction", decimals=2, rtol=0.01, misconceptions=wrong,
                       data={"activities": chain, "deadline": deadline}, fmt=lambda v: num(v, 2),
                       as_choice=draw.chance(0.3), draw=draw)
    q = draw.pick([0.8, 0.9, 0.95, 0.975])
    answer = res.deadline(q)
    text = intro + (f"The sponsor wants a finish date met with {pct(q, 1 if q == 0.975 else 0)} confidence. What duration "
                    f"should be committed, in {unit}? Give one decimal.")
    z = (answer - res.duration) / res.sd
    how = f"{base}\nz for {pct(q, 1)} = {num(z, 3)}; duration = mean + z x sd = {num(res.duration, 2)} + {num(z, 3)} x {num(res.sd, 3)} = {num(answer, 2)} {unit}"
    wrong = {
        "the mean plus one standard deviation whatever the confidence asked": res.duration + res.sd,
        "the standard deviation taken as (P - O) / 3 per activity": dataclasses.replace(res, sd=2 * res.sd).deadline(q),
        "the z-value subtracted: a higher confidence needs a later date": 2 * res.duration - answer,
        "the standard deviations added instead of the variances": dataclasses.replace(res, sd=sum_sd).deadline(q),
    }
    return numeric(text, answer, how, unit=unit, decimals=1, rtol=0.005, misconceptions=wrong,
                   data={"activities": chain, "confidence": q}, fmt=lambda v: num(v, 1), as_choice=draw.chance(0.3),
                   draw=draw)


@topic("schedule.monte_carlo", title="Monte Carlo schedule risk", exam="PMP", eco="Process", pmbok8="Risk",
       lesson=LESSON)
def monte_carlo(draw: Draw, which: str | None = None):
    unit = "days"
    paths_n = draw.integer(2, 3)
    acts = [{"id": "A", "optimistic": 3, "most_likely": 5, "pessimistic": 9, "predecessors": ""}]
    acts[0].update(zip(("optimistic", "most_likely", "pessimistic"), _three_points(draw), strict=True))
    ends = []
    for k in range(paths_n):
        a = _IDS[1 + k]
        o, m, p = _three_points(draw)
        acts.append({"id": a, "optimistic": o + 4, "most_likely": m + 4, "pessimistic": p + 4, "predecessors": "A"})
        ends.append(a)
    finish = _IDS[1 + paths_n]
    acts.append({"id": finish, "optimistic": 2, "most_likely": 3, "pessimistic": 5, "predecessors": ",".join(ends)})
    seed = draw.integer(0, 2**31 - 1)
    mc = schedule.monte_carlo(acts, n=2000, seed=seed)
    p20, p50, p80, p90 = (float(x) for x in mc.percentile([20, 50, 80, 90]))
    listing = "; ".join(f"{a['id']}: {a['optimistic']}/{a['most_likely']}/{a['pessimistic']}"
                        + (f" after {a['predecessors'].replace(',', ' and ')}" if a["predecessors"] else "")
                        for a in acts)
    intro = (f"{cap(draw.org())} simulated {draw.project()} 2,000 times (Monte Carlo, beta-PERT durations; activities "
             f"optimistic/most likely/pessimistic {unit}: {listing}). Results: the CPM finish on the expected durations is "
             f"{num(mc.deterministic, 1)} {unit}; simulated mean {num(mc.mean, 1)}, P20 {num(p20, 1)}, P50 {num(p50, 1)}, "
             f"P80 {num(p80, 1)}, P90 {num(p90, 1)} {unit}. ")
    which = which or draw.pick(["commit", "merge"])
    if which == "merge" and mc.merge_bias < 0.2:  # too small to tell from sampling noise: ask the other question
        which = "commit"
    data = {"activities": acts, "n": 2000, "seed": seed}
    if which == "commit":
        text = intro + "The sponsor wants a finish date the team meets with 80 % confidence. Which duration should be committed?"
        correct = f"{num(p80, 1)} {unit} (P80)"
        wrong = {
            f"{num(p50, 1)} {unit} (P50)": "the median: it is met only half the time",
            f"{num(p20, 1)} {unit} (P20)": "reading the percentiles backwards: P20 is met only 20 % of the time",
        }
        if num(mc.deterministic, 1) not in (num(p50, 1), num(p80, 1), num(p20, 1)):  # no two options with one number
            wrong[f"{num(mc.deterministic, 1)} {unit} (CPM on expected durations)"] = \
                "the deterministic plan: it ignores the spread of the durations and the merge bias"
        how = ("P80 is the duration not exceeded in 80 % of the iterations: commit to it for 80 % confidence. The CPM "
               "finish and the median are met far less often.")
        return choice(draw, text, correct, wrong, how, data=data)
    text = intro + "Why does the simulated mean exceed the CPM finish on the expected durations?"
    correct = ("Where parallel paths merge, the finish waits for the latest of them, so uncertainty on the merging paths "
               "pushes the expected finish later (merge bias).")
    wrong = {
        "The simulation is inaccurate: with enough iterations its mean would equal the CPM finish.":
            "treating merge bias as sampling noise: more iterations do not remove it",
        "Monte Carlo adds a safety margin to every activity.": "Monte Carlo draws each duration from its estimate; it adds no margin",
        "The beta-PERT mean of each activity is later than its most likely duration, and the CPM ignores that.":
            "confusing two effects: the CPM here already uses the expected (PERT) durations",
    }
    how = (f"The CPM on expected durations gives {num(mc.deterministic, 1)} {unit}; the simulated mean is "
           f"{num(mc.mean, 1)} {unit}, {num(mc.merge_bias, 1)} {unit} later. At the merge point the project waits for the "
           "latest path, and the expected maximum of uncertain durations exceeds the maximum of their means.")
    return choice(draw, text, correct, wrong, how, data=data)
