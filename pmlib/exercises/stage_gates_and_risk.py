"""Questions for exercises/05_stage_gates_and_risk.ipynb: gates, ECV, funnel, EMV, decision trees, reserves.

Every expected answer and every named slip is computed through pmlib from the bundled data
(``pipeline``, ``risks``, ``gate_history``). Solutions are self-contained: each loads what it needs.
"""

from __future__ import annotations

import numpy as np

from .. import datasets, risk, stagegate
from . import Choice, ExerciseSet, Items, Numeric

_PIPELINE = "import pmlib as pm\npipeline = pm.datasets.load('pipeline')\n"
_RISKS = "import pmlib as pm\nrisks = pm.datasets.load('risks')\n"
#: The staged-funding question: stage costs (k$), pass probabilities and the payoff (k$).
STAGES = {"costs": [100.0, 500.0], "p": [0.5, 0.6], "payoff": 2_400.0}


def _pipeline():
    return datasets.load("pipeline")


def _row(idea):
    return _pipeline().set_index("id").loc[idea]


def _ecv(idea, **override):
    r = _row(idea)
    args = {k: r[k] for k in ("npv", "p_commercial", "p_technical", "launch_cost", "development_cost")}
    return stagegate.ecv(**{**args, **override})


def _decisions():
    return stagegate.evaluate_pipeline(_pipeline(), stagegate.cooper_model())


def _funded_go():
    p = _pipeline()
    d = _decisions()
    r = stagegate.rank_by_ecv(p[p["id"].isin(d.index[d["decision"] == "Go"])], budget=2000)
    return r.index[r["funded"]].tolist()


def _plant_tree(p_strong, *, with_costs=True):
    def demand(strong, weak):
        return {"chance": {"strong": {"p": p_strong, "payoff": strong},
                           "weak": {"p": round(1 - p_strong, 10), "payoff": weak}}}

    cost = (lambda c: {"cost": c}) if with_costs else (lambda c: {})
    return {"decision": {"build": {**cost(120), **demand(200, 90)}, "upgrade": {**cost(50), **demand(120, 60)}}}


def _reserve(project):
    return float(risk.contingency_reserve(datasets.load("risks"), by="project_id")[project])


def _register(project):
    r = datasets.load("risks")
    return r[r["project_id"] == project]


def _rates():
    return stagegate.observed_pass_rates(datasets.load("gate_history"))


def _sim():
    return risk.monte_carlo(datasets.load("risks"), n=10_000, seed=0)


def _staged():
    return stagegate.staged_funding(STAGES["costs"], STAGES["p"], STAGES["payoff"])


EXERCISES = ExerciseSet(
    "Stage gates and risk",
    [
        Numeric(
            "ecv_n06",
            answer=lambda: _ecv("N06"),
            unit="k$",
            topic="stagegate.ecv",
            prompt="Expected commercial value of N06 (personalisation engine), in k$",
            hints=["Roll the decision back: the launch pays only if it sells, and the launch happens only if the "
                   "development works; the development money is spent in any case.",
                   "Cooper: ECV = ((NPV x Pcs - C) x Pts) - D.",
                   "Take N06's row of `pipeline`; pm.stagegate.ecv(npv=..., p_commercial=..., p_technical=..., "
                   "launch_cost=..., development_cost=...)."],
            solution=_PIPELINE + "n06 = pipeline.set_index('id').loc['N06']\n"
                                 "ecv_n06 = pm.stagegate.ecv(npv=n06.npv, p_commercial=n06.p_commercial, "
                                 "p_technical=n06.p_technical,\n"
                                 "                           launch_cost=n06.launch_cost, "
                                 "development_cost=n06.development_cost)",
            explanation="((3,100 x 0.75 - 200) x 0.8) - 700 = 1,000 k$: less than half the 2,200 k$ the business "
                        "case promises if everything works.",
            misconceptions={
                "that is the business case as if both successes were certain (NPV - C - D).":
                    lambda: _ecv("N06", p_commercial=1.0, p_technical=1.0),
                "that charges the launch cost whatever happens; it is paid only when the development works: "
                "ECV = ((NPV x Pcs - C) x Pts) - D.":
                    lambda: _row("N06")["npv"] * _row("N06")["p_commercial"] * _row("N06")["p_technical"]
                    - _row("N06")["launch_cost"] - _row("N06")["development_cost"],
            },
        ),
        Choice(
            "decision_n08",
            answer=lambda: _decisions().loc["N08", "decision"],
            choices=["Go", "Kill", "Hold", "Recycle"],
            topic="stagegate.gate_decision",
            why={"Go": "Its weighted score is below the pass mark, and one criterion is a weak spot.",
                 "Kill": "No knock-out failed and its score is above the kill mark: it deserves a second try.",
                 "Hold": "Hold is for projects that pass but cannot be resourced now; N08 does not pass."},
            prompt="Gate 3 decision for N08 (loyalty programme relaunch)",
            hints=["Look at its score against the pass mark 6 and the kill mark 4, and at its lowest criterion.",
                   "pm.stagegate.evaluate_pipeline(pipeline, model).loc['N08'] gives the decision and the reasons."],
            solution=_PIPELINE + "decision_n08 = pm.stagegate.evaluate_pipeline(pipeline, pm.stagegate.cooper_model())"
                                 ".loc['N08', 'decision']",
            explanation="Score 5.40 sits between the kill mark and the pass mark, and financial reward scored 2: "
                        "recycle (rework the business case and come back).",
        ),
        Items(
            "killed",
            answer=lambda: _decisions().index[_decisions()["decision"] == "Kill"].tolist(),
            topic="stagegate.gate_decision",
            prompt="Ids of the pipeline projects killed at their current gate",
            hints=["Evaluate every project at the gate it stands at, then keep the Kill decisions.",
                   "d = pm.stagegate.evaluate_pipeline(pipeline, model); the ids where d['decision'] == 'Kill'."],
            solution=_PIPELINE + "d = pm.stagegate.evaluate_pipeline(pipeline, pm.stagegate.cooper_model())\n"
                                 "killed = d.index[d['decision'] == 'Kill'].tolist()",
            explanation="Three fail a knock-out (N10 business case, N12 strategy, N15 show-stopper) and one scores "
                        "below the kill mark (N05): a single 'no' on a must-meet criterion is enough.",
        ),
        Numeric(
            "pi_n11",
            answer=lambda: stagegate.productivity_index(_ecv("N11"), _row("N11")["development_cost"]),
            topic="stagegate.ecv",
            prompt="Cooper's productivity index (ECV / D) of N11 (same-day delivery)",
            hints=["The index asks how much expected value each k$ of the scarce development money buys.",
                   "Productivity index = ECV / D, with D the development cost still to spend.",
                   "First N11's ECV, then pm.stagegate.productivity_index(ecv, development_cost)."],
            solution=_PIPELINE + "n11 = pipeline.set_index('id').loc['N11']\n"
                                 "ecv_n11 = pm.stagegate.ecv(n11.npv, n11.p_commercial, n11.p_technical, "
                                 "n11.launch_cost, n11.development_cost)\n"
                                 "pi_n11 = pm.stagegate.productivity_index(ecv_n11, n11.development_cost)",
            explanation="999 / 450 = 2.22 k$ of expected value per k$ of development still to spend.",
            misconceptions={
                "that divides the NPV, not the ECV, by the development cost.":
                    lambda: _row("N11")["npv"] / _row("N11")["development_cost"],
                "that divides by the launch and development costs together; the index divides by D only.":
                    lambda: _ecv("N11") / (_row("N11")["development_cost"] + _row("N11")["launch_cost"]),
            },
        ),
        Items(
            "funded",
            answer=_funded_go,
            topic="stagegate.ecv",
            prompt="With 2,000 k$ of development money, which projects with a Go get funded (Cooper's ECV/D line)?",
            hints=["Only projects with a Go compete for the budget. Keep those rows of `pipeline`.",
                   "pm.stagegate.rank_by_ecv(go_projects, budget=2000) marks the funded ones in its 'funded' column."],
            solution=_PIPELINE + "d = pm.stagegate.evaluate_pipeline(pipeline, pm.stagegate.cooper_model())\n"
                                 "go_projects = pipeline[pipeline['id'].isin(d.index[d['decision'] == 'Go'])]\n"
                                 "r = pm.stagegate.rank_by_ecv(go_projects, budget=2000)\n"
                                 "funded = r.index[r['funded']].tolist()",
            explanation="Ranking by ECV per k$ of development gets the most expected value out of a scarce budget; "
                        "the line falls where the next project no longer fits.",
        ),
        Numeric(
            "emv_decision",
            answer=lambda: risk.decision_tree(_plant_tree(0.65)).value,
            unit="M$",
            topic="risk.decision_tree",
            prompt="PMBOK plant decision with strong demand at 65 %: the EMV of the decision, in M$",
            hints=["Roll back from the right: a chance node takes the expectation, a decision node the best branch.",
                   "Each branch: 0.65 x strong + 0.35 x weak, minus the investment on that branch; keep the larger.",
                   "Build the nested dict like the lesson's tree and call pm.risk.decision_tree(tree).value."],
            solution=("import pmlib as pm\n"
                      "demand = lambda strong, weak: {'chance': {'strong': {'p': 0.65, 'payoff': strong},\n"
                      "                                          'weak': {'p': 0.35, 'payoff': weak}}}\n"
                      "tree = {'decision': {'build': {'cost': 120, **demand(200, 90)},\n"
                      "                     'upgrade': {'cost': 50, **demand(120, 60)}}}\n"
                      "emv_decision = pm.risk.decision_tree(tree).value"),
            explanation="Build: 0.65 x 80 + 0.35 x (-30) = 41.5; upgrade: 0.65 x 70 + 0.35 x 10 = 49. Upgrade, 49 M$.",
            misconceptions={
                "that forgets to subtract the investment of each branch.":
                    lambda: risk.decision_tree(_plant_tree(0.65, with_costs=False)).value,
                "that is the EMV of building; the decision takes the better branch.":
                    lambda: float(risk.decision_tree(_plant_tree(0.65)).table.set_index("path").loc["build",
                                                                                                    "net_value"]),
            },
        ),
        Numeric(
            "reserve_p06",
            answer=lambda: _reserve("P06"),
            unit="k$",
            topic="risk.contingency",
            prompt="Contingency reserve of P06 (e-commerce replatform) from the risk register, in k$",
            hints=["The reserve covers the expected cost of the identified risks.",
                   "Reserve = sum of p x impact over the threats, minus the same over the opportunities.",
                   "pm.risk.contingency_reserve(risks, by='project_id') gives one reserve per project."],
            solution=_RISKS + "reserve_p06 = pm.risk.contingency_reserve(risks, by='project_id')['P06']",
            explanation="0.55 x 350 + 0.4 x 120 + 0.3 x 200 = 300.5 k$ (three threats, no opportunity).",
            misconceptions={"that adds the full impacts; the reserve weights each by its probability.":
                            lambda: float(_register("P06")["impact"].sum())},
        ),
        Choice(
            "rating_rk10",
            answer=lambda: str(risk.rate_risks(datasets.load("risks")).set_index("id").loc["RK10", "rating"]),
            choices=["low", "moderate", "high"],
            prompt="Rating of RK10 (cloud migration slips) on the probability-impact matrix",
            hints=["Probability 0.6 goes to the 0.7 level; 220 k$ is 'very high' (0.8) on Alderbrook's impact scale.",
                   "pm.risk.rate_risks(risks) places every risk; look at RK10's 'rating'."],
            solution=_RISKS + "rating_rk10 = pm.risk.rate_risks(risks).set_index('id').loc['RK10', 'rating']",
            explanation="0.7 x 0.8 = 0.56, far above the 0.18 threshold for high.",
        ),
        Numeric(
            "ideas_for_6",
            answer=lambda: stagegate.ideas_needed(6, _rates()),
            rtol=0,
            atol=0.5,
            percent_hint=False,
            topic="stagegate.gate_decision",
            prompt="Ideas per year needed for 6 expected launches, at the pass rates of gate_history",
            hints=["Only a small share of ideas makes it through every gate: how small?",
                   "Share reaching launch = product of the gates' pass rates (passed / reviewed); ideas = launches / "
                   "that share.",
                   "pm.stagegate.ideas_needed(6, pm.stagegate.observed_pass_rates(history))."],
            solution="import pmlib as pm\nhistory = pm.datasets.load('gate_history')\n"
                     "ideas_for_6 = pm.stagegate.ideas_needed(6, pm.stagegate.observed_pass_rates(history))",
            explanation="Only about 7 % of ideas reach launch, so six launches need about 81 ideas a year.",
            misconceptions={"that divides by the average pass rate once; the ideas must pass every gate (a product).":
                            lambda: float(np.ceil(6 / float(_rates().mean())))},
        ),
        Numeric(
            "p80",
            answer=lambda: _sim().percentile(80),
            unit="k$",
            topic="risk.contingency",
            prompt="P80 of the register's total cost impact (Monte Carlo, n=10,000, seed=0), in k$",
            hints=["Simulate the whole register: in each iteration each risk occurs or not, with its probability.",
                   "P80 = the cost impact not exceeded in 80 % of the iterations.",
                   "pm.risk.monte_carlo(risks, n=10_000, seed=0).percentile(80)."],
            solution=_RISKS + "p80 = pm.risk.monte_carlo(risks, n=10_000, seed=0).percentile(80)",
            explanation="The EMV reserve covers the risks only about half the time; a P80 reserve is larger.",
            misconceptions={"that is the mean (the EMV reserve), covered only about half the time; P80 is the "
                            "80th percentile.": lambda: _sim().mean},
        ),
        Numeric(
            "option_value",
            answer=lambda: _staged().option_value,
            unit="k$",
            topic="risk.decision_tree",
            prompt="Value of the gates: stages cost 100 then 500 k$, pass with 0.5 then 0.6, payoff 2,400 k$. How "
                   "much is the right to stop after stage 1 worth?",
            hints=["Compare the project funded stage by stage (you may stop) with everything committed up front.",
                   "With gates: -100 + 0.5 x (-500 + 0.6 x 2,400); without: -600 + 0.5 x 0.6 x 2,400; the option "
                   "value is the difference.",
                   "pm.stagegate.staged_funding(costs, pass_probabilities, payoff) has value_with_gates, "
                   "value_without_gates and option_value."],
            solution="import pmlib as pm\n"
                     "option_value = pm.stagegate.staged_funding([100, 500], [0.5, 0.6], 2400).option_value",
            explanation="With gates 370 k$, without 120 k$: the gates are worth 250 k$ (half the time the 500 k$ is "
                        "never spent).",
            misconceptions={
                "that is the value with gates; the option is worth the difference with committing everything.":
                    lambda: _staged().value_with_gates,
                "that is the value without gates; the option is worth the difference.":
                    lambda: _staged().value_without_gates,
            },
        ),
        Numeric(
            "reserve_p12",
            answer=lambda: _reserve("P12"),
            unit="k$",
            topic="risk.contingency",
            prompt="Contingency reserve of P12 from the register, in k$. (Look at the sign.)",
            hints=["P12 has one threat and one opportunity: which side weighs more?",
                   "Reserve = sum of p x impact over threats minus the same over opportunities; it can be negative.",
                   "pm.risk.contingency_reserve(risks, by='project_id')['P12']."],
            solution=_RISKS + "reserve_p12 = pm.risk.contingency_reserve(risks, by='project_id')['P12']",
            explanation="0.3 x 90 - 0.5 x 70 = -8 k$: the opportunity's expected saving exceeds the threat's expected "
                        "cost. A negative reserve means the register expects P12 to come in under budget; keep the "
                        "threat's 27 k$ as reserve and work to make the opportunity happen.",
            misconceptions={
                "that adds the opportunity as if it were a cost; an opportunity's expected value is subtracted.":
                    lambda: float((_register("P12")["probability"] * _register("P12")["impact"]).sum()),
                "that leaves the opportunity out.":
                    lambda: _reserve("P12") + float(
                        (_register("P12").query("type == 'opportunity'")
                         .pipe(lambda r: r["probability"] * r["impact"])).sum()),
            },
        ),
    ],
)
EXERCISES.publish(globals())
