"""Exercises for notebooks/07_portfolio.ipynb (exercises/07_portfolio.ipynb): AHP, scoring,
RICE / WSJF, optimal vs greedy selection, capacity, zombies and the quarterly re-rank."""

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


def _projects():
    return datasets.load("projects")


def _candidates():
    p = _projects()
    return p[p["status"] == "candidate"].reset_index(drop=True)


def _ahp():
    return pf.ahp(pf.pairwise_matrix(datasets.load("ahp_judgements")))


def _weights():
    return datasets.load("strategic_objectives").set_index("id")["weight"]


def _bottom_by_score():
    s = pf.weighted_score(_candidates(), _weights(), scale=(0, 5))
    return str(s.idxmin())


def _optimal_5000():
    return pf.select(_candidates(), 5000, value="npv", cost="cost").selected


def _greedy_loss():
    c = _candidates()
    return pf.select(c, 5000).total_value - pf.greedy_select(c, 5000).total_value


def _shortfall():
    cap = pf.capacity_check(datasets.load("staff_demand"), datasets.load("resources"), year=2027)
    return float(cap.loc[(2027, "data_scientist"), "shortfall_share"])


def _zombies():
    return pf.zombies(_projects(), datasets.load("status_periods"), weights=_weights())


def _zombie_ids():
    z = _zombies()
    return list(z.index[z["zombie"]])


def _freed():
    return float(_zombies()["freed"].sum())


EXERCISES = ExerciseSet(
    "Portfolio: are we doing the right projects?",
    [
        Numeric(
            "w_digital",
            answer=lambda: float(_ahp().weights["digital_revenue"]),
            rtol=2e-3,
            prompt="AHP weight of digital_revenue from the three executives' judgements (a fraction)",
            hints=["Combine the executives with pm.portfolio.pairwise_matrix(judgements) (geometric mean).",
                   "Then pm.portfolio.ahp(matrix).weights['digital_revenue']."],
            solution="w_digital = pm.portfolio.ahp(pm.portfolio.pairwise_matrix(judgements)).weights['digital_revenue']",
            explanation="The principal eigenvector of the group matrix: about 41 % of the decision rests on digital revenue.",
        ),
        Numeric(
            "cr_bad",
            answer=lambda: pf.ahp(INCONSISTENT).cr,
            rtol=2e-3,
            percent_hint=False,
            prompt="Consistency ratio of the matrix `inconsistent` (3 x 3)",
            hints=["CR = CI / RI with CI = (lambda_max - n) / (n - 1) and RI = 0.58 for n = 3.",
                   "pm.portfolio.ahp(inconsistent).cr"],
            solution="cr_bad = pm.portfolio.ahp(inconsistent).cr",
            explanation="Far above Saaty's 0.10: digital > cost and cost > experience, yet experience > digital. "
                        "Send the judgements back to the executive.",
        ),
        Choice(
            "last_candidate",
            answer=_bottom_by_score,
            choices=["P07", "P11", "P13", "P16", "P22", "P24"],
            why={"P16": "PCI compliance scores low on growth but 5 on risk and compliance: it is not last "
                        "(and it is a must-fund anyway).",
                 "P11": "Warehouse automation scores 5 on cost efficiency, the second-heaviest objective.",
                 "P24": "The voice assistant serves digital revenue, the heaviest objective."},
            prompt="Which candidate has the LOWEST strategic score with the approved weights?",
            hints=["pm.portfolio.weighted_score(candidates, weights, scale=(0, 5)) with "
                   "weights = objectives.set_index('id')['weight'].", "Then .idxmin()."],
            solution="last_candidate = pm.portfolio.weighted_score(candidates, objectives.set_index('id')['weight'], "
                     "scale=(0, 5)).idxmin()",
            explanation="Store renovations barely serve a digital-revenue strategy: e-commerce work ranks above them.",
        ),
        Numeric(
            "rice_score",
            answer=lambda: pf.rice(1200, 2, 0.8, 4),
            prompt="RICE score of 'saved rooms': reach 1,200 customers a quarter, impact 2 (high), "
                   "confidence 80 %, effort 4 person-months",
            hints=["RICE = reach x impact x confidence / effort; confidence as a fraction.",
                   "pm.portfolio.rice(1200, 2, 0.8, 4)"],
            solution="rice_score = pm.portfolio.rice(1200, 2, 0.8, 4)",
            explanation="480 customer-impact points per person-month.",
        ),
        Numeric(
            "wsjf_score",
            answer=lambda: pf.wsjf(8, 13, 5, 5),
            prompt="WSJF of a feature with business value 8, time criticality 13, risk reduction 5, job size 5",
            hints=["Cost of delay = business value + time criticality + risk reduction.",
                   "WSJF = cost of delay / job size: pm.portfolio.wsjf(8, 13, 5, 5)"],
            solution="wsjf_score = pm.portfolio.wsjf(8, 13, 5, 5)",
            explanation="26 / 5 = 5.2: a lot of cost of delay for a small job, so it goes early.",
        ),
        Items(
            "optimal_5000",
            answer=_optimal_5000,
            prompt="Ids of the candidates the optimal selection funds with 5,000 k$, maximising NPV (money only)",
            hints=["pm.portfolio.select(candidates, 5000, value='npv', cost='cost')",
                   "The answer is the result's .selected list."],
            solution="optimal_5000 = pm.portfolio.select(candidates, 5000, value='npv', cost='cost').selected",
            explanation="The integer programme looks at combinations, not at one project at a time.",
        ),
        Numeric(
            "greedy_loss",
            answer=_greedy_loss,
            rtol=1e-3,
            unit="k$",
            percent_hint=False,
            prompt="How much NPV (k$) does 'rank by NPV and fund until the money runs out' lose against the "
                   "optimum at 5,000 k$?",
            hints=["pm.portfolio.greedy_select(candidates, 5000) is the ranking approach.",
                   "Subtract its total_value from the optimal selection's total_value."],
            solution="greedy_loss = (pm.portfolio.select(candidates, 5000).total_value\n"
                     "               - pm.portfolio.greedy_select(candidates, 5000).total_value)",
            explanation="The ranking funds the biggest NPV first and then runs out of money with budget left "
                        "over; the optimum fills the budget with a better combination.",
        ),
        Numeric(
            "ds_shortfall",
            answer=_shortfall,
            rtol=1e-3,
            prompt="Share of 2027 data-scientist demand that the organisation cannot staff (a fraction)",
            hints=["pm.portfolio.capacity_check(staff_demand, resources, year=2027)",
                   "Read the shortfall_share of the row (2027, 'data_scientist')."],
            solution="ds_shortfall = pm.portfolio.capacity_check(staff_demand, resources, year=2027)"
                     ".loc[(2027, 'data_scientist'), 'shortfall_share']",
            explanation="5 FTE wanted, 4 available: short by a fifth. That is a portfolio decision (hire, "
                        "defer, or drop a project), not a project manager's assignment.",
        ),
        Items(
            "zombie_ids",
            answer=_zombie_ids,
            prompt="Ids of the zombie projects (in flight, with at least two of: low fit, poor CPI/SPI, "
                   "negative forecast value)",
            hints=["pm.portfolio.zombies(projects, status, weights=objectives.set_index('id')['weight'])",
                   "Keep the index of the rows where the `zombie` column is True."],
            solution="z = pm.portfolio.zombies(projects, status, weights=objectives.set_index('id')['weight'])\n"
                     "zombie_ids = list(z.index[z['zombie']])",
            explanation="They keep consuming money although they no longer serve the strategy or the business case.",
        ),
        Numeric(
            "freed",
            answer=_freed,
            rtol=1e-3,
            unit="k$",
            percent_hint=False,
            prompt="Money (k$) that stopping every zombie frees: the sum of their ETC = EAC - AC",
            hints=["The zombies() table has a `freed` column (the ETC of zombies, 0 otherwise).",
                   "Sum it: z['freed'].sum()"],
            solution="z = pm.portfolio.zombies(projects, status, weights=objectives.set_index('id')['weight'])\n"
                     "freed = z['freed'].sum()",
            explanation="Money already spent (AC) is sunk: only what they would still cost is freed.",
        ),
        Choice(
            "who_decides",
            answer="portfolio review",
            choices=["portfolio review", "change request", "project manager"],
            why={"change request": "A change request changes one project against its fixed baseline; a change of "
                                   "strategy weights re-ranks every component.",
                 "project manager": "A project manager delivers one project; re-ranking the portfolio is the "
                                    "executives' decision."},
            prompt="The board moves weight from digital revenue to cost efficiency. Which process re-ranks "
                   "the candidates?",
            hints=["Which level of management owns the question 'are we doing the right projects'?"],
            solution="who_decides = 'portfolio review'",
            explanation="Portfolios are re-ranked periodically (for example quarterly) when strategy changes; "
                        "projects handle change through change control against a baseline.",
        ),
    ],
)
EXERCISES.publish(globals())
