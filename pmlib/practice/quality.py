"""Practice topics of quality: control limits, rule of seven, sigma coverage, DPMO and sigma, cost of quality (lesson 09).

Every answer comes from :mod:`pmlib.quality` (individuals chart: sigma = average moving range
/ 1.128; the rule of seven; the normal coverage of +-k sigma; DPMO and the sigma level with
the conventional 1.5-sigma shift; conformance = prevention + appraisal, non-conformance =
internal + external failure). The misconceptions are the same functions with the slip in
their inputs (2 sigma, no shift, one opportunity per unit) or the figures a slip picks up.

Sources: Montgomery, *Introduction to Statistical Quality Control*, 6.4 (individuals charts);
Western Electric's run rules and the PMBOK Guide's "rule of seven"; the normal coverage
figures 68.27 / 95.45 / 99.73 %; the Motorola sigma table (3.4 DPMO = 6 sigma, 66,807 DPMO =
3 sigma); Crosby, *Quality Is Free* (cost of conformance and non-conformance).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import quality
from ._core import Draw, cap, choice, money, nice, num, numeric, topic

LESSON = "09_contracts_and_quality"

# what each sector measures on a control chart: (what, unit, typical mean, typical sd)
_MEASURES = {
    "IT": ("the response time of the new service's login page", "ms", 420.0, 25.0),
    "construction": ("the compressive strength of the concrete test cubes", "MPa", 32.0, 1.5),
    "retail": ("the minutes a customer waits at the self-checkout", "minutes", 4.0, 0.5),
    "public sector": ("the days to process a permit application", "days", 12.0, 1.2),
    "health care": ("the minutes from triage to first assessment", "minutes", 35.0, 4.0),
    "manufacturing": ("the length of a machined shaft", "mm", 80.0, 0.05),
    "energy": ("the hours to restore a faulty meter", "hours", 26.0, 3.0),
    "telecom": ("the hours to activate a new fibre line", "hours", 30.0, 3.0),
    "logistics": ("the minutes to load a truck at the dock", "minutes", 48.0, 4.0),
    "education": ("the days to answer a student application", "days", 9.0, 1.0),
    "pharmaceuticals": ("the fill volume of a vial", "ml", 10.0, 0.05),
    "nonprofit": ("the days to process a grant request", "days", 15.0, 1.5),
}


def _measure(draw: Draw) -> dict:
    """A measured quantity of the setting: its name, unit, process mean and sd, and display decimals."""
    what, unit, mean, sd = _MEASURES.get(draw.setting.sector, ("the cycle time of the main process", "hours",
                                                                20.0, 2.0))
    sd = sd * draw.uniform(0.7, 1.3)
    decimals = max(0, math.ceil(-math.log10(sd / 10)))
    mean = round(mean * draw.uniform(0.85, 1.15), decimals)
    return {"what": what, "unit": unit, "mean": mean, "sd": sd, "decimals": decimals}


def _values(draw: Draw, m: dict, n: int) -> list[float]:
    return [round(float(v), m["decimals"]) for v in m["mean"] + m["sd"] * draw.rng.standard_normal(n)]


_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


def _fmt(x: float, decimals: int) -> str:
    return num(x, decimals)


def _listing(values, decimals: int) -> str:
    return ", ".join(_fmt(v, decimals) for v in values)


# --------------------------------------------------------------------------------------
# control limits
# --------------------------------------------------------------------------------------
@topic("quality.control_limits", title="Control limits of an individuals chart (and specification limits)",
       exam="PMP", eco="Process", pmbok8="Scope", lesson=LESSON)
def control_limits(draw: Draw, values: list | None = None, which: str | None = None, lsl: float | None = None,
                   usl: float | None = None, unit: str | None = None):
    m = _measure(draw)
    unit = unit or m["unit"]
    values = values if values is not None else _values(draw, m, draw.integer(10, 14))
    dec = m["decimals"]
    lim = quality.control_limits(values)
    mean, sd, ucl, lcl, mr = (float(lim[k]) for k in ("mean", "sd", "ucl", "lcl", "mean_moving_range"))
    which = which or draw.pick(["ucl", "ucl", "lcl", "signal", "capable"])
    if usl is None or lsl is None:
        if which == "capable":  # a specification tighter than the process's own variation
            half = sd * draw.uniform(1.8, 2.6)
        else:
            half = sd * draw.uniform(3.6, 5.0)
        lsl, usl = round(mean - half, dec), round(mean + half, dec)
    spec = f"The customer's specification is {_fmt(lsl, dec)} to {_fmt(usl, dec)} {unit}."
    intro = (f"{cap(draw.org())} tracks {m['what']} on {draw.project()}. The last {len(values)} measurements, in "
             f"time order ({unit}): {_listing(values, dec)}. ")
    data = {"values": list(values), "lsl": lsl, "usl": usl, "unit": unit}
    if which in ("ucl", "lcl"):
        up = which == "ucl"
        ans_dec = dec + 1
        answer = ucl if up else lcl
        sign = "+" if up else "-"
        text = intro + (f"Their mean is {_fmt(mean, ans_dec + 1)} and their average moving range (the mean difference "
                        f"between consecutive values) is {_fmt(mr, ans_dec + 1)}. {spec} What is the "
                        f"{'upper' if up else 'lower'} control limit of an individuals chart, in {unit}? Give "
                        f"{_WORDS[ans_dec]} decimal{'s' if ans_dec > 1 else ''}.")
        how = (f"An individuals chart estimates the process sigma from the moving ranges: sigma = average moving range "
               f"/ 1.128 = {_fmt(mr, ans_dec + 1)} / 1.128 = {_fmt(sd, ans_dec + 1)}.\n"
               f"{'UCL' if up else 'LCL'} = mean {sign} 3 x sigma = {_fmt(mean, ans_dec + 1)} {sign} 3 x "
               f"{_fmt(sd, ans_dec + 1)} = {_fmt(answer, ans_dec)} {unit}. The specification limits are the "
               "customer's requirement, not the process's limits.")
        sample_sd = float(quality.capability(values, lsl=lsl, usl=usl)["sd"])
        two = float(quality.control_limits(values, sigma=2)[which])
        s = 1 if up else -1
        wrong = {
            "the sample standard deviation used: an individuals chart estimates sigma as the average moving range "
            "/ 1.128": mean + s * 3 * sample_sd,
            "2 sigma: control limits sit 3 sigma from the mean": two,
            "the average moving range used as sigma: divide it by 1.128 first": mean + s * 3 * mr,
            "2.66 applied to sigma: 2.66 (= 3 / 1.128) multiplies the average moving range": mean + s * 2.66 * sd,
            "the specification limit: control limits come from the process's data, specification limits from the "
            "customer": usl if up else lsl,
        }
        return numeric(text, answer, how, unit=unit, decimals=ans_dec, rtol=0.0, atol=0.5 * 10.0 ** -ans_dec,
                       misconceptions=wrong,
                       fmt=lambda v: _fmt(v, ans_dec), as_choice=draw.chance(0.3), draw=draw, data=data)
    limits = (f"From them, the chart's mean is {_fmt(mean, dec + 1)} and its control limits are {_fmt(lcl, dec + 1)} "
              f"to {_fmt(ucl, dec + 1)} {unit}. {spec}")
    if which == "signal":
        x = round(ucl + (usl - ucl) * draw.uniform(0.3, 0.7), dec)
        text = intro + limits + f" Today's measurement is {_fmt(x, dec)} {unit}. What should the team do?"
        correct = ("Investigate: the point is beyond the upper control limit, a signal of a special cause, even "
                   "though it meets the specification.")
        wrong = {
            "Nothing: the point is within the customer's specification.":
                "confusing control limits with specification limits: a point beyond a control limit signals a "
                "special cause even within specification",
            "Widen the control limits so that they include the new point.":
                "moving the limits by hand: control limits come from the process data, and widening them hides the "
                "signal",
            "Reject the work: it is out of specification.":
                "out of control is not out of specification: the point still meets the customer's requirement",
            "Adjust the process after each measurement to pull it back to the mean.":
                "tampering: adjusting a process at every point adds variation; find the special cause instead",
        }
        how = (f"Control limits: mean +- 3 x (average moving range / 1.128) = {_fmt(mean, dec + 1)} +- 3 x "
               f"{_fmt(sd, dec + 2)} = {_fmt(lcl, dec + 1)} to {_fmt(ucl, dec + 1)}. The point {_fmt(x, dec)} is "
               f"above the UCL but within the specification ({_fmt(usl, dec)}): the process has changed, so find the "
               "special cause before it produces work the customer rejects.")
        return choice(draw, text, correct, wrong, how, data={**data, "point": x})
    cap_ = quality.capability(values, lsl=lsl, usl=usl)
    x = round(usl + (ucl - usl) * draw.uniform(0.3, 0.7), dec)
    text = (intro + limits + f" Today's measurement is {_fmt(x, dec)} {unit}: above the specification, within the "
            "control limits. What does this show?")
    correct = ("The process is in control but not capable: its own common-cause variation exceeds the specification, "
               "so the process itself must be improved.")
    wrong = {
        "A special cause: look for what went wrong with this one measurement.":
            "treating an out-of-specification point inside the control limits as a special cause: the variation is "
            "the process's own (common cause)",
        "Nothing: the point is within the control limits, so the work is acceptable.":
            "confusing control limits with specification limits: the customer's limits decide what is acceptable",
        "Set the control limits equal to the specification limits.":
            "control limits come from the process's data: setting them to the specification hides what the process "
            "does",
    }
    how = (f"Control limits {_fmt(lcl, dec + 1)} to {_fmt(ucl, dec + 1)} (the process's voice) are wider than the "
           f"specification {_fmt(lsl, dec)} to {_fmt(usl, dec)} (the customer's). The point is inside the control "
           f"limits, so nothing special happened; the process is simply not capable (Cp = (USL - LSL) / 6 sd = "
           f"{num(float(cap_['cp']), 2)}, below 1). Only a change to the process (a management action on a common "
           "cause) will bring it within specification.")
    return choice(draw, text, correct, wrong, how, data={**data, "point": x})


# --------------------------------------------------------------------------------------
# rule of seven
# --------------------------------------------------------------------------------------
def _signs(draw: Draw, n: int, run: int, longest_other: int) -> list[int]:
    """+1/-1 per point: one run of ``run`` on one side, every other run at most ``longest_other``."""
    start = draw.integer(2, n - run - 1)
    side = 1 if draw.chance(0.5) else -1
    signs = [0] * n
    signs[start:start + run] = [side] * run
    # before the run: short runs ending on the other side; after it: start on the other side
    k = start - 1
    s = -side
    while k >= 0:
        length = draw.integer(1, longest_other)
        for _ in range(length):
            if k < 0:
                break
            signs[k] = s
            k -= 1
        s = -s
    k = start + run
    s = -side
    while k < n:
        length = draw.integer(1, longest_other)
        for _ in range(length):
            if k >= n:
                break
            signs[k] = s
            k += 1
        s = -s
    return signs


def _run_series(draw: Draw, m: dict, run: int, longest_other: int) -> tuple[list[float], pd.Series]:
    """Values whose signs about their own mean follow :func:`_signs`, with no point beyond the control limits."""
    for _ in range(20):
        n = draw.integer(max(14, run + 6), 20)
        signs = np.array(_signs(draw, n, run, longest_other))
        size = np.array([draw.uniform(0.3, 1.5) for _ in range(n)])
        dev = signs * size
        pos, neg = dev[dev > 0].sum(), -dev[dev < 0].sum()
        dev = np.where(dev > 0, dev * math.sqrt(neg / pos), dev * math.sqrt(pos / neg))  # mean exactly 0
        values = [round(float(v), m["decimals"]) for v in m["mean"] + m["sd"] * dev]
        lim = quality.control_limits(values)
        runs = quality.rule_of_seven(values, float(lim["mean"]))
        x = np.array(values)
        inside = bool(((x <= lim["ucl"]) & (x >= lim["lcl"])).all())
        side = np.sign(x - float(lim["mean"]))
        ok_signs = bool((side == signs).all())
        if inside and ok_signs and (len(runs) == (1 if run >= 7 else 0)):
            return values, lim
    return values, lim  # pragma: no cover - 20 failed draws are vanishingly rare


@topic("quality.rule_of_seven", title="Rule of seven: a run on one side of the mean", exam="PMP", eco="Process",
       pmbok8="Governance", lesson=LESSON)
def rule_of_seven(draw: Draw, values: list | None = None, which: str | None = None, unit: str | None = None):
    m = _measure(draw)
    unit = unit or m["unit"]
    dec = m["decimals"]
    which = which or (draw.pick(["run", "run", "six", "when"]) if values is None else "when")
    if values is None:
        run = draw.integer(7, 9) if which in ("run", "when") else 6
        values, lim = _run_series(draw, m, run, 3 if which == "six" else 4)
    else:
        lim = quality.control_limits(values)
    mean, ucl, lcl = float(lim["mean"]), float(lim["ucl"]), float(lim["lcl"])
    runs = quality.rule_of_seven(values, mean)
    numbered = "; ".join(f"{k + 1}: {_fmt(v, dec)}" for k, v in enumerate(values))
    text = (f"{cap(draw.org())} charts {m['what']} on {draw.project()} ({unit}, in time order, numbered): {numbered}. "
            f"The chart's mean is {_fmt(mean, dec + 1)} and its control limits are {_fmt(lcl, dec + 1)} to "
            f"{_fmt(ucl, dec + 1)}; no point is beyond them. ")
    above = np.asarray(values) > mean
    data = {"values": list(values), "mean": mean, "runs": runs, "unit": unit}
    if which == "when" and runs:
        a, b = runs[0]
        answer = float(a + 7)  # the seventh point in a row, numbered from 1
        text += "At which point (its number) does the rule of seven first signal that the process has changed?"
        side = "above" if above[a] else "below"
        how = (f"The rule of seven: seven or more consecutive points on one side of the mean signal a change, even "
               f"inside the control limits. Points {a + 1} to {b + 1} are all {side} the mean {_fmt(mean, dec + 1)}; "
               f"the seventh of them, point {a + 7}, completes the run of seven.")
        wrong = {
            "the first point of the run: the signal comes with the seventh point in a row": float(a + 1),
            "the sixth point in a row: the rule needs seven": float(a + 6),
            "the last point of the run: the signal comes as soon as seven are in a row": float(b + 1),
            "counting eight in a row, as some run rules do: the PMP's rule counts seven": float(a + 8),
        }
        return numeric(text, answer, how, unit="point", decimals=0, rtol=0.0, misconceptions=wrong,
                       fmt=lambda v: f"point {num(v, 0)}", data=data)
    text += "What does the chart show?"
    # the longest streak on one side of the mean (pmlib reports runs of seven or more only)
    change = np.flatnonzero(np.diff(above.astype(int)) != 0) + 1
    streaks = np.diff(np.r_[0, change, len(values)])
    longest = int(streaks.max())
    if runs:
        a, b = runs[0]
        side = "above" if above[a] else "below"
        correct = (f"Out of control: points {a + 1} to {b + 1} ({b - a + 1} in a row) are all {side} the mean; look "
                   "for the cause of the shift.")
        wrong = {
            "In control: every point is within the control limits, so no action is needed.":
                "thinking a run inside the limits is fine: seven in a row on one side of the mean is a signal too",
            "Out of control only if the points break the customer's specification limits.":
                "confusing control limits with specification limits",
            "Widen the control limits so that the run counts as normal variation.":
                "moving the limits by hand: a run on one side of the mean is a signal whatever their width",
        }
        how = (f"The rule of seven: seven or more consecutive points on one side of the mean signal a change in the "
               f"process (a special cause), even when every point is inside the control limits. Points {a + 1} to "
               f"{b + 1} are all {side} the mean {_fmt(mean, dec + 1)}.")
    else:
        correct = (f"In control: no point is beyond the limits and the longest run on one side of the mean is "
                   f"{longest} points, fewer than the seven that signal a change; leave the process alone.")
        wrong = {
            f"Out of control: {longest} points in a row lie on one side of the mean.":
                f"counting {longest}: the rule of seven needs seven points in a row",
            "Adjust the process now to bring the points back to the mean.":
                "tampering: adjusting a process that is in control adds variation",
            "Out of control: the points go up and down instead of staying on the mean.":
                "random variation around the mean is what a process in control does",
        }
        how = (f"Signals of a process out of control: a point beyond a control limit, or seven or more points in a row "
               f"on one side of the mean. Here every point is inside {_fmt(lcl, dec + 1)} to {_fmt(ucl, dec + 1)} and "
               f"the longest streak on one side of the mean {_fmt(mean, dec + 1)} is {longest} points: common-cause "
               "variation only.")
    return choice(draw, text, correct, wrong, how, data=data)


# --------------------------------------------------------------------------------------
# sigma coverage
# --------------------------------------------------------------------------------------
@topic("quality.sigma_coverage", title="Normal coverage of 1, 2 and 3 sigma (68.27 / 95.45 / 99.73 %)", exam="PMP",
       eco="Process", pmbok8="Scope", lesson=LESSON)
def sigma_coverage(draw: Draw, k: int | None = None, which: str | None = None):
    m = _measure(draw)
    k = k or draw.pick([1, 2, 3])
    which = which or draw.pick(["within", "within", "outside"])
    dec = m["decimals"]
    sd = round(m["sd"], dec + 1)
    mean = m["mean"]
    lo, hi = mean - k * sd, mean + k * sd
    cov = {j: 100 * quality.sigma_coverage(j) for j in (1, 2, 3)}
    within = cov[k]
    text = (f"{cap(draw.org())} finds that, on {draw.project()}, {m['what']} follows a normal distribution with "
            f"mean {_fmt(mean, dec)} and standard deviation {_fmt(sd, dec + 1)} {m['unit']}. ")
    rng_text = f"{_fmt(lo, dec + 1)} and {_fmt(hi, dec + 1)} {m['unit']}"
    how = (f"{_fmt(lo, dec + 1)} to {_fmt(hi, dec + 1)} is the mean +- {k} standard deviation{'s' if k > 1 else ''}. "
           f"A normal distribution has {num(cov[1], 2)} % within +-1 sigma, {num(cov[2], 2)} % within +-2 sigma and "
           f"{num(cov[3], 2)} % within +-3 sigma.")
    others = {j: f"the share within +-{j} sigma: the interval here is +-{k} sigma" for j in (1, 2, 3) if j != k}
    if which == "within":
        answer = within
        text += f"What percentage of results fall between {rng_text}? Give two decimals."
        how += f" So {num(within, 2)} % fall between {rng_text}."
        wrong = {name: cov[j] for j, name in others.items()}
        wrong["the share outside the interval: the question asks for the share within it"] = 100 - within
        wrong[f"one side only (from the mean to +{k} sigma): the interval runs on both sides"] = within / 2
    else:
        answer = 100 - within
        text += f"What percentage of results fall outside the range between {rng_text}? Give two decimals."
        how += f" So 100 - {num(within, 2)} = {num(answer, 2)} % fall outside the range between {rng_text}."
        wrong = {f"outside +-{j} sigma: the interval here is +-{k} sigma": 100 - cov[j] for j in others}
        wrong["the share within the interval: the question asks for the share outside it"] = within
        wrong["one tail only: results fall outside on both sides"] = answer / 2
    return numeric(text, answer, how, unit="percent", decimals=2, rtol=0.0, atol=0.006, misconceptions=wrong,
                   fmt=lambda v: f"{num(v, 2)} %", as_choice=draw.chance(0.3), draw=draw,
                   data={"mean": mean, "sd": sd, "k": k, "which": which})


# --------------------------------------------------------------------------------------
# DPMO and sigma level
# --------------------------------------------------------------------------------------
_UNITS = {  # sector: (units inspected, opportunities for a defect in each)
    "IT": ("user stories", "acceptance criteria"),
    "construction": ("apartments", "checklist items"),
    "retail": ("online orders", "order details (item, size, address, payment ...)"),
    "public sector": ("permit applications", "data fields"),
    "health care": ("patient records", "required fields"),
    "manufacturing": ("circuit boards", "solder joints"),
    "energy": ("smart-meter installations", "installation checks"),
    "telecom": ("fibre connections", "test points"),
    "logistics": ("parcel deliveries", "delivery checks (address, time, condition ...)"),
    "education": ("student records", "data fields"),
    "pharmaceuticals": ("batch records", "required entries"),
    "nonprofit": ("grant files", "required documents"),
}


def _counts(draw: Draw) -> tuple[str, str, int, int, int]:
    unit, opp = _UNITS.get(draw.setting.sector, ("units", "opportunities"))
    units = int(nice(draw.integer(200, 5000), 2))
    opportunities = draw.integer(4, 40)
    rate = 10 ** draw.uniform(-3.5, -1.3)  # defects per opportunity: about 3.2 to 5 sigma
    defects = max(1, round(units * opportunities * rate))
    return unit, opp, units, opportunities, defects


@topic("quality.dpmo_sigma", title="DPMO and the process sigma level (1.5-sigma shift)", exam="PMP", eco="Process",
       pmbok8="Scope", lesson=LESSON)
def dpmo_sigma(draw: Draw, defects: int | None = None, units: int | None = None, opportunities: int | None = None,
               dpmo: float | None = None, which: str | None = None):
    if which is None:
        which = "sigma_from_dpmo" if dpmo is not None else draw.pick(["dpmo", "dpmo", "sigma", "sigma_from_dpmo"])
    org = cap(draw.org())
    project = draw.project()
    if which == "sigma_from_dpmo":
        if dpmo is None:
            dpmo = nice(10 ** draw.uniform(1.5, 5.2), 2)
        answer = quality.sigma_level(dpmo)
        text = (f"{org} measures the process behind {project} at {num(dpmo, 0 if dpmo >= 10 else 1)} defects per "
                "million opportunities (DPMO). What is its sigma level, with the conventional 1.5-sigma shift? Give "
                "two decimals.")
        z = quality.sigma_level(dpmo, shift=0)
        how = (f"Sigma level = Phi^-1(1 - DPMO / 1,000,000) + 1.5 = Phi^-1({num(1 - dpmo / 1e6, 6)}) + 1.5 = "
               f"{num(z, 3)} + 1.5 = {num(answer, 2)} (six sigma is 3.4 DPMO, three sigma 66,807).")
        wrong = {
            "the 1.5-sigma shift left out": z,
            "the 1.5-sigma shift subtracted instead of added": z - 1.5,
            "the shift added twice": quality.sigma_level(dpmo, shift=3.0),
        }
        return numeric(text, answer, how, unit="sigma", decimals=2, rtol=0.0, atol=0.005, misconceptions=wrong,
                       fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw, data={"dpmo": dpmo})
    noun, opp = "units", "opportunities"
    if defects is None:
        noun, opp, units, opportunities, defects = _counts(draw)
    value = quality.dpmo(defects, units, opportunities)
    per_unit = value * opportunities  # defects per million units (DPMO with one opportunity per unit)
    text = (f"{org} inspected {num(units, 0)} {noun} for {project}, each with {opportunities} {opp} that can be wrong, "
            f"and found {num(defects, 0)} defects. ")
    base = (f"DPMO = defects / (units x opportunities per unit) x 1,000,000 = {num(defects, 0)} / ({num(units, 0)} x "
            f"{opportunities}) x 1,000,000 = {num(value, 0)}")
    data = {"defects": defects, "units": units, "opportunities": opportunities}
    if which == "dpmo":
        text += "What is the number of defects per million opportunities (DPMO)?"
        wrong = {
            "defects per million units: DPMO divides by units x opportunities": per_unit,
            "defects per opportunity (DPO), not scaled to a million": value / 1e6,
            "the defect rate as a percentage, not per million": value / 1e4,
        }
        # typed only: two of the slips are tiny numbers that make poor printed options
        return numeric(text, value, base + ".", unit="DPMO", decimals=0, rtol=0.001, misconceptions=wrong,
                       fmt=lambda v: num(v, 0), data=data)
    answer = quality.sigma_level(value)
    z = quality.sigma_level(value, shift=0)
    text += "What is the process sigma level, with the conventional 1.5-sigma shift? Give two decimals."
    how = (f"{base}.\nSigma level = Phi^-1(1 - DPMO / 1,000,000) + 1.5 = {num(z, 3)} + 1.5 = {num(answer, 2)}.")
    wrong = {
        "the 1.5-sigma shift left out": z,
        "each unit counted as one opportunity: DPMO divides by units x opportunities":
            quality.sigma_level(per_unit) if per_unit < 1e6 else None,
        "the 1.5-sigma shift subtracted instead of added": z - 1.5,
    }
    return numeric(text, answer, how, unit="sigma", decimals=2, rtol=0.0, atol=0.005, misconceptions=wrong,
                   fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw, data=data)


# --------------------------------------------------------------------------------------
# cost of quality
# --------------------------------------------------------------------------------------
_ITEMS = {
    "prevention": ("training the team", "design reviews", "quality planning", "process documentation",
                   "supplier qualification"),
    "appraisal": ("inspections", "testing", "quality audits", "incoming material checks",
                  "calibration of instruments"),
    "internal_failure": ("rework before hand-over", "scrap", "re-testing after fixes", "downtime caused by defects"),
    "external_failure": ("warranty repairs", "handling customer complaints", "returns and refunds",
                         "penalties for late fixes", "field service call-outs"),
}
_LABEL = {"prevention": "prevention", "appraisal": "appraisal", "internal_failure": "internal failure",
          "external_failure": "external failure"}


@topic("quality.cost_of_quality", title="Cost of quality: conformance vs non-conformance", exam="PMP",
       eco="Business Environment", pmbok8="Finance", lesson=LESSON)
def cost_of_quality(draw: Draw, costs: dict | None = None, which: str | None = None):
    """``costs`` = {item: (category, cost)}; drawn when None."""
    which = which or draw.pick(["conformance", "nonconformance", "nonconformance", "share", "classify"])
    conformance_cats = quality.COQ_CATEGORIES[:2]  # prevention and appraisal, conformance first
    if which == "classify":
        return _classify(draw, conformance_cats)
    if costs is None:
        costs = {}
        for cat in quality.COQ_CATEGORIES:
            for item in draw.sample(_ITEMS[cat], draw.integer(1, 2)):
                costs[item] = (cat, nice(draw.setting.scale * draw.uniform(0.004, 0.04), 2))
    items = draw.shuffle(list(costs))
    table = [{"category": costs[i][0], "cost": costs[i][1]} for i in items]
    r = quality.cost_of_quality(table)
    listing = "; ".join(f"{i} {money(costs[i][1])}" for i in items)
    text = (f"{cap(draw.org())} records these quality-related costs on {draw.project()}: {listing}. ")
    sums = {c: float(r[c]) for c in quality.COQ_CATEGORIES}
    by_cat = "; ".join(f"{_LABEL[c]} {money(sums[c])} ({', '.join(i for i in items if costs[i][0] == c)})"
                       for c in quality.COQ_CATEGORIES if sums[c])
    conf, nonconf, total = float(r["conformance"]), float(r["nonconformance"]), float(r["total"])
    how = (f"By category: {by_cat}.\nCost of conformance = prevention + appraisal = {money(sums['prevention'])} + "
           f"{money(sums['appraisal'])} = {money(conf)}; cost of non-conformance = internal + external failure = "
           f"{money(sums['internal_failure'])} + {money(sums['external_failure'])} = {money(nonconf)}.")
    data = {"costs": {i: list(v) for i, v in costs.items()}}
    if which == "conformance":
        text += "What is the cost of conformance, in $?"
        wrong = {
            "appraisal counted as a failure cost: inspections and tests are spent to conform": sums["prevention"],
            "the cost of non-conformance (failures) instead": nonconf,
            "the whole cost of quality: conformance is prevention + appraisal only": total,
            "internal failures counted as conformance: rework is a failure cost": conf + sums["internal_failure"],
        }
        return numeric(text, conf, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong, fmt=money,
                       as_choice=draw.chance(0.3), draw=draw, data=data)
    if which == "nonconformance":
        text += "What is the cost of non-conformance, in $?"
        wrong = {
            "appraisal counted as a failure cost: inspections and tests are a cost of conformance":
                nonconf + sums["appraisal"],
            "internal failures only: failures the customer finds (external) count too": sums["internal_failure"],
            "external failures only: failures found before hand-over (internal) count too": sums["external_failure"],
            "the cost of conformance (prevention + appraisal) instead": conf,
        }
        return numeric(text, nonconf, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong, fmt=money,
                       as_choice=draw.chance(0.3), draw=draw, data=data)
    share = 100 * float(r["nonconformance_share"])
    text += "What share of the total cost of quality is the cost of non-conformance, in percent? Give one decimal."
    how += f"\nShare = {money(nonconf)} / {money(total)} = {num(share, 1)} %."
    wrong = {
        "the conformance share instead": 100 - share,
        "non-conformance divided by conformance, not by the total": 100 * nonconf / conf if conf else None,
        "appraisal counted as a failure cost": 100 * (nonconf + sums["appraisal"]) / total,
    }
    return numeric(text, share, how, unit="percent", decimals=1, rtol=0.0, misconceptions=wrong,
                   fmt=lambda v: f"{num(v, 1)} %", as_choice=draw.chance(0.3), draw=draw, data=data)


def _classify(draw: Draw, conformance_cats: tuple) -> object:
    want_conformance = draw.chance(0.5)
    good = [c for c in quality.COQ_CATEGORIES if (c in conformance_cats) == want_conformance]
    bad = [c for c in quality.COQ_CATEGORIES if c not in good]
    cat = draw.pick(good)
    correct = cap(draw.pick(_ITEMS[cat]))
    wrong = {}
    for c in draw.sample(bad * 2, 3):
        item = cap(draw.pick([i for i in _ITEMS[c] if cap(i) not in wrong]))
        kind = "a cost of conformance" if c in conformance_cats else "a cost of non-conformance"
        wrong[item] = f"{item.lower()} is {_LABEL[c]}: {kind}"
    kind = "conformance (money spent to prevent or catch defects)" if want_conformance else \
        "non-conformance (money lost because work failed)"
    text = (f"{cap(draw.org())} is sorting the quality costs of {draw.project()}. Which of these is a cost of "
            f"{kind.split(' (')[0]}?")
    how = (f"{correct} is {_LABEL[cat]}, a cost of {kind}. Cost of conformance = prevention + appraisal; cost of "
           "non-conformance = internal failure (found before the customer) + external failure (found by the "
           "customer) (Crosby).")
    return choice(draw, text, correct, wrong, how, data={"category": cat})
