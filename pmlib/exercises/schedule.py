"""Exercises of exercises/04_schedule.ipynb: forward and backward pass, float, PERT, Monte Carlo.

The by-hand questions use a small network, the launch campaign of P03 (Home Services
go-to-market), returned by :func:`launch_network`; the Monte Carlo questions use P01's network
(``pm.datasets.load("activities")``). Every expected answer is computed through pmlib.
"""

from __future__ import annotations

import functools

import pandas as pd

from .. import datasets, schedule
from . import Choice, ExerciseSet, Items, Multi, Numeric

__all__ = ["launch_network", "MC_SEED", "MC_ITERATIONS", "EXERCISES"]

#: Monte Carlo settings the exercise notebook uses (same seed, same answers).
MC_SEED = 2026
MC_ITERATIONS = 20_000


def launch_network() -> pd.DataFrame:
    """Seven activities of P03's launch campaign (working days), with three-point estimates."""
    rows = [
        ("A", "Brief the agency", 3, "", 2, 3, 4),
        ("B", "Design the campaign", 5, "A", 4, 5, 12),
        ("C", "Set the price list", 4, "A", 3, 4, 5),
        ("D", "Brief store staff", 2, "C", 1, 2, 3),
        ("E", "Produce the adverts", 6, "B", 4, 6, 8),
        ("F", "Train the call centre", 3, "C", 2, 3, 10),
        ("G", "Launch day", 1, "D, E, F", 1, 1, 1),
    ]
    return pd.DataFrame(rows, columns=["id", "name", "duration", "predecessors",
                                       "optimistic", "most_likely", "pessimistic"])


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


def _t(activity, column):
    return lambda: float(_cpm().table.loc[activity, column])


def _most_critical_off_path() -> str:
    mc = _mc()
    on_path = set(schedule.cpm(datasets.load("activities"), duration="most_likely").critical_path)
    off = mc.criticality.drop(index=[a for a in mc.criticality.index if a in on_path])
    return str(off.idxmax())


EXERCISES = ExerciseSet(
    "Project schedule: CPM, PERT and Monte Carlo",
    [
        Numeric(
            "project_duration", answer=lambda: _cpm().duration, rtol=0, atol=1e-6, percent_hint=False,
            unit="working days",
            prompt="Forward pass: how many working days does the launch network take?",
            hints=["ES of an activity = the largest EF of its predecessors; EF = ES + duration. "
                   "Start A at 0.",
                   "The project's duration is the largest EF. Check it with pm.schedule.cpm(launch).duration."],
            solution="project_duration = pm.schedule.cpm(launch).duration",
            explanation="A 0-3, B 3-8, C 3-7, D 7-9, E 8-14, F 7-10, G starts at max(9, 14, 10) = 14 and ends at 15.",
        ),
        Multi(
            [Numeric("es_e", answer=_t("E", "es"), rtol=0, atol=1e-6, percent_hint=False),
             Numeric("ef_e", answer=_t("E", "ef"), rtol=0, atol=1e-6, percent_hint=False)],
            prompt="Early start and early finish of E (Produce the adverts).",
            hints=["E follows B only; B follows A.", "ES(E) = EF(B) = 3 + 5."],
            solution="es_e, ef_e = pm.schedule.cpm(launch).table.loc['E', ['es', 'ef']]",
            explanation="E can start when B finishes (day 8) and takes 6 days: EF = 14.",
        ),
        Multi(
            [Numeric("lf_c", answer=_t("C", "lf"), rtol=0, atol=1e-6, percent_hint=False),
             Numeric("ls_c", answer=_t("C", "ls"), rtol=0, atol=1e-6, percent_hint=False)],
            prompt="Backward pass: late finish and late start of C (Set the price list).",
            hints=["Start from the end: LF(G) = 15, LS(G) = 14. LF of an activity = the smallest LS of its successors.",
                   "C's successors are D (LS 12) and F (LS 11); LS = LF - duration."],
            solution="lf_c, ls_c = pm.schedule.cpm(launch).table.loc['C', ['lf', 'ls']]",
            explanation="LF(C) = min(LS(D) = 12, LS(F) = 11) = 11, so LS(C) = 11 - 4 = 7.",
        ),
        Items(
            "critical_path", answer=lambda: _cpm().critical_path, ordered=True,
            prompt="The critical path, as a list of ids in order, e.g. ['A', 'C', 'G'].",
            hints=["Critical activities have zero total float (LS = ES).",
                   "Follow the longest chain from A to G."],
            solution="critical_path = pm.schedule.cpm(launch).critical_path",
            explanation="A-B-E-G is 3 + 5 + 6 + 1 = 15 days, the longest path; every other path is shorter.",
        ),
        Numeric(
            "total_float_d", answer=_t("D", "total_float"), rtol=0, atol=1e-6, percent_hint=False,
            unit="working days",
            prompt="Total float of D (Brief store staff).",
            hints=["Total float = LS - ES (or LF - EF).", "LF(D) = LS(G) = 14; EF(D) = 9."],
            solution="total_float_d = pm.schedule.cpm(launch).table.loc['D', 'total_float']",
            explanation="D can finish as late as day 14 but is done by day 9: 5 days of total float.",
        ),
        Multi(
            [Numeric("total_float_c", answer=_t("C", "total_float"), rtol=0, atol=1e-6, percent_hint=False),
             Numeric("free_float_c", answer=_t("C", "free_float"), rtol=0, atol=1e-6, percent_hint=False)],
            prompt="Total float and free float of C. Why do they differ?",
            hints=["Free float = the earliest ES of the successors - EF of the activity.",
                   "C's successors D and F both start early at day 7, the day C finishes early."],
            solution="total_float_c, free_float_c = pm.schedule.cpm(launch).table.loc['C', ['total_float', 'free_float']]",
            explanation="C has 4 days of total float but no free float: any slip of C delays D and F's early "
                        "starts (eating their float) though not the launch, until it exceeds 4 days.",
        ),
        Numeric(
            "duration_if_f_slips", answer=lambda: _slipped("F", 3), rtol=0, atol=1e-6, percent_hint=False,
            unit="working days",
            prompt="F (Train the call centre) slips by 3 days. How long does the project take now?",
            hints=["Compare the slip with F's total float.",
                   "Copy the table, add 3 to F's duration and run pm.schedule.cpm again."],
            solution=("slipped = launch.copy()\n"
                      "slipped.loc[slipped['id'] == 'F', 'duration'] += 3\n"
                      "duration_if_f_slips = pm.schedule.cpm(slipped).duration"),
            explanation="F has 4 days of total float, so a 3-day slip does not move the launch: still 15 days.",
        ),
        Multi(
            [Numeric("expected_b", answer=lambda: float(schedule.pert_estimate(4, 5, 12)["expected"]), rtol=1e-3),
             Numeric("sd_b", answer=lambda: float(schedule.pert_estimate(4, 5, 12)["sd"]), rtol=1e-3)],
            prompt="PERT estimate of B (optimistic 4, most likely 5, pessimistic 12): expected duration and sd.",
            hints=["Expected = (o + 4m + p) / 6; sd = (p - o) / 6.", "pm.schedule.pert_estimate(4, 5, 12)"],
            solution="expected_b, sd_b = pm.schedule.pert_estimate(4, 5, 12)[['expected', 'sd']]",
            explanation="(4 + 20 + 12) / 6 = 6 days, sd = 8 / 6 = 1.33 days: the long tail pulls the mean above 5.",
        ),
        Numeric(
            "p_within_17", answer=lambda: _pert().probability(17), rtol=1e-3,
            prompt="PERT: the chance (a fraction) that the launch network finishes within 17 working days.",
            hints=["Expected duration = the sum of expected durations on the critical path; variance = the "
                   "sum of the variances on it.",
                   "z = (17 - expected) / sd; P = Phi(z). Or pm.schedule.pert(launch).probability(17)."],
            solution="p_within_17 = pm.schedule.pert(launch).probability(17)",
            explanation="The PERT critical path is A-B-E-G with mean 16 and variance 1/9 + 16/9 + 4/9 + 0 = 2.33, sd 1.53 days: z = 0.65, P = 74 %.",
        ),
        Numeric(
            "deadline_90", answer=lambda: _pert().deadline(0.9), rtol=1e-3, percent_hint=False,
            unit="working days",
            prompt="PERT: the duration you can promise with 90 % confidence (in working days).",
            hints=["Solve P(T <= d) = 0.9: d = expected + z * sd with z = 1.2816.",
                   "pm.schedule.pert(launch).deadline(0.9)"],
            solution="deadline_90 = pm.schedule.pert(launch).deadline(0.9)",
            explanation="16 + 1.2816 x 1.53 = 17.96 working days.",
        ),
        Numeric(
            "p80_p01", answer=lambda: _mc().percentile(80), rtol=1e-6, percent_hint=False, unit="working days",
            prompt="Reading a simulation: P80 duration of P01 from `mc` (the Monte Carlo run above), in working days.",
            hints=["P80 is the duration not exceeded in 80 % of the iterations.", "mc.percentile(80)"],
            solution="p80_p01 = mc.percentile(80)",
            explanation="P80 is the date a sponsor can be given with 80 % confidence; P50 is a coin toss.",
        ),
        Choice(
            "commit_to", answer="P80", choices=["CPM date", "P50", "P80"],
            prompt="The sponsor wants a date you will meet four times out of five. Which do you commit to?",
            why={"CPM date": "the CPM date uses most likely durations: it is met far less than half the time.",
                 "P50": "P50 is met only half the time."},
            hints=["Four times out of five is 80 %."],
            solution="commit_to = 'P80'",
            explanation="P80 is met in 80 % of the simulated futures; the CPM date and P50 are optimistic commitments.",
        ),
        Choice(
            "pert_vs_mc", answer=lambda: "higher" if _p01_pert().probability(300) > _mc().probability(300) else "lower",
            choices=["higher", "lower"],
            prompt="For a 300-day deadline on P01, is PERT's probability higher or lower than the simulation's?",
            hints=["PERT looks only at the critical path of the expected durations.",
                   "Compare pm.schedule.pert(p01).probability(300) with mc.probability(300)."],
            solution="pert_vs_mc = 'higher' if pm.schedule.pert(p01).probability(300) > mc.probability(300) else 'lower'",
            explanation="Merge bias: near-critical paths sometimes run late and take over, which PERT ignores, "
                        "so PERT overstates the chance of finishing early.",
        ),
        Choice(
            "hidden_driver",
            answer=_most_critical_off_path,
            choices=[f"A{k:02d}" for k in range(1, 31)],
            prompt="Which activity, not on P01's CPM critical path, is critical most often in the simulation?",
            hints=["Drop the CPM critical activities from mc.criticality, then take the largest.",
                   "cp = pm.schedule.cpm(p01).critical_path; mc.criticality.drop(cp).idxmax()"],
            solution=("cp = pm.schedule.cpm(p01).critical_path\n"
                      "hidden_driver = mc.criticality.drop(cp).idxmax()"),
            explanation="A deterministic schedule hides it; the simulation shows it drives the finish in a "
                        "good share of futures, so it deserves the same attention as the critical path.",
        ),
    ],
)
EXERCISES.publish(globals())
