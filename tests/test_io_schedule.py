"""pm.io.read_schedule: MS Project XML (MSPDI) and Primavera P6 XER into a Plan, scheduled by cpm.

The two fixtures in tests/data were written for these tests; every date and float below was
worked out by hand (the comments show the arithmetic) and is also stored in the fixture the way
MS Project / P6 store their own results, so ``plan.compare`` must agree on every field.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pmlib as pm
from pmlib import errors
from pmlib.io.schedule_files import agreement

DATA = Path(__file__).parent / "data"
MSPDI = DATA / "fitout_small.xml"
XER = DATA / "p6_small.xer"
T = pd.Timestamp


# ------------------------------------------------------------------------------------------
# MSPDI
# ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fitout():
    return pm.io.read_schedule(MSPDI)


def test_mspdi_reads_leaves_durations_links_and_calendars(fitout):
    a = fitout.activities.set_index("id")
    # leaf tasks only, ids are the task UIDs as text; the summaries 0 and 1 are gone
    assert list(a.index) == ["2", "3", "4", "5", "6", "7", "8", "9"]
    # durations: PT16H at 480 minutes per day = 2 days
    assert a.loc["2", "duration"] == 2 and a.loc["5", "duration"] == 4 and a.loc["9", "duration"] == 0
    # FS + 4800 tenths of minutes = 1 day; SS + 4 h = 0.5 day and FF on the same pair (two links kept);
    # a -50 % lead on a 3-day predecessor = -1.5 days
    assert a.loc["3", "predecessors"] == "2+1"
    assert a.loc["4", "predecessors"] == "2:SS+0.5, 2:FF"
    assert a.loc["7", "predecessors"] == "3-1.5"
    # the link on summary "Strip-out" (UID 1) goes to its three leaves
    assert a.loc["5", "predecessors"] == "2, 3, 4"
    assert any("summary" in w for w in fitout.warnings)
    assert a.loc["5", "calendar"] == "Six days" and a.loc["2", "calendar"] == "Standard"
    assert a.loc["8", "constraint_type"] == "SNET" and a.loc["8", "constraint_date"] == T("2026-03-17 08:00")
    assert a.loc["9", "constraint_type"] == "FNLT"
    assert fitout.project_start == T("2026-03-02 08:00") and fitout.status_date is None
    assert fitout.format == "MSPDI" and fitout.default_calendar == "Standard"
    std = fitout.calendars["Standard"]
    assert not std.is_working_day("2026-03-06") and std.is_working_day("2026-03-05")  # the holiday exception
    assert fitout.calendars["Six days"].is_working_day("2026-03-07")


def test_mspdi_schedule_matches_hand_calculation(fitout):
    s = pm.schedule.cpm(fitout)
    d = s.dates
    # A (2 d) Mon 2 - Tue 3 March. B: A + 1 day lag (Wed 4) -> Thu 5; Fri 6 is a holiday -> ends Tue 10.
    assert (d.loc["2", "early_start"], d.loc["2", "early_finish"]) == (T("2026-03-02 08:00"), T("2026-03-03 17:00"))
    assert (d.loc["3", "early_start"], d.loc["3", "early_finish"]) == (T("2026-03-05 08:00"), T("2026-03-10 17:00"))
    # C: SS + 4 h would start Mon 13:00, but FF with A (ends Tue 17:00) binds: Tue 08:00 - 17:00
    assert (d.loc["4", "early_start"], d.loc["4", "early_finish"]) == (T("2026-03-03 08:00"), T("2026-03-03 17:00"))
    # D on the six-day calendar after all leaves of the summary: Wed 11 - Sat 14
    assert (d.loc["5", "early_start"], d.loc["5", "early_finish"]) == (T("2026-03-11 08:00"), T("2026-03-14 17:00"))
    # milestone E after D ends Saturday 17:00, on the Monday-Friday calendar: Monday 08:00
    assert d.loc["6", "early_start"] == T("2026-03-16 08:00")
    # F: B ends Tue 10 17:00, a 1.5-day lead -> Mon 9 13:00; 2 days -> Wed 11 12:00
    assert (d.loc["7", "early_start"], d.loc["7", "early_finish"]) == (T("2026-03-09 13:00"), T("2026-03-11 12:00"))
    # H: start no earlier than Tue 17 08:00 (D alone allows Mon 16)
    assert d.loc["8", "early_start"] == T("2026-03-17 08:00")
    # Handover (milestone) at H's finish; finish no later than Mon 16 17:00 -> total float -1 day
    assert d.loc["9", "early_start"] == T("2026-03-17 17:00") and d.loc["9", "late_finish"] == T("2026-03-16 17:00")
    t = s.table
    assert t.loc["9", "total_float"] == -1 and t.loc["8", "total_float"] == -1
    # C: late finish Tue 10 (before D), early finish Tue 3: Wed 4, Thu 5, Mon 9, Tue 10 = 4 days
    assert t.loc["4", "total_float"] == 4 and t.loc["4", "free_float"] == 4
    # F: late finish Mon 16 17:00 - early finish Wed 11 12:00 = 3.5 days
    assert t.loc["7", "total_float"] == 3.5
    assert s.critical_path == ["2", "3", "5", "8", "9"]
    assert s.start == T("2026-03-02 08:00") and s.finish == T("2026-03-17 17:00")


def test_mspdi_agrees_with_the_values_stored_in_the_file(fitout):
    a = fitout.agreement()
    assert a.drop("activities").eq(1.0).all(), a
    assert a["activities"] == 8


def test_plan_activities_schedule_on_numbers_and_with_dates(fitout):
    # the plain table is what cpm takes; on numbers it needs the calendar columns dropped
    with pytest.raises(errors.InputError, match="start="):
        pm.schedule.cpm(fitout.activities)
    plain = fitout.activities[["id", "name", "duration", "predecessors"]]
    s = pm.schedule.cpm(plain)
    assert s.table.loc["2", "ef"] == 2 and s.table.loc["3", "es"] == 3
    # the same table with its calendars and start date gives the dates (lags on the predecessor's calendar here)
    s2 = pm.schedule.cpm(fitout.activities, start=fitout.project_start, calendars=fitout.calendars)
    assert s2.dates.loc["5", "early_finish"] == T("2026-03-14 17:00")


def test_editing_plan_activities_is_honoured(fitout):
    plan = pm.io.read_schedule(MSPDI)
    before = pm.schedule.cpm(plan).dates.loc["3", "early_start"]
    plan.activities.loc[plan.activities["id"] == "3", "predecessors"] = "2"      # drop the 1-day lag
    after = pm.schedule.cpm(plan).dates.loc["3", "early_start"]
    assert before == T("2026-03-05 08:00") and after == T("2026-03-04 08:00")


# ------------------------------------------------------------------------------------------
# XER
# ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def p6():
    return pm.io.read_schedule(XER)


def test_xer_reads_activities_progress_and_calendars(p6):
    a = p6.activities.set_index("id")
    assert len(a) == 12 and p6.format == "XER" and p6.name == "P6-SMALL"
    # the data date is the project start of a P6 plan with progress
    assert p6.project_start == T("2026-03-04") and p6.status_date == T("2026-03-04")
    # hours over the calendar's hours per day
    assert a.loc["A1010", "duration"] == 5 and a.loc["A1010", "remaining_duration"] == 3
    assert a.loc["A1000", "actual_finish"] == T("2026-03-03 16:00")
    # 8 h lag on the predecessor's 8-hour calendar = 1 day; SS and FF between one pair are two links
    assert a.loc["A1020", "predecessors"] == "A1010+1"
    assert a.loc["A1050", "predecessors"] == "A1040:SS+1, A1040:FF+1"
    assert a.loc["M1010", "milestone"] == "start" and a.loc["M1000", "milestone"] == "finish"
    assert a.loc["A1060", "constraint_type"] == "FNLT" and a.loc["A1070", "constraint_type"] == "SNET"
    assert a.loc["A1080", "constraint_type"] == "ALAP"
    assert set(p6.calendars) == {"5 Day", "7 Day"}
    assert not p6.calendars["5 Day"].is_working_day("2026-03-09")          # Excel serial 46090
    assert p6.calendars["7 Day"].hours_per_day == 8
    assert p6.warnings == []


def test_xer_schedule_matches_hand_calculation(p6):
    s = pm.schedule.cpm(p6)
    d, t = s.dates, s.table
    # finished: actual dates, no float
    assert d.loc["A1000", "early_start"] == T("2026-03-02 08:00") and np.isnan(t.loc["A1000", "total_float"])
    # in progress: 3 days left from the data date (Wed 4 08:00) -> Fri 6 16:00
    assert (d.loc["A1010", "early_start"], d.loc["A1010", "early_finish"]) == (T("2026-03-04 08:00"),
                                                                               T("2026-03-06 16:00"))
    # 1-day lag on the 5-day calendar: Mon 9 is a holiday, so the lag ends Tue 10 -> Wed 11 - Thu 12
    assert d.loc["A1020", "early_start"] == T("2026-03-11 08:00")
    # the cure runs on the 7-day calendar: Fri 13 - Sun 15
    assert d.loc["A1030", "early_finish"] == T("2026-03-15 16:00")
    # SS+1 would allow Tue 17, FF+1 needs the roof to end Mon 23: Thu 19 - Mon 23
    assert d.loc["A1050", "early_start"] == T("2026-03-19 08:00")
    # finish milestone at the end of Mon 23, start milestone at the start of Tue 24
    assert d.loc["M1000", "early_start"] == T("2026-03-23 16:00") and d.loc["M1010", "early_start"] == T("2026-03-24 08:00")
    # ALAP: the snag list moves from Mon 23 to Mon 30, just before the handover
    assert d.loc["A1080", "early_start"] == T("2026-03-30 08:00") and t.loc["A1080", "free_float"] == 0
    # fit-out must finish by Fri 27 but ends Mon 30: -1 day, back to the frame
    assert t.loc["A1060", "total_float"] == -1 and t.loc["A1040", "total_float"] == -1
    # on the 7-day calendar the same squeeze is 3 days (Fri 13 - Sun 15), and 3 working days before it
    assert t.loc["A1030", "total_float"] == -3 and t.loc["A1020", "total_float"] == -3
    # landscaping: start no earlier than Sat 21, 8 days of float on its 7-day calendar
    assert d.loc["A1070", "early_start"] == T("2026-03-21 08:00") and t.loc["A1070", "total_float"] == 8
    assert s.finish == T("2026-03-30 16:00")


def test_xer_agrees_with_the_values_stored_in_the_file(p6):
    a = agreement(p6.compare())
    assert a.drop("activities").eq(1.0).all(), a
    assert a["activities"] == 11          # the finished activity has no stored float


def test_file_like_objects_and_bytes():
    from_bytes = pm.io.read_schedule(XER.read_bytes())
    from_file = pm.io.read_schedule(io.BytesIO(XER.read_bytes()))
    with open(MSPDI, encoding="utf-8") as fh:
        from_text = pm.io.read_schedule(fh)
    assert len(from_bytes.activities) == len(from_file.activities) == 12
    assert len(from_text.activities) == 8


# ------------------------------------------------------------------------------------------
# conversions the fixtures do not cover: elapsed durations and lags, percent lags, placeholders
# ------------------------------------------------------------------------------------------
def _mspdi(tasks: str, extra: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2026-03-06T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay><CalendarUID>1</CalendarUID>{extra}
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>
  {''.join(f'<WeekDay><DayType>{d}</DayType><DayWorking>{int(2 <= d <= 6)}</DayWorking>' + (
      '<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>'
      '<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes>'
      if 2 <= d <= 6 else '') + '</WeekDay>' for d in range(1, 8))}
  </WeekDays></Calendar></Calendars>
  <Tasks>{tasks}</Tasks>
</Project>""".encode()


def _task(uid, duration, fmt=7, links="", extra=""):
    return (f"<Task><UID>{uid}</UID><Name>T{uid}</Name><OutlineLevel>1</OutlineLevel><Summary>0</Summary>"
            f"<Duration>{duration}</Duration><DurationFormat>{fmt}</DurationFormat>{extra}{links}</Task>")


def _link(pred, typ=1, lag=0, fmt=7):
    return (f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{typ}</Type>"
            f"<LinkLag>{lag}</LinkLag><LagFormat>{fmt}</LagFormat></PredecessorLink>")


def test_elapsed_durations_and_lags_run_around_the_clock():
    # Friday 6 March: A 1 day (Fri 08-17); B cures 2 elapsed days (DurationFormat 8) from Fri 17:00 to Sun 17:00;
    # C after B with an elapsed 1-day lag (LagFormat 8: 14400 tenths of minutes) -> Mon 17:00 -> starts Tue 08:00
    xml = _mspdi(_task(1, "PT8H0M0S") + _task(2, "PT48H0M0S", 8, _link(1)) + _task(3, "PT8H0M0S", 7, _link(2, 1, 14400, 8)))
    plan = pm.io.read_schedule(xml)
    a = plan.activities.set_index("id")
    assert a.loc["2", "duration"] == 2 and a.loc["2", "calendar"] == "24 hours (elapsed)"
    assert plan.links.set_index("successor").loc["3", "lag_calendar"] == "24 hours (elapsed)"
    d = pm.schedule.cpm(plan).dates
    assert (d.loc["2", "early_start"], d.loc["2", "early_finish"]) == (T("2026-03-06 17:00"), T("2026-03-08 17:00"))
    assert d.loc["3", "early_start"] == T("2026-03-10 08:00")


def test_percent_lag_is_a_share_of_the_predecessor_duration():
    # A 4 days (Fri 6 - Wed 11); B starts 25 % of A (1 day) after A's start: SS+25 % -> Mon 9 08:00
    xml = _mspdi(_task(1, "PT32H0M0S") + _task(2, "PT8H0M0S", 7, _link(1, 3, 25, 19)))
    plan = pm.io.read_schedule(xml)
    assert plan.activities.set_index("id").loc["2", "predecessors"] == "1:SS+1"
    assert pm.schedule.cpm(plan).dates.loc["2", "early_start"] == T("2026-03-09 08:00")


def test_placeholder_progress_and_manual_tasks_are_reported():
    extra = ("<PercentComplete>0</PercentComplete><ActualStart>2000-01-01T00:00:00</ActualStart>"
             "<ActualFinish>2000-01-01T00:00:00</ActualFinish><Deadline>2000-01-01T00:00:00</Deadline><Manual>1</Manual>")
    plan = pm.io.read_schedule(_mspdi(_task(1, "PT8H0M0S", extra=extra), "<StatusDate>2000-01-01T00:00:00</StatusDate>"))
    text = " ".join(plan.warnings)
    assert "placeholder" in text and "manually scheduled" in text and "status date" in text
    assert plan.status_date is None and plan.activities["actual_start"].isna().all()


def test_progress_in_mspdi_resumes_at_the_status_date():
    extra = ("<PercentComplete>50</PercentComplete><ActualStart>2026-03-06T08:00:00</ActualStart>"
             "<RemainingDuration>PT16H0M0S</RemainingDuration>")
    xml = _mspdi(_task(1, "PT32H0M0S", extra=extra) + _task(2, "PT8H0M0S", 7, _link(1)),
                 "<StatusDate>2026-03-10T17:00:00</StatusDate>")
    plan = pm.io.read_schedule(xml)
    d = pm.schedule.cpm(plan).dates
    # 2 days left from the status date (Tue 10 17:00): Wed 11 - Thu 12; the successor Fri 13
    assert d.loc["1", "early_finish"] == T("2026-03-12 17:00") and d.loc["2", "early_start"] == T("2026-03-13 08:00")
    assert any("progress" in w for w in plan.warnings)


# ------------------------------------------------------------------------------------------
# refused files
# ------------------------------------------------------------------------------------------
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&lol3;</Name></Project>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&xxe;</Name></Project>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_attacks_are_refused(data):
    with pytest.raises(errors.InputError, match="refused.*entities"):
        pm.io.read_schedule(data)


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"id,duration\nA,1\n", "neither an MS Project XML"),
    (b"\xd0\xcf\x11\xe0 binary", ".mpp"),
    (b"<Project><Name>x</Name>", "not well-formed"),
    (b"<?xml version='1.0'?><Gantt/>", "not an MS Project file"),
    (b"ERMHDR\t8.0\n%T\tPROJECT\n%F\tproj_id\n%R\t1\n%E\n", "no TASK table"),
])
def test_unreadable_files_get_clear_errors(data, words):
    with pytest.raises(errors.InputError, match=words):
        pm.io.read_schedule(data)


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(errors.InputError, match="no such file"):
        pm.io.read_schedule(tmp_path / "nope.xml")
    with pytest.raises(errors.InputError, match="folder"):
        pm.io.read_schedule(tmp_path)


def test_a_cycle_in_the_file_is_named():
    xml = _mspdi(_task(1, "PT8H0M0S", links=_link(2)) + _task(2, "PT8H0M0S", links=_link(1)))
    with pytest.raises(errors.CycleError) as info:
        pm.io.read_schedule(xml)
    assert info.value.cycle in (["1", "2", "1"], ["2", "1", "2"])


def test_a_plan_brings_its_own_calendars(fitout):
    with pytest.raises(errors.InputError, match="own calendars"):
        pm.schedule.cpm(fitout, calendars=pm.schedule.Calendar())


# ------------------------------------------------------------------------------------------
# the course's own file (datasets/store_fitout.xml)
# ------------------------------------------------------------------------------------------
def test_bundled_store_fitout_schedule():
    plan = pm.io.read_schedule(pm.datasets.data_dir() / "store_fitout.xml")
    assert len(plan.activities) == 17 and set(plan.calendars) == {"Standard", "Shopfitters 6-day",
                                                                  "24 hours (elapsed)"}
    assert plan.warnings == ["1 link(s) on summary tasks expanded to the summaries' leaf tasks."]
    s = pm.schedule.cpm(plan)
    d, t = s.dates, s.table
    # order placed Mon 8 Feb (ends 17:00); the supplier's 28 elapsed days end Mon 8 March 17:00
    assert (d.loc["5", "early_start"], d.loc["5", "early_finish"]) == (T("2027-02-08 17:00"), T("2027-03-08 17:00"))
    # fixtures on the 6-day calendar: Tue 9 - Sat 13 March
    assert d.loc["14", "early_finish"] == T("2027-03-13 17:00")
    # stock delivery: Tue 23 13:00 - Tue 30 12:00, skipping Good Friday, the weekend and Easter Monday
    assert (d.loc["18", "early_start"], d.loc["18", "early_finish"]) == (T("2027-03-23 13:00"), T("2027-03-30 12:00"))
    # the store reopens Thu 1 April 12:00, 2.5 working days after the wanted Thu 25 March 17:00
    assert d.loc["21", "early_start"] == T("2027-04-01 12:00") and t.loc["21", "total_float"] == -2.5
    assert s.critical_paths == [["2", "3", "4", "5", "14", "15", "16", "17", "18", "20", "21"]]


def test_a_later_status_date_moves_the_remaining_work(p6):
    s = pm.schedule.cpm(p6, status_date="2026-03-05 17:00")
    # Excavate resumes on Fri 6 with its 3 days left: Fri 6, (Mon 9 holiday), Tue 10, Wed 11
    assert s.dates.loc["A1010", "early_finish"] == T("2026-03-11 16:00")
    assert pm.schedule.cpm(p6).dates.loc["A1010", "early_finish"] == T("2026-03-06 16:00")   # the cache is per option
