"""Questions of exercises/06_program.ipynb: roll-ups, the project network, ripple, resources, benefits.

The case is the Home Services Launch program (``PG-HOME``) at the status date 2026-10-31, and
the completed CRM (P09) and returns portal (P25) projects of ``PG-DIGI``. Every expected answer
and every named mistake is computed through :mod:`pmlib.program` (itself built on
:mod:`pmlib.evm` and :mod:`pmlib.schedule`), never typed in. Solutions are self-contained.
"""

from __future__ import annotations

import functools

from .. import datasets
from .. import program as P
from . import Choice, ExerciseSet, Items, Numeric

_HOME = "home = pm.program.load('PG-HOME')\n"
_T = _HOME + "t = home.rollup().table.drop(index='PROGRAM')\n"
_VERDICTS = ["delivered on time and budget, benefits on plan", "delivered on time and budget, benefits short of plan",
             "late or over budget, benefits on plan", "late or over budget, benefits short of plan"]


@functools.lru_cache(maxsize=1)
def _home():
    return P.load("PG-HOME")


@functools.lru_cache(maxsize=1)
def _digi():
    return P.load("PG-DIGI")


def _roll():
    return _home().rollup()


def _float(pid):
    return float(_home().schedule().table.loc[pid, "total_float"])


def _ripple_p04():
    return _home().ripple({"P04": 3})


def _b05():
    return _digi().benefits_realisation().loc["B05"]


EXERCISES = ExerciseSet(
    "Program management",
    [
        Numeric(
            "cpi_program",
            answer=lambda: _roll().program["cpi"],
            rtol=2e-3,
            topic="program.rollup",
            misconceptions={
                "that is the average of the projects' CPIs, which weighs a small project like a large one; "
                "add up EV and AC first": lambda: _roll().average["cpi"],
                "that is AC / EV, upside down: CPI = EV / AC": lambda: 1 / _roll().program["cpi"],
            },
            prompt="The program's CPI at the status date (a ratio)",
            hints=["A program's cost efficiency is the value of all its work done over all it cost.",
                   "Add up EV and AC over the projects first: CPI = sum(EV) / sum(AC).",
                   "`t` has one row per project with its `ev` and `ac` in k$."],
            solution=_T + "cpi_program = t['ev'].sum() / t['ac'].sum()",
            explanation="Indices roll up from summed values: each project weighs by its size.",
        ),
        Numeric(
            "spi_program",
            answer=lambda: _roll().program["spi"],
            rtol=2e-3,
            topic="program.rollup",
            misconceptions={
                "that is the average of the projects' SPIs; sum EV and PV first": lambda: _roll().average["spi"],
                "that is the program's CPI (EV / AC); SPI compares EV with PV": lambda: _roll().program["cpi"],
            },
            prompt="The program's SPI at the status date (a ratio)",
            hints=["Same idea as CPI, against the plan instead of the cost.",
                   "SPI = sum(EV) / sum(PV).",
                   "`t` has the projects' `ev` and `pv` in k$."],
            solution=_T + "spi_program = t['ev'].sum() / t['pv'].sum()",
            explanation="The program has earned less of its planned work than most of its projects suggest: P05 "
                        "and P01, large and late, pull it down.",
        ),
        Numeric(
            "spi_average",
            answer=lambda: _roll().average["spi"],
            rtol=2e-3,
            topic="program.rollup",
            misconceptions={"that is the SPI from sums; the question asks for the plain average of the five SPIs":
                            lambda: _roll().program["spi"]},
            prompt="The plain average of the five projects' SPIs (the figure not to report)",
            hints=["Compute each project's own SPI, then average them as if all projects weighed the same.",
                   "SPI of a project = EV / PV; average = their sum / 5.",
                   "Divide the `ev` column of `t` by its `pv` column, row by row, then take the mean."],
            solution=_T + "spi_average = (t['ev'] / t['pv']).mean()",
            explanation="The average counts P03 (small, just started, ahead of plan) as much as P05 (large and "
                        "late), so it looks healthier than the program is.",
        ),
        Choice(
            "report",
            answer="sums",
            choices=["sums", "average"],
            topic="program.rollup",
            prompt="Which SPI goes in the program's status report: from 'sums' or the 'average'?",
            hints=["Which one would change if you split a big project into ten small ones?",
                   "Variances add up across projects; ratios do not."],
            solution="report = 'sums'",
            why={"average": "An average of ratios weighs a small project like a large one; the program's index "
                            "is sum(EV) / sum(PV) (PMI Practice Standard for EVM)."},
            explanation="Variances (CV, SV) add up across projects; indices do not, so compute them from the sums.",
        ),
        Numeric(
            "eac_program",
            answer=lambda: _roll().program["eac"],
            unit="k$",
            rtol=2e-3,
            topic="evm.eac",
            misconceptions={
                "that is BAC x CPI; EAC divides the budget by the CPI (BAC / CPI)":
                    lambda: _roll().program["bac"] * _roll().program["cpi"],
                "that adds up the projects' own EACs (a bottom-up forecast); the question asks for the program's "
                "BAC / CPI": lambda: _roll().eac_sum,
                "that divides by the average of the projects' CPIs; use the program's CPI from sums":
                    lambda: _roll().program["bac"] / _roll().average["cpi"],
            },
            prompt="The program's EAC if its cost efficiency so far continues, in k$",
            hints=["If every k$ of work keeps costing what it has cost so far, the whole budget costs more.",
                   "EAC = BAC / CPI, with the program's BAC (the sum of the projects' BACs) and its CPI from sums.",
                   "`t['bac'].sum()` is the program's BAC; the CPI is your answer to question 1."],
            solution=_T + "eac_program = t['bac'].sum() / (t['ev'].sum() / t['ac'].sum())",
            explanation="Above the program's budget (the sum of the BACs) if nothing changes: the CPI is below 1.",
        ),
        Numeric(
            "float_p04",
            answer=lambda: _float("P04"),
            unit="weeks",
            atol=0.01,
            percent_hint=False,
            topic="schedule.float",
            misconceptions={"P04 has float: the launch waits for the last project, and P04 is not the last one":
                            lambda: 0.0},
            prompt="How many weeks can P04 (installer onboarding) finish late before the launch moves?",
            hints=["Nothing waits for P04 except the launch, and the launch is when the last project finishes.",
                   "Total float of P04 = launch date - P04's finish, here in weeks.",
                   "`sched.finish` is the launch date; `sched.table.loc['P04', 'finish']` is P04's finish."],
            solution=_HOME + "sched = home.schedule()\n"
                             "float_p04 = (sched.finish - sched.table.loc['P04', 'finish']).days / 7",
            explanation="P04 finishes a week before P03, so it has one week of total float.",
        ),
        Numeric(
            "launch_delay",
            answer=lambda: _ripple_p04().finish_delay_weeks,
            unit="weeks",
            atol=0.01,
            percent_hint=False,
            topic="program.dependency",
            misconceptions={"that is the whole slip; P04's float absorbs part of it":
                            lambda: _ripple_p04().slipped.table.loc["P04", "slip"]},
            prompt="P04 slips 3 weeks. How many weeks later does the program launch?",
            hints=["A slip moves the launch only by what exceeds the float.",
                   "launch delay = max(0, slip - total float).",
                   "3 weeks of slip against the float of question 6; `home.ripple({'P04': 3})` checks it."],
            solution=_HOME + "launch_delay = home.ripple({'P04': 3}).finish_delay_weeks",
            explanation="3 weeks of slip minus 1 week of float: the launch moves 2 weeks.",
        ),
        Items(
            "benefits_moved",
            answer=lambda: [i for i in _ripple_p04().moved if i.startswith("B")],
            topic="program.dependency",
            prompt="Which benefits land later when P04 slips 3 weeks? (a list of benefit ids)",
            hints=["A benefit lands after the last of its projects finishes: look at `home.benefits['project_ids']`.",
                   "Only benefits that need P04 can move, and only if P04 is then their last project to finish.",
                   "The ripple's `moved` list holds every project, benefit and the launch that moves."],
            solution=_HOME + "benefits_moved = [i for i in home.ripple({'P04': 3}).moved if i.startswith('B')]",
            explanation="B02 (installations) and B03 (the launch's new customers) need P04; B01 and B04 do not.",
        ),
        Items(
            "overbooked",
            answer=lambda: sorted(_home().overallocations()["resource_id"].unique()),
            prompt="Which people (resource ids) are booked above their capacity in some week?",
            hints=["Each project's plan is fine alone; add them up across projects, person by person, week by week.",
                   "Over-allocated when the summed FTE of a week > the person's capacity.",
                   "`home.overallocations()` lists the over-booked (person, week) cells."],
            solution=_HOME + "overbooked = sorted(home.overallocations()['resource_id'].unique())",
            explanation="R01 (data scientist, wanted by P01 and P03 in the same two weeks) and R13 (cloud "
                        "engineer, P05 and P04 in one week).",
        ),
        Numeric(
            "cost_days",
            answer=lambda: max(0.0, 3 - _float("P04")) * P.DAYS_PER_WEEK,
            unit="working days",
            atol=0.01,
            percent_hint=False,
            topic="program.dependency",
            misconceptions={"that ignores P04's float: the first week of the shift costs nothing":
                            lambda: 3.0 * P.DAYS_PER_WEEK},
            prompt="P04's assignment of R13 must start 3 weeks later. How many working days late does P04 finish?",
            hints=["The first weeks of the shift are free: P04 has float.",
                   "delay = (shift - float) weeks, and a week has 5 working days.",
                   "Shift 3 weeks; P04's float is your answer to question 6."],
            solution=_HOME + "float_p04 = home.schedule().table.loc['P04', 'total_float']\n"
                             "cost_days = max(0, 3 - float_p04) * 5",
            explanation="2 weeks beyond P04's float: 10 working days (and, here, a 2-week later launch).",
        ),
        Numeric(
            "crm_realisation",
            answer=lambda: _b05()["realisation"],
            rtol=2e-3,
            topic="program.benefits",
            misconceptions={"that divides by the benefit planned over its whole life; compare with what was "
                            "planned up to the status date": lambda: _b05()["realised_to_date"] / _b05()["planned_total"]},
            prompt="CRM benefit B05: realised to date as a fraction of planned to date",
            hints=["Only quarters up to the status date count: those with a `realised` value.",
                   "realisation = sum of realised to date / sum of planned to date.",
                   "Keep B05's rows dated on or before 2026-10-31, then divide the two sums."],
            solution=("real = pm.program.load('PG-DIGI').realisation\n"
                      "b05 = real[(real['benefit_id'] == 'B05') & (real['date'] <= '2026-10-31')]\n"
                      "crm_realisation = b05['realised'].sum() / b05['planned'].sum()"),
            explanation="About 43 %: the CRM was installed on time and on budget, yet sales velocity barely moved.",
        ),
        Choice(
            "p25_verdict",
            answer=lambda: P.success_matrix(_digi().outcomes, _digi().benefits, _digi().realisation,
                                            status_date=datasets.STATUS_DATE).loc["P25", "verdict"],
            choices=_VERDICTS,
            topic="program.benefits",
            prompt="The returns portal P25: delivered on time and budget or not, and its benefits on plan or short?",
            hints=["Delivery: the actual finish and cost against the baseline (`project_outcomes`).",
                   "Benefits: at least 80 % of the benefit planned to date realised (`benefit_realisation`)."],
            solution="p25_verdict = 'late or over budget, benefits on plan'",
            why={_VERDICTS[1]: "That is the CRM (P09). P25 finished four months late and 20 % over budget.",
                 _VERDICTS[0]: "Compare P25's actual finish and cost with its baseline.",
                 _VERDICTS[3]: "Look again at P25's benefit B06 against its plan."},
            explanation="Four months late and 20 % over budget, yet its benefit runs about a third above plan: "
                        "project success includes the value it was started for, and the portfolio judges it.",
        ),
        Choice(
            "shared_vendor",
            answer=lambda: _home().risk_concentration().iloc[0]["source"],
            choices=["Corvid Systems", "FieldForce Partners", "none"],
            prompt="Which vendor do several critical projects of PG-HOME depend on?",
            hints=["Look at the `vendor` of the critical projects in `sched.table`.",
                   "A vendor under two or more critical projects is one risk, not several."],
            solution=_HOME + "rc = home.risk_concentration()\n"
                             "shared_vendor = rc.loc[rc['flagged'] & (rc['kind'] == 'vendor'), 'source'].iloc[0]",
            explanation="P05, P01 and P02 all rely on Corvid Systems, which delivered P25 four months late: one "
                        "vendor slip would hit three critical projects at once.",
        ),
        Choice(
            "who_resolves",
            answer="program manager",
            choices=["project manager", "program manager", "portfolio manager"],
            topic="levels.which_level",
            prompt="P01 and P03 both need data scientist R01 in the same two weeks. Whose call is it?",
            hints=["The conflict is between two projects of the same program, over a shared launch date.",
                   "Who sees both projects' plans and the benefit they share?"],
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
