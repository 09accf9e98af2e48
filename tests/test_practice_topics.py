"""Every practice topic over hundreds of seeds: keys pass, misconceptions fail and are named.

For each registered generator and each seed: the key passes its own check; every named
misconception's wrong answer fails the check and is named by it; the explanation shows the
answer; a wrong answer's message never shows the correct value; the same seed gives the same
question and different seeds give different ones.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import pmlib as pm
from pmlib.practice._core import ECO_WEIGHTS, EXAMS, PMBOK8_DOMAINS, registry

SEEDS = range(200)

# The practice topic ids of the common list ("existing domains"): exercises use them in topic=.
EXISTING = """
finance.npv finance.irr finance.roi finance.payback finance.discounted_payback finance.bcr
finance.present_value finance.opportunity_cost finance.npv_vs_irr evm.variances evm.indices evm.eac
evm.etc_vac evm.tcpi evm.percent_complete evm.interpretation evm.tcpi_interpretation
evm.earned_schedule schedule.cpm schedule.float schedule.pert schedule.pert_probability
schedule.monte_carlo risk.emv risk.decision_tree risk.contingency stagegate.ecv
stagegate.gate_decision portfolio.weighted_score portfolio.ahp portfolio.rice portfolio.wsjf
portfolio.selection program.rollup program.dependency program.benefits
levels.communication_channels levels.which_level
""".split()

TOPICS = sorted(registry())
# topics drawn from a bank of statements (the course's decisions, metrics and level comparison,
# about 90 in all) rather than from numbers: fewer distinct stems
FINITE_BANKS = {"levels.which_level": 0.3}
ROOT = Path(__file__).resolve().parent.parent


def test_every_listed_topic_has_a_generator():
    assert len(EXISTING) == 38
    assert set(EXISTING) <= set(TOPICS), sorted(set(EXISTING) - set(TOPICS))


def test_topics_table_and_tags():
    t = pm.practice.topics()
    assert list(t.columns) == ["topic", "title", "exam", "eco_domain", "pmbok8_domain", "lesson"]
    assert t["topic"].is_unique and sorted(t["topic"]) == TOPICS
    assert set(t["exam"]) <= set(EXAMS)
    assert set(t["eco_domain"]) == set(ECO_WEIGHTS)  # every ECO domain has at least one topic
    assert set(t["pmbok8_domain"]) <= set(PMBOK8_DOMAINS)
    lessons = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(t["lesson"]) <= lessons, set(t["lesson"]) - lessons
    assert t["title"].str.len().min() > 5


def _shown(q) -> str:
    return q.answer if q.choices is not None else q.format(q.answer)


@pytest.mark.parametrize("topic", TOPICS)
def test_key_passes_and_every_misconception_is_named(topic):
    texts = set()
    for seed in SEEDS:
        q = pm.practice.question(topic, seed=seed)
        where = f"{topic}#{seed}"
        texts.add(q.text)
        # the key
        fb = q.check(q.answer, record=False)
        assert fb.correct and fb.misconception is None, (where, fb)
        # the explanation shows it
        assert _shown(q) in q.explanation, (where, _shown(q), q.explanation)
        # every misconception fails and is named, without revealing the key
        if q.choices is None:
            assert math.isfinite(q.answer), where
            assert q.misconceptions, f"{where}: a numeric question names at least one mistake"
        else:
            assert 3 <= len(q.choices) <= 5 and len(set(q.choices)) == len(q.choices), (where, q.choices)
            assert q.answer in q.choices, where
            assert set(q.misconceptions.values()) <= set(q.choices) - {q.answer}, where
            assert len(q.misconceptions) == len(q.choices) - 1, f"{where}: every wrong option is a named mistake"
        for name, wrong in q.misconceptions.items():
            fb = q.check(wrong, record=False)
            assert not fb.correct, (where, name, wrong)
            assert fb.misconception == name, (where, name, wrong, fb)
            assert name in fb.message
            assert _shown(q) not in fb.message or _shown(q) in name, (where, fb.message)
    # varied across seeds: different numbers (or, for a bank of statements, different statements)
    share = FINITE_BANKS.get(topic, 0.9)
    assert len(texts) >= share * len(SEEDS), f"{topic}: only {len(texts)} different stems in {len(SEEDS)} seeds"


@pytest.mark.parametrize("topic", TOPICS)
def test_reproducible_from_the_seed(topic):
    for seed in (0, 7, -3, 2**70):
        a, b = pm.practice.question(topic, seed=seed), pm.practice.question(topic, seed=seed)
        assert (a.text, a.choices, a.answer, a.explanation) == (b.text, b.choices, b.answer, b.explanation)
        assert a.id == f"{topic}#{seed}" and a.topic == topic and a.seed == seed
    assert pm.practice.question(topic, seed=1).text != pm.practice.question(topic, seed=2).text


def test_settings_vary_beyond_one_company():
    """Stems draw on many sectors, not only the course's retailer."""
    from pmlib.practice._settings import SETTINGS

    stems = " ".join(pm.practice.question("evm.eac", seed=s).text for s in range(300)).lower()
    hit = [s.sector for s in SETTINGS if any(org in stems for org in s.orgs)]
    assert len(hit) >= 10, hit


def test_both_kinds_of_question_exist():
    """Numeric entry and multiple choice (interpretation) both occur; numeric topics sometimes ask by choice."""
    kinds = {t: {pm.practice.question(t, seed=s).kind for s in range(40)} for t in TOPICS}
    interpretation = [t for t, k in kinds.items() if k == {"choice"}]
    assert {"evm.interpretation", "evm.tcpi_interpretation", "finance.npv_vs_irr",
            "levels.which_level", "stagegate.gate_decision"} <= set(interpretation)
    assert sum(k == {"numeric", "choice"} for k in kinds.values()) >= 20


# Added by the second wave; a later phase implements them in the engine from the new functions.
LATER = """
finance.future_value finance.annuity finance.depreciation finance.sunk_cost evm.measurement_rules evm.tspi
schedule.crashing schedule.fast_tracking agile.velocity agile.burndown agile.release_forecast
agile.throughput_forecast agile.littles_law agile.agile_evm agile.story_points agile.interpretation
procurement.pta procurement.fpif procurement.cpff procurement.cpif procurement.time_and_materials
procurement.make_or_buy procurement.contract_risk quality.control_limits quality.rule_of_seven
quality.sigma_coverage quality.dpmo_sigma quality.cost_of_quality
""".split()


def test_exercise_topics_are_practice_topics():
    """Every exercise's topic= is a topic id of the engine, or one a later phase adds (no typos)."""
    import importlib
    import pkgutil

    import pmlib.exercises as ex

    used = {}
    for info in pkgutil.iter_modules(ex.__path__):
        module = importlib.import_module(f"pmlib.exercises.{info.name}")
        for q in getattr(module, "EXERCISES", []):
            if q.topic:
                used[f"{info.name}.{q.name}"] = q.topic
    unknown = {where: t for where, t in used.items() if t not in set(TOPICS) | set(LATER)}
    assert not unknown, unknown
