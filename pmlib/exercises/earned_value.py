"""Questions of exercises/03_earned_value.ipynb: earned value, forecasts, TCPI, earned schedule.

The case data are the organisation's monthly status (``status_periods``: in-flight projects at
the status date 2026-10-31) and P25's completed history (``completed_status_periods``). Every
expected answer is computed through :mod:`pmlib.evm`, never typed in.
"""

from __future__ import annotations

from .. import datasets, evm
from . import Choice, ExerciseSet, Items, Multi, Numeric


def _latest():
    return evm.latest_status(datasets.load("status_periods"))


def _p17():
    return _latest().loc["P17"]


def _p25():
    return evm.time_phased(datasets.load("completed_status_periods")).set_index("period")


def _home():
    latest = _latest()
    return latest[latest.index.isin(["P01", "P02", "P03", "P04", "P05"])]


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
            prompt="Cost variance of P17 (ERP upgrade) at the status date, in k$",
            hints=["CV compares what the work done was *worth* (EV) with what it *cost* (AC).",
                   "CV = EV - AC; take `ev` and `ac` from `p17`."],
            solution="cv_p17 = p17['ev'] - p17['ac']",
            explanation="CV = EV - AC < 0: P17 has spent more than the budgeted value of the work it has done.",
        ),
        Multi(
            [
                Numeric("cpi_p17", answer=lambda: _p17()["cpi"], rtol=2e-3, percent_hint=True),
                Numeric("spi_p17", answer=lambda: _p17()["spi"], rtol=2e-3, percent_hint=True),
            ],
            prompt="CPI and SPI of P17 (ratios, not percentages)",
            hints=["Both indices divide EV by something: by what it cost, and by what was planned.",
                   "CPI = EV / AC, SPI = EV / PV."],
            solution="cpi_p17 = p17['ev'] / p17['ac']\nspi_p17 = p17['ev'] / p17['pv']",
            explanation="Both below 0.9: each dollar buys about 0.76 dollars of planned work, and the work runs "
                        "about a fifth behind the plan.",
        ),
        Numeric(
            "eac_typical",
            answer=lambda: _p17()["eac"],
            unit="k$",
            prompt="EAC of P17 if the current cost efficiency continues (the 'typical' EAC), in k$",
            hints=["If every remaining dollar of budgeted work costs as much as so far, divide the budget by CPI.",
                   "EAC = BAC / CPI."],
            solution="eac_typical = p17['bac'] / (p17['ev'] / p17['ac'])",
            explanation="BAC / CPI is the PMI default forecast: past cost performance is taken as typical.",
        ),
        Numeric(
            "eac_atypical",
            answer=lambda: _p17()["eac_atypical"],
            unit="k$",
            prompt="EAC of P17 if the overrun so far was a one-off and the rest goes at budget rate, in k$",
            hints=["Keep what has been spent (AC) and add the remaining work at its budget.",
                   "EAC = AC + (BAC - EV)."],
            solution="eac_atypical = p17['ac'] + (p17['bac'] - p17['ev'])",
            explanation="The atypical EAC is the most optimistic of the four forms: use it only when the cause of "
                        "the variance is gone.",
        ),
        Numeric(
            "eac_composite",
            answer=lambda: _p17()["eac_cpi_spi"],
            unit="k$",
            prompt="EAC of P17 when both cost and schedule performance weigh on the remaining work, in k$",
            hints=["The remaining work is divided by a performance factor that combines both indices.",
                   "EAC = AC + (BAC - EV) / (CPI x SPI)."],
            solution="eac_composite = p17['ac'] + (p17['bac'] - p17['ev']) / (cpi_p17 * spi_p17)",
            explanation="CPI x SPI is the pessimistic form: a late project often pays to catch up.",
        ),
        Multi(
            [
                Numeric("etc_p17", answer=lambda: _p17()["etc"], unit="k$"),
                Numeric("vac_p17", answer=lambda: _p17()["vac"], unit="k$"),
            ],
            prompt="ETC and VAC of P17 from the typical EAC, in k$",
            hints=["ETC is what is still to be spent; VAC is how far the forecast lands from the budget.",
                   "ETC = EAC - AC; VAC = BAC - EAC (negative = over budget)."],
            solution="etc_p17 = eac_typical - p17['ac']\nvac_p17 = p17['bac'] - eac_typical",
            explanation="VAC < 0: the forecast overrun the sponsor must fund, or scope must shrink.",
        ),
        Multi(
            [
                Numeric("tcpi_p17", answer=lambda: _p17()["tcpi"], rtol=2e-3),
                Choice("bac_achievable", choices=["yes", "no"],
                       # the verdict follows the data: a TCPI far above the CPI achieved so far is not realistic
                       answer=lambda: "no" if evm.DEFAULT_BANDS.tcpi_flag(_p17()["tcpi"], _p17()["cpi"]) else "yes",
                       why={"yes": "A TCPI far above 1.10 asks for an efficiency the project has never shown."}),
            ],
            prompt="TCPI of P17 to finish on its BAC, and is finishing on budget realistic ('yes' / 'no')?",
            hints=["TCPI divides the work remaining by the money remaining.",
                   "TCPI = (BAC - EV) / (BAC - AC); above about 1.10 the BAC is rarely met."],
            solution="tcpi_p17 = (p17['bac'] - p17['ev']) / (p17['bac'] - p17['ac'])\nbac_achievable = 'no'",
            explanation="The remaining work would have to earn about 2.5 k$ per k$ left, against 0.76 so far: "
                        "re-estimate (a new EAC) instead of promising the BAC.",
        ),
        Choice(
            "eac_form",
            answer="atypical",
            choices=["typical", "atypical", "composite", "bottom-up"],
            prompt=("A supplier strike added a one-off 80 k$ to P12's cost; the team's efficiency is otherwise on "
                    "plan. Which EAC form fits: 'typical', 'atypical', 'composite' or 'bottom-up'?"),
            why={
                "typical": "BAC / CPI would repeat the strike's overrun on all the remaining work.",
                "composite": "CPI x SPI also assumes the past performance continues, and P12 is not late.",
                "bottom-up": "A bottom-up re-estimate is for a plan that is no longer valid; the plan here is fine.",
            },
            hints=["Will the cause of the overrun recur on the remaining work?",
                   "When the variance was a one-off, the remaining work goes at budget rate: AC + (BAC - EV)."],
            solution="eac_form = 'atypical'",
            explanation="Atypical: the past variance will not recur, so EAC = AC + (BAC - EV).",
        ),
        Numeric(
            "es_p25_month10",
            answer=lambda: _p25().loc[10, "es"],
            rtol=1e-3,
            unit="months",
            prompt="Earned schedule of P25 at the end of month 10, in months",
            hints=["Find the month in which the baseline PV passes P25's EV of month 10, then interpolate "
                   "within that month.",
                   "pm.evm.earned_schedule(pv=<the whole PV column>, ev=<EV of month 10>, actual_time=10)."],
            solution=("row10 = history[history['period'] == 10].iloc[0]\n"
                      "es_p25_month10 = pm.evm.earned_schedule(pv=history['pv'], ev=row10['ev'], "
                      "actual_time=10)['es']"),
            explanation="ES = C + (EV - PV_C) / (PV_C+1 - PV_C): after 10 months, P25 had earned only about 7.8 "
                        "months of its schedule.",
        ),
        Multi(
            [
                Numeric("sv_money_end", answer=lambda: _p25().iloc[-1]["sv"], atol=0.05, unit="k$",
                        percent_hint=False),
                Numeric("sv_time_end", answer=lambda: _p25().iloc[-1]["sv_t"], atol=0.01, unit="months",
                        percent_hint=False),
            ],
            prompt="P25 at completion (month 18): SV in k$ and SV(t) in months",
            hints=["At completion EV = BAC and PV = BAC. What does EV - PV give?",
                   "SV(t) = ES - AT; at completion ES is the planned duration (14)."],
            solution=("end = history.iloc[-1]\nsv_money_end = end['ev'] - end['pv']\n"
                      "sv_time_end = pm.evm.earned_schedule(pv=history['pv'], ev=end['ev'], "
                      "actual_time=end['period'])['sv_t']"),
            explanation="SV($) says 'on schedule' at the end of every project; SV(t) keeps the 4-month delay. "
                        "That is why earned schedule exists.",
        ),
        Items(
            "red_projects",
            answer=lambda: sorted(_latest().query("health == 'red'").index),
            prompt="Which in-flight projects are red (CPI or SPI(t) below 0.90, the default bands)?",
            hints=["`pm.evm.latest_status(status)` gives one row per project with a `health` column.",
                   "Filter the rows whose `health` is 'red' and take their ids (the index)."],
            solution="red_projects = list(latest[latest['health'] == 'red'].index)",
            explanation="These are the projects the portfolio board will look at first: some need a recovery "
                        "plan, some may be stopped.",
        ),
        Numeric(
            "cpi_home_program",
            answer=lambda: _home()["ev"].sum() / _home()["ac"].sum(),
            rtol=2e-3,
            prompt="CPI of the PG-HOME program (P01-P05): total EV / total AC",
            hints=["A program's index is computed on the summed figures, not by averaging its projects' indices.",
                   "Select P01..P05 from `latest`, then divide the sum of `ev` by the sum of `ac`."],
            solution=("home = latest.loc[['P01', 'P02', 'P03', 'P04', 'P05']]\n"
                      "cpi_home_program = home['ev'].sum() / home['ac'].sum()"),
            explanation="Summing weights each project by its size; the plain average of the five CPIs (about "
                        "0.98) flatters the program, because the small P03 and P04 count as much as P01 and P05.",
        ),
        Numeric(
            "exam_eac",
            answer=lambda: _exam()["eac"],
            unit="k$",
            prompt=("Exam style: BAC 120 k$, the work is 40 % complete, AC is 55 k$ and PV is 60 k$. "
                    "EAC at the current cost efficiency, in k$?"),
            hints=["First EV: percent complete x BAC. Then CPI = EV / AC.",
                   "EAC = BAC / CPI = BAC x AC / EV."],
            solution="exam_eac = 120 / ((0.40 * 120) / 55)",
            explanation="EV = 48, CPI = 48 / 55 = 0.873, EAC = 120 / 0.873 = 137.5 k$.",
        ),
    ],
)
EXERCISES.publish(globals())
