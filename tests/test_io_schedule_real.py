"""Real MS Project and Primavera P6 files: pmlib's schedule against the dates and float their writer stored.

The files live beside the repository (``../shared/real-schedules``, see its README) and are never
copied into it; every test here skips when they are absent. For each file the agreement per field
(share of activities whose early/late start/finish match to the minute and whose total/free float
match to 0.01 day) is checked:

* files that use only what pmlib models must agree on every field (100 %);
* files with features pmlib does not model (manually scheduled tasks, tasks whose work runs on
  several resources' calendars, stored values the tool itself left inconsistent) keep the
  agreement measured when these tests were written, as a floor, and the features are listed in
  ``plan.warnings``.

Run ``pytest tests/test_io_schedule_real.py -s -k table`` to print the per-file table.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import pmlib as pm
from pmlib.io.schedule_files import agreement

REAL = Path(os.environ.get("PMLIB_REAL_SCHEDULES", Path(__file__).resolve().parents[2] / "shared" / "real-schedules"))
if not REAL.is_dir():
    REAL = Path(__file__).resolve().parents[3] / "shared" / "real-schedules"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the real schedule files (../shared/real-schedules) are absent")

FIELDS = ["early_start", "early_finish", "late_start", "late_finish", "total_float", "free_float"]
#: leaf activities the README counts in each file
LEAVES = {"mspdirelations.xml": 5, "task-links-project2003-mspdi.xml": 16, "task-links-project2019-mspdi.xml": 16,
          "task-links-project2019-mpp14.xml": 16, "slack9.xml": 15, "mpp14relations.xml": 5, "homemoveplan.xml": 126,
          "residential-construction.xml": 89, "software-development-plan.xml": 74,
          "extract-embedded-objects.xml": 61, "constraint-as-soon-as-possible.xml": 14, "ozbuild-16-orig.xml": 15,
          "new-product.xml": 36, "sf259.xml": 13, "legacy-bug1.xml": 10, "legacy-sample.xml": 16,
          "legacy-sample-mpp9.xml": 18, "sp10-cost-loaded.xer": 3994}

#: files whose scheduling features pmlib models: full agreement expected
EXACT = ["mspdirelations.xml", "task-links-project2003-mspdi.xml", "mpp14relations.xml", "slack9.xml", "sf259.xml",
         "homemoveplan.xml", "residential-construction.xml", "software-development-plan.xml",
         "extract-embedded-objects.xml", "ozbuild-16-orig.xml"]

#: the rest: (floor per field, why the file and pmlib differ)
PARTIAL = {
    "new-product.xml": ({"free_float": 0.94},
                        "MS Project's free slack ignores links a task inherits from its summary task"),
    "sp10-cost-loaded.xer": ({"early_start": 0.997, "early_finish": 0.997, "late_start": 0.998, "late_finish": 0.998,
                              "total_float": 0.98, "free_float": 0.98},
                             "P6 starts a few successors of finished activities from the finished activity's stored "
                             "early finish, not its actual finish; its float of some as-late-as-possible activities "
                             "and the free float of some unlinked activities follow rules P6 does not document"),
    "task-links-project2019-mspdi.xml": ({"late_start": 0.87, "late_finish": 0.5, "total_float": 0.87},
                                         "every task is manually scheduled"),
    "task-links-project2019-mpp14.xml": ({"late_start": 0.87, "late_finish": 0.5, "total_float": 0.87},
                                         "every task is manually scheduled"),
    "constraint-as-soon-as-possible.xml": ({"late_finish": 0.35}, "every task is manually scheduled"),
    "schedule-conflict.xml": ({"early_start": 0.3, "early_finish": 0.2, "late_finish": 0.9, "total_float": 0.3,
                               "free_float": 0.5}, "every task is manually scheduled"),
    "legacy-bug1.xml": ({"late_start": 0.8, "late_finish": 0.8, "total_float": 0.8},
                        "the stored slack of two tasks contradicts their own links (the file's name says why)"),
    "legacy-sample.xml": ({"early_finish": 0.93, "late_start": 0.06, "late_finish": 0.0, "total_float": 0.06,
                           "free_float": 0.43}, "a 100-day task's work runs on two resources' different calendars"),
    "legacy-sample-mpp9.xml": ({"early_finish": 0.94, "late_start": 0.05, "late_finish": 0.0, "total_float": 0.05,
                                "free_float": 0.38}, "tasks whose work runs on several resources' calendars"),
    "aspose-default-project-properties.xml": ({"early_start": 0.5, "early_finish": 0.75, "late_start": 0.37,
                                               "late_finish": 0.5}, "Aspose stored dates on weekends of the "
                                              "Monday-Friday calendar"),
}


@pytest.fixture(scope="module")
def results():
    out = {}
    for name in sorted(set(EXACT) | set(PARTIAL)):
        plan = pm.io.read_schedule(REAL / name)
        s = pm.schedule.cpm(plan)
        out[name] = (plan, s, agreement(plan.compare(s)))
    return out


@pytest.mark.parametrize("name", EXACT)
def test_files_pmlib_models_agree_on_every_field(results, name):
    plan, _s, a = results[name]
    assert a["activities"] > 0
    disagreements = {f: round(float(a[f]), 4) for f in FIELDS if a[f] < 1.0}
    assert not disagreements, f"{name}: {disagreements}; warnings: {plan.warnings}"


@pytest.mark.parametrize("name", sorted(PARTIAL))
def test_files_with_features_pmlib_does_not_model_keep_their_agreement(results, name):
    plan, _s, a = results[name]
    floors, _why = PARTIAL[name]
    for f in FIELDS:
        assert a[f] >= floors.get(f, 1.0) - 1e-9, f"{name}: {f} agreement {a[f]:.3f} < {floors.get(f, 1.0)}"


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_leaf_activity_counts_match_the_readme(name):
    plan = pm.io.read_schedule(REAL / name)
    assert len(plan.activities) == LEAVES[name]


def test_unmodelled_features_are_listed_in_warnings(results):
    def warned(name, *words):
        text = " ".join(results[name][0].warnings)
        return all(w in text for w in words)

    assert warned("task-links-project2019-mspdi.xml", "manually scheduled")
    assert warned("legacy-sample.xml", "several resources")
    assert warned("new-product.xml", "summary")
    assert warned("sp10-cost-loaded.xer", "level-of-effort")
    assert warned("aspose-default-project-properties.xml", "placeholder")


def test_p6_lag_calendar_options_are_read():
    rules = {"mpxj-predecessor-calendar.xer": "predecessor", "mpxj-successor-calendar.xer": "successor"}
    for name, rule in rules.items():
        plan = pm.io.read_schedule(REAL / name)
        assert plan.lag_calendar == rule
        assert len(plan.calendars["5 Day"].holidays) >= 14
        s = pm.schedule.cpm(plan)
        assert s.dates["actual_finish"].notna().all()          # the one activity is finished
    assert "24 hours (lags)" in pm.io.read_schedule(REAL / "mpxj-twenty-four-hour-calendar.xer").calendars


def test_agreement_table(results, capsys):
    rows = {name: {**{f: round(float(a[f]), 3) for f in FIELDS}, "activities": int(a["activities"])}
            for name, (_p, _s, a) in results.items()}
    table = pd.DataFrame(rows).T[FIELDS + ["activities"]]
    with capsys.disabled():
        print("\nagreement with the values stored in each file (share of activities):")
        print(table.to_string())
    assert (table[FIELDS] >= 0).all().all()
