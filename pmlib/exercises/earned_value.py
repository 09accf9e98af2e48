"""Questions of exercises/03_earned_value.ipynb: earned value, forecasts, TCPI, earned schedule, rules.

The case data are the organisation's monthly status (``status_periods``: in-flight projects at the
status date 2026-10-31), P25's completed history (``completed_status_periods``) and P17's work
packages (``work_packages``). Every expected answer and every named slip is computed through
:mod:`pmlib.evm`, never typed in. Solutions are self-contained: each loads what it needs.
"""

from __future__ import annotations

from .. import datasets, evm
from . import Choice, ExerciseSet, Items, Multi, Numeric

_LATEST = ("import pmlib as pm\n"
           "latest = pm.evm.latest_status(pm.datasets.load('status_periods'))\n"
           "p17 = latest.loc['P17']\n")
_HISTORY = ("import pmlib as pm\n"
            "history = pm.datasets.load('completed_status_periods')\n")
#: P17's EAC approved by the steering committee in the TCPI-on-EAC question (k$).
APPROVED_EAC = 3_600.0
#: The exam-style TCPI question: a project running better than plan, asked for a TCPI above 1.10.
TCPI_CASE = {"cpi": 1.20, "tcpi": 1.12}


def _latest():
    return evm.latest_status(datasets.load("status_periods"))


def _p17():
    return _latest().loc["P17"]


def _p25():
    return evm.time_phased(datasets.load("completed_status_periods")).set_index("period")


def _home():
    latest = _latest()
    return latest[latest.index.isin(["P01", "P02", "P03", "P04", "P05"])]


def _packages():
    return evm.earned_value_by_rule(datasets.load("work_packages")).set_index("id")


# exam-style figures (no data set): BAC 120 k$, 40 % complete, AC 55 k$, PV 60 k$
EXAM = {"bac": 120.0, "ev": 0.40 * 120.0, "ac": 55.0, "pv": 60.0}


def _exam():
    return evm.metrics(**EXAM)


EXERCISES = ExerciseSet(
    "Earned value",
    [
        Numeric(
            "cv_p17",
            answer=lambda: _p17()["cv"],
            unit="k$",
            topic="evm.variances",
            prompt="Cost variance of P17 (ERP upgrade) at the status date, in k$",
            hints=["CV compares what the work done was *worth* with what it *cost*.",
                   "CV = EV - AC; negative means over budget.",
                   "Take `ev` and `ac` from `p17` (its row of the latest status)."],
            solution=_LATEST + "cv_p17 = p17['ev'] - p17['ac']",
            explanation="CV = EV - AC < 0: P17 has spent more than the budgeted value of the work it has done.",
            misconceptions={"that is AC - EV: the cost variance is EV - AC (negative = over budget).":
                            lambda: _p17()["ac"] - _p17()["ev"]},
        ),
        Multi(
            [
                Numeric("cpi_p17", answer=lambda: _p17()["cpi"], rtol=2e-3, percent_hint=True, topic="evm.indices",
                        misconceptions={"that is AC / EV: CPI puts the earned value on top.":
                                        lambda: 1 / _p17()["cpi"]}),
                Numeric("spi_p17", answer=lambda: _p17()["spi"], rtol=2e-3, percent_hint=True, topic="evm.indices",
                        misconceptions={"that is PV / EV: SPI puts the earned value on top.":
                                        lambda: 1 / _p17()["spi"]}),
            ],
            topic="evm.indices",
            prompt="CPI and SPI of P17 (ratios, not percentages)",
            hints=["Both indices divide the earned value by something: by what it cost, and by what was planned.",
                   "CPI = EV / AC, SPI = EV / PV; below 1 is bad.",
                   "Use p17['ev'], p17['ac'] and p17['pv']."],
            solution=_LATEST + "cpi_p17 = p17['ev'] / p17['ac']\nspi_p17 = p17['ev'] / p17['pv']",
            explanation="Both below 0.9: each dollar buys about 0.76 dollars of planned work, and the work runs "
                        "about a fifth behind the plan.",
        ),
        Numeric(
            "eac_typical",
            answer=lambda: _p17()["eac"],
            unit="k$",
            topic="evm.eac",
            prompt="EAC of P17 if the current cost efficiency continues (the 'typical' EAC), in k$",
            hints=["If every remaining dollar of budgeted work costs as much as so far, the whole budget does too.",
                   "EAC = BAC / CPI.",
                   "p17['bac'] divided by P17's CPI (p17['ev'] / p17['ac'])."],
            solution=_LATEST + "eac_typical = p17['bac'] / (p17['ev'] / p17['ac'])",
            explanation="BAC / CPI is the PMI default forecast: past cost performance is taken as typical.",
            misconceptions={
                "that is BAC x CPI; the EAC divides the budget by the CPI (a CPI below 1 raises the cost).":
                    lambda: _p17()["bac"] * _p17()["cpi"],
                "that is the atypical EAC, AC + (BAC - EV); the typical one assumes the CPI continues.":
                    lambda: _p17()["eac_atypical"],
            },
        ),
        Numeric(
            "eac_atypical",
            answer=lambda: _p17()["eac_atypical"],
            unit="k$",
            topic="evm.eac",
            prompt="EAC of P17 if the overrun so far was a one-off and the rest goes at budget rate, in k$",
            hints=["Keep what has been spent and add the remaining work at what it was budgeted to cost.",
                   "EAC = AC + (BAC - EV).",
                   "p17['ac'] + (p17['bac'] - p17['ev'])."],
            solution=_LATEST + "eac_atypical = p17['ac'] + (p17['bac'] - p17['ev'])",
            explanation="The atypical EAC is the most optimistic of the formula-based forms: use it only when the "
                        "cause of the variance is gone.",
            misconceptions={"that is BAC / CPI, the typical EAC; a one-off overrun does not repeat.":
                            lambda: _p17()["eac"]},
        ),
        Numeric(
            "eac_composite",
            answer=lambda: _p17()["eac_cpi_spi"],
            unit="k$",
            topic="evm.eac",
            prompt="EAC of P17 when both cost and schedule performance weigh on the remaining work, in k$",
            hints=["The remaining work is divided by a performance factor that combines both indices.",
                   "EAC = AC + (BAC - EV) / (CPI x SPI).",
                   "Use P17's CPI and SPI from question 2."],
            solution=_LATEST + "eac_composite = p17['ac'] + (p17['bac'] - p17['ev']) / (p17['cpi'] * p17['spi'])",
            explanation="CPI x SPI is the pessimistic form: a late project often pays to catch up.",
            misconceptions={
                "that divides the whole BAC by CPI x SPI; only the remaining work (BAC - EV) is, after the AC.":
                    lambda: _p17()["bac"] / (_p17()["cpi"] * _p17()["spi"]),
                "that is the typical EAC (CPI alone); the composite form divides by CPI x SPI.":
                    lambda: _p17()["eac"],
            },
        ),
        Multi(
            [
                Numeric("etc_p17", answer=lambda: _p17()["etc"], unit="k$", topic="evm.etc_vac",
                        misconceptions={"that is BAC - EV, the remaining budget; ETC = EAC - AC is the money still "
                                        "to spend at the forecast efficiency.": lambda: _p17()["bac"] - _p17()["ev"]}),
                Numeric("vac_p17", answer=lambda: _p17()["vac"], unit="k$", topic="evm.etc_vac",
                        misconceptions={"that is EAC - BAC: VAC = BAC - EAC (negative = over budget).":
                                        lambda: -_p17()["vac"]}),
            ],
            topic="evm.etc_vac",
            prompt="ETC and VAC of P17 from the typical EAC, in k$",
            hints=["ETC is what is still to be spent; VAC is how far the forecast lands from the budget.",
                   "ETC = EAC - AC; VAC = BAC - EAC.",
                   "Start from the typical EAC of question 3 (BAC / CPI)."],
            solution=_LATEST + "eac_typical = p17['bac'] / p17['cpi']\n"
                               "etc_p17 = eac_typical - p17['ac']\nvac_p17 = p17['bac'] - eac_typical",
            explanation="VAC < 0: the forecast overrun the sponsor must fund, or scope must shrink.",
        ),
        Multi(
            [
                Numeric("tcpi_p17", answer=lambda: _p17()["tcpi"], rtol=2e-3, topic="evm.tcpi",
                        misconceptions={"that is (BAC - AC) / (BAC - EV), upside down: TCPI = work left / money left.":
                                        lambda: 1 / _p17()["tcpi"]}),
                Choice("bac_achievable", choices=["yes", "no"],
                       # judged against the CPI achieved so far, with the margin of the default health bands
                       answer=lambda: "no" if evm.DEFAULT_BANDS.tcpi_flag(_p17()["tcpi"], _p17()["cpi"]) else "yes",
                       why={"yes": "Compare the TCPI with the CPI the team has achieved so far: the remaining work "
                                   "would have to be far more efficient than anything P17 has shown."}),
            ],
            topic="evm.tcpi",
            prompt="TCPI of P17 to finish on its BAC, and is finishing on budget realistic ('yes' / 'no')?",
            hints=["TCPI divides the work remaining by the money remaining.",
                   "TCPI = (BAC - EV) / (BAC - AC); judge it against the CPI so far: how much better must the "
                   "team get?",
                   "More than about 10 % better than the current CPI is rarely achieved (CPI stability studies)."],
            solution=_LATEST + "tcpi_p17 = (p17['bac'] - p17['ev']) / (p17['bac'] - p17['ac'])\n"
                               "bac_achievable = 'yes' if tcpi_p17 <= 1.1 * p17['cpi'] else 'no'",
            explanation="The remaining work would have to earn far more per k$ than the work so far: re-estimate "
                        "(a new EAC) instead of promising the BAC.",
        ),
        Choice(
            "eac_form",
            answer="atypical",
            choices=["typical", "atypical", "composite", "bottom-up"],
            topic="evm.interpretation",
            prompt=("A supplier strike added a one-off 80 k$ to P12's cost; the team's efficiency is otherwise on "
                    "plan. Which EAC form fits: 'typical', 'atypical', 'composite' or 'bottom-up'?"),
            why={
                "typical": "BAC / CPI would repeat the strike's overrun on all the remaining work.",
                "composite": "CPI x SPI also assumes the past performance continues, and P12 is not late.",
                "bottom-up": "A bottom-up re-estimate is for a plan that is no longer valid; the plan here is fine.",
            },
            hints=["Will the cause of the overrun recur on the remaining work?",
                   "When the variance was a one-off, the remaining work goes at budget rate."],
            solution="eac_form = 'atypical'",
            explanation="Atypical: the past variance will not recur, so EAC = AC + (BAC - EV).",
        ),
        Numeric(
            "es_p25_month10",
            answer=lambda: _p25().loc[10, "es"],
            rtol=1e-3,
            unit="months",
            topic="evm.earned_schedule",
            prompt="Earned schedule of P25 at the end of month 10, in months",
            hints=["ES is the moment at which the baseline planned to have earned today's EV.",
                   "ES = C + (EV - PV_C) / (PV_C+1 - PV_C), C = the whole months whose PV the EV has passed.",
                   "pm.evm.earned_schedule(pv=<the whole PV column of P25>, ev=<EV of month 10>, actual_time=10)."],
            solution=_HISTORY + "row10 = history[history['period'] == 10].iloc[0]\n"
                                "es_p25_month10 = pm.evm.earned_schedule(pv=history['pv'], ev=row10['ev'], "
                                "actual_time=10)['es']",
            explanation="After 10 months, P25 had earned only about 7.8 months of its schedule.",
            misconceptions={
                "that counts the whole months only; add the fraction of the next month the EV has reached.":
                    lambda: float(int(_p25().loc[10, "es"])),
                "that is SPI x AT computed in money (EV / PV x 10); earned schedule reads the PV curve in time.":
                    lambda: _p25().loc[10, "spi"] * 10,
            },
        ),
        Multi(
            [
                Numeric("sv_money_end", answer=lambda: _p25().iloc[-1]["sv"], atol=0.05, unit="k$",
                        percent_hint=False, topic="evm.earned_schedule",
                        misconceptions={"that is the cost overrun, EV - AC; SV compares EV with PV.":
                                        lambda: _p25().iloc[-1]["cv"]}),
                Numeric("sv_time_end", answer=lambda: _p25().iloc[-1]["sv_t"], atol=0.01, unit="months",
                        percent_hint=False, topic="evm.earned_schedule",
                        misconceptions={"that is AT - ES: SV(t) = ES - AT (negative = late).":
                                        lambda: -_p25().iloc[-1]["sv_t"]}),
            ],
            topic="evm.earned_schedule",
            prompt="P25 at completion (month 18): SV in k$ and SV(t) in months",
            hints=["At completion all the work is done: what are EV and PV then?",
                   "SV = EV - PV; SV(t) = ES - AT.",
                   "At completion ES is the planned duration (14 months) and AT is 18."],
            solution=_HISTORY + "end = history.iloc[-1]\nsv_money_end = end['ev'] - end['pv']\n"
                                "sv_time_end = pm.evm.earned_schedule(pv=history['pv'], ev=end['ev'], "
                                "actual_time=end['period'])['sv_t']",
            explanation="SV($) says 'on schedule' at the end of every project; SV(t) keeps the 4-month delay. "
                        "That is why earned schedule exists.",
        ),
        Items(
            "red_projects",
            answer=lambda: sorted(_latest().query("health == 'red'").index),
            topic="evm.interpretation",
            prompt="Which in-flight projects are red (CPI or SPI(t) below 0.90, the default bands)?",
            hints=["`pm.evm.latest_status(status)` gives one row per project with a `health` column.",
                   "Filter the rows whose `health` is 'red' and take their ids (the index)."],
            solution=_LATEST + "red_projects = list(latest[latest['health'] == 'red'].index)",
            explanation="These are the projects the portfolio board will look at first: some need a recovery plan, "
                        "some may be stopped.",
        ),
        Numeric(
            "cpi_home_program",
            answer=lambda: _home()["ev"].sum() / _home()["ac"].sum(),
            rtol=2e-3,
            topic="evm.indices",
            prompt="CPI of the PG-HOME program (P01-P05): total EV / total AC",
            hints=["A program's index is computed on the summed figures, not by averaging its projects' indices.",
                   "Program CPI = sum of EV / sum of AC over P01..P05.",
                   "Select P01..P05 from `latest`, then divide the sum of `ev` by the sum of `ac`."],
            solution=_LATEST + "home = latest.loc[['P01', 'P02', 'P03', 'P04', 'P05']]\n"
                               "cpi_home_program = home['ev'].sum() / home['ac'].sum()",
            explanation="Summing weights each project by its size; the plain average of the five CPIs flatters the "
                        "program, because the small P03 and P04 count as much as P01 and P05.",
            misconceptions={"that is the average of the five CPIs; a program's CPI divides the summed EV by the "
                            "summed AC.": lambda: _home()["cpi"].mean()},
        ),
        Numeric(
            "exam_eac",
            answer=lambda: _exam()["eac"],
            unit="k$",
            topic="evm.eac",
            prompt=("Exam style: BAC 120 k$, the work is 40 % complete, AC is 55 k$ and PV is 60 k$. "
                    "EAC at the current cost efficiency, in k$?"),
            hints=["Earned value first: how much of the budget has the work done earned?",
                   "EV = percent complete x BAC; CPI = EV / AC; EAC = BAC / CPI.",
                   "EV = 0.40 x 120, then divide 120 by EV / 55."],
            solution="exam_eac = 120 / ((0.40 * 120) / 55)",
            explanation="EV = 48, CPI = 48 / 55 = 0.873, EAC = 120 / 0.873 = 137.5 k$.",
            misconceptions={"that is BAC x CPI; the EAC divides the budget by the CPI.":
                            lambda: EXAM["bac"] * _exam()["cpi"],
                            "that uses PV as the earned value; EV = percent complete x BAC.":
                            lambda: EXAM["bac"] / (EXAM["pv"] / EXAM["ac"])},
        ),
        # ---- second wave: measurement rules, TCPI on an EAC, TSPI, reading the indices ----------------
        Numeric(
            "ev_p17_packages",
            answer=lambda: float(_packages()["ev"].sum()),
            unit="k$",
            topic="evm.measurement_rules",
            prompt="P17's work packages (`packages`) each carry an earned-value measurement rule. What earned value "
                   "do they add up to at the status date, in k$?",
            hints=["Each rule turns a package's status into a share of its budget: fixed formulas credit a part at "
                   "the start and the rest at the finish; milestones and percent complete use the progress column.",
                   "0/100: 0 until finished; 50/50: half when started; 20/80: a fifth when started; weighted "
                   "milestones and percent complete: BAC x progress. Add the packages' EV.",
                   "pm.evm.earned_value_by_rule(packages) adds an `ev` column; sum it."],
            solution="import pmlib as pm\npackages = pm.datasets.load('work_packages')\n"
                     "ev_p17_packages = pm.evm.earned_value_by_rule(packages)['ev'].sum()",
            explanation="The packages add up to P17's EV in its status report: EV is measured package by package.",
            misconceptions={
                "that credits every started package in full; a package in progress earns only its rule's share.":
                    lambda: float(_packages().loc[_packages()["started"].astype(bool), "bac"].sum()),
                "that counts finished packages only (0/100 for all); the other rules credit work in progress.":
                    lambda: float(_packages().loc[_packages()["finished"].astype(bool), "bac"].sum()),
            },
        ),
        Numeric(
            "ev_w08",
            answer=lambda: float(_packages().loc["W08", "ev"]),
            unit="k$",
            topic="evm.measurement_rules",
            prompt="Package W08 (acceptance testing, budget 300 k$) uses the 20/80 rule. It has started but is not "
                   "finished. What is its earned value, in k$?",
            hints=["A fixed-formula rule credits part of the budget when the package starts, the rest at the finish.",
                   "20/80: 20 % of the budget at the start, the remaining 80 % when it finishes.",
                   "Started and not finished: 0.20 x its BAC."],
            solution="import pmlib as pm\npackages = pm.datasets.load('work_packages')\n"
                     "ev_w08 = pm.evm.earned_value_by_rule(packages).set_index('id').loc['W08', 'ev']",
            explanation="20 % of 300 = 60 k$, however much testing is really done: the rule needs no judgement.",
            misconceptions={
                "that applies the 50/50 rule; W08 uses 20/80.": lambda: 0.5 * float(_packages().loc["W08", "bac"]),
                "that credits the 80 % part; 20/80 gives 20 % at the start and 80 % at the finish.":
                    lambda: 0.8 * float(_packages().loc["W08", "bac"]),
            },
        ),
        Numeric(
            "tcpi_eac_p17",
            answer=lambda: evm.metrics(pv=_p17()["pv"], ev=_p17()["ev"], ac=_p17()["ac"], bac=_p17()["bac"],
                                       eac=APPROVED_EAC)["tcpi_eac"],
            rtol=2e-3,
            topic="evm.tcpi",
            prompt="The steering committee approves a new EAC of 3,600 k$ for P17. What TCPI must the team now "
                   "achieve to finish on that EAC?",
            hints=["Once an EAC replaces the BAC, the money remaining is measured to the EAC.",
                   "TCPI(EAC) = (BAC - EV) / (EAC - AC): work remaining / money remaining under the new EAC.",
                   "pm.evm.metrics(pv=..., ev=..., ac=..., bac=..., eac=3600)['tcpi_eac']."],
            solution=_LATEST + "tcpi_eac_p17 = (p17['bac'] - p17['ev']) / (3600 - p17['ac'])",
            explanation="About 0.81: finishing on the approved EAC asks for a little more than the current CPI of 0.76, "
                        "a realistic target; finishing on the BAC (TCPI 2.49) was not.",
            misconceptions={
                "that is the TCPI to the BAC; with an approved EAC, the money remaining is EAC - AC.":
                    lambda: _p17()["tcpi"],
                "that is (EAC - AC) / (BAC - EV), upside down: work remaining goes on top.":
                    lambda: (APPROVED_EAC - _p17()["ac"]) / (_p17()["bac"] - _p17()["ev"]),
            },
        ),
        Numeric(
            "tspi_p25_month10",
            answer=lambda: _p25().loc[10, "tspi"],
            rtol=2e-3,
            topic="evm.tspi",
            prompt="P25 at month 10: what to-complete schedule performance index (TSPI) would it need to finish on "
                   "its planned 14 months?",
            hints=["TSPI is the schedule twin of TCPI: the schedule efficiency the remaining work needs.",
                   "TSPI = (PD - ES) / (PD - AT): planned time of the work remaining / time remaining.",
                   "PD = 14, AT = 10 and ES from question 9 (or the `tspi` column of pm.evm.time_phased)."],
            solution=_HISTORY + "t = pm.evm.time_phased(history).set_index('period')\n"
                                "tspi_p25_month10 = (14 - t.loc[10, 'es']) / (14 - 10)",
            explanation="About 1.54: the rest would have to go half as fast again as planned, against an SPI(t) of "
                        "0.78 so far. Lipke: above about 1.10 the planned finish is not realistic.",
            misconceptions={
                "that is SPI(t), how the project has performed; TSPI is what the remaining work needs.":
                    lambda: _p25().loc[10, "spi_t"],
                "that is (PD - AT) / (PD - ES), upside down.":
                    lambda: 1 / _p25().loc[10, "tspi"],
            },
        ),
        Choice(
            "tcpi_reading",
            answer=lambda: "realistic" if not evm.DEFAULT_BANDS.tcpi_flag(TCPI_CASE["tcpi"], TCPI_CASE["cpi"])
            else "unrealistic",
            choices=["realistic", "unrealistic"],
            topic="evm.tcpi_interpretation",
            prompt="A project has a CPI of 1.20 and a TCPI of 1.12 to finish on its BAC. Is finishing on budget "
                   "'realistic' or 'unrealistic'?",
            hints=["A TCPI says how efficient the remaining work must be; compare it with how efficient the work "
                   "has been.",
                   "The rule of thumb 1.10 is for a project running on plan; here the team already beats 1.10."],
            solution="tcpi_reading = 'realistic'",
            why={"unrealistic": "1.12 is above 1.10, but below the 1.20 the team already achieves: it only has to "
                                "keep most of its current efficiency."},
            explanation="Judge a TCPI against the current CPI, not against a fixed 1.10.",
        ),
        Choice(
            "late_index",
            answer="SPI(t)",
            choices=["SPI", "SPI(t)", "CPI"],
            topic="evm.interpretation",
            prompt="P25 finished four months late, yet its SPI at the end is 1.00. Which index shows the delay?",
            hints=["At completion all the work is done, so EV = PV = BAC: what does EV / PV give then?",
                   "Earned schedule measures the schedule in time, and time keeps the delay."],
            solution="late_index = 'SPI(t)'",
            why={"SPI": "SPI = EV / PV tends to 1 at the end of any project, late or not.",
                 "CPI": "CPI measures cost efficiency, not time."},
            explanation="A late project near its end looks fine on SPI: judge it with SPI(t) = ES / AT (0.78 for P25).",
        ),
    ],
)
EXERCISES.publish(globals())
