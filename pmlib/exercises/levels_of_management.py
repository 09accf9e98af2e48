"""Exercises of ``exercises/01_levels_of_management.ipynb``: which level decides, reads, earns what.

Twelve questions: classify decisions (q1-q5), match metrics and credentials to levels (q6-q7),
and small computations on the organisation's data (q8-q12). Every expected answer is computed
through pmlib (:mod:`pmlib.levels`, :mod:`pmlib.evm`) or read from the bundled data, never typed in.
"""

from __future__ import annotations

from .. import datasets, evm, levels, portfolio
from . import Choice, Custom, ExerciseSet, Items, Numeric

LEVEL_CHOICES = list(levels.LEVELS)

#: The statements of question 5 (the learner sorts all five at once).
SORT_IDS = ("D04", "D11", "D20", "D30", "D07")

#: Metrics offered in question 6.
METRIC_CHOICES = ("cpi", "npv", "total_float", "irr", "retention", "weighted_score", "spi", "program_cpi")

#: The PG-HOME projects of question 11.
HOME_PROJECTS = ("P01", "P02", "P03", "P04", "P05")

OUTCOMES = (
    "project success, portfolio success",
    "project success, portfolio failure",
    "project failure, portfolio success",
    "project failure, portfolio failure",
)


def _level_of(decision_id: str) -> str:
    return str(levels.decisions().loc[decision_id, "level"])


def _why(decision_id: str) -> dict:
    """Feedback for each wrong level: what that level decides, without naming the right one."""
    owner = _level_of(decision_id)
    says = {
        "project": "A project manager decides inside one project's baseline (its activities, people, cost).",
        "program": "A program manager decides across related projects (their links, shared people, combined benefit).",
        "portfolio": "The portfolio decides what the organisation invests in, across all its work.",
        "product": "A product manager decides what one product becomes for its customers over its life.",
    }
    return {lv: says[lv] + " Is that what this statement is about? Read it again."
            for lv in levels.LEVELS if lv != owner}


def _classify(decision_id: str, variable: str) -> Choice:
    statement = levels.decisions().loc[decision_id, "statement"]
    return Choice(
        variable,
        answer=lambda: _level_of(decision_id),
        choices=LEVEL_CHOICES,
        why=_why(decision_id),
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


def _portfolio_metrics() -> list[str]:
    lv = levels.metric_level(list(METRIC_CHOICES))
    return lv[lv == "portfolio"].index.tolist()


def _added_channels() -> float:
    return float(levels.communication_channels(12) - levels.communication_channels(8))


def _ds_shortfall() -> float:
    gap = portfolio.capacity_check(datasets.load("staff_demand"), datasets.load("resources"), year=2027)
    return float(gap.loc[(2027, "data_scientist"), "shortfall_share"])


def _pla_cagr() -> float:
    return float(levels.product_line_summary().loc["PL-A", "revenue_cagr"])


def _home_cpi() -> float:
    sp = datasets.load("status_periods")
    now = sp[(sp["date"] == datasets.STATUS_DATE) & sp["project_id"].isin(HOME_PROJECTS)]
    bac = datasets.load("projects").set_index("id").loc[list(HOME_PROJECTS), "cost"].sum()
    r = evm.metrics(pv=now["pv"].sum(), ev=now["ev"].sum(), ac=now["ac"].sum(), bac=bac)
    return float(r["cpi"])


def _crm_outcome() -> str:
    out = datasets.load("project_outcomes").set_index("project_id").loc["P09"]
    project_ok = (out["actual_finish"] <= out["baseline_finish"]) and (out["actual_cost"] <= out["baseline_cost"]) \
        and bool(out["scope_delivered"])
    benefit = datasets.load("benefits").set_index("id").loc["B05"]
    real = datasets.load("benefit_realisation")
    measured = real[(real["benefit_id"] == "B05") & real["kpi_actual"].notna()].sort_values("date")
    portfolio_ok = measured["kpi_actual"].iloc[-1] >= benefit["kpi_target"]
    return f"project {'success' if project_ok else 'failure'}, portfolio {'success' if portfolio_ok else 'failure'}"


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
            prompt="Sort five statements at once: a dict {decision id: level} for " + ", ".join(SORT_IDS),
            hints=["Read each statement in `decisions.loc[SORT_IDS]`; ask whose baseline, budget or customers it touches.",
                   "A change request against a baseline is a project matter; re-ranking on new strategy weights "
                   "is the portfolio's; a product's long-term vision is the product manager's."],
            solution="sorting = pm.levels.decisions().loc[list(SORT_IDS), 'level'].to_dict()",
            explanation="Change requests (project), combined benefits (program), quarterly re-ranking (portfolio), "
                        "product vision (product), critical path (project).",
        ),
        Items(
            "portfolio_metrics",
            answer=_portfolio_metrics,
            prompt="Which of METRIC_CHOICES does the portfolio manager read? A list of names.",
            hints=["The portfolio asks 'is this the right investment?': think money returned and strategic fit.",
                   "pm.levels.metric_level(name) gives the level of one metric."],
            solution="portfolio_metrics = [m for m in METRIC_CHOICES if pm.levels.metric_level(m) == 'portfolio']",
            explanation="NPV, IRR and the weighted (strategic alignment) score judge investments; CPI, SPI and float "
                        "judge one project's delivery, program CPI a program's, retention a product's.",
        ),
        Choice(
            "program_credential",
            answer=lambda: str(levels.roles().loc["program", "credential"]),
            choices=["PMP", "PgMP", "PfMP", "CAPM"],
            why={"pmp": "PMP is the project manager's credential, the first rung.",
                 "pfmp": "PfMP is the portfolio manager's credential, one rung higher.",
                 "capm": "CAPM is PMI's entry-level credential for project team members."},
            prompt="Which PMI credential matches the program manager's role?",
            hints=["PMI's ladder: project -> program -> portfolio; look at pm.levels.roles()."],
            solution="program_credential = pm.levels.roles().loc['program', 'credential']",
            explanation="PMP (project), PgMP (program), PfMP (portfolio).",
        ),
        Numeric(
            "added_channels",
            answer=_added_channels,
            rtol=0,
            atol=0.5,
            percent_hint=False,
            unit="channels",
            prompt="P01's team grows from 8 to 12 people. How many communication channels are added?",
            hints=["Channels between n people: n(n - 1) / 2 (PMBOK Guide).",
                   "Compute the channels for 12 and for 8 and subtract: pm.levels.communication_channels(n)."],
            solution="added_channels = pm.levels.communication_channels(12) - pm.levels.communication_channels(8)",
            explanation="66 - 28 = 38: four more people add 38 channels. Exams ask for the change, not the total.",
        ),
        Numeric(
            "ds_shortfall",
            answer=_ds_shortfall,
            rtol=1e-3,
            unit="fraction of demand",
            prompt="If every candidate is funded, what share of 2027's data-scientist demand is not covered? (0.1 = 10 %)",
            hints=["Add up the demand (staff_demand, 2027) and the capacity (resources) for data scientists.",
                   "pm.portfolio.capacity_check(demand, resources, year=2027) has a shortfall_share column, "
                   "indexed by (year, skill)."],
            solution=("gap = pm.portfolio.capacity_check(demand, resources, year=2027)\n"
                      "ds_shortfall = gap.loc[(2027, 'data_scientist'), 'shortfall_share']"),
            explanation="Demand 5 FTE against 4 people: a fifth short. Hiring, training or deferring work is a "
                        "portfolio decision (resource optimisation), not a project one.",
        ),
        Numeric(
            "pla_cagr",
            answer=_pla_cagr,
            rtol=1e-3,
            unit="fraction per year",
            prompt="Compound annual growth rate of PL-A's revenue from 2022 to 2026 (0.05 = 5 % a year).",
            hints=["CAGR = (last / first) ** (1 / years) - 1, with years = 2026 - 2022.",
                   "pm.levels.revenue_cagr(first, last, years), or product_line_summary()."],
            solution="pla_cagr = pm.levels.product_line_summary().loc['PL-A', 'revenue_cagr']",
            explanation="About 7 % a year: PL-A is in growth, so the portfolio invests in it.",
        ),
        Numeric(
            "home_cpi",
            answer=_home_cpi,
            rtol=1e-3,
            percent_hint=False,
            prompt="PG-HOME's program CPI at the status date, from the SUMS of its projects' EV and AC.",
            hints=["Take the rows of status_periods at 2026-10-31 for P01-P05.",
                   "Program CPI = sum(EV) / sum(AC); pm.evm.metrics(pv=..., ev=..., ac=..., bac=...)['cpi'] does it."],
            solution=("now = status[(status['date'] == pm.datasets.STATUS_DATE) & status['project_id'].isin(HOME_PROJECTS)]\n"
                      "home_cpi = now['ev'].sum() / now['ac'].sum()"),
            explanation="A program's index comes from summed EV and AC, so big projects weigh more; "
                        "the average of the five project CPIs gives a different number.",
        ),
        Choice(
            "crm_outcome",
            answer=_crm_outcome,
            choices=OUTCOMES,
            why={"project success, portfolio success": "Look again at B05's latest KPI against its target.",
                 "project failure, portfolio success": "Compare P09's actual finish and cost with its baseline.",
                 "project failure, portfolio failure": "Compare P09's actual finish and cost with its baseline."},
            prompt="P09 (CRM): a project success or failure, and a portfolio success or failure a year later?",
            hints=["Project: project_outcomes (finish and cost against the baseline). Portfolio: benefit B05's "
                   "sales-velocity KPI in benefit_realisation against its target in benefits.",
                   "The CRM was handed over on the baseline date under budget; its KPI reached about 102.6 against 115."],
            solution=("p09 = outcomes.set_index('project_id').loc['P09']\n"
                      "project_ok = p09['actual_finish'] <= p09['baseline_finish'] and p09['actual_cost'] <= p09['baseline_cost']\n"
                      "b05 = realisation[realisation['benefit_id'] == 'B05'].dropna(subset=['kpi_actual'])\n"
                      "portfolio_ok = b05['kpi_actual'].iloc[-1] >= benefits.set_index('id').loc['B05', 'kpi_target']\n"
                      "crm_outcome = f\"project {'success' if project_ok else 'failure'}, \"\\\n"
                      "              f\"portfolio {'success' if portfolio_ok else 'failure'}\""),
            explanation="Delivered on time and on budget, yet sales velocity rose under 3 % against the 15 % "
                        "promised: projects are judged at handover, investments by the benefits they realise.",
        ),
    ],
)
EXERCISES.publish(globals())
