"""Exercises of lessons 01, 06 and 07: answers that come from pmlib and the corrections they teach.

The rules every question of every set keeps are in tests/test_exercise_rules.py.
"""

from __future__ import annotations

from pmlib.exercises import levels_of_management as L


# --- lesson 01's own answers ---------------------------------------------------------------------
def test_levels_answers_come_from_pmlib():
    assert L.q1.answer == "program" and L.q3.answer == "project"
    assert L.q7.answer == "PgMP"
    assert L.q8.answer == 38
    assert L.q12.answer == L.CRM_CHOICES[1]


def test_crm_question_teaches_that_delivery_is_not_success():
    r = L.q12.evaluate({"crm_outcome": L.CRM_CHOICES[0]})
    assert not r.correct and "business objectives" in r.message


def test_credentials_are_not_a_ladder():
    r = L.q7.evaluate({"program_credential": "PMP"})
    assert not r.correct and "not a step" in r.message
    assert "ladder" not in " ".join(L.q7.hints).replace("not rungs of one ladder", "")


def test_sorting_counts_right_answers():
    r = L.q5.evaluate({"sorting": {i: "project" for i in L.SORT_IDS}})
    assert not r.correct and "2 of 5 right" in r.message
    assert L.q5.evaluate({"sorting": "project"}).status == "incorrect"
