"""Practice topics of stage gates: expected commercial value and gate decisions (lesson 05).

Answers come from :func:`pmlib.stagegate.ecv` (Cooper's ECV) and
:func:`pmlib.stagegate.evaluate_gate` (Go / Kill / Hold / Recycle by Cooper's rules).
"""

from __future__ import annotations

import math

from .. import stagegate
from ._core import Draw, cap, choice, money, num, numeric, pct, topic

LESSON = "05_stage_gates_and_risk"


@topic("stagegate.ecv", title="Expected commercial value (ECV)", exam="PfMP", eco="Business Environment",
       pmbok8="Governance", lesson=LESSON)
def ecv(draw: Draw, npv: float | None = None, p_commercial: float | None = None, p_technical: float | None = None,
        launch_cost: float | None = None, development_cost: float | None = None):
    if npv is None:
        scale = draw.setting.scale
        step = 10 ** (math.floor(math.log10(scale)) - 1)
        npv = float(round(scale * draw.uniform(2, 8) / step) * step)
        p_commercial = draw.grid(0.4, 0.9, 0.05)
        p_technical = draw.grid(0.5, 0.95, 0.05)
        launch_cost = float(round(scale * draw.uniform(0.3, 1.5) / step) * step)
        development_cost = float(round(scale * draw.uniform(0.2, 1.2) / step) * step)
    args = dict(npv=npv, p_commercial=p_commercial, p_technical=p_technical, launch_cost=launch_cost,
                development_cost=development_cost)
    answer = stagegate.ecv(**args)
    text = (f"{cap(draw.org())} reviews {draw.project()} at a gate. If it launches successfully its future earnings are "
            f"worth {money(npv)} (NPV). The chance of technical success is {pct(p_technical, 0)}, of commercial success "
            f"after launch {pct(p_commercial, 0)}. Launching costs {money(launch_cost)}, and {money(development_cost)} of "
            "development remains. What is the project's expected commercial value (ECV), in $?")
    inner = npv * p_commercial - launch_cost
    how = (f"ECV = [(NPV x Pcs - C) x Pts] - D = [({money(npv)} x {num(p_commercial, 2)} - {money(launch_cost)}) x "
           f"{num(p_technical, 2)}] - {money(development_cost)} = [{money(inner)} x {num(p_technical, 2)}] - "
           f"{money(development_cost)} = {money(answer)}")
    wrong = {
        "the launch cost left out": stagegate.ecv(**{**args, "launch_cost": 0.0}),
        "the remaining development cost left out": stagegate.ecv(**{**args, "development_cost": 0.0}),
        "the launch cost subtracted at full value: it is spent only if the project works technically, so it is "
        "weighted by Pts": npv * p_commercial * p_technical - launch_cost - development_cost,
        "the probabilities left out (the NPV taken as certain)": stagegate.ecv(**{**args, "p_commercial": 1.0,
                                                                                   "p_technical": 1.0}),
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.002, misconceptions=wrong, data=args, fmt=money,
                   as_choice=draw.chance(0.3), draw=draw)


_MUST = ("fits_strategy", "no_showstopper", "legal_ok")
_MUST_TEXT = {"fits_strategy": "fits the strategy", "no_showstopper": "no technical showstopper",
              "legal_ok": "meets legal and safety rules"}
_SHOULD = {"strategic_fit": "strategic fit", "product_advantage": "product advantage",
           "market_attractiveness": "market attractiveness", "technical_feasibility": "technical feasibility",
           "financial_reward": "financial reward"}
_WHY_WRONG = {
    "Go": "Go needs every must-meet criterion met, a weighted score at or above the pass mark, no weak spot, "
          "and resources ready",
    "Kill": "Kill is for a failed must-meet criterion or a weighted score below the kill mark",
    "Hold": "Hold is for a project that passes the gate but cannot be resourced now",
    "Recycle": "Recycle sends a project back to rework when its score falls between the kill and pass marks or one "
               "criterion is too weak",
}


@topic("stagegate.gate_decision", title="Gate decisions: Go, Kill, Hold, Recycle", exam="PfMP",
       eco="Business Environment", pmbok8="Governance", lesson=LESSON)
def gate_decision(draw: Draw, case: str | None = None):
    weights = {k: float(draw.integer(1, 3)) for k in draw.sample(list(_SHOULD), 4)}
    gate = stagegate.Gate("Go to development", must_meet=_MUST, should_meet=weights, pass_mark=6.0, kill_mark=4.0,
                          min_score=3.0, scale=10.0, number=3)
    case = case or draw.pick(["go", "knockout", "low", "middle", "weak", "hold"])
    center = {"go": 7.5, "knockout": 7.0, "low": 2.8, "middle": 5.0, "weak": 7.2, "hold": 7.5}[case]
    scores = {k: float(min(10, max(0, round(center + draw.uniform(-1.4, 1.4))))) for k in weights}
    if case in ("go", "hold", "knockout"):
        scores = {k: max(v, 4.0) for k, v in scores.items()}
    if case == "weak":
        scores[draw.pick(list(weights))] = float(draw.integer(1, 2))
    project = {m: True for m in _MUST} | scores | {"resources_available": case != "hold"}
    if case == "knockout":
        project[draw.pick(list(_MUST))] = False
    result = stagegate.evaluate_gate(project, gate)
    decision = str(result["decision"])
    must = ", ".join(f"{_MUST_TEXT[m]}: {'yes' if project[m] else 'NO'}" for m in _MUST)
    should = ", ".join(f"{_SHOULD[k]} {num(scores[k], 0)} (weight {num(w, 0)})" for k, w in weights.items())
    text = (f"{cap(draw.org())} reviews {draw.project()} at gate 3 (go to development). Must-meet criteria: {must}. "
            f"Scorecard (0-10): {should}. Rules: the weighted score must reach 6 to pass and below 4 the project is "
            f"killed; a criterion scored below 3 is a weak spot. "
            f"{'The team and budget are available now.' if project['resources_available'] else 'No development team is free until next quarter.'} "
            "What should the gate decide?")
    total = sum(weights.values())
    how = (f"Weighted score = sum of weight x score / sum of weights = {num(float(result['score']), 2)} "
           f"(weights total {num(total, 0)}).\n{result['reasons']}")
    wrong = {d: _WHY_WRONG[d] for d in ("Go", "Kill", "Hold", "Recycle") if d != decision}
    return choice(draw, text, decision, wrong, how, data={"project": project, "weights": weights})
