"""Practice topics of risk: EMV, decision trees, contingency reserve (lesson 05).

Answers come from :func:`pmlib.risk.emv`, :func:`pmlib.risk.decision_tree` and
:func:`pmlib.risk.contingency_reserve` (PMI PMBOK Guide, expected monetary value analysis and
decision tree analysis; its build-or-upgrade example is reproduced in the tests).
"""

from __future__ import annotations

import math

from .. import risk
from ._core import Draw, cap, choice, money, numeric, pct, topic

LESSON = "05_stage_gates_and_risk"

_THREATS = ("a key supplier delivers late", "a design flaw is found in testing", "a specialist leaves the team",
            "a regulation changes mid-project", "material prices rise", "a data migration fails its first run",
            "the permit is delayed")
_OPPORTUNITIES = ("a volume discount is offered", "a reusable component cuts build effort",
                  "a grant covers part of the cost", "an early hand-over earns a bonus")


def register(draw: Draw, n: int | None = None, opportunities: bool = True) -> list[dict]:
    """Two to four risks: ``{name, probability, impact, type}`` with impact >= 0 (money)."""
    n = n or draw.integer(2, 4)
    k_opp = draw.integer(1, max(1, n // 2)) if opportunities else 0
    scale = draw.setting.scale / 10
    threats = draw.sample(_THREATS, n - k_opp)
    opps = draw.sample(_OPPORTUNITIES, k_opp)
    out = []
    for name, kind in [*((t, "threat") for t in threats), *((o, "opportunity") for o in opps)]:
        step = 10 ** (math.floor(math.log10(scale)) - 1)
        out.append({"name": name, "probability": draw.grid(0.1, 0.6, 0.05),
                    "impact": float(round(scale * draw.uniform(0.3, 2.0) / step) * step), "type": kind})
    return out


def _listing(reg: list[dict]) -> str:
    return "; ".join(f"{'threat' if r['type'] == 'threat' else 'opportunity'}: {r['name']} "
                     f"({pct(r['probability'], 0)} chance, {money(r['impact'])} "
                     f"{'extra cost' if r['type'] == 'threat' else 'saving'})" for r in reg)


def _signed(reg: list[dict]) -> list[float]:
    return [-r["impact"] if r["type"] == "threat" else r["impact"] for r in reg]


@topic("risk.emv", title="Expected monetary value (EMV) of risks", exam="PMP", eco="Process", pmbok8="Risk",
       lesson=LESSON)
def emv(draw: Draw, reg: list | None = None):
    reg = reg or register(draw)
    p = [r["probability"] for r in reg]
    x = _signed(reg)
    answer = risk.emv(p, x)
    text = (f"{cap(draw.org())} has identified these risks on {draw.project()}: {_listing(reg)}. What is the combined "
            "expected monetary value (EMV) of these risks, in $? (Threats count negative, opportunities positive.)")
    terms = " + ".join(f"{pct(pi, 0)} x {money(xi)}" for pi, xi in zip(p, x, strict=True))
    how = f"EMV = sum of probability x impact = {terms} = {money(answer)}"
    wrong = {
        "the opportunities counted as threats: savings are positive": risk.emv(p, [-abs(v) for v in x]),
        "the probabilities left out: the impacts simply added": risk.emv([1.0] * len(x), x),
        "every impact counted as positive: threats cost money": risk.emv(p, [abs(v) for v in x]),
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.002, misconceptions=wrong, data={"register": reg},
                   fmt=money, as_choice=draw.chance(0.3), draw=draw)


_DECISIONS = (("Build in-house", "Buy a package"), ("Upgrade the old plant", "Build a new plant"),
              ("Develop the feature now", "Wait a year"), ("Outsource the work", "Hire a team"))


def _tree(options: dict) -> dict:
    return {"decision": {name: {"cost": o["cost"], "chance": {
        "strong demand": {"p": o["p"], "payoff": o["high"]},
        "weak demand": {"p": round(1 - o["p"], 10), "payoff": o["low"]}}} for name, o in options.items()}}


@topic("risk.decision_tree", title="Decision tree analysis", exam="PMP", eco="Process", pmbok8="Risk",
       lesson=LESSON)
def decision_tree(draw: Draw, options: dict | None = None, which: str | None = None):
    if options is None:
        names = draw.pick(_DECISIONS)
        unit = draw.setting.scale / 10
        step = 10 ** (math.floor(math.log10(unit)) - 1)  # round amounts: $130,000, not $125,648
        p = draw.grid(0.3, 0.7, 0.05)
        options = {}
        for name in names:
            cost = round(unit * draw.uniform(0.5, 3.0) / step) * step
            high = round((cost + unit * draw.uniform(1.0, 4.0)) / step) * step
            low = round(unit * draw.uniform(0.2, 1.5) / step) * step
            options[name] = {"cost": float(cost), "p": p, "high": float(high), "low": float(low)}
    r = risk.decision_tree(_tree(options))
    top = r.table[r.table["depth"] == 1].set_index("label")
    net, gross = top["net_value"], top["value"]
    desc = "; ".join(f"{cap(n)} costs {money(o['cost'])} and then earns {money(o['high'])} with strong demand or "
                     f"{money(o['low'])} with weak demand" for n, o in options.items())
    p = next(iter(options.values()))["p"]
    text = (f"{cap(draw.org())} must decide how to deliver {draw.project()}. {desc}. Strong demand has a probability of "
            f"{pct(p, 0)}. ")
    lines = [f"{n}: EMV = {pct(o['p'], 0)} x {money(o['high'])} + {pct(1 - o['p'], 0)} x {money(o['low'])} - "
             f"{money(o['cost'])} = {money(net[n])}" for n, o in options.items()]
    how = "Roll the tree back: at each chance node take the probability-weighted payoffs, then subtract the option's cost.\n" \
          + "\n".join(lines) + f"\nChoose the higher net EMV: {r.best}."
    other = next(n for n in options if n != r.best)
    if (which or draw.pick(["value", "choice"])) == "value":
        text += "What is the expected monetary value of the best decision, in $?"
        wrong = {
            "the option's cost not subtracted (gross EMV)": float(gross.max()),
            "the other option's net EMV: pick the higher net EMV": float(net[other]),
            "the best payoff without probabilities (an optimist's view)": max(o["high"] - o["cost"] for o in options.values()),
            "the outcomes averaged without their probabilities": max((o["high"] + o["low"]) / 2 - o["cost"] for o in options.values()),
        }
        return numeric(text, r.value, how, unit="$", decimals=0, rtol=0.002, misconceptions=wrong,
                       data={"options": options}, fmt=money, as_choice=draw.chance(0.3), draw=draw)
    text += "Which decision does expected monetary value favour?"
    correct = f"{r.best}, with a net EMV of {money(net[r.best])}"
    wrong = {
        f"{other}, with a net EMV of {money(net[other])}": "the option with the lower net EMV",
        f"{r.best}, with an EMV of {money(gross[r.best])}": "the option's cost not subtracted (gross EMV)",
        f"{other}, with an EMV of {money(gross[other])}": "comparing gross EMVs: the costs must be subtracted first",
    }
    return choice(draw, text, correct, wrong, how, data={"options": options})


@topic("risk.contingency", title="Contingency reserve and cost baseline", exam="PMP", eco="Process", pmbok8="Risk",
       lesson=LESSON)
def contingency(draw: Draw, reg: list | None = None, which: str | None = None):
    reg = reg or register(draw)
    answer = risk.contingency_reserve(reg)
    threats = [r for r in reg if r["type"] == "threat"]
    text = (f"{cap(draw.org())} sizes the reserves of {draw.project()} from its risk register: {_listing(reg)}. ")
    terms = " + ".join(f"{pct(r['probability'], 0)} x {money(r['impact'])}" for r in threats)
    opp = [r for r in reg if r["type"] != "threat"]
    opp_terms = " - ".join(f"{pct(r['probability'], 0)} x {money(r['impact'])}" for r in opp)
    how = (f"Contingency reserve = EMV of the threats - EMV of the opportunities = {terms}"
           + (f" - {opp_terms}" if opp_terms else "") + f" = {money(answer)}")
    p = [r["probability"] for r in reg]
    x = _signed(reg)  # threats negative, opportunities positive: the reserve is -EMV
    wrong = {
        "the opportunities left out (only the threats counted)": -risk.emv(p, [min(v, 0.0) for v in x]),
        "the opportunities added to the reserve instead of offsetting it": -risk.emv(p, [-abs(v) for v in x]),
        "the impacts added without their probabilities": -risk.emv([1.0] * len(x), x),
    }
    if (which or draw.pick(["reserve", "baseline"])) == "reserve":
        text += "What contingency reserve does expected monetary value suggest for these identified risks, in $?"
        return numeric(text, answer, how, unit="$", decimals=0, rtol=0.002, misconceptions=wrong,
                       data={"register": reg}, fmt=money, as_choice=draw.chance(0.3), draw=draw)
    scale = draw.setting.scale
    step = 10 ** (math.floor(math.log10(scale)) - 1)
    estimates = float(round(scale * draw.uniform(0.8, 2.0) / step) * step)
    mr = float(round(estimates * draw.grid(0.05, 0.1, 0.01) / step * 10) * step / 10)
    baseline = estimates + answer
    text += (f"The work package cost estimates total {money(estimates)}, and management holds a reserve of {money(mr)} "
             "for unknown risks. The contingency reserve is the EMV of the identified risks. What is the cost baseline, in $?")
    how += (f"\nCost baseline = work package estimates + contingency reserve = {money(estimates)} + {money(answer)} = "
            f"{money(baseline)} (the management reserve sits outside the baseline, in the project budget)")
    wrong = {
        "the management reserve included: that gives the project budget, not the cost baseline": baseline + mr,
        "the contingency reserve left out: identified risks are part of the baseline": estimates,
        **{k: estimates + v for k, v in wrong.items()},
    }
    return numeric(text, baseline, how, unit="$", decimals=0, rtol=0.0005, misconceptions=wrong,
                   data={"register": reg, "estimates": estimates, "management_reserve": mr}, fmt=money,
                   as_choice=draw.chance(0.3), draw=draw)
