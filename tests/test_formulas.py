"""The formula sheet is generated from the docstrings and committed: they cannot drift apart."""

from __future__ import annotations

import difflib

from pmlib.trainer import formulas

from ._nb import ROOT

SHEET = ROOT / "docs" / "formulas.md"


def test_committed_sheet_matches_the_docstrings():
    fresh = formulas.sheet()
    committed = SHEET.read_text(encoding="utf-8")
    if fresh != committed:
        diff = "\n".join(list(difflib.unified_diff(committed.splitlines(), fresh.splitlines(),
                                                   "docs/formulas.md (committed)", "from the docstrings",
                                                   lineterm=""))[:60])
        raise AssertionError("docs/formulas.md is out of date: run `make formulas` and commit it.\n" + diff)


def test_sheet_has_the_exam_formulas():
    text = formulas.sheet()
    for needle in ("`pm.finance.npv`", "`cpi = EV / AC`", "`eac = BAC / CPI`", "`tcpi = (BAC - EV) / (BAC - AC)`",
                   "`expected = (o + 4 m + p) / 6`", "`pm.risk.emv`", "`pm.stagegate.ecv`",
                   "`pm.levels.communication_channels`", "CR = CI / RI(n)", "`ROI = (benefit - cost) / cost`"):
        assert needle in text, needle


def _doc(text):
    def f():
        pass

    f.__doc__ = text
    return f


def test_parser_reads_summary_math_indented_and_returns_table(monkeypatch):
    import types

    module = types.ModuleType("pmlib.fake_formulas")
    module.one = _doc("Future value: ``FV = PV * (1 + r)**n`` (compound interest).\n\nMore text, ``start=1`` is a setting.")
    module.two = _doc("Expected monetary value: a sum.\n\n.. math:: EMV = \\sum_i p_i \\times i_i\n\nParameters\n----------\nx : float")
    module.three = _doc("Consistency.\n\n    CI = (l - n) / (n - 1)\n\n>>> 1 + 1\n2")
    module.four = _doc("Metrics.\n\nReturns\n-------\nSeries\n    ======  ==============================  =====\n"
                       "    cv      EV - AC (cost variance)          money\n"
                       "    x, y    A / B, C / D                     ratio\n    ======  ==============================  =====\n")
    module.five = _doc("No formula here: just words.")
    module.__all__ = ["one", "two", "three", "four", "five"]
    monkeypatch.setitem(__import__("sys").modules, "pmlib.fake_formulas", module)
    monkeypatch.setattr(formulas.importlib.util, "find_spec", lambda name: True)
    rows = {r["function"]: r for r in formulas.entries("fake_formulas")}
    one = rows["pm.fake_formulas.one"]
    assert one["name"] == "Future value" and one["formula"] == ["`FV = PV * (1 + r)**n`"]
    assert one["meaning"] == "compound interest"
    assert rows["pm.fake_formulas.two"]["formula"] == ["$EMV = \\sum_i p_i \\times i_i$"]
    assert rows["pm.fake_formulas.three"]["formula"] == ["`CI = (l - n) / (n - 1)`"]
    assert rows["pm.fake_formulas.four(...)['cv']"]["formula"] == ["`cv = EV - AC`"]
    assert rows["pm.fake_formulas.four(...)['cv']"]["meaning"] == "cost variance"
    assert rows["pm.fake_formulas.four(...)['y']"]["formula"] == ["`y = C / D`"]
    assert "pm.fake_formulas.five" not in rows


def test_table_cells_escape_pipes():
    assert formulas._cell("a | b") == "a \\| b"
