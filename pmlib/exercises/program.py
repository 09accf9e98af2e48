"""Questions of exercises/06_program.ipynb: roll-ups, the project network, ripple, resources, benefits.

The case is the Home Services Launch program (``PG-HOME``) at the status date 2026-10-31, and
the completed CRM (P09) and returns portal (P25) projects of ``PG-DIGI``. Every expected answer
is computed through :mod:`pmlib.program` (itself built on :mod:`pmlib.evm` and
:mod:`pmlib.schedule`), never typed in.
"""

from __future__ import annotations

import functools

from .. import datasets
from .. import program as P
from . import Choice, ExerciseSet, Items, Numeric


@functools.lru_cache(maxsize=1)
def _home():
    return P.load("PG-HOME")


@functools.lru_cache(maxsize=1)
def _digi():
    return P.load("PG-DIGI")


def _rollup():
    return _home().rollup()


def _float(pid):
    return float(_home().schedule().table.loc[pid, "total_float"])


def _ripple_p04():
    return _home().ripple({"P04": 3})


def _success():
    d = _digi()
    return P.success_matrix(d.outcomes, d.benefits, d.realisation, status_date=datasets.STATUS_DATE)


EXERCISES = ExerciseSet(
    "Program management",
    [
        Numeric(
            "cpi_program",
            answer=lambda: _rollup().program["cpi"],
            rtol=2e-3,
            prompt="The program's CPI at the status date (a ratio)",
            hints=["A program's cost efficiency is the value of all its work done over all it cost.",
                   "Add up EV and AC over the projects first: CPI = sum(EV) / sum(AC)."],
            solution="cpi_program = t['ev'].sum() / t['ac'].sum()",
            explanation="Indices roll up from summed values: each project weighs by its size.",
        ),
        Numeric(
            "spi_program",
            answer=lambda: _rollup().program["spi"],
            rtol=2e-3,
            prompt="The program's SPI at the status date (a ratio)",
            hints=["Same idea as CPI, against the plan.", "SPI = sum(EV) / sum(PV)."],
            solution="spi_program = t['ev'].sum() / t['pv'].sum()",
            explanation="The program has earned less of its planned work than most of its projects suggest: P05 "
                        "and P01, large and late, pull it down.",
        ),
        Numeric(
            "spi_average",
            answer=lambda: _rollup().average["spi"],
            rtol=2e-3,
            prompt="The plain average of the five projects' SPIs (the figure not to report)",
            hints=["Compute each project's SPI = EV / PV, then take the mean.",
                   "`(t['ev'] / t['pv']).mean()`"],
            solution="spi_average = (t['ev'] / t['pv']).mean()",
            explanation="The average counts P03 (small, just started, ahead of plan) as much as P05 (large and "
                        "late), so it looks healthier than the program is.",
        ),
        Choice(
            "report",
            answer="sums",
            choices=["sums", "average"],
            prompt="Which SPI goes in the program's status report: from 'sums' or the 'average'?",
            hints=["Which one would change if you split a big project into ten small ones?"],
            solution="report = 'sums'",
            why={"average": "An average of ratios weighs a small project like a large one; the program's index "
                            "is sum(EV) / sum(PV) (PMI Practice Standard for EVM)."},
            explanation="Variances (CV, SV) add up across projects; indices do not, so compute them from the sums.",
        ),
        Numeric(
            "eac_program",
            answer=lambda: _rollup().program["eac"],
            unit="k$",
            rtol=2e-3,
            prompt="The program's EAC if its cost efficiency so far continues, in k$",
            hints=["The program's budget at completion is the sum of the projects' BACs.",
                   "EAC = sum(BAC) / CPI of the program."],
            solution="eac_program = t['bac'].sum() / cpi_program",
            explanation="Above the program's budget (the sum of the BACs) if nothing changes: the CPI is below 1.",
        ),
        Numeric(
            "float_p04",
            answer=lambda: _float("P04"),
            unit="weeks",
            atol=0.01,
            percent_hint=False,
            prompt="How many weeks can P04 (installer onboarding) finish late before the launch moves?",
            hints=["Nothing waits for P04 except the launch, and the launch is when the last project finishes.",
                   "Compare P04's finish with the launch date: `sched.finish - sched.table.loc['P04', 'finish']`."],
            solution="float_p04 = (sched.finish - sched.table.loc['P04', 'finish']).days / 7",
            explanation="P04 finishes a week before P03, so it has one week of total float.",
        ),
        Numeric(
            "launch_delay",
            answer=lambda: _ripple_p04().finish_delay_weeks,
            unit="weeks",
            atol=0.01,
            percent_hint=False,
            prompt="P04 slips 3 weeks. How many weeks later does the program launch?",
            hints=["A slip moves the launch only by what exceeds the float.",
                   "`home.ripple({'P04': 3}).finish_delay_weeks`, or 3 minus P04's float."],
            solution="launch_delay = home.ripple({'P04': 3}).finish_delay_weeks",
            explanation="3 weeks of slip minus 1 week of float: the launch moves 2 weeks.",
        ),
        Items(
            "benefits_moved",
            answer=lambda: [i for i in _ripple_p04().moved if i.startswith("B")],
            prompt="Which benefits land later when P04 slips 3 weeks? (a list of benefit ids)",
            hints=["A benefit lands after the last of its projects finishes: look at `home.benefits['project_ids']`.",
                   "Only benefits that need P04 can move: `[i for i in home.ripple({'P04': 3}).moved if i.startswith('B')]`."],
            solution="benefits_moved = [i for i in home.ripple({'P04': 3}).moved if i.startswith('B')]",
            explanation="B02 (installations) and B03 (the launch's new customers) need P04; B01 and B04 do not.",
        ),
        Items(
            "overbooked",
            answer=lambda: sorted(_home().overallocations()["resource_id"].unique()),
            prompt="Which people (resource ids) are booked above their capacity in some week?",
            hints=["Add up each person's FTE per week over all projects and compare with `capacity`.",
                   "`home.overallocations()['resource_id'].unique()`"],
            solution="overbooked = sorted(home.overallocations()['resource_id'].unique())",
            explanation="R01 (data scientist, wanted by P01 and P03 in the same two weeks) and R13 (cloud "
                        "engineer, P05 and P04 in one week).",
        ),
        Numeric(
            "cost_days",
            answer=lambda: max(0.0, 3 - _float("P04")) * P.DAYS_PER_WEEK,
            unit="working days",
            atol=0.01,
            percent_hint=False,
            prompt="P04's assignment of R13 must start 3 weeks later. How many working days late does P04 finish?",
            hints=["The first weeks of the shift are free: P04 has float.",
                   "(shift - float) weeks, 5 working days a week."],
            solution="cost_days = max(0, 3 - float_p04) * 5",
            explanation="2 weeks beyond P04's float: 10 working days (and, here, a 2-week later launch).",
        ),
        Numeric(
            "crm_realisation",
            answer=lambda: _digi().benefits_realisation().loc["B05", "realisation"],
            rtol=2e-3,
            prompt="CRM benefit B05: realised to date as a fraction of planned to date",
            hints=["Only quarters up to the status date count: those with a `realised` value.",
                   "Sum `realised` and `planned` of B05's rows up to 2026-10-31, then divide."],
            solution=("b05 = digi_realisation[(digi_realisation['benefit_id'] == 'B05') & "
                      "(digi_realisation['date'] <= '2026-10-31')]\n"
                      "crm_realisation = b05['realised'].sum() / b05['planned'].sum()"),
            explanation="About 43 %: the CRM was installed on time and on budget, yet sales velocity barely moved.",
        ),
        Choice(
            "p25_verdict",
            answer=lambda: _success().loc["P25", "verdict"],
            choices=["project success, benefit success", "project success, benefit failure",
                     "project failure, benefit success", "project failure, benefit failure"],
            prompt="The returns portal P25: project success or failure, benefit success or failure?",
            hints=["Project success: on time and on budget against the baseline (`outcomes`).",
                   "Benefit success: at least 80 % of the planned benefit to date realised."],
            solution="p25_verdict = 'project failure, benefit success'",
            why={"project success, benefit failure": "That is the CRM (P09). P25 finished four months late and "
                                                     "20 % over budget."},
            explanation="Four months late and 20 % over budget, yet its benefit runs about a third above plan: "
                        "the portfolio judges the benefit, not the delivery.",
        ),
        Choice(
            "shared_vendor",
            answer=lambda: _home().risk_concentration().iloc[0]["source"],
            choices=["Corvid Systems", "FieldForce Partners", "none"],
            prompt="Which vendor do several critical projects of PG-HOME depend on?",
            hints=["Look at the `vendor` of the critical projects in `sched.table`."],
            solution="shared_vendor = 'Corvid Systems'",
            explanation="P05, P01 and P02 all rely on Corvid Systems, which delivered P25 four months late: one "
                        "vendor slip would hit three critical projects at once.",
        ),
        Choice(
            "who_resolves",
            answer="program manager",
            choices=["project manager", "program manager", "portfolio manager"],
            prompt="P01 and P03 both need data scientist R01 in the same two weeks. Whose call is it?",
            hints=["The conflict is between two projects of the same program, over a shared launch date."],
            solution="who_resolves = 'program manager'",
            why={"project manager": "Each project manager sees only their own project; neither can trade one "
                                    "project's weeks against the other's.",
                 "portfolio manager": "The portfolio plans capacity by skill across all work; a two-week clash "
                                      "inside one program is resolved within the program."},
            explanation="Resolving conflicts between its projects (resources, dependencies) is the program "
                        "manager's job (PMI Standard for Program Management).",
        ),
    ],
)
EXERCISES.publish(globals())
