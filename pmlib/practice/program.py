"""Practice topics of program management: roll-ups, dependencies, benefits (lesson 06).

A program's indices come from summed earned value (:func:`pmlib.evm.metrics` on the sums, as
:func:`pmlib.program.rollup` does); a slip's ripple through project dependencies from two
:func:`pmlib.schedule.cpm` passes (what :func:`pmlib.program.ripple` does with dates); benefit
realisation from :func:`pmlib.program.benefits_realisation`. The tests check the first two
against ``rollup`` and ``ripple`` themselves.
"""

from __future__ import annotations

import math

import numpy as np

from .. import evm, program, schedule
from ._core import Draw, cap, money, num, numeric, pct, qty, topic
from .evm import status

LESSON = "06_program"


@topic("program.rollup", title="Program roll-up of earned value", exam="PgMP", eco="Process", pmbok8="Finance",
       lesson=LESSON)
def rollup(draw: Draw, projects: list | None = None, which: str | None = None):
    names = draw.projects(3)
    if projects is None:
        projects = []
        for k, scale in enumerate((0.3, 1.0, 2.5)):
            s = status(draw)
            f = scale * draw.setting.scale / s["bac"]
            step = 10 ** (math.floor(math.log10(s["bac"] * f)) - 2)
            projects.append({key: float(round(v * f / step) * step) for key, v in s.items()} | {"name": names[k % len(names)]})
    arr = {k: np.array([p[k] for p in projects]) for k in ("pv", "ev", "ac", "bac")}
    each = evm.metrics(**arr)
    total = evm.metrics(**{k: float(v.sum()) for k, v in arr.items()})
    listing = "; ".join(f"{cap(p['name'])}: PV {money(p['pv'])}, EV {money(p['ev'])}, AC {money(p['ac'])}"
                        for p in projects)
    which = which or draw.pick(["cpi", "spi"])
    idx = "CPI" if which == "cpi" else "SPI"
    text = (f"A program at {draw.org()} has three related projects: {listing}. What is the program's {idx}, rolled up "
            "from its projects? Give two decimals.")
    num_col, den_col = ("ev", "ac") if which == "cpi" else ("ev", "pv")
    answer = total[which]
    how = (f"Roll the money up first, then divide: program {idx} = sum of {num_col.upper()} / sum of {den_col.upper()} = "
           f"{money(arr[num_col].sum())} / {money(arr[den_col].sum())} = {num(answer, 3)} (PMI Practice Standard for EVM: "
           "an average of ratios would weight a small project like a large one).")
    cpis = each[which].to_numpy()
    wrong = {
        f"the average of the project {idx}s: small projects would count as much as large ones": float(cpis.mean()),
        f"sum of {den_col.upper()} / sum of {num_col.upper()}: the ratio upside down": 1 / answer,
        f"the {idx} of the largest project alone": float(cpis[int(np.argmax(arr['bac']))]),
        f"the {'SPI' if which == 'cpi' else 'CPI'} of the program": float(total["spi" if which == "cpi" else "cpi"]),
    }
    return numeric(text, answer, how, unit="ratio", decimals=2, rtol=0.004, misconceptions=wrong,
                   data={"projects": projects}, fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw)


_ROLES = (("an infrastructure upgrade", "a customer app", "a marketing campaign"),
          ("a new data platform", "a reporting suite", "staff training"),
          ("site preparation", "equipment installation", "a recruitment drive"),
          ("a supplier integration", "an online shop", "a product catalogue"))


@topic("program.dependency", title="Dependency ripple between projects", exam="PgMP", eco="Process",
       pmbok8="Schedule", lesson=LESSON)
def dependency(draw: Draw, weeks: dict | None = None, slip: int | None = None):
    a, b, c = draw.pick(_ROLES)
    if weeks is None:
        wa, wb = draw.integer(6, 14), draw.integer(6, 14)
        wc = wa + wb + draw.integer(-6, 5)
        weeks = {"A": wa, "B": wb, "C": wc}
    slip = slip or draw.integer(2, 8)
    net = [{"id": "A", "duration": weeks["A"], "predecessors": ""},
           {"id": "B", "duration": weeks["B"], "predecessors": "A"},
           {"id": "C", "duration": weeks["C"], "predecessors": ""},
           {"id": "LAUNCH", "duration": 0, "predecessors": "B,C"}]
    planned = schedule.cpm(net)
    late = schedule.cpm([{**x, "duration": x["duration"] + (slip if x["id"] == "A" else 0)} for x in net])
    answer = late.duration - planned.duration
    tf = float(planned.table.loc["A", "total_float"])
    text = (f"A program at {draw.org()} launches when three projects are done: A, {a} ({qty(weeks['A'], 'weeks')}), must "
            f"finish before B, {b} ({qty(weeks['B'], 'weeks')}), can start; C, {c} ({qty(weeks['C'], 'weeks')}), runs in "
            f"parallel from the program start. Project A slips by {qty(slip, 'weeks')}. By how many weeks does the launch "
            "move? (0 if it does not.)")
    how = (f"Path A-B takes {weeks['A'] + weeks['B']} weeks, path C {weeks['C']} weeks: the launch is at week "
           f"{num(planned.duration, 0)} and A has {qty(tf, 'weeks')} of float. A slip moves the launch by "
           f"max(0, slip - float) = max(0, {slip} - {num(tf, 0)}) = {qty(answer, 'weeks')} (the launch is now at week "
           f"{num(late.duration, 0)}).")
    wrong = {
        "the whole slip: the float between the paths absorbs part of it": float(slip),
        "no move at all: the slip is larger than the float": 0.0,
        "the slip plus the float: float absorbs a slip, it does not add to it": slip + tf,
    }
    return numeric(text, answer, how, unit="weeks", decimals=0, rtol=0.0, misconceptions=wrong,
                   data={"weeks": weeks, "slip": slip}, fmt=lambda v: qty(v, "weeks"),
                   as_choice=draw.chance(0.3), draw=draw)


_BENEFITS = ("higher online sales", "lower call-centre cost", "fewer stock-outs", "faster onboarding",
             "lower energy bills", "fewer billing errors")


@topic("program.benefits", title="Benefits realisation", exam="PgMP", eco="Business Environment",
       pmbok8="Governance", lesson=LESSON)
def benefits(draw: Draw, which: str | None = None):
    names = draw.sample(_BENEFITS, 3)
    scale = draw.setting.scale / 4
    step = 10 ** (math.floor(math.log10(scale)) - 1)
    for _ in range(20):  # a program that is clearly short of (or past) its plan
        rows, real = [], []
        for i, name in enumerate(names):
            planned = float(round(scale * draw.uniform(0.3, 2.5) / step) * step)
            realised = float(round(planned * draw.uniform(0.3, 1.15) / step) * step)
            rows.append({"id": f"B{i + 1}", "name": name, "program_id": "PG"})
            real.append({"benefit_id": f"B{i + 1}", "date": "2026-06-30", "planned": planned, "realised": realised})
        ratio = sum(r["realised"] for r in real) / sum(r["planned"] for r in real)
        if abs(ratio - 1) > 0.08:
            break
    which = which or draw.pick(["program", "single"])
    if which == "program":
        out = program.benefits_realisation(rows, real)
        per = out.loc[[r["id"] for r in rows], "realisation"].to_numpy(dtype=float)
        listing = "; ".join(f"{r['name']}: planned {money(p['planned'])}, realised {money(p['realised'])}"
                            for r, p in zip(rows, real, strict=True))
        answer = float(out.loc["TOTAL PG", "realisation"])
        text = (f"A program at {draw.org()} tracks three benefits against its benefits register, to date: {listing}. "
                "What share of the planned benefit has the program realised so far? Give it as a fraction with two "
                "decimals (0.75 for 75 %).")
        tot_p = sum(p["planned"] for p in real)
        tot_r = sum(p["realised"] for p in real)
        how = (f"Program realisation = total realised / total planned = {money(tot_r)} / {money(tot_p)} = "
               f"{num(answer, 3)} ({pct(answer, 1)}): sum the money first, as for earned value.")
        wrong = {
            "the average of the benefits' realisation rates: a small benefit would count as much as a large one":
                float(per.mean()),
            "planned / realised: the ratio upside down": 1 / answer,
        }
        data = {"benefits": rows, "realisation": real}
    else:
        i = draw.integer(0, 2)
        base = float(draw.integer(40, 200))
        target = base + float(draw.integer(5, 40))
        now = base + round((target - base) * draw.uniform(0.15, 0.95))
        rows, real = [{**rows[i], "kpi_baseline": base, "kpi_target": target}], [{**real[i], "kpi_actual": now}]
        out = program.benefits_realisation(rows, real)
        answer = float(out.loc[rows[0]["id"], "kpi_progress"])
        text = (f"A program at {draw.org()} promised the benefit '{rows[0]['name']}': its measure stood at {base:g} before "
                f"the program (baseline) and should reach {target:g}. It now reads {now:g}. How far has it moved towards "
                "the target? Give it as a fraction with two decimals.")
        how = (f"KPI progress = (now - baseline) / (target - baseline) = ({now:g} - {base:g}) / ({target:g} - {base:g}) = "
               f"{num(answer, 3)}")
        wrong = {
            "now / target: progress is measured from the baseline, not from zero": now / target,
            "(now - baseline) / target: divide by the promised change, target - baseline": (now - base) / target,
            "(target - now) / (target - baseline): that is the share still to come": 1 - answer,
        }
        data = {"baseline": base, "target": target, "now": now}
    return numeric(text, answer, how, unit="fraction", decimals=2, rtol=0.005, misconceptions=wrong, data=data,
                   fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw)
