"""pm.schedule on calendars: working time, dates, constraints, progress, milestones (hand-checked)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmlib import errors
from pmlib.schedule import Calendar, cpm

T = pd.Timestamp
# A 3, B 2 after A, C 4 after A, D 1 after B and C: the textbook diamond (project 8, B has 2 days of float)
DIAMOND = [{"id": "A", "duration": 3, "predecessors": ""}, {"id": "B", "duration": 2, "predecessors": "A"},
           {"id": "C", "duration": 4, "predecessors": "A"}, {"id": "D", "duration": 1, "predecessors": "B, C"}]


def with_columns(rows, **cols):
    df = pd.DataFrame(rows)
    for name, values in cols.items():
        df[name] = pd.Series(values, dtype=object)
    return df


# ------------------------------------------------------------------------------------------
# Calendar
# ------------------------------------------------------------------------------------------
def test_standard_calendar_counts_working_time_only():
    cal = Calendar()
    assert cal.hours_per_day == 8 and cal.minutes_per_day == 480
    # 2 days from Friday 08:00: Friday and Monday
    assert cal.add_working_days("2026-03-06 08:00", 2) == T("2026-03-09 17:00")
    # half a day from Monday 08:00 ends at the lunch break
    assert cal.add_working_days("2026-03-09 08:00", 0.5) == T("2026-03-09 12:00")
    assert cal.working_days_between("2026-03-02", "2026-03-09") == 5
    assert cal.working_days_between("2026-03-09", "2026-03-02") == -5
    assert cal.is_working_day("2026-03-06") and not cal.is_working_day("2026-03-07")


def test_holidays_and_working_exceptions():
    cal = Calendar("UK", holidays=["2026-04-03", "2026-04-06"], exceptions={"2026-04-11": "08:00-12:00"})
    # Thursday 2 April + 2 days skips Good Friday and Easter Monday
    assert cal.add_working_days("2026-04-02 08:00", 2) == T("2026-04-07 17:00")
    assert cal.is_working_day("2026-04-11")                      # a working Saturday morning
    assert cal.working_days_between("2026-04-11", "2026-04-12") == 0.5
    assert [h.date().isoformat() for h in cal.holidays] == ["2026-04-03", "2026-04-06"]


def test_week_patterns_continuous_and_intersection():
    shifts = Calendar("shifts", week={"Mon": "06:00-14:00", "Tue": "06:00-14:00", "Sat": ["08:00-12:00"]})
    assert shifts.week == {"Mon": ["06:00-14:00"], "Tue": ["06:00-14:00"], "Sat": ["08:00-12:00"]}
    assert shifts.hours_per_day == pytest.approx(20 / 3)
    c24 = Calendar.continuous()
    assert c24.add_working_days("2026-03-07 10:00", 1.5) == T("2026-03-08 22:00")
    both = Calendar("6 days", workdays="Mon-Sat").intersect(Calendar("5 days", holidays=["2026-03-04"]))
    assert sorted(both.week) == ["Fri", "Mon", "Thu", "Tue", "Wed"] and not both.is_working_day("2026-03-04")
    assert Calendar("a").same_working_time(Calendar("b")) and not Calendar("a").same_working_time(c24)


@pytest.mark.parametrize("kwargs, words", [
    ({"hours": "08:00-07:00"}, "ends before it starts"),
    ({"hours": "08:00-12:00, 11:00-13:00"}, "overlap"),
    ({"hours": "8h-12h"}, "not a time of day"),
    ({"hours": "08:00"}, "not a period"),
    ({"hours": "25:00-26:00"}, "outside the day"),
    ({"workdays": "Mon-Funday"}, "not a day of the week"),
    ({"hours_per_day": 0}, "hours_per_day"),
    ({"hours_per_day": float("inf")}, "hours_per_day"),
    ({"hours_per_day": True}, "hours_per_day"),
    ({"holidays": ["2300-01-01"]}, "1677"),
    ({"week": {"Mon": "08:00-12:00"}, "workdays": "Mon-Fri"}, "either week"),
])
def test_calendar_bad_arguments(kwargs, words):
    with pytest.raises(errors.InputError, match=words):
        Calendar("bad", **kwargs)


def test_a_calendar_without_working_time_says_so():
    with pytest.raises(errors.InputError, match="no working time"):
        cpm(DIAMOND, start="2026-03-02", calendars=Calendar("never", week={}))


# ------------------------------------------------------------------------------------------
# cpm on calendars
# ------------------------------------------------------------------------------------------
def test_dates_on_the_standard_calendar():
    s = cpm(DIAMOND, start="2026-03-02")          # Monday; Mon-Fri 08-12, 13-17
    d = s.dates
    assert d.loc["A", "early_start"] == T("2026-03-02 08:00") and d.loc["A", "early_finish"] == T("2026-03-04 17:00")
    assert d.loc["C", "early_finish"] == T("2026-03-10 17:00")          # Thu 5, Fri 6, Mon 9, Tue 10
    assert d.loc["D", "early_start"] == T("2026-03-11 08:00")
    assert d.loc["B", "late_finish"] == T("2026-03-10 17:00")
    assert s.duration == 8 and s.finish == T("2026-03-11 17:00") and s.start == T("2026-03-02")
    assert s.table.loc["B", "total_float"] == 2


def test_a_start_in_non_working_time_rolls_to_the_next_working_moment():
    s = cpm(DIAMOND, start="2026-03-07")          # a Saturday
    assert s.dates.loc["A", "early_start"] == T("2026-03-09 08:00")
    assert s.duration == 8


@st.composite
def networks(draw, max_size=10):
    k = draw(st.integers(1, max_size))
    rows = []
    for j in range(k):
        preds = draw(st.lists(st.integers(0, j - 1), max_size=3, unique=True)) if j else []
        toks = [f"T{i}:{draw(st.sampled_from(['FS', 'SS', 'FF', 'SF']))}{draw(st.integers(-2, 3)):+d}" for i in preds]
        rows.append({"id": f"T{j}", "duration": float(draw(st.integers(0, 6))) / 2, "predecessors": ", ".join(toks)})
    return pd.DataFrame(rows)


@settings(max_examples=60, deadline=None)
@given(networks(), st.sampled_from([Calendar(), Calendar("6 days", workdays="Mon-Sat", hours="07:00-15:00"),
                                    Calendar.continuous(hours_per_day=24),
                                    Calendar("holidays", holidays=["2026-03-04", "2026-03-13"])]))
def test_one_calendar_gives_the_textbook_numbers(acts, cal):
    """On one calendar, days counted from the start equal the CPM on numbers, field by field."""
    plain = cpm(acts).table
    dated = cpm(acts, start="2026-03-02 08:00" if cal.name != "6 days" else "2026-03-02 07:00", calendars=cal)
    for col in ("es", "ef", "ls", "lf", "total_float", "free_float"):
        np.testing.assert_allclose(dated.table[col], plain[col], atol=1e-9, err_msg=col)
    assert dated.critical_path == cpm(acts).critical_path
    # early dates never fall in non-working time except a finish or a milestone at a period's end
    assert (dated.dates["early_start"] >= T("2026-03-02")).all()


def test_activities_on_their_own_calendars():
    # A on the 5-day calendar ends Friday; B (7-day) can work the weekend; C (5-day) waits for Monday
    acts = [{"id": "A", "duration": 1, "predecessors": "", "calendar": "5d"},
            {"id": "B", "duration": 2, "predecessors": "A", "calendar": "7d"},
            {"id": "C", "duration": 1, "predecessors": "B", "calendar": "5d"}]
    cals = {"5d": Calendar("5d"), "7d": Calendar("7d", workdays="Mon-Sun")}
    s = cpm(acts, start="2026-03-06 08:00", calendars=cals)
    d = s.dates
    assert (d.loc["B", "early_start"], d.loc["B", "early_finish"]) == (T("2026-03-07 08:00"), T("2026-03-08 17:00"))
    assert d.loc["C", "early_start"] == T("2026-03-09 08:00")
    # the project calendar (the first) counts the duration: Fri and Mon = 2 working days
    assert s.duration == 2
    assert s.table["total_float"].tolist() == [0.0, 0.0, 0.0]


def test_lag_calendar_options():
    # A (5-day) ends Friday 17:00; B (7-day) starts 1 day later: on A's calendar that is Monday,
    # on B's calendar Saturday
    acts = [{"id": "A", "duration": 1, "predecessors": "", "calendar": "5d"},
            {"id": "B", "duration": 1, "predecessors": "A+1", "calendar": "7d"}]
    cals = {"5d": Calendar("5d"), "7d": Calendar("7d", workdays="Mon-Sun")}
    pred = cpm(acts, start="2026-03-06 08:00", calendars=cals)
    succ = cpm(acts, start="2026-03-06 08:00", calendars=cals, lag_calendar="successor")
    cont = cpm(acts, start="2026-03-06 08:00", calendars=cals, lag_calendar=Calendar.continuous())
    assert pred.dates.loc["B", "early_start"] == T("2026-03-10 08:00")    # Mon 9 is the lag day
    assert succ.dates.loc["B", "early_start"] == T("2026-03-08 08:00")    # Sat 7 is the lag day
    assert cont.dates.loc["B", "early_start"] == T("2026-03-08 08:00")    # 24 h after Fri 17:00 is Sat 17:00
    with pytest.raises(errors.InputError, match="lag_calendar"):
        cpm(acts, start="2026-03-06", calendars=cals, lag_calendar="sideways")


def test_unknown_calendar_and_calendars_without_start():
    with pytest.raises(errors.InputError, match="uses calendar 'x'"):
        cpm(with_columns(DIAMOND, calendar=["x", None, None, None]), start="2026-03-02")
    with pytest.raises(errors.InputError, match="start="):
        cpm(DIAMOND, calendars=Calendar())
    with pytest.raises(errors.InputError, match="calendars must be"):
        cpm(DIAMOND, start="2026-03-02", calendars="Standard")


# ------------------------------------------------------------------------------------------
# constraints (on numbers: constraint dates are times from the project start)
# ------------------------------------------------------------------------------------------
def constrained(activity, kind, when, **kw):
    types = [kind if a["id"] == activity else None for a in DIAMOND]
    dates = [when if a["id"] == activity else np.nan for a in DIAMOND]
    return cpm(with_columns(DIAMOND, constraint_type=types, constraint_date=dates), **kw)


def test_start_no_earlier_than():
    t = constrained("B", "SNET", 4).table
    assert (t.loc["B", "es"], t.loc["B", "ef"], t.loc["B", "total_float"]) == (4, 6, 1)


def test_finish_no_earlier_than():
    t = constrained("B", "FNET", 7).table
    assert (t.loc["B", "es"], t.loc["B", "total_float"], t.loc["D", "es"]) == (5, 0, 7)


def test_finish_no_later_than_gives_negative_float():
    s = constrained("D", "FNLT", 7)
    t = s.table
    assert t.loc["D", "ef"] == 8 and t.loc["D", "lf"] == 7
    assert t.loc[["A", "C", "D"], "total_float"].tolist() == [-1, -1, -1] and t.loc["B", "total_float"] == 1
    assert s.critical_path == ["A", "C", "D"]


def test_start_no_later_than():
    t = constrained("C", "SNLT", 2).table
    assert t.loc["C", "ls"] == 2 and t.loc["C", "total_float"] == -1 and t.loc["C", "es"] == 3


def test_must_start_on_and_must_finish_on():
    t = constrained("B", "MSO", 6).table
    assert (t.loc["B", "es"], t.loc["B", "ls"], t.loc["D", "es"]) == (6, 6, 8)
    t = constrained("C", "MFO", 6).table            # the links want C to end at 7
    assert (t.loc["C", "ef"], t.loc["C", "lf"], t.loc["C", "total_float"]) == (7, 6, -1)


def test_honor_constraints_moves_the_early_dates():
    s = constrained("C", "MFO", 6, honor_constraints=True)
    t = s.table
    # C is placed to finish at 6 anyway (2 to 6), so D starts at 6; the float still shows the conflict
    assert (t.loc["C", "es"], t.loc["C", "ef"], t.loc["D", "es"], s.duration) == (2, 6, 6, 7)
    assert t.loc["C", "total_float"] == -1 and t.loc["A", "total_float"] == -1


def test_as_late_as_possible_uses_the_free_float():
    t = constrained("B", "ALAP", np.nan).table
    assert (t.loc["B", "es"], t.loc["B", "ef"], t.loc["B", "free_float"], t.loc["B", "total_float"]) == (5, 7, 0, 0)


def test_constraint_dates_on_calendars():
    acts = with_columns(DIAMOND, constraint_type=[None, "SNET", None, "FNLT"],
                        constraint_date=[None, "2026-03-09 08:00", None, "2026-03-10 17:00"])
    s = cpm(acts, start="2026-03-02")
    assert s.dates.loc["B", "early_start"] == T("2026-03-09 08:00")
    assert s.table.loc["D", "total_float"] == -1


def test_deadlines_limit_the_late_finish_only():
    acts = with_columns(DIAMOND, deadline=[None, None, None, "2026-03-10 17:00"])
    s = cpm(acts, start="2026-03-02")
    assert s.dates.loc["D", "early_finish"] == T("2026-03-11 17:00")
    assert s.table.loc["D", "total_float"] == -1


@pytest.mark.parametrize("types, dates, words", [
    (["SOON", None, None, None], [1, None, None, None], "constraint_type 'SOON'"),
    (["SNET", None, None, None], [None, None, None, None], "no constraint_date"),
    ([None, None, None, None], [3, None, None, None], "constraint_date but constraint_type"),
    ([3, None, None, None], [3, None, None, None], "constraint_type 3"),
])
def test_bad_constraints(types, dates, words):
    with pytest.raises(errors.InputError, match=words):
        cpm(with_columns(DIAMOND, constraint_type=types, constraint_date=dates))


def test_constraint_names_in_words_are_accepted():
    t = cpm(with_columns(DIAMOND, constraint_type=[None, "start no earlier than", None, None],
                         constraint_date=[None, 4, None, None])).table
    assert t.loc["B", "es"] == 4


# ------------------------------------------------------------------------------------------
# progress
# ------------------------------------------------------------------------------------------
def test_progress_at_a_status_date_on_numbers():
    # A done (0-3); C started at 3 with 2 left at status 4 -> 4-6; B not started -> 4-6; D 6-7
    acts = with_columns(DIAMOND, actual_start=[0, None, 3, None], actual_finish=[3, None, None, None],
                        remaining_duration=[None, None, 2, None])
    s = cpm(acts, status_date=4)
    t = s.table
    assert np.isnan(t.loc["A", "total_float"]) and not t.loc["A", "critical"]
    assert (t.loc["C", "es"], t.loc["C", "ef"]) == (4, 6)
    assert (t.loc["B", "es"], t.loc["D", "es"], s.duration) == (4, 6, 7)


def test_progress_with_dates_and_default_remaining():
    # C started Thu 5 (after A), status Mon 9 17:00: 2 of its 4 days done (Thu, Fri) -> Mon 9 worked too,
    # so 1 day is left by default: Tue 10
    acts = with_columns(DIAMOND, actual_start=["2026-03-02 08:00", None, "2026-03-05 08:00", None],
                        actual_finish=["2026-03-04 17:00", None, None, None])
    s = cpm(acts, start="2026-03-02", status_date="2026-03-09 17:00")
    d = s.dates
    assert d.loc["C", "early_start"] == T("2026-03-10 08:00") and d.loc["C", "early_finish"] == T("2026-03-10 17:00")
    assert d.loc["A", "early_finish"] == T("2026-03-04 17:00") and pd.isna(d.loc["A", "late_finish"])
    assert d.loc["C", "actual_start"] == T("2026-03-05 08:00")


@pytest.mark.parametrize("cols, words", [
    ({"actual_start": [5, None, None, None]}, "after the status date"),
    ({"actual_start": [2, None, None, None], "actual_finish": [1, None, None, None]}, "finishes"),
    ({"actual_finish": [3, None, None, None]}, "no actual_start"),
    ({"actual_start": [0, None, None, None], "remaining_duration": [-1, None, None, None]}, "negative remaining"),
])
def test_bad_progress(cols, words):
    with pytest.raises(errors.InputError, match=words):
        cpm(with_columns(DIAMOND, **cols), status_date=4)


def test_progress_needs_a_status_date():
    with pytest.raises(errors.InputError, match="status_date"):
        cpm(with_columns(DIAMOND, actual_start=[0, None, None, None]))


# ------------------------------------------------------------------------------------------
# milestones and boundaries
# ------------------------------------------------------------------------------------------
def test_milestone_after_a_task_sits_at_its_finish():
    acts = [{"id": "A", "duration": 1, "predecessors": ""}, {"id": "M", "duration": 0, "predecessors": "A"},
            {"id": "S", "duration": 0, "predecessors": "A", "milestone": "start"},
            {"id": "B", "duration": 1, "predecessors": "M"}]
    d = cpm(acts, start="2026-03-06 08:00").dates          # Friday
    assert d.loc["M", "early_start"] == T("2026-03-06 17:00")      # Friday 17:00, not Monday 08:00
    assert d.loc["S", "early_start"] == T("2026-03-09 08:00")      # a start milestone takes the next start
    assert d.loc["B", "early_start"] == T("2026-03-09 08:00")
    assert d.loc["M", "late_finish"] == T("2026-03-09 08:00")      # its successor's late start


def test_start_to_finish_driven_finish_shows_the_driving_instant():
    # B must finish no earlier than A starts (SF): B ends Monday 08:00 when A starts then
    acts = [{"id": "A", "duration": 1, "predecessors": "", "constraint_type": "SNET",
             "constraint_date": "2026-03-09 08:00"},
            {"id": "B", "duration": 1, "predecessors": "A:SF", "constraint_type": None, "constraint_date": None}]
    d = cpm(acts, start="2026-03-05 08:00").dates
    assert d.loc["B", "early_finish"] == T("2026-03-09 08:00") and d.loc["B", "early_start"] == T("2026-03-06 08:00")


def test_bad_milestone_kind():
    with pytest.raises(errors.InputError, match="milestone"):
        cpm([{"id": "A", "duration": 0, "milestone": "middle"}], start="2026-03-02")


def test_inputs_are_not_modified():
    acts = with_columns(DIAMOND, constraint_type=[None, "SNET", None, None], constraint_date=[None, "2026-03-09", None, None])
    before = acts.copy(deep=True)
    cpm(acts, start="2026-03-02")
    pd.testing.assert_frame_equal(acts, before)


def test_long_schedules_lay_out_more_days():
    acts = [{"id": f"A{k}", "duration": 200, "predecessors": f"A{k - 1}" if k else ""} for k in range(20)]
    s = cpm(acts, start="2026-01-05")
    assert s.duration == 4000 and s.finish.year > 2040
    with pytest.raises(errors.InputError, match="1677-2262"):
        cpm([{"id": "A", "duration": 80_000, "predecessors": ""}], start="2026-01-05")
