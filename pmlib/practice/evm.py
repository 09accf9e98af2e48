"""Practice topics of earned value management and earned schedule (lesson 03).

Every answer comes from :func:`pmlib.evm.metrics` or :func:`pmlib.evm.earned_schedule`; the
misconceptions are what the usual slips give with the same figures (PMI Practice Standard
for EVM; Lipke's earned schedule; the fence exercise of R. Mulcahy's *PMP Exam Prep*).
"""

from __future__ import annotations

import math

import numpy as np

from .. import evm
from ._core import Draw, cap, choice, money, num, numeric, pct, topic

LESSON = "03_earned_value"


def _round(x: float, step: float) -> float:
    return round(round(x / step) * step, 6)


def _index(draw: Draw, lo: float = 0.76, hi: float = 1.18, gap: float = 0.04) -> float:
    """A performance index clearly below or above 1 (never within ``gap`` of it)."""
    if hi <= 1 + gap or draw.chance(0.65):
        return draw.uniform(lo, min(hi, 1 - gap))
    return draw.uniform(1 + gap, hi)


def status(draw: Draw, *, cpi: float | None = None, spi: float | None = None) -> dict:
    """A project status: BAC, PV, EV, AC in whole dollars, with EV and AC below BAC."""
    bac = draw.amount()
    step = 10 ** (math.floor(math.log10(bac)) - 2)
    planned = draw.uniform(0.3, 0.7)
    spi = _index(draw) if spi is None else spi
    cpi = _index(draw) if cpi is None else cpi
    pv = _round(bac * planned, step)
    ev = _round(pv * spi, step)
    ac = _round(ev / cpi, step)
    return {"bac": bac, "pv": pv, "ev": ev, "ac": ac}


def _figures(s: dict) -> str:
    return (f"planned value (PV) {money(s['pv'])}, earned value (EV) {money(s['ev'])}, actual cost (AC) "
            f"{money(s['ac'])}, budget at completion (BAC) {money(s['bac'])}")


def _intro(draw: Draw) -> str:
    return f"{cap(draw.org())} is running {draw.project()}. At this month's status date:"


def _status_question(draw: Draw, s: dict | None) -> tuple[dict, object, str]:
    """A status (drawn unless given), its pmlib metrics, and the stem's opening with the figures."""
    s = s or status(draw)
    return s, evm.metrics(**s), f"{_intro(draw)} {_figures(s)}."


@topic("evm.variances", title="Cost and schedule variance (CV, SV)", exam="PMP", eco="Process",
       pmbok8="Finance", lesson=LESSON)
def variances(draw: Draw, s: dict | None = None, which: str | None = None):
    s, r, text = _status_question(draw, s)
    if (which or draw.pick(["cv", "sv"])) == "cv":
        text += " What is the cost variance (CV), in $?"
        answer = r["cv"]
        how = (f"CV = EV - AC = {money(s['ev'])} - {money(s['ac'])} = {money(answer)}.\n"
               f"{'Negative: the work done cost more than its budget (over budget).' if answer < 0 else 'Positive: the work done cost less than its budget (under budget).'}")
        wrong = {
            "CV = AC - EV (the subtraction is reversed: CV = EV - AC, negative means over budget)": -answer,
            "CV = EV - PV (that is the schedule variance)": r["sv"],
            "PV - AC (planned value used where earned value belongs)": evm.metrics(s["pv"], s["pv"], s["ac"], s["bac"])["cv"],
            "BAC - AC (the budget left, not a variance)": s["bac"] - s["ac"],
        }
    else:
        text += " What is the schedule variance (SV), in $?"
        answer = r["sv"]
        how = (f"SV = EV - PV = {money(s['ev'])} - {money(s['pv'])} = {money(answer)}.\n"
               f"{'Negative: less work is done than planned (behind schedule).' if answer < 0 else 'Positive: more work is done than planned (ahead of schedule).'}")
        wrong = {
            "SV = PV - EV (the subtraction is reversed: SV = EV - PV, negative means behind)": -answer,
            "SV = EV - AC (that is the cost variance)": r["cv"],
            "AC - PV (actual cost compared with the plan: SV compares work done, EV, with PV)": s["ac"] - s["pv"],
        }
    return numeric(text, answer, how, unit="$", decimals=0, misconceptions=wrong, data=s,
                   fmt=money, as_choice=draw.chance(0.3), draw=draw, rtol=0.001)


@topic("evm.indices", title="Cost and schedule performance index (CPI, SPI)", exam="PMP", eco="Process",
       pmbok8="Finance", lesson=LESSON)
def indices(draw: Draw, s: dict | None = None, which: str | None = None):
    s, r, text = _status_question(draw, s)
    if (which or draw.pick(["cpi", "spi"])) == "cpi":
        text += " What is the cost performance index (CPI)? Give two decimals."
        answer = r["cpi"]
        how = (f"CPI = EV / AC = {money(s['ev'])} / {money(s['ac'])} = {num(answer, 3)}.\n"
               f"Each dollar spent has earned {num(answer, 2)} dollars of planned work: "
               f"{'over' if answer < 1 else 'under'} budget.")
        wrong = {
            "AC / EV (the ratio upside down: CPI = EV / AC)": 1 / answer,
            "EV / PV (that is the SPI)": r["spi"],
            "PV / AC (planned value used where earned value belongs)": evm.metrics(s["pv"], s["pv"], s["ac"], s["bac"])["cpi"],
        }
    else:
        text += " What is the schedule performance index (SPI)? Give two decimals."
        answer = r["spi"]
        how = (f"SPI = EV / PV = {money(s['ev'])} / {money(s['pv'])} = {num(answer, 3)}.\n"
               f"The project has done {num(answer * 100, 0)} % of the work planned by now: "
               f"{'behind' if answer < 1 else 'ahead of'} schedule.")
        wrong = {
            "PV / EV (the ratio upside down: SPI = EV / PV)": 1 / answer,
            "EV / AC (that is the CPI)": r["cpi"],
            "AC / PV (actual cost compared with the plan: SPI compares EV with PV)": s["ac"] / s["pv"],
        }
    return numeric(text, answer, how, unit="ratio", decimals=2, rtol=0.004, misconceptions=wrong, data=s,
                   fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw)


_EAC_FORMS = {
    "typical": ("The variances so far are expected to continue: the remaining work will be done at the current "
                "cost efficiency.", "EAC = BAC / CPI"),
    "atypical": ("The overrun came from a one-off event (a supplier's pricing error) that will not recur: the "
                 "remaining work will be done at the budgeted rate.", "EAC = AC + (BAC - EV)"),
    "composite": ("The sponsor insists on the original finish date, so both the cost and the schedule performance "
                  "will weigh on the remaining work.", "EAC = AC + (BAC - EV) / (CPI x SPI)"),
    "bottom_up": ("The original estimate is no longer valid, and the team has re-estimated the remaining work "
                  "bottom-up at {etc}.", "EAC = AC + bottom-up ETC"),
}
_EAC_NAMES = {
    "typical": "the typical formula BAC / CPI, which assumes the current cost efficiency continues",
    "atypical": "the atypical formula AC + (BAC - EV), which assumes the rest is done at the budgeted rate",
    "composite": "the composite formula AC + (BAC - EV) / (CPI x SPI), for when schedule pressure also weighs",
}


@topic("evm.eac", title="Estimate at completion (EAC, four PMI forms)", exam="PMP", eco="Process",
       pmbok8="Finance", lesson=LESSON)
def eac(draw: Draw, s: dict | None = None, form: str | None = None, etc: float | None = None):
    s = s or status(draw)
    form = form or draw.pick(list(_EAC_FORMS))
    if form == "bottom_up" and etc is None:
        step = 10 ** (math.floor(math.log10(s["bac"])) - 2)
        etc = _round((s["bac"] - s["ev"]) * draw.uniform(1.05, 1.45), step)
    r = evm.metrics(**s, etc_bottom_up=etc)
    assumption, formula = _EAC_FORMS[form]
    assumption = assumption.format(etc=money(etc) if etc else "")
    text = f"{_intro(draw)} {_figures(s)}. {assumption} What is the estimate at completion (EAC), in $?"
    key = {"typical": "eac", "atypical": "eac_atypical", "composite": "eac_cpi_spi", "bottom_up": "eac_bottom_up"}[form]
    answer = r[key]
    cpi, spi = r["cpi"], r["spi"]
    lines = [f"CPI = EV / AC = {money(s['ev'])} / {money(s['ac'])} = {num(cpi, 4)}"]
    if form == "typical":
        lines.append(f"{formula} = {money(s['bac'])} / {num(cpi, 4)} = {money(answer)}")
    elif form == "atypical":
        lines = [f"{formula} = {money(s['ac'])} + ({money(s['bac'])} - {money(s['ev'])}) = {money(answer)}"]
    elif form == "composite":
        lines.append(f"SPI = EV / PV = {money(s['ev'])} / {money(s['pv'])} = {num(spi, 4)}")
        lines.append(f"{formula} = {money(s['ac'])} + ({money(s['bac'])} - {money(s['ev'])}) / "
                     f"({num(cpi, 4)} x {num(spi, 4)}) = {money(answer)}")
    else:
        lines = [f"{formula} = {money(s['ac'])} + {money(etc)} = {money(answer)}",
                 "A bottom-up ETC is a fresh estimate of the remaining work: it is added to AC as it is, "
                 "not divided by a performance factor."]
    wrong = {"BAC x CPI (multiplied by CPI: the typical EAC divides BAC by CPI)": s["bac"] * cpi}
    for other in ("typical", "atypical", "composite"):
        if other != form:
            wrong[_EAC_NAMES[other]] = r[{"typical": "eac", "atypical": "eac_atypical",
                                          "composite": "eac_cpi_spi"}[other]]
    if form == "bottom_up":
        wrong["the new ETC alone (EAC adds it to the actual cost so far: EAC = AC + ETC)"] = etc
        wrong["AC + ETC / CPI (a bottom-up ETC is already a forecast: do not divide it by CPI)"] = s["ac"] + etc / cpi
    return numeric(text, answer, "\n".join(lines), unit="$", decimals=0, rtol=0.005, misconceptions=wrong,
                   data={**s, "etc_bottom_up": etc}, fmt=money, as_choice=draw.chance(0.35), draw=draw)


@topic("evm.etc_vac", title="Estimate to complete and variance at completion (ETC, VAC)", exam="PMP",
       eco="Process", pmbok8="Finance", lesson=LESSON)
def etc_vac(draw: Draw, s: dict | None = None, which: str | None = None):
    s = s or status(draw)
    r = evm.metrics(**s)
    text = (f"{_intro(draw)} {_figures(s)}. Management expects the current cost efficiency to continue "
            "to the end.")
    base = f"CPI = EV / AC = {num(r['cpi'], 4)}; EAC = BAC / CPI = {money(s['bac'])} / {num(r['cpi'], 4)} = {money(r['eac'])}"
    if (which or draw.pick(["etc", "vac"])) == "etc":
        text += " What is the estimate to complete (ETC), in $?"
        answer = r["etc"]
        how = f"{base}\nETC = EAC - AC = {money(r['eac'])} - {money(s['ac'])} = {money(answer)}"
        wrong = {
            "BAC - AC (the budget left, not a forecast of the cost of the remaining work)": s["bac"] - s["ac"],
            "BAC - EV (the remaining work at its budgeted rate: the atypical ETC)": s["bac"] - s["ev"],
            "EAC - EV (subtract what was spent, AC, not what was earned)": r["eac"] - s["ev"],
        }
    else:
        text += " What is the variance at completion (VAC), in $?"
        answer = r["vac"]
        how = (f"{base}\nVAC = BAC - EAC = {money(s['bac'])} - {money(r['eac'])} = {money(answer)} "
               f"({'an overrun' if answer < 0 else 'an underrun'} forecast at completion)")
        wrong = {
            "EAC - BAC (the subtraction is reversed: VAC = BAC - EAC, negative means an overrun)": -answer,
            "BAC - AC (the budget left today, not the variance at completion)": s["bac"] - s["ac"],
            "the CV to date (EV - AC): VAC is the variance forecast at the end": r["cv"],
        }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.005, misconceptions=wrong, data=s, fmt=money,
                   as_choice=draw.chance(0.3), draw=draw)


@topic("evm.tcpi", title="To-complete performance index (TCPI)", exam="PMP", eco="Process",
       pmbok8="Finance", lesson=LESSON)
def tcpi(draw: Draw, s: dict | None = None, eac: float | None = None):
    s = s or status(draw, cpi=_index(draw, 0.78, 0.96))
    text = f"{_intro(draw)} {_figures(s)}."
    if eac is None and draw.chance(0.6):
        r = evm.metrics(**s)
        answer = r["tcpi"]
        text += " What cost efficiency must the remaining work achieve to finish within the BAC (TCPI)? Give two decimals."
        how = (f"TCPI = (BAC - EV) / (BAC - AC) = ({money(s['bac'])} - {money(s['ev'])}) / "
               f"({money(s['bac'])} - {money(s['ac'])}) = {num(answer, 3)}\n"
               f"Remaining work / remaining money: each dollar left must earn {num(answer, 2)} dollars of work, "
               f"against a CPI so far of {num(r['cpi'], 2)}.")
        wrong = {
            "(BAC - AC) / (BAC - EV) (the ratio upside down: work left over money left)": 1 / answer,
            "the CPI so far (EV / AC): TCPI is about the remaining work": r["cpi"],
            "1 / CPI (TCPI compares the remaining work with the remaining budget)": 1 / r["cpi"],
        }
        data = s
    else:
        step = 10 ** (math.floor(math.log10(s["bac"])) - 2)
        eac_ok = eac if eac is not None else _round(s["bac"] * draw.uniform(1.04, 1.15), step)
        r = evm.metrics(**s, eac=eac_ok)
        answer = r["tcpi_eac"]
        text += (f" The sponsor has approved a new estimate at completion of {money(eac_ok)}. What cost efficiency "
                 "must the remaining work achieve to finish within that EAC (TCPI based on EAC)? Give two decimals.")
        how = (f"TCPI(EAC) = (BAC - EV) / (EAC - AC) = ({money(s['bac'])} - {money(s['ev'])}) / "
               f"({money(eac_ok)} - {money(s['ac'])}) = {num(answer, 3)}")
        wrong = {
            "(BAC - EV) / (BAC - AC), the TCPI to the original BAC (the approved EAC is the target now)": r["tcpi"],
            "(EAC - AC) / (BAC - EV) (the ratio upside down)": 1 / answer,
            "the CPI so far (EV / AC): TCPI is about the remaining work": r["cpi"],
        }
        data = {**s, "eac": eac_ok}
    return numeric(text, answer, how, unit="ratio", decimals=2, rtol=0.004, misconceptions=wrong, data=data,
                   fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw)


@topic("evm.percent_complete", title="Percent complete and percent spent", exam="PMP", eco="Process",
       pmbok8="Finance", lesson=LESSON)
def percent_complete(draw: Draw, s: dict | None = None, which: str | None = None):
    s, r, text = _status_question(draw, s)
    if (which or ("complete" if draw.chance(0.6) else "spent")) == "complete":
        answer = 100 * r["percent_complete"]
        text += " What percentage of the project's work is complete? Give the answer in percent, one decimal."
        how = f"Percent complete = EV / BAC = {money(s['ev'])} / {money(s['bac'])} = {num(answer, 1)} %"
        wrong = {
            "AC / BAC (that is the percent spent: money, not work)": 100 * r["percent_spent"],
            "PV / BAC (the work planned by now, not the work done)": 100 * s["pv"] / s["bac"],
            "EV / PV (that is the SPI, as a percentage)": 100 * r["spi"],
        }
    else:
        answer = 100 * r["percent_spent"]
        text += " What percentage of the budget has been spent? Give the answer in percent, one decimal."
        how = f"Percent spent = AC / BAC = {money(s['ac'])} / {money(s['bac'])} = {num(answer, 1)} %"
        wrong = {
            "EV / BAC (that is the percent complete: work, not money)": 100 * r["percent_complete"],
            "AC / EV (that is 1 / CPI, as a percentage)": 100 / r["cpi"],
            "PV / BAC (the work planned by now)": 100 * s["pv"] / s["bac"],
        }
    return numeric(text, answer, how, unit="percent", decimals=1, rtol=0.002, misconceptions=wrong, data=s,
                   fmt=lambda v: f"{num(v, 1)} %", as_choice=draw.chance(0.3), draw=draw, percent=True)


_COST = {True: "under budget", False: "over budget"}
_TIME = {True: "ahead of schedule", False: "behind schedule"}


@topic("evm.interpretation", title="Reading CPI and SPI", exam="PMP", eco="Process", pmbok8="Finance",
       lesson=LESSON)
def interpretation(draw: Draw, s: dict | None = None):
    s = s or status(draw)
    r = evm.metrics(**s)
    cheap, early = bool(r["cpi"] > 1), bool(r["spi"] > 1)
    if draw.chance(0.5):
        text = (f"{cap(draw.org())} reports on {draw.project()}: CPI is {num(r['cpi'], 2)} and SPI is "
                f"{num(r['spi'], 2)}. Which statement is true?")
    else:
        text = f"{_intro(draw)} {_figures(s)}. Which statement is true?"

    def says(c, t):
        return f"The project is {_COST[c]} and {_TIME[t]}."

    correct = says(cheap, early)
    wrong = {
        says(not cheap, early): "reading the CPI backwards: CPI = EV / AC, below 1 means over budget, above 1 under",
        says(cheap, not early): "reading the SPI backwards: SPI = EV / PV, below 1 means behind schedule, above 1 ahead",
        says(not cheap, not early): "swapping the meaning of both indices (below 1 is the bad side for CPI and SPI)",
        "The project is on budget and on schedule, since the two indices average about 1.":
            "averaging CPI and SPI: they measure different things (cost efficiency and schedule progress)",
    }
    how = (f"CPI = EV / AC = {money(s['ev'])} / {money(s['ac'])} = {num(r['cpi'], 2)} "
           f"({'above' if cheap else 'below'} 1: {_COST[cheap]}).\n"
           f"SPI = EV / PV = {money(s['ev'])} / {money(s['pv'])} = {num(r['spi'], 2)} "
           f"({'above' if early else 'below'} 1: {_TIME[early]}).\n"
           "Below 1 is the unfavourable side of both indices.")
    return choice(draw, text, correct, wrong, how, data={**s, "cpi": r["cpi"], "spi": r["spi"]})


def tcpi_case(cpi: float, tcpi: float) -> str:
    """How much better must the remaining work perform than it has so far?

    'enough' when TCPI <= CPI (the current efficiency meets the BAC), 'improve' when TCPI is
    at most 10 % above CPI, 'reforecast' beyond (``pm.evm.HealthBands.tcpi_flag``): cumulative
    CPI rarely improves by more than 10 % once a project is about 20 % complete (Christensen and
    Heise, "Cost performance index stability", National Contract Management Journal 25, 1993),
    so the BAC is no longer a realistic target.
    """
    if tcpi <= cpi:
        return "enough"
    return "reforecast" if evm.DEFAULT_BANDS.tcpi_flag(tcpi, cpi) else "improve"


_TCPI_ACTIONS = {
    "enough": "Keep monitoring: the current cost efficiency is already enough to finish within the BAC.",
    "improve": ("Plan corrective actions that lift cost efficiency a little for the remaining work, "
                "and keep the BAC as the target."),
    "reforecast": ("Prepare a realistic new EAC and take it to the sponsor through change control: "
                   "the BAC is no longer achievable."),
}
@topic("evm.tcpi_interpretation", title="Acting on a TCPI", exam="PMP", eco="Process", pmbok8="Finance",
       lesson=LESSON)
def tcpi_interpretation(draw: Draw, s: dict | None = None):
    case = draw.pick(["enough", "improve", "reforecast"])
    for _ in range(0 if s else 50):
        if case == "enough":
            s = status(draw, cpi=draw.uniform(1.03, 1.15))
        elif case == "improve":
            s = status(draw, cpi=draw.uniform(0.9, 0.98))
        else:
            s = status(draw, cpi=draw.uniform(0.76, 0.88))
        r = evm.metrics(**s)
        ratio = r["tcpi"] / r["cpi"] - 1
        if tcpi_case(r["cpi"], r["tcpi"]) == case and abs(ratio) > 0.015 and abs(ratio - 0.10) > 0.015 \
                and 0 < r["tcpi"] < 2:
            break
    r = evm.metrics(**s)
    case = tcpi_case(r["cpi"], r["tcpi"])
    text = (f"{cap(draw.org())} reviews {draw.project()}: the CPI so far is {num(r['cpi'], 2)} and the TCPI to "
            f"finish within the BAC is {num(r['tcpi'], 2)}. What should the project manager do first?")
    wrong = {}  # one name per wrong option: the reading of the numbers that leads to it
    for c in _TCPI_ACTIONS:
        if c == case:
            continue
        if c == "enough":
            wrong[_TCPI_ACTIONS[c]] = "judging TCPI on its own: compare it with the current CPI (the remaining work must do better than that)"
        elif c == "improve":
            wrong[_TCPI_ACTIONS[c]] = ("asking for a small improvement when none is needed or when the gap is too large to "
                                       "close (CPI rarely improves by more than about 10 %)")
        else:
            wrong[_TCPI_ACTIONS[c]] = "re-forecasting when the current efficiency, or a modest improvement, still meets the BAC"
    if case != "improve":
        wrong["Tell the team to work at the TCPI from now on: the index is the target to hit."] = \
            "treating the TCPI as a target to impose: it measures how much better the rest must go, and a big gap calls for a new EAC"
    gap = r["tcpi"] / r["cpi"] - 1
    how = (f"Compare the TCPI with the current CPI: {num(r['tcpi'], 2)} / {num(r['cpi'], 2)} - 1 = "
           f"{num(100 * gap, 1)} %.\n"
           + {"enough": "The remaining work needs no better efficiency than so far: the BAC is within reach.",
              "improve": "The remaining work must be a few percent more efficient than so far: achievable with "
                         "corrective action.",
              "reforecast": "The remaining work would have to be far more efficient than so far. Cumulative CPI rarely "
                            "improves by more than about 10 % once a project is a fifth done (Christensen and Heise, "
                            "1993), so the BAC is no longer realistic: re-forecast and escalate."}[case])
    return choice(draw, text, _TCPI_ACTIONS[case], wrong, how, data={**s, "cpi": r["cpi"], "tcpi": r["tcpi"]})


def _baseline(draw: Draw, bac: float, periods: int) -> np.ndarray:
    """A cumulative PV baseline with an S shape, in whole steps, ending at BAC."""
    i = np.arange(1, periods + 1)
    w = i * (periods + 1 - i) + draw.uniform(0, 2) * periods
    step = 10 ** (math.floor(math.log10(bac)) - 2)
    cum = np.round(np.cumsum(w) / w.sum() * bac / step) * step
    cum[-1] = bac
    return cum


@topic("evm.earned_schedule", title="Earned schedule (ES, SPI(t), SV(t), IEAC(t))", exam="PMP",
       eco="Process", pmbok8="Schedule", lesson=LESSON)
def earned_schedule(draw: Draw, pv=None, ev: float | None = None, at: int | None = None,
                    which: str | None = None):
    unit = draw.setting.time_unit
    if pv is None:
        periods = draw.integer(8, 12)
        pv = _baseline(draw, draw.amount(), periods)
        at = draw.integer(4, periods - 3)
        ratio = _index(draw, 0.7, 1.15, gap=0.06)
        es_target = min(at * ratio, periods - 1.2)
        c = int(es_target)
        lo = pv[c - 1] if c >= 1 else 0.0
        step = 10 ** (math.floor(math.log10(pv[-1])) - 2)
        ev = _round(lo + (pv[c] - lo) * (es_target - c), step)
    pv = np.asarray(pv, dtype=float)
    bac = float(pv[-1])
    r = evm.earned_schedule(pv=pv, ev=ev, actual_time=at)
    pv_at = pv[at - 1]
    table = "; ".join(f"{unit} {k + 1}: {money(v)}" for k, v in enumerate(pv))
    text = (f"{cap(draw.org())} tracks {draw.project()} with earned schedule. Cumulative planned value at the end "
            f"of each {unit}: {table} (BAC {money(bac)}). At the end of {unit} {at} the earned value is {money(ev)}.")
    es, c_whole = r["es"], int(math.floor(r["es"]))
    lo = pv[c_whole - 1] if c_whole >= 1 else 0.0
    es_line = (f"ES = C + (EV - PV_C) / (PV_C+1 - PV_C): EV {money(ev)} lies between the PV of {unit} {c_whole} "
               f"({money(lo)}) and {unit} {c_whole + 1} ({money(pv[c_whole])}), so ES = {c_whole} + "
               f"({money(ev)} - {money(lo)}) / ({money(pv[c_whole])} - {money(lo)}) = {num(es, 2)} {unit}s")
    spi_money = evm.metrics(pv=pv_at, ev=ev, ac=ev, bac=bac)["spi"]
    what = which or draw.pick(["es", "spi_t", "sv_t", "ieac_t"])
    if what == "es":
        text += f" What is the earned schedule (ES), in {unit}s? Give two decimals."
        answer, how = es, es_line
        wrong = {
            "whole periods only (the fraction of the period in progress is interpolated)": math.floor(es),
            "AT x SPI($) (scaling time by the money-based SPI instead of finding EV on the baseline)": at * spi_money,
            "the next whole period (rounded up instead of interpolated)": math.ceil(es),
        }
        unit_out = f"{unit}s"
    elif what == "spi_t":
        text += " What is the time-based schedule performance index SPI(t)? Give two decimals."
        answer = r["spi_t"]
        how = f"{es_line}\nSPI(t) = ES / AT = {num(es, 2)} / {at} = {num(answer, 3)}"
        wrong = {
            "SPI($) = EV / PV (the money-based index, which drifts back to 1 near the end)": spi_money,
            "AT / ES (the ratio upside down)": at / es,
        }
        unit_out = "ratio"
    elif what == "sv_t":
        text += f" What is the schedule variance in time, SV(t), in {unit}s? Give two decimals."
        answer = r["sv_t"]
        how = f"{es_line}\nSV(t) = ES - AT = {num(es, 2)} - {at} = {num(answer, 2)} {unit}s"
        wrong = {
            "AT - ES (the subtraction is reversed: SV(t) = ES - AT, negative means late)": -answer,
            "whole periods only (ES counted without the fraction of the period in progress)": math.floor(es) - at,
        }
        unit_out = f"{unit}s"
    else:
        text += (f" If the current schedule efficiency continues, what is the forecast duration IEAC(t), in {unit}s? "
                 "Give one decimal.")
        answer = r["ieac_t"]
        pd_ = r["planned_duration"]
        how = (f"{es_line}\nSPI(t) = ES / AT = {num(es, 2)} / {at} = {num(r['spi_t'], 4)}\n"
               f"IEAC(t) = PD / SPI(t) = {num(pd_, 0)} / {num(r['spi_t'], 4)} = {num(answer, 2)} {unit}s")
        wrong = {
            "PD x SPI(t) (multiplied instead of divided)": pd_ * r["spi_t"],
            "PD / SPI($) (the money-based SPI, which drifts back to 1 near the end)": pd_ / spi_money,
            "AT + (PD - ES) (assumes the rest goes to plan; the question says the current pace continues)": at + pd_ - es,
        }
        unit_out = f"{unit}s"
    decimals = 1 if what == "ieac_t" else 2
    return numeric(text, answer, how, unit=unit_out, decimals=decimals, rtol=0.005 if what != "es" else 0.002,
                   misconceptions=wrong, data={"pv": pv.tolist(), "ev": ev, "actual_time": at, "bac": bac},
                   fmt=lambda v: num(v, decimals), as_choice=draw.chance(0.25), draw=draw)


# --------------------------------------------------------------------------------------
# second wave: earned-value measurement rules and TSPI
# --------------------------------------------------------------------------------------
_RULE_NAMES = {"0/100": "0/100", "50/50": "50/50", "20/80": "20/80", "weighted_milestones": "weighted milestones",
               "percent_complete": "percent complete"}
_PACKAGES = ("design", "procurement", "site preparation", "build", "integration", "testing", "training",
             "data migration", "documentation", "roll-out")


def _packages(draw: Draw, k: int) -> list[dict]:
    """``k`` work packages with a budget, a measurement rule and a status (every one with a progress estimate)."""
    bac_total = draw.amount()
    step = 10 ** (math.floor(math.log10(bac_total)) - 2)
    names = draw.sample(list(_PACKAGES), k)
    rules = draw.sample(["0/100", "50/50", "20/80", "weighted_milestones", "percent_complete"], min(k, 5))
    rows = []
    for i, (name, rule) in enumerate(zip(names, rules, strict=False)):
        bac = _round(bac_total * draw.uniform(0.1, 0.4), step)
        status = draw.pick(["in progress", "in progress", "finished", "not started"]) if i else "in progress"
        started, finished = status != "not started", status == "finished"
        milestones = None
        if finished:
            progress = 1.0
        elif not started:
            progress = 0.0
        elif rule == "weighted_milestones":
            weights = draw.pick([(0.3, 0.5, 0.2), (0.2, 0.3, 0.5), (0.25, 0.25, 0.5), (0.4, 0.4, 0.2), (0.1, 0.6, 0.3)])
            reached = draw.integer(1, 2)
            milestones = (weights, reached)
            progress = round(sum(weights[:reached]), 10)
        else:
            progress = draw.grid(0.15, 0.85, 0.05)
        rows.append({"id": f"W{i + 1}", "name": name, "bac": bac, "rule": rule, "started": started,
                     "finished": finished, "progress": progress, "milestones": milestones})
    return rows


def _status_words(p: dict) -> str:
    if p["finished"]:
        return "finished"
    if not p["started"]:
        return "not started"
    if p["milestones"]:
        weights, reached = p["milestones"]
        listed = ", ".join(f"M{j + 1} {pct(w, 0)}" for j, w in enumerate(weights))
        return f"in progress, milestones weighted {listed}; M1{' and M2' if reached == 2 else ''} reached"
    return f"in progress, the team estimates it {pct(p['progress'], 0)} done"


@topic("evm.measurement_rules", title="Earned-value measurement rules (0/100, 50/50, 20/80, milestones, % complete)",
       exam="PMP", eco="Process", pmbok8="Finance", lesson=LESSON)
def measurement_rules(draw: Draw, packages: list | None = None, which: str | None = None, package: str | None = None):
    rows = [dict(p) for p in packages] if packages is not None else _packages(draw, draw.integer(3, 5))
    for p in rows:
        p.setdefault("milestones", None)
        p.setdefault("progress", 1.0 if p["finished"] else 0.0)
    which = which or ("package" if package else draw.pick(["total", "package"]))
    # the status as reported, then as each named slip reads it: one earned_value_by_rule call measures them all
    slips = {
        "the team's progress estimate used for every package: fixed-formula rules (0/100, 50/50, 20/80) ignore it":
            lambda p: {"rule": "percent_complete"},
        "only finished packages credited (0/100 for all): the other rules credit work in progress":
            lambda p: {"rule": "0/100"},
        "every started package credited in full: a package in progress earns only its rule's share":
            lambda p: {"rule": "0/100", "finished": p["started"], "progress": 1.0 if p["started"] else 0.0},
        "50/50 applied to every fixed-formula package (20/80 credits a fifth at the start)":
            lambda p: {"rule": "50/50"} if p["rule"] == "20/80" else {},
        "80 % credited when a 20/80 package starts: it earns 20 % at the start and the other 80 % at the finish":
            lambda p: {"rule": "percent_complete", "progress": 0.8}
            if p["rule"] == "20/80" and p["started"] and not p["finished"] else {},
    }
    keys = ("id", "bac", "rule", "started", "finished", "progress")
    stacked = [{k: p[k] for k in keys} for p in rows]
    for j, change in enumerate(slips.values(), start=1):
        stacked += [{**{k: p[k] for k in keys}, **change(p), "id": f"{p['id']}~{j}"} for p in rows]
    measured = evm.earned_value_by_rule(stacked)
    by_reading = measured["ev"].to_numpy().reshape(len(slips) + 1, len(rows))  # row 0: as reported
    shares = measured["earned_share"].to_numpy()[: len(rows)]
    ev = dict(zip([p["id"] for p in rows], by_reading[0].tolist(), strict=True))
    listing = "; ".join(f"{p['id']}{' ' + p['name'] if p.get('name') else ''} ({money(p['bac'])}, rule "
                        f"{_RULE_NAMES[p['rule']]}): {_status_words(p)}" for p in rows)
    intro = (f"{cap(draw.org())} measures {draw.project()} package by package, each with its earned-value measurement "
             f"rule. At the status date: {listing}.")
    target = package
    if which == "package":
        fixed = [p for p in rows if p["rule"] in ("50/50", "20/80") and p["started"] and not p["finished"]]
        pool = fixed or [p for p in rows if p["started"] and not p["finished"]] or rows
        target = target or draw.pick(pool)["id"]
        p = next(r for r in rows if r["id"] == target)
        answer = ev[target]
        text = f"{intro} What is the earned value of {target}, in $?"
        position = [r["id"] for r in rows].index(target)
        how = (f"{target} uses {_RULE_NAMES[p['rule']]}: {_RULE_HOW[p['rule']]}\nEV = {pct(shares[position], 0)} x "
               f"{money(p['bac'])} = {money(answer)}")
        wrong = {name: float(by_reading[j, position]) for j, name in enumerate(slips, start=1)}
    else:
        answer = float(by_reading[0].sum())
        text = f"{intro} What is the earned value of the packages together, in $?"
        lines = [f"{p['id']} ({_RULE_NAMES[p['rule']]}): {pct(s, 0)} x {money(p['bac'])} = {money(e)}"
                 for p, s, e in zip(rows, shares, by_reading[0], strict=True)]
        how = "EV of each package = its share earned under its rule x its budget:\n" + "\n".join(lines) + \
            f"\nTotal EV = {money(answer)}"
        wrong = {name: float(by_reading[j].sum()) for j, name in enumerate(slips, start=1)}
    data = {"packages": [{k: p[k] for k in keys} for p in rows]}
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.002, misconceptions=wrong, data=data, fmt=money,
                   as_choice=draw.chance(0.3), draw=draw)


_RULE_HOW = {
    "0/100": "nothing until the package is finished, then 100 % of its budget.",
    "50/50": "50 % of its budget when it starts, the other 50 % when it finishes.",
    "20/80": "20 % of its budget when it starts, the other 80 % when it finishes.",
    "weighted_milestones": "the summed weights of the milestones reached.",
    "percent_complete": "the estimated share of its work done.",
}


@topic("evm.tspi", title="To-complete schedule performance index (TSPI)", exam="PMP", eco="Process",
       pmbok8="Schedule", lesson=LESSON)
def tspi(draw: Draw, pv=None, ev: float | None = None, at: float | None = None, pd_: int | None = None,
         es: float | None = None):
    unit = draw.setting.time_unit
    if pv is None:
        pd_ = pd_ or draw.integer(10, 24)
        at = at if at is not None else draw.integer(max(3, pd_ // 3), pd_ - 3)
        if es is None:
            behind = draw.chance(0.75)
            es = round(at * (draw.uniform(0.65, 0.95) if behind else draw.uniform(1.05, 1.2)), 1)
            es = min(es, pd_ - 1.0)
        bac = draw.amount()
        pv = [bac * k / pd_ for k in range(1, pd_ + 1)]  # a straight-line baseline: ES reads off EV directly
        ev = bac * es / pd_
        text = (f"{cap(draw.org())} tracks {draw.project()} with earned schedule. The planned duration is {pd_} {unit}s. "
                f"At the end of {unit} {num(at, 0)} the earned schedule (ES) is {num(es, 1)} {unit}s. What to-complete "
                f"schedule performance index (TSPI) must the remaining work achieve to finish on the planned duration? "
                "Give two decimals.")
    else:
        table = "; ".join(f"{unit} {k + 1}: {money(v)}" for k, v in enumerate(pv))
        text = (f"{cap(draw.org())} tracks {draw.project()} with earned schedule. Cumulative planned value at the end of "
                f"each {unit}: {table}. At the end of {unit} {num(at, 0)} the earned value is {money(ev)}. What TSPI "
                "must the remaining work achieve to finish on the planned duration? Give two decimals.")
    r = evm.earned_schedule(pv=pv, ev=ev, actual_time=at)
    answer, pd_v, es_v = r["tspi"], r["planned_duration"], r["es"]
    how = (f"TSPI = (PD - ES) / (PD - AT) = ({num(pd_v, 0)} - {num(es_v, 2)}) / ({num(pd_v, 0)} - {num(at, 0)}) = "
           f"{num(pd_v - es_v, 2)} / {num(pd_v - at, 0)} = {num(answer, 3)}\n"
           + ("The remaining work must go faster than planned; above about 1.10 the planned finish is rarely met "
              "(Lipke): re-plan or escalate." if answer > 1.1 else
              "Within reach: the remaining work needs at most a little more speed than planned." if answer > 1 else
              "The project is ahead: the remaining work may go slower than planned."))
    wrong = {
        "SPI(t) = ES / AT: how the schedule has gone, not what the rest needs": r["spi_t"],
        "(PD - AT) / (PD - ES), upside down: planned work left over time left": 1 / answer,
        "1 / SPI(t): the inverse of the past performance, not the remaining work's need": 1 / r["spi_t"],
    }
    return numeric(text, answer, how, unit="ratio", decimals=2, rtol=0.004, misconceptions=wrong,
                   data={"pv": list(pv), "ev": ev, "actual_time": at}, fmt=lambda v: num(v, 2),
                   as_choice=draw.chance(0.3), draw=draw)
