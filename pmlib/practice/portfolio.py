"""Practice topics of portfolio management: scoring, AHP, RICE, WSJF, selection (lesson 07).

Answers come from :mod:`pmlib.portfolio`: :func:`~pmlib.portfolio.weighted_score`,
:func:`~pmlib.portfolio.ahp` (Saaty's eigenvector and consistency ratio),
:func:`~pmlib.portfolio.rice`, :func:`~pmlib.portfolio.wsjf`,
:func:`~pmlib.portfolio.efficient_frontier` (the exact best selection within a budget) and
:func:`~pmlib.portfolio.greedy_select` (the ranking shortcut that misses it).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import portfolio
from ._core import Draw, cap, choice, money, num, numeric, pct, topic

LESSON = "07_portfolio"

_CRITERIA = ("strategic fit", "financial return", "customer value", "feasibility", "risk reduction")
_WEIGHTS = {3: ((0.5, 0.3, 0.2), (0.4, 0.4, 0.2), (0.6, 0.25, 0.15), (0.45, 0.35, 0.2)),
            4: ((0.4, 0.3, 0.2, 0.1), (0.35, 0.25, 0.25, 0.15), (0.3, 0.3, 0.2, 0.2))}


def _names(draw: Draw, k: int) -> list[str]:
    names = draw.projects(k)
    return names if len(names) == k else [f"project {c}" for c in "ABCDE"[:k]]


def _ranking_distractors(score, rival, rival_why: str, alternative, alternative_why: str, low_why: str) -> dict:
    """The wrong options of a "which ranks first?" question, as {position: misconception}.

    ``score`` ranks correctly; ``rival`` is the measure a learner might use instead (its top is
    the first wrong option, and must differ from the best); ``alternative`` a second slip whose
    top, when distinct, is the second wrong option, else the lowest ``score`` (the ranking read
    upside down). Empty when the scores tie (such a table makes no question).
    """
    if len(set(np.round(score, 6))) < len(score) or len(set(np.round(rival, 6))) < len(rival):
        return {}
    best, rival_top = int(np.argmax(score)), int(np.argmax(rival))
    if rival_top == best:
        return {}
    out = {rival_top: rival_why}
    alt_top, low = int(np.argmax(alternative)), int(np.argmin(score))
    if len(set(alternative)) == len(alternative) and alt_top not in (best, rival_top):
        out[alt_top] = alternative_why
    elif low not in (best, rival_top):
        out[low] = low_why
    return out


@topic("portfolio.weighted_score", title="Weighted scoring model", exam="PfMP", eco="Business Environment",
       pmbok8="Governance", lesson=LESSON)
def weighted_score(draw: Draw, which: str | None = None):
    k = draw.integer(3, 4)
    criteria = draw.sample(_CRITERIA, k)
    w = dict(zip(criteria, draw.pick(_WEIGHTS[k]), strict=True))
    names = _names(draw, 3)
    heavy = max(w, key=w.get)
    # 400 candidate score tables scored at once (one pmlib call costs about the same for 3 or 1,200
    # rows); keep the first where the weights change the winner, so weighting matters in the question
    tries = 400
    block = draw.rng.integers(1, 6, size=(tries * 3, k)).astype(float)
    frame = pd.DataFrame(block, columns=criteria)  # rows labelled 0 .. 3 * tries - 1
    weighted = (5 * portfolio.weighted_score(frame, w, scale=(0, 5))).to_numpy().reshape(tries, 3)
    plain = (5 * portfolio.weighted_score(frame, dict.fromkeys(criteria, 1.0), scale=(0, 5))).to_numpy().reshape(tries, 3)
    heavy_col = block[:, criteria.index(heavy)].reshape(tries, 3)

    def distractors(t):
        return _ranking_distractors(
            weighted[t], plain[t], "ranking by the unweighted average: the weights decide",
            heavy_col[t], "ranking by the most heavily weighted criterion alone",
            "reading the ranking upside down: that is the lowest weighted score")

    t = next((t for t in range(tries) if len(distractors(t)) == 2), tries - 1)
    s = block[3 * t: 3 * t + 3]
    score = dict(zip(names, weighted[t], strict=True))
    equal = dict(zip(names, plain[t], strict=True))
    scores = {n: dict(zip(criteria, row.tolist(), strict=True)) for n, row in zip(names, s, strict=True)}
    table = "; ".join(f"{cap(n)}: " + ", ".join(f"{c} {int(v)}" for c, v in zip(criteria, row, strict=True))
                      for n, row in zip(names, s, strict=True))
    weights = ", ".join(f"{c} {pct(v, 0)}" for c, v in w.items())
    text = (f"{cap(draw.org())} scores candidate projects from 1 (poor) to 5 (excellent) on each criterion. Weights: "
            f"{weights}. Scores: {table}. ")
    lines = [f"{n}: " + " + ".join(f"{num(w[c], 2)} x {int(v)}" for c, v in zip(criteria, row, strict=True))
             + f" = {num(score[n], 2)}" for n, row in zip(names, s, strict=True)]
    how = "Weighted score = sum of weight x score:\n" + "\n".join(lines)
    data = {"weights": w, "scores": scores}
    if (which or draw.pick(["score", "rank"])) == "score":
        x = draw.pick(names)
        text += f"What is the weighted score of {x}, out of 5? Give two decimals."
        wrong = {
            "the unweighted average of the scores: the weights were left out": equal[x],
            "the weights used as whole percentages (50 instead of 0.5)": 100 * score[x],
            "the score on the most heavily weighted criterion alone": scores[x][heavy],
        }
        return numeric(text, score[x], how, unit="points", decimals=2, rtol=0.002, misconceptions=wrong, data=data,
                       fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw)
    text += "Which project ranks first?"
    best = max(score, key=score.get)
    wrong = {cap(names[i]): why for i, why in distractors(t).items()}
    return choice(draw, text, cap(best), wrong, how, data=data)


_SAATY = (1 / 5, 1 / 4, 1 / 3, 1 / 2, 2, 3, 4, 5, 7)


def _saaty_text(v: float) -> str:
    return str(int(round(v))) if v >= 1 else f"1/{int(round(1 / v))}"


def _matrix(upper: list[float], n: int) -> np.ndarray:
    m = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            m[i, j], m[j, i] = upper[k], 1 / upper[k]
            k += 1
    return m


@topic("portfolio.ahp", title="AHP priorities and consistency", exam="PfMP", eco="Business Environment",
       pmbok8="Governance", lesson=LESSON)
def ahp(draw: Draw, matrix=None, labels=None, which: str | None = None, item: str | None = None):
    which = which or ("weight" if matrix is not None or draw.chance(0.6) else "consistency")
    if matrix is None:
        n = 3 if which == "weight" else 4
        labels = draw.sample(_CRITERIA, n)
        for _ in range(60):
            upper = [draw.pick(_SAATY) for _ in range(n * (n - 1) // 2)]
            m = _matrix(upper, n)
            a = portfolio.ahp(m, labels=labels)
            if which == "weight" and a.cr <= 0.1:
                break
            if which == "consistency" and abs(a.cr - 0.1) > 0.03 and (a.cr > 0.1) == draw.chance(0.5):
                break
    else:
        m = np.asarray(matrix, dtype=float)
        labels = list(labels) if labels is not None else [f"criterion {i + 1}" for i in range(len(m))]
        a = portfolio.ahp(m, labels=labels)
    n = len(labels)
    pairs = "; ".join(f"{labels[i]} vs {labels[j]}: {_saaty_text(m[i, j])}" for i in range(n) for j in range(i + 1, n))
    text = (f"{cap(draw.org())} compares its selection criteria in pairs on Saaty's 1-9 scale (3 = moderately more "
            f"important, 1/3 = moderately less): {pairs}. ")
    if which == "weight":
        x = item if item is not None else draw.pick(labels)
        answer = float(a.weights[x])
        text += (f"Using the principal eigenvector (or its usual hand approximation), what is the priority weight of "
                 f"{x}? Give two decimals.")
        col = m / m.sum(axis=0)
        how = ("Normalise each column to sum to 1, then average each row (a close approximation of the principal "
               "eigenvector):\n" + "; ".join(f"{lab}: {num(v, 3)}" for lab, v in zip(labels, col.mean(axis=1), strict=True))
               + "\nEigenvector weights (pmlib): " + "; ".join(f"{lab} {num(v, 3)}" for lab, v in a.weights.items())
               + f". CR = {num(a.cr, 3)}.")
        i = labels.index(x)
        wrong = {
            "the first column normalised on its own: average all the normalised columns": col[i, 0],
            "the judgements read the wrong way round (row vs column swapped)": float(portfolio.ahp(m.T, labels=labels).weights[x]),
            "an equal share for every criterion (the judgements ignored)": 1 / n,
        }
        return numeric(text, answer, how, unit="weight", decimals=2, rtol=0.0, atol=0.01, misconceptions=wrong,
                       data={"matrix": m.tolist(), "labels": labels}, fmt=lambda v: num(v, 2),
                       as_choice=draw.chance(0.3), draw=draw)
    text += f"The consistency ratio (CR) of these judgements is {num(a.cr, 2)}. What should the team do?"
    redo = "Revisit the pairwise judgements: they are too inconsistent (CR above 0.10) for the weights to be trusted."
    use = "Use the weights: the judgements are consistent enough (CR at most 0.10)."
    if a.cr > 0.1:
        correct = redo
        wrong = {use: "reading the CR threshold the wrong way: above 0.10 is too inconsistent",
                 "Use the weights: a high CR means the judgements agree strongly.": "reading CR as agreement: it measures inconsistency",
                 "Add more criteria to the comparison to raise the consistency.": "adding criteria does not repair inconsistent judgements"}
    else:
        correct = use
        wrong = {redo: "reading the CR threshold the wrong way: at most 0.10 is acceptable (Saaty)",
                 "Revisit the judgements until the CR reaches 1.0.": "a CR of 0 is perfect consistency; 1.0 is random",
                 "Add more criteria to the comparison to raise the consistency.": "adding criteria does not change the consistency of these judgements"}
    how = (f"CI = (lambda_max - n) / (n - 1) = ({num(a.lambda_max, 3)} - {n}) / {n - 1} = {num(a.ci, 3)}; "
           f"CR = CI / RI = {num(a.ci, 3)} / {num(a.ri, 2)} = {num(a.cr, 3)}. Saaty accepts a CR up to 0.10.")
    return choice(draw, text, correct, wrong, how, data={"matrix": m.tolist(), "labels": labels, "cr": a.cr})


@topic("portfolio.rice", title="RICE score", exam="PMP", eco="Process", pmbok8="Scope", lesson=LESSON)
def rice(draw: Draw, reach: float | None = None, impact: float | None = None, conf: float | None = None,
         effort: float | None = None):
    reach = reach or float(draw.pick([200, 500, 800, 1200, 2000, 3500, 5000, 8000]))
    impact = impact or draw.pick([0.25, 0.5, 1.0, 2.0, 3.0])
    conf = conf or draw.pick([0.5, 0.8, 1.0])
    effort = effort or float(draw.integer(1, 8))
    answer = portfolio.rice(reach, impact, conf, effort)
    text = (f"A product team at {draw.org()} scores a feature for {draw.project()}: it will reach {reach:,.0f} customers "
            f"a quarter, impact {impact:g} (Intercom's scale: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal), "
            f"confidence {pct(conf, 0)}, effort {effort:g} person-months. What is its RICE score?")
    how = (f"RICE = reach x impact x confidence / effort = {reach:,.0f} x {impact:g} x {num(conf, 1)} / {effort:g} = "
           f"{num(answer, 1)}")
    wrong = {
        "confidence as a whole number (80 instead of 0.8)": 100 * answer,
        "effort multiplied instead of divided": answer * effort * effort,
        "effort left out": portfolio.rice(reach, impact, conf, 1.0),
    }
    return numeric(text, answer, how, unit="points", decimals=1, rtol=0.002, misconceptions=wrong,
                   data={"reach": reach, "impact": impact, "confidence": conf, "effort": effort},
                   fmt=lambda v: num(v, 1), as_choice=draw.chance(0.3), draw=draw)


_FIB = (1, 2, 3, 5, 8, 13, 20)


@topic("portfolio.wsjf", title="Weighted shortest job first (WSJF)", exam="PMP", eco="Process", pmbok8="Scope",
       lesson=LESSON)
def wsjf(draw: Draw, which: str | None = None):
    names = [f"feature {c}" for c in "ABC"]
    tries = 30
    fib = np.array(_FIB, dtype=float)
    bv, tc, rr, size = (fib[draw.rng.integers(0, len(fib), size=tries * 3)] for _ in range(4))
    score = portfolio.wsjf(bv, tc, rr, size).reshape(tries, 3)  # all candidates at once
    cod = portfolio.cost_of_delay(bv, tc, rr).reshape(tries, 3)
    bv, tc, rr, size = (x.reshape(tries, 3) for x in (bv, tc, rr, size))
    def distractors(t):
        return _ranking_distractors(
            score[t], cod[t], "the highest cost of delay alone: divide it by the job size",
            -size[t], "the smallest job alone: WSJF weighs the cost of delay too",
            "job size / cost of delay: that ranks the features upside down")

    t = next((t for t in range(tries) if len(distractors(t)) == 2), tries - 1)
    found = distractors(t)
    bv, tc, rr, size, score, cod = bv[t], tc[t], rr[t], size[t], score[t], cod[t]
    rows = [tuple(int(v) for v in r) for r in zip(bv, tc, rr, size, strict=True)]
    listing = "; ".join(f"{n}: business value {b}, time criticality {c}, risk reduction {r}, job size {z}"
                        for n, (b, c, r, z) in zip(names, rows, strict=True))
    text = (f"A SAFe team at {draw.org()} sequences features of {draw.project()} (relative estimates): {listing}. ")
    lines = [f"{n}: ({b} + {c} + {r}) / {z} = {num(v, 2)}" for n, (b, c, r, z), v in zip(names, rows, score, strict=True)]
    how = "WSJF = cost of delay / job size, with cost of delay = business value + time criticality + risk reduction:\n" \
          + "\n".join(lines)
    if (which or draw.pick(["score", "rank"])) == "score":
        i = draw.integer(0, 2)
        text += f"What is the WSJF of {names[i]}? Give two decimals."
        wrong = {
            "the cost of delay alone: WSJF divides it by the job size": float(cod[i]),
            "job size / cost of delay: the ratio upside down": float(size[i] / cod[i]),
            "business value / job size: time criticality and risk reduction belong in the cost of delay":
                float(portfolio.wsjf(bv[i], 0, 0, size[i])),
        }
        return numeric(text, float(score[i]), how, unit="points", decimals=2, rtol=0.003, misconceptions=wrong,
                       data={"features": rows}, fmt=lambda v: num(v, 2), as_choice=draw.chance(0.3), draw=draw)
    text += "Which feature should be done first?"
    wrong = {names[i]: why for i, why in found.items()}
    return choice(draw, text, names[int(np.argmax(score))], wrong, how, data={"features": rows})


def _clear_winner(cost: np.ndarray, value: np.ndarray, budget: float) -> bool:
    """Is one affordable set clearly (3 %) better than every other? (So the question has one answer.)

    Used only to pick the instance: the answer itself comes from pmlib's efficient frontier.
    """
    n = len(cost)
    pick = ((np.arange(2 ** n)[:, None] >> np.arange(n)) & 1).astype(float)
    best = np.sort((pick @ value)[pick @ cost <= budget + 1e-9])[::-1]
    return len(best) < 2 or best[0] - best[1] >= 0.03 * abs(best[0])


_SHAPE = np.array([(0.70, 1.00), (0.50, 0.70), (0.45, 0.60), (0.30, 0.25), (0.20, 0.12)])


def _candidates(draw: Draw) -> tuple[list[dict], float]:
    """Five candidates where ranking by NPV and funding down the list misses the best set."""
    for _ in range(20):
        budget = draw.amount(sig=2) * 4
        step = 10 ** (math.floor(math.log10(budget)) - 2)
        cost = np.round(budget * _SHAPE[:, 0] * draw.rng.uniform(0.95, 1.05, 5) / step) * step
        value = np.round(budget * draw.uniform(0.3, 0.8) * _SHAPE[:, 1] * draw.rng.uniform(0.9, 1.1, 5) / step) * step
        if _clear_winner(cost, value, budget):
            break
    ids = draw.shuffle(list("ABCDE"))
    rows = sorted(({"id": i, "cost": float(c), "npv": float(v)} for i, c, v in zip(ids, cost, value, strict=True)),
                  key=lambda r: r["id"])
    return rows, float(budget)


@topic("portfolio.selection", title="Portfolio selection within a budget", exam="PfMP", eco="Business Environment",
       pmbok8="Governance", lesson=LESSON)
def selection(draw: Draw, candidates=None, budget: float | None = None, which: str | None = None):
    if candidates is None:
        rows, b = _candidates(draw)
    else:
        rows, b = pd.DataFrame(candidates)[["id", "cost", "npv"]].to_dict("records"), float(budget)
    df = pd.DataFrame(rows)
    best = portfolio.efficient_frontier(df, [b]).iloc[0]
    greedy = portfolio.greedy_select(df, b)
    chosen = sorted(best["selected"])
    by_id = {r["id"]: r for r in rows}

    def named_set(ids) -> str:
        ids = sorted(ids)
        return f"{ids[0]} only" if len(ids) == 1 else " + ".join(ids)

    listing = "; ".join(f"{r['id']}: cost {money(r['cost'])}, NPV {money(r['npv'])}" for r in rows)
    text = (f"{cap(draw.org())} has {money(b)} to invest and these independent candidate projects: {listing}. Each is "
            "funded whole or not at all. ")
    how = (f"Try the combinations that fit the budget and keep the one with the highest total NPV: "
           f"{named_set(chosen)} costs {money(best['total_cost'])} and adds {money(best['total_value'])}.\n"
           f"Ranking by NPV and funding down the list until the money runs out funds "
           f"{named_set(greedy.selected) if greedy.selected else 'nothing'} ({money(greedy.total_value)})"
           + (": the cut line stops at the first project that does not fit, so the ranking misses the better "
              "combination." if greedy.total_value < best["total_value"] else "."))
    data = {"candidates": rows, "budget": b}
    if (which or draw.pick(["set", "value"])) == "value":
        text += "What is the highest total NPV the budget can buy, in $?"
        wrong = {
            "funding down the NPV ranking until the money runs out: the best combination beats the ranking":
                greedy.total_value,
            "the total NPV of every candidate: the budget rules some out": sum(r["npv"] for r in rows),
            "the single project with the highest NPV": max(r["npv"] for r in rows),
        }
        return numeric(text, float(best["total_value"]), how, unit="$", decimals=0, rtol=0.0005, misconceptions=wrong,
                       data=data, fmt=money, as_choice=draw.chance(0.3), draw=draw)
    text += "Which set of projects maximises the total NPV?"
    top_npv = sorted(by_id, key=lambda i: -by_id[i]["npv"])
    over = top_npv[: len(chosen) + 1]
    wrong = {named_set(greedy.selected): "funding down the NPV ranking until the money runs out"}
    if sum(by_id[i]["cost"] for i in over) > b:
        wrong[named_set(over)] = "the highest NPVs regardless of cost: this set is over the budget"
    wrong[named_set(sorted(by_id, key=lambda i: by_id[i]["cost"])[:3])] = \
        "as many projects as possible (the cheapest first): total value decides, not the count"
    return choice(draw, text, named_set(chosen), wrong, how, data=data)
