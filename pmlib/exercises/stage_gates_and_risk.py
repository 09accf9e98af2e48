"""Questions for exercises/05_stage_gates_and_risk.ipynb: gates, ECV, funnel, EMV, decision trees, reserves.

The notebook defines ``pipeline``, ``risks``, ``history`` and ``model`` (Cooper's gates) first;
answers are computed here through pmlib from the same data.
"""

from __future__ import annotations

from .. import datasets, risk, stagegate
from . import Choice, ExerciseSet, Items, Numeric


def _pipeline():
    return datasets.load("pipeline")


def _row(idea):
    return _pipeline().set_index("id").loc[idea]


def _ecv_n06():
    r = _row("N06")
    return stagegate.ecv(npv=r["npv"], p_commercial=r["p_commercial"], p_technical=r["p_technical"],
                         launch_cost=r["launch_cost"], development_cost=r["development_cost"])


def _decisions():
    return stagegate.evaluate_pipeline(_pipeline(), stagegate.cooper_model())


def _pi_n11():
    r = _row("N11")
    e = stagegate.ecv(r["npv"], r["p_commercial"], r["p_technical"], r["launch_cost"], r["development_cost"])
    return stagegate.productivity_index(e, r["development_cost"])


def _funded_go():
    p = _pipeline()
    d = _decisions()
    go = p[p["id"].isin(d.index[d["decision"] == "Go"])]
    r = stagegate.rank_by_ecv(go, budget=2000)
    return r.index[r["funded"]].tolist()


def _plant_tree(p_strong):
    def demand(strong, weak):
        return {"chance": {"strong": {"p": p_strong, "payoff": strong},
                           "weak": {"p": round(1 - p_strong, 10), "payoff": weak}}}

    return {"decision": {"build": {"cost": 120, **demand(200, 90)}, "upgrade": {"cost": 50, **demand(120, 60)}}}


def _reserve_p06():
    return float(risk.contingency_reserve(datasets.load("risks"), by="project_id")["P06"])


def _ideas_for_6():
    return stagegate.ideas_needed(6, stagegate.observed_pass_rates(datasets.load("gate_history")))


def _p80():
    return risk.monte_carlo(datasets.load("risks"), n=10_000, seed=0).percentile(80)


def _rating_rk10():
    r = risk.rate_risks(datasets.load("risks")).set_index("id")
    return str(r.loc["RK10", "rating"])


def _option_value():
    return stagegate.staged_funding([100, 500], [0.5, 0.6], 2000).option_value


EXERCISES = ExerciseSet(
    "Stage gates and risk",
    [
        Numeric(
            "ecv_n06",
            answer=_ecv_n06,
            unit="k$",
            prompt="Expected commercial value of N06 (personalisation engine), in k$",
            hints=["Cooper: ECV = ((NPV x Pcs - C) x Pts) - D. Find N06's row in `pipeline`.",
                   "pm.stagegate.ecv(npv=..., p_commercial=..., p_technical=..., launch_cost=..., development_cost=...)"],
            solution=("n06 = pipeline.set_index('id').loc['N06']\n"
                      "ecv_n06 = pm.stagegate.ecv(npv=n06.npv, p_commercial=n06.p_commercial, "
                      "p_technical=n06.p_technical,\n"
                      "                           launch_cost=n06.launch_cost, development_cost=n06.development_cost)"),
            explanation="((3,100 x 0.75 - 200) x 0.8) - 700 = 1,000 k$: less than half the 2,200 k$ the "
                        "business case promises if everything works.",
        ),
        Choice(
            "decision_n08",
            answer=lambda: _decisions().loc["N08", "decision"],
            choices=["Go", "Kill", "Hold", "Recycle"],
            why={"Go": "Its weighted score is below the pass mark, and one criterion is a weak spot.",
                 "Kill": "No knock-out failed and its score is above the kill mark: it deserves a second try.",
                 "Hold": "Hold is for projects that pass but cannot be resourced now; N08 does not pass."},
            prompt="Gate 3 decision for N08 (loyalty programme relaunch)",
            hints=["Look at its score against the pass mark 6 and the kill mark 4, and at its lowest criterion.",
                   "pm.stagegate.evaluate_pipeline(pipeline, model).loc['N08']"],
            solution="decision_n08 = pm.stagegate.evaluate_pipeline(pipeline, model).loc['N08', 'decision']",
            explanation="Score 5.40 sits between the kill mark and the pass mark, and financial reward scored 2: "
                        "recycle (rework the business case and come back).",
        ),
        Items(
            "killed",
            answer=lambda: _decisions().index[_decisions()["decision"] == "Kill"].tolist(),
            prompt="Ids of the pipeline projects killed at their current gate",
            hints=["Evaluate every project at the gate it stands at, then keep the Kill decisions.",
                   "d = pm.stagegate.evaluate_pipeline(pipeline, model); d.index[d['decision'] == 'Kill']"],
            solution=("d = pm.stagegate.evaluate_pipeline(pipeline, model)\n"
                      "killed = d.index[d['decision'] == 'Kill'].tolist()"),
            explanation="Three fail a knock-out (N10 business case, N12 strategy, N15 show-stopper) and one "
                        "scores below the kill mark (N05): a single 'no' on a must-meet criterion is enough.",
        ),
        Numeric(
            "pi_n11",
            answer=_pi_n11,
            prompt="Cooper's productivity index (ECV / D) of N11 (same-day delivery)",
            hints=["First compute N11's ECV, then divide by its remaining development cost D.",
                   "pm.stagegate.productivity_index(ecv, development_cost)"],
            solution=("n11 = pipeline.set_index('id').loc['N11']\n"
                      "ecv_n11 = pm.stagegate.ecv(n11.npv, n11.p_commercial, n11.p_technical, n11.launch_cost, "
                      "n11.development_cost)\n"
                      "pi_n11 = pm.stagegate.productivity_index(ecv_n11, n11.development_cost)"),
            explanation="999 / 450 = 2.22 k$ of expected value per k$ of development still to spend.",
        ),
        Items(
            "funded",
            answer=_funded_go,
            prompt="With 2,000 k$ of development money, which projects with a Go get funded (Cooper's ECV/D line)?",
            hints=["Only projects with a Go compete for the budget. Keep those rows of `pipeline`.",
                   "pm.stagegate.rank_by_ecv(go_projects, budget=2000) marks the funded ones in its 'funded' column."],
            solution=("d = pm.stagegate.evaluate_pipeline(pipeline, model)\n"
                      "go_projects = pipeline[pipeline['id'].isin(d.index[d['decision'] == 'Go'])]\n"
                      "r = pm.stagegate.rank_by_ecv(go_projects, budget=2000)\n"
                      "funded = r.index[r['funded']].tolist()"),
            explanation="Ranking by ECV per k$ of development gets the most expected value out of a scarce budget; "
                        "the line falls where the next project no longer fits.",
        ),
        Numeric(
            "emv_decision",
            answer=lambda: risk.decision_tree(_plant_tree(0.65)).value,
            unit="M$",
            prompt="PMBOK plant decision with strong demand at 65 %: the EMV of the decision, in M$",
            hints=["Roll back: each chance node is 0.65 x strong + 0.35 x weak, minus the investment; "
                   "the decision takes the larger.",
                   "Build the nested dict like the lesson's tree and call pm.risk.decision_tree(tree).value"],
            solution=("demand = lambda strong, weak: {'chance': {'strong': {'p': 0.65, 'payoff': strong},\n"
                      "                                          'weak': {'p': 0.35, 'payoff': weak}}}\n"
                      "tree = {'decision': {'build': {'cost': 120, **demand(200, 90)},\n"
                      "                     'upgrade': {'cost': 50, **demand(120, 60)}}}\n"
                      "emv_decision = pm.risk.decision_tree(tree).value"),
            explanation="Build: 0.65 x 80 + 0.35 x (-30) = 41.5; upgrade: 0.65 x 70 + 0.35 x 10 = 49. Upgrade, 49 M$.",
        ),
        Numeric(
            "reserve_p06",
            answer=_reserve_p06,
            unit="k$",
            prompt="Contingency reserve of P06 (e-commerce replatform) from the risk register, in k$",
            hints=["Reserve = sum of p x impact over threats minus the same over opportunities.",
                   "pm.risk.contingency_reserve(risks, by='project_id')"],
            solution="reserve_p06 = pm.risk.contingency_reserve(risks, by='project_id')['P06']",
            explanation="0.55 x 350 + 0.4 x 120 + 0.3 x 200 = 300.5 k$ (three threats, no opportunity).",
        ),
        Choice(
            "rating_rk10",
            answer=_rating_rk10,
            choices=["low", "moderate", "high"],
            prompt="Rating of RK10 (cloud migration slips) on the probability-impact matrix",
            hints=["Probability 0.6 goes to the 0.7 level; 220 k$ is 'very high' (0.8) on Alderbrook's impact scale.",
                   "pm.risk.rate_risks(risks).set_index('id').loc['RK10', 'rating']"],
            solution="rating_rk10 = pm.risk.rate_risks(risks).set_index('id').loc['RK10', 'rating']",
            explanation="0.7 x 0.8 = 0.56, far above the 0.18 threshold for high.",
        ),
        Numeric(
            "ideas_for_6",
            answer=_ideas_for_6,
            rtol=0,
            atol=0.5,
            percent_hint=False,
            prompt="Ideas per year needed for 6 expected launches, at the pass rates of gate_history",
            hints=["Pass rate of a gate = passed / reviewed over the years; ideas = launches / product of the rates.",
                   "pm.stagegate.ideas_needed(6, pm.stagegate.observed_pass_rates(history))"],
            solution="ideas_for_6 = pm.stagegate.ideas_needed(6, pm.stagegate.observed_pass_rates(history))",
            explanation="Only about 7 % of ideas reach launch, so six launches need about 81 ideas a year.",
        ),
        Numeric(
            "p80",
            answer=_p80,
            unit="k$",
            prompt="P80 of the register's total cost impact (Monte Carlo, n=10,000, seed=0), in k$",
            hints=["Simulate the whole register: each risk occurs with its probability.",
                   "pm.risk.monte_carlo(risks, n=10_000, seed=0).percentile(80)"],
            solution="p80 = pm.risk.monte_carlo(risks, n=10_000, seed=0).percentile(80)",
            explanation="The EMV reserve covers the risks only about half the time; a P80 reserve is larger.",
        ),
        Numeric(
            "option_value",
            answer=_option_value,
            unit="k$",
            prompt="Value of the gates: stages cost 100 then 500 k$, pass with 0.5 then 0.6, payoff 2,000 k$",
            hints=["With gates the 500 k$ is spent only if stage 1 passes; without gates both are spent up front.",
                   "pm.stagegate.staged_funding([100, 500], [0.5, 0.6], 2000).option_value"],
            solution="option_value = pm.stagegate.staged_funding([100, 500], [0.5, 0.6], 2000).option_value",
            explanation="With gates: -100 + 0.5 x (-500 + 0.6 x 2000) = 250; without: -600 + 0.3 x 2000 = 0; "
                        "the gates are worth 250 k$ (0.5 x 500 not spent).",
        ),
    ],
)
EXERCISES.publish(globals())
