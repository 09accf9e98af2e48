"""Exercises of exercises/04_schedule.ipynb: passes, float, PERT, Monte Carlo, crashing, fast-tracking.

The by-hand questions use a small network, the launch campaign of P03 (Home Services
go-to-market), returned by :func:`launch_network` (with crash data for the compression
questions); the Monte Carlo questions use P01's network (``pm.datasets.load("activities")``).
Every expected answer, and every named wrong answer, is computed through pmlib.

Days are counted from 0 (A starts at 0 and ends at 3), as pmlib does; exam prep books often
count from day 1 (A runs on days 1-3, B starts on day 4). Where a question asks for an early or
late *start*, both conventions are accepted and the message says which one you used.
"""

from __future__ import annotations

import functools

import pandas as pd

from .. import datasets, schedule
from . import CORRECT, INCORRECT, Choice, Custom, ExerciseSet, Items, Multi, Numeric, Result

__all__ = ["launch_network", "MC_SEED", "MC_ITERATIONS", "INDIRECT_PER_DAY", "EXERCISES"]

#: Monte Carlo settings the exercise notebook uses (same seed, same answers).
MC_SEED = 2026
MC_ITERATIONS = 20_000
#: Indirect cost of the launch campaign per working day (agency retainer, k$), question 18.
INDIRECT_PER_DAY = 4.5


def launch_network() -> pd.DataFrame:
    """Seven activities of P03's launch campaign (working days, k$): three-point and crash estimates."""
    rows = [  # id, name, duration, predecessors, o, m, p, crash duration, cost, crash cost
        ("A", "Brief the agency", 3, "", 2, 3, 4, 2, 6, 10),
        ("B", "Design the campaign", 5, "A", 4, 5, 12, 3, 20, 26),
        ("C", "Set the price list", 4, "A", 3, 4, 5, 3, 8, 10),
        ("D", "Brief store staff", 2, "C", 1, 2, 3, 1, 4, 7),
        ("E", "Produce the adverts", 6, "B", 4, 6, 8, 4, 30, 40),
        ("F", "Train the call centre", 3, "C", 2, 3, 10, 2, 9, 13),
        ("G", "Launch day", 1, "D, E, F", 1, 1, 1, 1, 15, 15),
    ]
    return pd.DataFrame(rows, columns=["id", "name", "duration", "predecessors", "optimistic", "most_likely",
                                       "pessimistic", "crash_duration", "cost", "crash_cost"])


@functools.lru_cache(maxsize=1)
def _cpm():
    return schedule.cpm(launch_network())


@functools.lru_cache(maxsize=1)
def _pert():
    return schedule.pert(launch_network())


def _slipped(activity: str, days: float) -> float:
    acts = launch_network()
    acts.loc[acts["id"] == activity, "duration"] += days
    return schedule.cpm(acts).duration


@functools.lru_cache(maxsize=1)
def _mc():
    return schedule.monte_carlo(datasets.load("activities"), n=MC_ITERATIONS, seed=MC_SEED)


@functools.lru_cache(maxsize=1)
def _p01_pert():
    return schedule.pert(datasets.load("activities"))


@functools.lru_cache(maxsize=8)
def _crash(target=None, indirect=0.0):
    return schedule.crash(launch_network(), target_duration=target, indirect_cost_per_day=indirect)


def _t(activity, column):
    return lambda: float(_cpm().table.loc[activity, column])


def _slope(activity):
    row = launch_network().set_index("id").loc[activity]
    return float((row.crash_cost - row.cost) / (row.duration - row.crash_duration))


def _most_critical_off_path() -> str:
    mc = _mc()
    on_path = set(schedule.cpm(datasets.load("activities"), duration="most_likely").critical_path)
    off = mc.criticality.drop(index=[a for a in mc.criticality.index if a in on_path])
    return str(off.idxmax())


def _pert_with_summed_sds(deadline: float) -> float:
    """The slip of adding standard deviations along the path instead of variances."""
    from scipy.special import ndtr

    p = _pert()
    sd = float(p.table.loc[p.critical_path, "sd"].sum())
    return float(ndtr((deadline - p.duration) / sd))


def _pert_on_cpm_duration(deadline: float) -> float:
    from scipy.special import ndtr

    p = _pert()
    return float(ndtr((deadline - _cpm().duration) / p.sd))


class _EitherConvention(Custom):
    """A Custom check whose message survives a correct answer (it names the day-1 convention)."""

    def _compare(self, values):
        ok, message = self.checker(*values.values())
        return Result(CORRECT if ok else INCORRECT, message)


def _start_and_finish(activity, start_col, finish_col):
    """A checker accepting day-0 (pmlib) or day-1 (exam books) start values, the same finish."""

    def check(start, finish):
        want_s, want_f = (float(_cpm().table.loc[activity, c]) for c in (start_col, finish_col))
        try:
            s, f = float(start), float(finish)
        except (TypeError, ValueError):
            return False, "give two numbers (working days)."
        if abs(f - want_f) > 1e-6:
            if abs(f - (want_f + 1)) < 1e-6:
                return False, (f"the finish is one day too late: with days counted from 0 an activity "
                               f"that starts at {want_s:g} and lasts its duration finishes at {want_f:g}.")
            return False, "the finish is not right: check the pass step by step."
        if abs(s - want_s) < 1e-6:
            return True, ""
        if abs(s - (want_s + 1)) < 1e-6:
            return True, ("right, with the day-1 convention (the start is the morning of the day after); "
                          "pmlib counts from 0, so the start is one less.")
        return False, "the start is not right: start = finish - duration (+1 with the day-1 convention)."

    return check


EXERCISES = ExerciseSet(
    "Project schedule: CPM, PERT, Monte Carlo, crashing and fast-tracking",
    [
        Numeric(
            "project_duration", answer=lambda: _cpm().duration, rtol=0, atol=1e-6, percent_hint=False,
            unit="working days", topic="schedule.cpm",
            misconceptions={
                "that is the sum of every duration; the project takes as long as its longest path, "
                "because parallel activities overlap": lambda: float(launch_network()["duration"].sum()),
                "that is a shorter path (A-C-F-G); the duration is set by the longest one":
                    lambda: float(launch_network().set_index("id").loc[list("ACFG"), "duration"].sum()),
            },
            prompt="Forward pass: how many working days does the launch network take?",
            hints=["Idea: an activity can start only when all its predecessors are done; the project ends "
                   "when the last activity ends.",
                   "Formula: ES = the largest EF of the predecessors (0 for A); EF = ES + duration; project "
                   "duration = the largest EF.",
                   "Numbers: A runs 0-3; B 3-8 and C 3-7. Carry on for D, E and F; G waits for all three."],
            solution="project_duration = pm.schedule.cpm(launch_network()).duration",
            explanation="A 0-3, B 3-8, C 3-7, D 7-9, E 8-14, F 7-10, G starts at max(9, 14, 10) = 14 and ends at 15.",
        ),
        _EitherConvention(
            ["es_e", "ef_e"], _start_and_finish("E", "es", "ef"), topic="schedule.cpm",
            prompt="Early start and early finish of E (Produce the adverts). Days count from 0; the day-1 "
                   "convention of exam books is accepted too.",
            hints=["Idea: E follows B only, and B follows A: E can start when B is done.",
                   "Formula: ES(E) = EF(B); EF(E) = ES(E) + duration(E).",
                   "Numbers: A ends at 3, B lasts 5 days; E lasts 6."],
            solution="es_e, ef_e = pm.schedule.cpm(launch_network()).table.loc['E', ['es', 'ef']]",
            explanation="E can start when B finishes (day 8) and takes 6 days: EF = 14. Counting from day 1, "
                        "E starts on day 9 and still finishes at the end of day 14.",
        ),
        _EitherConvention(
            ["lf_c", "ls_c"], lambda lf, ls: _start_and_finish("C", "ls", "lf")(ls, lf), topic="schedule.cpm",
            prompt="Backward pass: late finish and late start of C (Set the price list). Days count from 0; "
                   "the day-1 convention is accepted too.",
            hints=["Idea: walk backwards from the end; an activity must finish before its earliest-needed "
                   "successor has to start.",
                   "Formula: LF = the smallest LS of the successors; LS = LF - duration.",
                   "Numbers: LF(G) = 15 and LS(G) = 14. C's successors are D and F: find their late starts first."],
            solution="lf_c, ls_c = pm.schedule.cpm(launch_network()).table.loc['C', ['lf', 'ls']]",
            explanation="LF(C) = min(LS(D) = 12, LS(F) = 11) = 11, so LS(C) = 11 - 4 = 7 (day 8 with the day-1 "
                        "convention).",
        ),
        Items(
            "critical_path", answer=lambda: _cpm().critical_path, ordered=True, topic="schedule.cpm",
            prompt="The critical path, in order: a list such as ['A', 'C', 'G'] or text such as 'A-C-G'.",
            hints=["Idea: the critical path is the longest path; its activities have no float.",
                   "Formula: total float = LS - ES; critical activities have 0.",
                   "Numbers: compare the paths A-B-E-G, A-C-D-G and A-C-F-G."],
            solution="critical_path = pm.schedule.cpm(launch_network()).critical_path",
            explanation="A-B-E-G is 3 + 5 + 6 + 1 = 15 days, the longest path; every other path is shorter.",
        ),
        Numeric(
            "total_float_d", answer=_t("D", "total_float"), rtol=0, atol=1e-6, percent_hint=False,
            unit="working days", topic="schedule.float",
            misconceptions={
                "that is LS - EF; float compares like with like: LS - ES, or LF - EF":
                    lambda: float(_cpm().table.loc["D", "ls"] - _cpm().table.loc["D", "ef"]),
                "that is the float of the path A-C-D-G's first activity only; D's own float is LS - ES":
                    lambda: float(_cpm().table.loc["C", "total_float"]),
            },
            prompt="Total float of D (Brief store staff), in working days.",
            hints=["Idea: total float is how far D can slip without moving the launch.",
                   "Formula: total float = LS - ES (or LF - EF).",
                   "Numbers: D's only successor is G (LS 14); D ends early at 9."],
            solution="total_float_d = pm.schedule.cpm(launch_network()).table.loc['D', 'total_float']",
            explanation="D can finish as late as day 14 but is done by day 9: 5 days of total float.",
        ),
        Multi(
            [Numeric("total_float_c", answer=_t("C", "total_float"), rtol=0, atol=1e-6, percent_hint=False,
                     unit="working days",
                     misconceptions={"that is the free float; total float is LS - ES, the slack before the "
                                     "project's finish moves": _t("C", "free_float")}),
             Numeric("free_float_c", answer=_t("C", "free_float"), rtol=0, atol=1e-6, percent_hint=False,
                     unit="working days",
                     misconceptions={"that is the total float; free float only counts the slack before the "
                                     "earliest successor starts": _t("C", "total_float")})],
            topic="schedule.float",
            prompt="Total float and free float of C. Why do they differ?",
            hints=["Idea: total float protects the finish date; free float protects the successors' early starts.",
                   "Formula: free float = the earliest ES of the successors - EF of the activity.",
                   "Numbers: C ends early at 7; look at when D and F can start early."],
            solution=("_s = pm.schedule.cpm(launch_network())\n"
                      "total_float_c, free_float_c = _s.table.loc['C', ['total_float', 'free_float']]"),
            explanation="C has 4 days of total float but no free float: any slip of C delays D and F's early "
                        "starts (eating their float) though not the launch, until it exceeds 4 days.",
        ),
        Numeric(
            "duration_if_f_slips", answer=lambda: _slipped("F", 3), rtol=0, atol=1e-6, percent_hint=False,
            unit="working days", topic="schedule.float",
            misconceptions={"that adds the slip to the project; a slip within the activity's total float does "
                            "not move the finish": lambda: _cpm().duration + 3},
            prompt="F (Train the call centre) slips by 3 days. How long does the project take now?",
            hints=["Idea: a slip moves the finish only by what exceeds the activity's total float.",
                   "Formula: new duration = old duration + max(0, slip - total float).",
                   "Numbers: find F's total float in the CPM table first."],
            solution=("slipped = launch_network()\n"
                      "slipped.loc[slipped['id'] == 'F', 'duration'] += 3\n"
                      "duration_if_f_slips = pm.schedule.cpm(slipped).duration"),
            explanation="F has 4 days of total float, so a 3-day slip does not move the launch: still 15 days.",
        ),
        Multi(
            [Numeric("expected_b", answer=lambda: float(schedule.pert_estimate(4, 5, 12)["expected"]), rtol=1e-3,
                     misconceptions={
                         "that is the triangular mean (o + m + p) / 3; PERT weights the most likely value "
                         "four times: (o + 4m + p) / 6": lambda: (4 + 5 + 12) / 3,
                         "that is the most likely value; the long pessimistic tail pulls the mean above it":
                             lambda: 5.0}),
             Numeric("sd_b", answer=lambda: float(schedule.pert_estimate(4, 5, 12)["sd"]), rtol=1e-3,
                     misconceptions={"that divides by 3; the PERT standard deviation is (p - o) / 6":
                                     lambda: (12 - 4) / 3,
                                     "that is the variance; the standard deviation is its square root, (p - o) / 6":
                                     lambda: float(schedule.pert_estimate(4, 5, 12)["variance"])})],
            topic="schedule.pert",
            prompt="PERT estimate of B (optimistic 4, most likely 5, pessimistic 12): expected duration and sd.",
            hints=["Idea: PERT approximates each duration by a Beta distribution that leans on the most likely value.",
                   "Formula: expected = (o + 4m + p) / 6; sd = (p - o) / 6.",
                   "Numbers: o = 4, m = 5, p = 12."],
            solution="expected_b, sd_b = pm.schedule.pert_estimate(4, 5, 12)[['expected', 'sd']]",
            explanation="(4 + 20 + 12) / 6 = 6 days, sd = 8 / 6 = 1.33 days: the long tail pulls the mean above 5.",
        ),
        Numeric(
            "p_within_17", answer=lambda: _pert().probability(17), rtol=1e-3, topic="schedule.pert_probability",
            misconceptions={
                "that adds the standard deviations along the path; add the variances, then take the square "
                "root": lambda: _pert_with_summed_sds(17),
                "that uses the CPM duration on most likely values (15); PERT's mean uses the expected "
                "durations": lambda: _pert_on_cpm_duration(17),
            },
            prompt="PERT: the chance (a fraction) that the launch network finishes within 17 working days.",
            hints=["Idea: the project duration is roughly normal, with the critical path's mean and variance.",
                   "Formula: mean = sum of expected durations on the critical path; variance = sum of their "
                   "variances; z = (17 - mean) / sqrt(variance); P = Phi(z).",
                   "Numbers: B's expected duration is 6 (question 8), so the PERT path A-B-E-G has mean 16."],
            solution="p_within_17 = pm.schedule.pert(launch_network()).probability(17)",
            explanation="The PERT critical path is A-B-E-G with mean 16 and variance 1/9 + 16/9 + 4/9 + 0 = 2.33, "
                        "sd 1.53 days: z = 0.65, P = 74 %.",
        ),
        Numeric(
            "deadline_90", answer=lambda: _pert().deadline(0.9), rtol=1e-3, percent_hint=False,
            unit="working days", topic="schedule.pert_probability",
            misconceptions={"that uses z = 1.645 (95 %); 90 % is z = 1.2816":
                            lambda: _pert().duration + 1.6449 * _pert().sd,
                            "that is the expected duration alone; a 90 % promise adds z x sd":
                            lambda: _pert().duration},
            prompt="PERT: the duration you can promise with 90 % confidence (in working days).",
            hints=["Idea: go right of the mean until 90 % of the normal curve lies to the left.",
                   "Formula: duration = mean + z x sd, with z = 1.2816 for 90 %.",
                   "Numbers: mean 16 and sd 1.53 days from question 9."],
            solution="deadline_90 = pm.schedule.pert(launch_network()).deadline(0.9)",
            explanation="16 + 1.2816 x 1.53 = 17.96 working days.",
        ),
        Numeric(
            "p80_p01", answer=lambda: _mc().percentile(80), rtol=1e-6, percent_hint=False, unit="working days",
            topic="schedule.monte_carlo",
            misconceptions={"that is P50, met only half the time": lambda: _mc().percentile(50)},
            prompt="Reading a simulation: P80 duration of P01 from `mc` (the Monte Carlo run above), in working days.",
            hints=["Idea: P80 is a duration the project beats in four futures out of five.",
                   "Formula: P80 = the 80th percentile of the simulated durations.",
                   "Numbers: the simulation object `mc` has a percentile method."],
            solution=("_mc = pm.schedule.monte_carlo(pm.datasets.load('activities'), n=MC_ITERATIONS, seed=MC_SEED)\n"
                      "p80_p01 = _mc.percentile(80)"),
            explanation="P80 is the date a sponsor can be given with 80 % confidence; P50 is a coin toss.",
        ),
        Choice(
            "commit_to", answer="P80", choices=["CPM date", "P50", "P80"], topic="schedule.monte_carlo",
            prompt="The sponsor wants a date you will meet four times out of five. Which do you commit to?",
            why={"CPM date": "the CPM date uses most likely durations: it is met far less than half the time.",
                 "P50": "P50 is met only half the time."},
            hints=["Idea: each P-value is met in that share of the simulated futures.",
                   "Four times out of five is 80 %."],
            solution="commit_to = 'P80'",
            explanation="P80 is met in 80 % of the simulated futures; the CPM date and P50 are optimistic commitments.",
        ),
        Choice(
            "pert_vs_mc", answer=lambda: "higher" if _p01_pert().probability(300) > _mc().probability(300) else "lower",
            choices=["higher", "lower"], topic="schedule.monte_carlo",
            prompt="For a 300-day deadline on P01, is PERT's probability higher or lower than the simulation's?",
            hints=["Idea: PERT looks only at the critical path of the expected durations; the simulation lets "
                   "any path take over.",
                   "Compare pm.schedule.pert(p01).probability(300) with mc.probability(300)."],
            solution=("_p01 = pm.datasets.load('activities')\n"
                      "_mc = pm.schedule.monte_carlo(_p01, n=MC_ITERATIONS, seed=MC_SEED)\n"
                      "pert_vs_mc = 'higher' if pm.schedule.pert(_p01).probability(300) > _mc.probability(300) else 'lower'"),
            explanation="Merge bias: near-critical paths sometimes run late and take over, which PERT ignores, "
                        "so PERT overstates the chance of finishing early. Its date is never too late on "
                        "average; it can only be too early.",
        ),
        Choice(
            "hidden_driver",
            answer=_most_critical_off_path,
            choices=[f"A{k:02d}" for k in range(1, 31)], topic="schedule.monte_carlo",
            prompt="Which activity, not on P01's CPM critical path, is critical most often in the simulation?",
            hints=["Idea: the criticality index counts the futures in which an activity is on the critical path.",
                   "Drop the CPM critical activities from mc.criticality, then take the largest."],
            solution=("_p01 = pm.datasets.load('activities')\n"
                      "_mc = pm.schedule.monte_carlo(_p01, n=MC_ITERATIONS, seed=MC_SEED)\n"
                      "hidden_driver = _mc.criticality.drop(pm.schedule.cpm(_p01).critical_path).idxmax()"),
            explanation="A deterministic schedule hides it; the simulation shows it drives the finish in a "
                        "good share of futures, so it deserves the same attention as the critical path.",
        ),
        Numeric(
            "slope_b", answer=lambda: _slope("B"), rtol=1e-6, unit="k$ per day", percent_hint=False,
            topic="schedule.crashing",
            misconceptions={"that divides the crash cost by the days saved; the slope is the extra cost per day: "
                            "(crash cost - normal cost) / (normal - crash duration)": lambda: 26 / 2,
                            "that divides by the crash duration; divide by the days saved (normal - crash)":
                                lambda: (26 - 20) / 3},
            prompt="Crashing B (Design the campaign) from 5 to 3 days raises its cost from 20 to 26 k$. "
                   "Its cost slope, in k$ per day saved?",
            hints=["Idea: crashing buys days; the slope is the price of one day.",
                   "Formula: slope = (crash cost - normal cost) / (normal duration - crash duration).",
                   "Numbers: 6 k$ more for 2 days fewer."],
            solution=("_b = launch_network().set_index('id').loc['B']\n"
                      "slope_b = (_b.crash_cost - _b.cost) / (_b.duration - _b.crash_duration)"),
            explanation="(26 - 20) / (5 - 3) = 3 k$ per day saved.",
        ),
        Choice(
            "crash_first", answer=lambda: _crash(14).crashed[0], choices=list("ABCDEFG"), topic="schedule.crashing",
            why={"C": "C is not critical: shortening it does not move the launch.",
                 "D": "D is not critical: shortening it does not move the launch.",
                 "F": "F is not critical: shortening it does not move the launch.",
                 "G": "G cannot be crashed (its crash duration equals its duration).",
                 "A": "A is critical, but a day of A costs more than a day of the cheapest critical activity.",
                 "E": "E is critical, but a day of E costs more than a day of the cheapest critical activity."},
            prompt="To launch in 14 days instead of 15, which activity do you crash first?",
            hints=["Idea: only a critical activity shortens the project; pay the least per day.",
                   "Formula: among the critical activities that can still be shortened, the smallest cost slope.",
                   "Numbers: the critical path is A-B-E-G; compare the slopes of A, B and E."],
            solution="crash_first = pm.schedule.crash(launch_network(), target_duration=14).crashed[0]",
            explanation="B costs 3 k$ a day, A 4 and E 5; C, D and F are not critical and G cannot be crashed.",
        ),
        Numeric(
            "crash_cost_12", answer=lambda: _crash(12).direct_cost - _crash(12).normal_cost, rtol=1e-6,
            unit="k$", percent_hint=False, topic="schedule.crashing",
            misconceptions={"that buys all three days at B's slope; B can only give 2 days (5 down to 3), the "
                            "third day comes from the next cheapest critical activity": lambda: 3 * _slope("B"),
                            "that is the direct cost of the whole project, not the extra cost of crashing":
                                lambda: _crash(12).direct_cost},
            prompt="The least extra cost (k$) to launch in 12 days instead of 15.",
            hints=["Idea: buy one day at a time, cheapest critical activity first, until you reach 12; watch "
                   "each activity's crash limit and whether another path becomes critical.",
                   "Formula: extra cost = sum over crashed activities of slope x days crashed.",
                   "Numbers: slopes A 4, B 3, E 5 (k$/day); B can give 2 days, A 1, E 2. The other paths "
                   "take 10 and 11 days."],
            solution="_c = pm.schedule.crash(launch_network(), target_duration=12)\n"
                     "crash_cost_12 = _c.direct_cost - _c.normal_cost",
            explanation="B twice (2 x 3) and A once (4): 10 k$. The other paths (10 and 11 days) stay shorter "
                        "than 12, so nothing else needs crashing.",
        ),
        Numeric(
            "best_duration", answer=lambda: _crash(None, INDIRECT_PER_DAY).duration, rtol=0, atol=1e-6,
            percent_hint=False, unit="working days", topic="schedule.crashing",
            misconceptions={"that crashes to the shortest possible duration; stop when a day costs more to buy "
                            "than the indirect cost it saves": lambda: _crash(None, INDIRECT_PER_DAY).shortest_duration,
                            "that is the normal duration; days that cost less than 4.5 k$ to buy save money":
                                lambda: _crash().normal_duration},
            prompt=f"The agency bills {INDIRECT_PER_DAY:g} k$ of indirect cost for every working day of the "
                   "campaign. Which duration gives the least total (direct + indirect) cost?",
            hints=["Idea: a day is worth buying when it costs less than the indirect cost it saves.",
                   "Formula: keep crashing while the cheapest way to save the next day costs less than "
                   f"{INDIRECT_PER_DAY:g} k$.",
                   "Numbers: in order of cost the days are B, B (3 each), A (4), then E (5)."],
            solution=("best_duration = pm.schedule.crash(launch_network(), "
                      "indirect_cost_per_day=INDIRECT_PER_DAY).duration"),
            explanation="B, B and A cost 3, 3 and 4 k$ and each saves 4.5: buy them (12 days). The next day (E, "
                        "5 k$) costs more than it saves.",
        ),
        Numeric(
            "fast_tracked", answer=lambda: schedule.fast_track(launch_network(), {("B", "E"): 2}).duration,
            rtol=0, atol=1e-6, percent_hint=False, unit="working days", topic="schedule.fast_tracking",
            misconceptions={"that is the duration before the overlap": lambda: _cpm().duration},
            prompt="Fast-track instead: E starts 2 days before B finishes (a 2-day lead). How long does the "
                   "campaign take now?",
            hints=["Idea: the overlap shortens every path through the B-E link.",
                   "Formula: a lead turns ES(E) = EF(B) into ES(E) = EF(B) - 2; then check every path again.",
                   "Numbers: the other paths take 10 and 11 days."],
            solution="fast_tracked = pm.schedule.fast_track(launch_network(), {('B', 'E'): 2}).duration",
            explanation="A-B-E-G falls from 15 to 13 days and stays the longest path; no money is spent, but E "
                        "now starts on a design that is not finished.",
        ),
        Choice(
            "fast_track_adds", answer="risk of rework", choices=["cost", "risk of rework", "scope"],
            topic="schedule.fast_tracking",
            why={"cost": "that is crashing: it buys time with resources. Fast-tracking overlaps work instead.",
                 "scope": "neither technique changes the scope."},
            prompt="Compared with crashing, what does fast-tracking mainly add?",
            hints=["Idea: fast-tracking starts work before what it depends on is finished.",
                   "Crashing buys days with money; what does starting on unfinished inputs cost instead?"],
            solution="fast_track_adds = 'risk of rework'",
            explanation="Crashing adds cost; fast-tracking adds risk (rework when the earlier work changes).",
        ),
    ],
)
EXERCISES.publish(globals())
