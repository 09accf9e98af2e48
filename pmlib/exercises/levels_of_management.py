"""Exercises of ``exercises/01_levels_of_management.ipynb``: which level decides, reads, earns what.

Twelve questions: classify decisions (q1-q5), match metrics and credentials to levels (q6-q7),
and small computations on the organisation's data (q8-q12). Every expected answer and every
named mistake is computed through pmlib (:mod:`pmlib.levels`, :mod:`pmlib.program`,
:mod:`pmlib.portfolio`) or read from the bundled data, never typed in. Solutions are
self-contained.
"""

from __future__ import annotations

from .. import datasets, finance, levels, program
from . import Choice, Custom, ExerciseSet, Items, Numeric
from .portfolio import shortfall_question

LEVEL_CHOICES = list(levels.LEVELS)

#: The statements of question 5 (the learner sorts all five at once).
SORT_IDS = ("D04", "D11", "D20", "D30", "D07")

#: Metrics offered in question 6.
METRIC_CHOICES = ("cpi", "npv", "total_float", "irr", "retention", "weighted_score", "spi", "program_cpi")

#: The PG-HOME projects of question 11.
HOME_PROJECTS = ("P01", "P02", "P03", "P04", "P05")

#: The answers of question 12: was the CRM (P09) a project success?
CRM_CHOICES = (
    "success: delivered on time, on budget and in scope",
    "not a success: delivered to its baseline, but the business objective it was started for was not met",
    "failure: it was late and over budget",
    "cannot be judged: the project is closed",
)

_SAYS = {
    "project": "A project manager decides inside one project's baseline (its activities, people, cost).",
    "program": "A program manager decides across related projects (their links, shared people, combined benefit).",
    "portfolio": "The portfolio decides what the organisation invests in, across all its work.",
    "product": "A product manager decides what one product becomes for its customers over its life.",
}


def _level_of(decision_id: str) -> str:
    return str(levels.decisions().loc[decision_id, "level"])


def _classify(decision_id: str, variable: str) -> Choice:
    statement = levels.decisions().loc[decision_id, "statement"]
    owner = _level_of(decision_id)
    return Choice(
        variable,
        answer=lambda: _level_of(decision_id),
        choices=LEVEL_CHOICES,
        topic="levels.which_level",
        why={lv: _SAYS[lv] + " Is that what this statement is about? Read it again." for lv in levels.LEVELS
             if lv != owner},
        prompt=f"Which level decides {decision_id}: {statement}",
        hints=["Ask: is it about one project's baseline, the links between related projects, the whole "
               "investment mix, or one product's customers?",
               f"Look it up: pm.levels.check_decision('{decision_id}', 'project') tells you if 'project' is right."],
        solution=f"{variable} = pm.levels.decisions().loc['{decision_id}', 'level']",
        explanation=levels.decisions().loc[decision_id, "reason"],
    )


def _check_sorting(answer) -> tuple[bool, str]:
    if not isinstance(answer, dict):
        return False, "give a dict {decision id: level}, e.g. {'D04': 'project', ...}."
    missing = [i for i in SORT_IDS if i not in answer]
    if missing:
        return False, f"{len(missing)} of the five statements have no level yet."
    try:
        scored = levels.score_answers({i: answer[i] for i in SORT_IDS})
    except ValueError as exc:
        return False, str(exc)
    right = int(scored["correct"].sum())
    if right == len(SORT_IDS):
        return True, ""
    return False, f"{right} of {len(SORT_IDS)} right; use pm.levels.check_decision(id, level) to see which."


def _pla():
    return levels.product_line_summary().loc["PL-A"]


def _home_roll():
    return program.load("PG-HOME").rollup(status_date=datasets.STATUS_DATE)


def _crm_outcome() -> str:
    digi = program.load("PG-DIGI")
    row = digi.success_matrix(datasets.STATUS_DATE).loc["P09"]
    if row["project_success"]:
        return CRM_CHOICES[0]
    return CRM_CHOICES[1] if row["delivery_success"] else CRM_CHOICES[2]


EXERCISES = ExerciseSet(
    "Levels of management",
    [
        _classify("D09", "level_d09"),
        _classify("D21", "level_d21"),
        _classify("D02", "level_d02"),
        _classify("D26", "level_d26"),
        Custom(
            "sorting",
            checker=_check_sorting,
            topic="levels.which_level",
            prompt="Sort five statements at once: a dict {decision id: level} for " + ", ".join(SORT_IDS),
            hints=["Read each statement; ask whose baseline, budget or customers it touches.",
                   "A change request against a baseline is a project matter; re-ranking on new strategy weights "
                   "is the portfolio's; a product's long-term vision is the product manager's."],
            solution="from pmlib.exercises.levels_of_management import SORT_IDS\n"
                     "sorting = pm.levels.decisions().loc[list(SORT_IDS), 'level'].to_dict()",
            explanation="Change requests (project), combined benefits (program), quarterly re-ranking (portfolio), "
                        "product vision (product), critical path (project).",
        ),
        Items(
            "portfolio_metrics",
            answer=lambda: [m for m in METRIC_CHOICES if levels.metric_level(m) == "portfolio"],
            topic="levels.which_level",
            prompt="Which of METRIC_CHOICES does the portfolio manager read? A list of names.",
            hints=["The portfolio asks 'is this the right investment?': think money returned and strategic fit.",
                   "pm.levels.metric_level(name) gives the level of one metric."],
            solution="from pmlib.exercises.levels_of_management import METRIC_CHOICES\n"
                     "portfolio_metrics = [m for m in METRIC_CHOICES if pm.levels.metric_level(m) == 'portfolio']",
            explanation="NPV, IRR and the weighted (strategic alignment) score judge investments; CPI, SPI and float "
                        "judge one project's delivery, program CPI a program's, retention a product's.",
        ),
        Choice(
            "program_credential",
            answer=lambda: str(levels.roles().loc["program", "credential"]),
            choices=["PMP", "PgMP", "PfMP", "CAPM"],
            topic="levels.which_level",
            why={"pmp": "PMP is PMI's credential for project managers. It is a separate credential, not a step "
                        "you must climb first.",
                 "pfmp": "PfMP is PMI's credential for portfolio managers, a separate role.",
                 "capm": "CAPM is PMI's entry-level credential for project team members."},
            prompt="Which PMI credential matches the program manager's role?",
            hints=["Each level's manager has a PMI credential of its own; look at pm.levels.roles().",
                   "The credentials are separate, each with its own experience requirements: no rung is a "
                   "prerequisite for another."],
            solution="program_credential = pm.levels.roles().loc['program', 'credential']",
            explanation="PMP (project managers), PgMP (program managers), PfMP (portfolio managers): three "
                        "separate credentials for three roles, not rungs of one ladder.",
        ),
        Numeric(
            "added_channels",
            answer=lambda: float(levels.communication_channels(12) - levels.communication_channels(8)),
            rtol=0,
            atol=0.5,
            percent_hint=False,
            unit="channels",
            topic="levels.communication_channels",
            misconceptions={
                "that is the total for 12 people; the question asks how many are added":
                    lambda: float(levels.communication_channels(12)),
                "that forgets to halve: each pair is one channel, n(n - 1) / 2":
                    lambda: 2.0 * (levels.communication_channels(12) - levels.communication_channels(8)),
                "that counts the channels among the 4 newcomers only; they also talk to the 8 already there":
                    lambda: float(levels.communication_channels(4)),
            },
            prompt="P01's team grows from 8 to 12 people. How many communication channels are added?",
            hints=["Every pair of people is one channel, and the newcomers pair with everyone.",
                   "Channels between n people: n(n - 1) / 2 (PMBOK Guide); compute it for 12 and for 8.",
                   "12 x 11 / 2 and 8 x 7 / 2: subtract."],
            solution="added_channels = pm.levels.communication_channels(12) - pm.levels.communication_channels(8)",
            explanation="66 - 28 = 38: four more people add 38 channels. Exams ask for the change, not the total.",
        ),
        shortfall_question("If every candidate is funded, what share of 2027's data-scientist demand is not "
                           "covered? (0.1 = 10 %)"),
        Numeric(
            "pla_cagr",
            answer=lambda: float(_pla()["revenue_cagr"]),
            rtol=1e-3,
            unit="fraction per year",
            topic="finance.future_value",
            misconceptions={
                "that is simple average growth, (last / first - 1) / years; CAGR compounds":
                    lambda: finance.roi(_pla()["revenue_last"], _pla()["revenue_first"]) / 4,
                "that counts 5 years (2022 to 2026 inclusive); there are 4 years of growth between them":
                    lambda: levels.revenue_cagr(_pla()["revenue_first"], _pla()["revenue_last"], 5),
                "that is the total growth over the period, not a yearly rate":
                    lambda: finance.roi(_pla()["revenue_last"], _pla()["revenue_first"]),
            },
            prompt="Compound annual growth rate of PL-A's revenue from 2022 to 2026 (0.05 = 5 % a year).",
            hints=["The constant yearly growth that turns the first year's revenue into the last year's.",
                   "CAGR = (last / first) ** (1 / years) - 1, with years = 2026 - 2022.",
                   "pm.levels.revenue_cagr(first, last, years) computes it; product_line_summary() has first and "
                   "last revenue."],
            solution="pla_cagr = pm.levels.product_line_summary().loc['PL-A', 'revenue_cagr']",
            explanation="About 7 % a year: PL-A is in growth, so the portfolio invests in it.",
        ),
        Numeric(
            "home_cpi",
            answer=lambda: float(_home_roll().program["cpi"]),
            rtol=1e-3,
            percent_hint=False,
            topic="program.rollup",
            misconceptions={"that is the average of the five project CPIs; sum EV and AC first":
                            lambda: float(_home_roll().average["cpi"])},
            prompt="PG-HOME's program CPI at the status date, from the SUMS of its projects' EV and AC.",
            hints=["Take the rows of status_periods at 2026-10-31 for P01-P05.",
                   "Program CPI = sum(EV) / sum(AC).",
                   "Filter `status` on the date and on HOME_PROJECTS, then add up the two columns."],
            solution=("from pmlib.exercises.levels_of_management import HOME_PROJECTS\n"
                      "status = pm.datasets.load('status_periods')\n"
                      "now = status[(status['date'] == pm.datasets.STATUS_DATE) & status['project_id'].isin(HOME_PROJECTS)]\n"
                      "home_cpi = now['ev'].sum() / now['ac'].sum()"),
            explanation="A program's index comes from summed EV and AC, so big projects weigh more; "
                        "the average of the five project CPIs gives a different number.",
        ),
        Choice(
            "crm_outcome",
            answer=_crm_outcome,
            choices=CRM_CHOICES,
            topic="program.benefits",
            why={CRM_CHOICES[0]: "On time, on budget and in scope is delivery. Project success also includes the "
                                 "business objectives the project was started for (PMBOK Guide): look at B05's KPI.",
                 CRM_CHOICES[2]: "Compare P09's actual finish and cost with its baseline.",
                 CRM_CHOICES[3]: "A closed project is judged later, on its benefits: that is when the verdict comes."},
            prompt="P09 (CRM) was handed over a year ago. Was it a project success?",
            hints=["Delivery: project_outcomes (finish and cost against the baseline). Value: benefit B05's "
                   "sales-velocity KPI in benefit_realisation against its target in benefits.",
                   "The CRM was handed over on the baseline date under budget; its KPI reached about 102.6 against "
                   "a target of 115."],
            solution=("from pmlib.exercises.levels_of_management import CRM_CHOICES\n"
                      "m = pm.program.load('PG-DIGI').success_matrix(pm.datasets.STATUS_DATE)\n"
                      "crm_outcome = CRM_CHOICES[1] if m.loc['P09', 'delivery_success'] and not "
                      "m.loc['P09', 'project_success'] else CRM_CHOICES[0]"),
            explanation="Delivered on time and on budget, yet sales velocity rose under 3 % against the 15 % "
                        "promised: the delivery went well, the project did not achieve what it was for. The "
                        "sponsor is accountable for that benefit; the portfolio judges it.",
        ),
    ],
)
EXERCISES.publish(globals())
__all__ += ["LEVEL_CHOICES", "SORT_IDS", "METRIC_CHOICES", "HOME_PROJECTS", "CRM_CHOICES"]  # noqa: F821
