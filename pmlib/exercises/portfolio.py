"""Exercises for notebooks/07_portfolio.ipynb (exercises/07_portfolio.ipynb): AHP, scoring,
RICE / WSJF, optimal vs greedy selection, capacity, zombies and the quarterly re-rank.

Every expected answer, and every named mistake, is computed through :mod:`pmlib.portfolio`.
Solutions are self-contained: each loads what it needs.
"""

from __future__ import annotations

import numpy as np

from .. import datasets
from .. import portfolio as pf
from . import Choice, ExerciseSet, Items, Numeric

#: A single executive's judgements (digital revenue, cost efficiency, customer experience) that
#: contradict each other: used by question 2.
INCONSISTENT = np.array([[1, 3, 1 / 2],
                         [1 / 3, 1, 4],
                         [2, 1 / 4, 1]])

_LOAD = ("projects = pm.datasets.load('projects')\n"
         "candidates = projects[projects['status'] == 'candidate']\n")
_WEIGHTS = "weights = pm.datasets.load('strategic_objectives').set_index('id')['weight']\n"
_ZOMBIES = (_WEIGHTS + "z = pm.portfolio.zombies(pm.datasets.load('projects'), pm.datasets.load('status_periods'), "
            "weights=weights)\n")


def _candidates():
    p = datasets.load("projects")
    return p[p["status"] == "candidate"].reset_index(drop=True)


def _judgements():
    return datasets.load("ahp_judgements")


def _weights():
    return datasets.load("strategic_objectives").set_index("id")["weight"]


def _capacity():
    return pf.capacity_check(datasets.load("staff_demand"), datasets.load("resources"), year=2027).loc[
        (2027, "data_scientist")]


def _zombies():
    z = pf.zombies(datasets.load("projects"), datasets.load("status_periods"), weights=_weights())
    return z[z["zombie"]]


def shortfall_question(prompt: str) -> Numeric:
    """The data-scientist shortfall of 2027 (asked in lessons 01 and 07): resource optimisation."""
    return Numeric(
        "ds_shortfall",
        answer=lambda: float(_capacity()["shortfall_share"]),
        rtol=1e-3,
        unit="fraction of demand",
        topic="portfolio.selection",
        misconceptions={
            "that divides the gap by the capacity; the share is of the demand":
                lambda: float(_capacity()["gap"] / _capacity()["capacity"]),
            "that is the gap in FTE; the question asks for a share of the demand": lambda: float(_capacity()["gap"]),
        },
        prompt=prompt,
        hints=["Add up what every candidate needs of the skill in 2027 and what the people can give.",
               "shortfall share = (demand - capacity) / demand, when demand exceeds capacity.",
               "pm.portfolio.capacity_check(staff_demand, resources, year=2027) is indexed by (year, skill)."],
        solution="cap = pm.portfolio.capacity_check(pm.datasets.load('staff_demand'), pm.datasets.load('resources'), "
                 "year=2027)\nds_shortfall = cap.loc[(2027, 'data_scientist'), 'shortfall_share']",
        explanation="5 FTE wanted, 4 available: short by a fifth. That is a portfolio decision (hire, train, "
                    "defer or drop a project: resource optimisation), not a project manager's assignment.",
    )


EXERCISES = ExerciseSet(
    "Portfolio: are we doing the right projects?",
    [
        Numeric(
            "w_digital",
            answer=lambda: float(pf.ahp(pf.pairwise_matrix(_judgements())).weights["digital_revenue"]),
            rtol=2e-3,
            topic="portfolio.ahp",
            misconceptions={
                "that is the average of the three executives' own AHP weights; combine their judgements first "
                "(geometric mean of each pair), then take the eigenvector of the group matrix":
                    lambda: float(np.mean([pf.ahp(pf.pairwise_matrix(g)).weights["digital_revenue"]
                                           for _, g in _judgements().groupby("executive")])),
                "that is the approved weight of strategic_objectives.csv; the question asks what the executives' "
                "pairwise judgements give": lambda: float(_weights()["digital_revenue"]),
            },
            prompt="AHP weight of digital_revenue from the three executives' judgements (a fraction)",
            hints=["Several judges compare the same pairs: combine them into one group matrix first, then "
                   "derive the weights from that matrix.",
                   "Group judgement of a pair = geometric mean of the judges' values; the weights w solve "
                   "A w = lambda_max w (principal eigenvector), scaled to sum to 1.",
                   "pm.portfolio.pairwise_matrix builds the group matrix from the `judgements` table; "
                   "pm.portfolio.ahp returns an object whose .weights is a Series by objective."],
            solution="judgements = pm.datasets.load('ahp_judgements')\n"
                     "w_digital = pm.portfolio.ahp(pm.portfolio.pairwise_matrix(judgements)).weights['digital_revenue']",
            explanation="The principal eigenvector of the group matrix: about 41 % of the decision rests on digital "
                        "revenue.",
        ),
        Numeric(
            "cr_bad",
            answer=lambda: pf.ahp(INCONSISTENT).cr,
            rtol=2e-3,
            percent_hint=False,
            topic="portfolio.ahp",
            misconceptions={
                "that is the consistency index CI; the ratio CR divides it by Saaty's random index (0.58 for n = 3)":
                    lambda: pf.ahp(INCONSISTENT).ci,
                "that divides CI by the random index of n = 4 (0.90); this matrix has n = 3 (RI 0.58)":
                    lambda: pf.ahp(INCONSISTENT).ci / pf.RANDOM_INDEX[4],
            },
            prompt="Consistency ratio of the matrix `inconsistent` (3 x 3)",
            hints=["A consistent judge who says A = 3 B and B = 4 C also says A = 12 C; the further lambda_max "
                   "is above n, the less consistent the judgements.",
                   "CI = (lambda_max - n) / (n - 1), then CR = CI / RI with Saaty's random index RI.",
                   "n = 3 here, so RI = 0.58; pm.portfolio.ahp(...) reports lambda_max, ci and cr."],
            solution="from pmlib.exercises.portfolio import INCONSISTENT\n"
                     "cr_bad = pm.portfolio.ahp(INCONSISTENT).cr",
            explanation="Far above Saaty's 0.10: digital > cost and cost > experience, yet experience > digital. "
                        "Send the judgements back to the executive.",
        ),
        Choice(
            "last_candidate",
            answer=lambda: str(pf.weighted_score(_candidates(), _weights(), scale=(0, 5)).idxmin()),
            choices=["P07", "P11", "P13", "P16", "P22", "P24"],
            topic="portfolio.weighted_score",
            why={"P16": "PCI compliance scores low on growth but 5 on risk and compliance: it is not last "
                        "(and it is a must-fund anyway).",
                 "P11": "Warehouse automation scores 5 on cost efficiency, the second-heaviest objective.",
                 "P24": "The voice assistant serves digital revenue, the heaviest objective."},
            prompt="Which candidate has the LOWEST strategic score with the approved weights?",
            hints=["Score each candidate against every objective, weight the objectives, add up.",
                   "score = sum over objectives of weight x fit / 5 (the fit columns are on a 0-5 scale).",
                   "pm.portfolio.weighted_score(candidates, weights, scale=(0, 5)) gives a Series by id; which "
                   "id holds its minimum?"],
            solution=_LOAD + _WEIGHTS
            + "last_candidate = pm.portfolio.weighted_score(candidates, weights, scale=(0, 5)).idxmin()",
            explanation="Store renovations barely serve a digital-revenue strategy: e-commerce work ranks above them.",
        ),
        Numeric(
            "rice_score",
            answer=lambda: pf.rice(1200, 2, 0.8, 4),
            topic="portfolio.rice",
            misconceptions={
                "confidence went in as 80 (a percentage); use the fraction 0.8": lambda: pf.rice(1200, 2, 0.8, 4) * 100,
                "effort is missing: RICE divides reach x impact x confidence by the effort (4 person-months)":
                    lambda: pf.rice(1200, 2, 0.8, 1),
                "that multiplies by the effort; RICE divides by it": lambda: pf.rice(1200, 2, 0.8, 1) * 4,
            },
            prompt="RICE score of 'saved rooms': reach 1,200 customers a quarter, impact 2 (high), "
                   "confidence 80 %, effort 4 person-months",
            hints=["RICE rewards ideas that reach many people with a big effect we are sure of, for little effort.",
                   "RICE = reach x impact x confidence / effort, with confidence as a fraction.",
                   "Here: 1,200 x 2 x 0.8 / 4."],
            solution="rice_score = pm.portfolio.rice(1200, 2, 0.8, 4)",
            explanation="480 customer-impact points per person-month.",
        ),
        Numeric(
            "wsjf_score",
            answer=lambda: pf.wsjf(8, 13, 5, 5),
            topic="portfolio.wsjf",
            misconceptions={
                "that is the cost of delay; WSJF divides it by the job size": lambda: pf.cost_of_delay(8, 13, 5),
                "only the business value was divided by the job size; the cost of delay adds time criticality and "
                "risk reduction": lambda: pf.wsjf(8, 0, 0, 5),
            },
            prompt="WSJF of a feature with business value 8, time criticality 13, risk reduction 5, job size 5",
            hints=["Do first the job that returns the most cost of delay per unit of capacity it uses.",
                   "Cost of delay = business value + time criticality + risk reduction; WSJF = cost of delay / "
                   "job size.",
                   "Here: (8 + 13 + 5) / 5."],
            solution="wsjf_score = pm.portfolio.wsjf(8, 13, 5, 5)",
            explanation="26 / 5 = 5.2: a lot of cost of delay for a small job, so it goes early.",
        ),
        Items(
            "optimal_5000",
            answer=lambda: pf.select(_candidates(), 5000, value="npv", cost="cost").selected,
            topic="portfolio.selection",
            prompt="Ids of the candidates the optimal selection funds with 5,000 k$, maximising NPV (money only)",
            hints=["The best set is not the top of a list: look at combinations that fit the money.",
                   "Maximise the sum of NPV over funded projects, subject to their total cost <= 5,000 k$ "
                   "(a 0/1 knapsack).",
                   "pm.portfolio.select(candidates, budget, value='npv', cost='cost') solves it; read .selected."],
            solution=_LOAD + "optimal_5000 = pm.portfolio.select(candidates, 5000, value='npv', cost='cost').selected",
            explanation="The integer programme looks at combinations, not at one project at a time.",
        ),
        Numeric(
            "greedy_loss",
            answer=lambda: pf.select(_candidates(), 5000).total_value - pf.greedy_select(_candidates(), 5000).total_value,
            rtol=1e-3,
            unit="k$",
            percent_hint=False,
            topic="portfolio.selection",
            misconceptions={
                "that is the optimum's total NPV; the question asks how much less the ranking gets":
                    lambda: pf.select(_candidates(), 5000).total_value,
                "that is the ranking's total NPV; subtract it from the optimum's":
                    lambda: pf.greedy_select(_candidates(), 5000).total_value,
            },
            prompt="How much NPV (k$) does 'rank by NPV and fund until the money runs out' lose against the "
                   "optimum at 5,000 k$?",
            hints=["Run both approaches on the same candidates and budget, then compare what they deliver.",
                   "loss = total NPV of the optimal set - total NPV of the ranked-and-funded set.",
                   "pm.portfolio.greedy_select is the ranking approach; both results have a total_value."],
            solution=_LOAD + "greedy_loss = (pm.portfolio.select(candidates, 5000).total_value\n"
                             "               - pm.portfolio.greedy_select(candidates, 5000).total_value)",
            explanation="The ranking funds the biggest NPV first and then runs out of money with budget left "
                        "over; the optimum fills the budget with a better combination.",
        ),
        shortfall_question("Share of 2027 data-scientist demand that the organisation cannot staff (a fraction)"),
        Items(
            "zombie_ids",
            answer=lambda: list(_zombies().index),
            prompt="Ids of the zombie projects (in flight, with at least two of: low fit, poor CPI or SPI(t), "
                   "negative forecast value)",
            hints=["A zombie keeps spending while it no longer serves the strategy or its business case.",
                   "Three flags per in-flight project: alignment < 0.3, CPI or SPI(t) < 0.9, NPV + VAC < 0; "
                   "two or more make a zombie.",
                   "pm.portfolio.zombies(projects, status, weights=...) has a boolean `zombie` column."],
            solution=_ZOMBIES + "zombie_ids = list(z.index[z['zombie']])",
            explanation="They keep consuming money although they no longer serve the strategy or the business case.",
        ),
        Numeric(
            "freed",
            answer=lambda: float(_zombies()["freed"].sum()),
            rtol=1e-3,
            unit="k$",
            percent_hint=False,
            topic="finance.sunk_cost",
            misconceptions={
                "that counts the money already spent (AC), which is sunk: only the estimate to complete is freed":
                    lambda: float(_zombies()["eac"].sum()),
                "that is the remaining budget BAC - AC; stopping frees what they would still cost, ETC = EAC - AC":
                    lambda: float(_zombies()["remaining_budget"].sum()),
            },
            prompt="Money (k$) that stopping every zombie frees: the sum of their ETC = EAC - AC",
            hints=["What has been spent is gone whatever you decide; stopping saves only what is still to come.",
                   "ETC = EAC - AC, with EAC = BAC / CPI (the money the project would still consume).",
                   "The zombies() table has `etc` and `freed` columns (freed = the ETC of zombies, 0 otherwise)."],
            solution=_ZOMBIES + "freed = z['freed'].sum()",
            explanation="Money already spent (AC) is sunk: only what they would still cost is freed.",
        ),
        Choice(
            "who_decides",
            answer="portfolio review",
            choices=["portfolio review", "change request", "project manager"],
            topic="levels.which_level",
            why={"change request": "A change request changes one project against its fixed baseline; a change of "
                                   "strategy weights re-ranks every component.",
                 "project manager": "A project manager delivers one project; re-ranking the portfolio is the "
                                    "executives' decision."},
            prompt="The board moves weight from digital revenue to cost efficiency. Which process re-ranks "
                   "the candidates?",
            hints=["Which level of management owns the question 'are we doing the right projects'?",
                   "Strategy weights apply to every candidate at once, not to one project's baseline."],
            solution="who_decides = 'portfolio review'",
            explanation="Portfolios are re-ranked periodically (for example quarterly) when strategy changes; "
                        "projects handle change through change control against a baseline.",
        ),
    ],
)
EXERCISES.publish(globals())

__all__ += ["INCONSISTENT"]  # noqa: F821 (publish defines __all__)
