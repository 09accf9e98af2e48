"""Questions of exercises/08_agile_and_hybrid.ipynb: velocity, burn charts, Monte Carlo forecasts,
Little's law, AgileEVM and the hybrid program view.

The case is Alderbrook's web-shop team (product line PL-A) at the status date 2026-10-31: its
finished sprints (``sprints``), its issue-tracker export (``work_items``) and its release
``WEB-R2`` (``releases``), which the predictive program PG-DIGI rolls up next to P06. Every
expected answer, and every named mistake, is computed through :mod:`pmlib.agile` (and
:mod:`pmlib.program`), never typed in. Forecasts use seed 0 and 10,000 iterations.
"""

from __future__ import annotations

import functools
import math

import pandas as pd

from .. import agile, datasets
from .. import program as P
from . import Choice, ExerciseSet, Numeric

#: The status date of the case and the release's planned last day.
STATUS = datasets.STATUS_DATE
RELEASE = "WEB-R2"


@functools.lru_cache(maxsize=1)
def _sprints() -> pd.DataFrame:
    return datasets.load("sprints")


def _last10():
    return _sprints()["completed"].tail(10)


@functools.lru_cache(maxsize=1)
def _forecast():
    return agile.release_forecast(180, _last10(), seed=0)


@functools.lru_cache(maxsize=1)
def _plan():
    return datasets.load("releases").set_index("id").loc[RELEASE]


def _r2():
    s = _sprints()
    return s[s["release_id"] == RELEASE]


@functools.lru_cache(maxsize=1)
def _evm():
    plan = _plan()
    return agile.release_evm(_r2(), bac=plan["bac"], planned_sprints=plan["planned_sprints"]).iloc[-1]


@functools.lru_cache(maxsize=1)
def _flow():
    return agile.flow_metrics(datasets.load("work_items"))


def _days_left() -> int:
    return int((_plan()["target_date"] - STATUS).days)


@functools.lru_cache(maxsize=1)
def _items_forecast():
    return agile.throughput_forecast(_flow().throughput.loc["2026-05-01":], days=_days_left(), seed=0)


def _s18():
    return _sprints().set_index("id").loc["WEB-S18"]


def _burndown_s18():
    s = _s18()
    items = datasets.load("work_items")
    items = items[(items["sprint_id"] == "WEB-S18") & items["points"].notna()]
    return agile.sprint_burndown(items, start=s["start"], end=s["end"], committed=s["committed"])


def _rollup(include_release=True):
    status = datasets.load("status_periods")
    status = status[status["project_id"] == "P06"]
    projects = datasets.load("projects").set_index("id").loc[["P06"], ["name", "cost"]].reset_index()
    if include_release:
        e = _evm()
        status = pd.concat([status, pd.DataFrame([{"project_id": RELEASE, "date": STATUS, "pv": e["pv"],
                                                   "ev": e["ev"], "ac": e["ac"]}])], ignore_index=True)
        projects = pd.concat([projects, pd.DataFrame([{"id": RELEASE, "name": _plan()["name"],
                                                       "cost": _plan()["bac"]}])], ignore_index=True)
    return P.rollup(status, projects, status_date=STATUS)


EXERCISES = ExerciseSet(
    "Agile and hybrid delivery",
    [
        Numeric(
            "velocity_mean",
            answer=lambda: agile.velocity(_last10())["mean"],
            unit="points per sprint",
            topic="agile.velocity",
            prompt="Mean velocity of the team's last 10 sprints, in points per sprint",
            hints=["Velocity is what the team *finished* in a sprint, not what it planned.",
                   "Take the `completed` column of the last ten rows of `sprints` and average it.",
                   "`pm.agile.velocity(sprints['completed'].tail(10))` gives mean, sd, last_3, min and max."],
            solution=("sprints = pm.datasets.load('sprints')\n"
                      "velocity_mean = pm.agile.velocity(sprints['completed'].tail(10))['mean']"),
            misconceptions={
                "that is the mean of the points *committed*; velocity counts only the points completed.":
                    lambda: agile.velocity(_sprints()["committed"].tail(10))["mean"],
                "that is the mean over all 21 sprints; the question asks for the last ten (the team of today).":
                    lambda: agile.velocity(_sprints()["completed"])["mean"],
                "that is the mean of the last three sprints only.":
                    lambda: agile.velocity(_last10())["last_3"],
            },
            explanation="About 26 points per sprint, with a spread of about 6: a range, not one number.",
        ),
        Numeric(
            "average_plan",
            answer=lambda: _forecast().average_sprints,
            unit="sprints",
            atol=0.01,
            percent_hint=False,
            topic="agile.velocity",
            prompt="180 points are left. How many sprints does a plan on that mean velocity need (whole sprints)?",
            hints=["Divide the work left by the work done per sprint.",
                   "sprints = remaining points / mean velocity, then round up: a part sprint is a sprint.",
                   "180 / 25.9 = 6.95, so ..."],
            solution=("import math\n"
                      "sprints = pm.datasets.load('sprints')\n"
                      "average_plan = math.ceil(180 / sprints['completed'].tail(10).mean())"),
            misconceptions={
                "that rounds down: the last, partly used sprint still has to run.":
                    lambda: math.floor(180 / agile.velocity(_last10())["mean"]),
                "that uses the velocity of all 21 sprints instead of the last ten.":
                    lambda: math.ceil(180 / agile.velocity(_sprints()["completed"])["mean"]),
            },
            explanation="7 sprints on average velocity; the next questions ask how often that promise holds.",
        ),
        Numeric(
            "sprints_p85",
            answer=lambda: _forecast().percentile(85),
            unit="sprints",
            atol=0.01,
            percent_hint=False,
            topic="agile.release_forecast",
            prompt="Monte Carlo on the last 10 velocities (seed 0): sprints needed for 180 points with 85 % confidence",
            hints=["Simulate many futures, each sprint's velocity drawn from the last ten, and count the sprints.",
                   "`f = pm.agile.release_forecast(180, velocities, seed=0)`, then ask for the 85th percentile.",
                   "`f.percentile(85)` is in whole sprints."],
            solution=("sprints = pm.datasets.load('sprints')\n"
                      "f = pm.agile.release_forecast(180, sprints['completed'].tail(10), seed=0)\n"
                      "sprints_p85 = f.percentile(85)"),
            misconceptions={
                "that is the plan on average velocity: it holds only about half the time.":
                    lambda: _forecast().average_sprints,
                "that counts the 13 sprints already done too; the question asks for the sprints still to come.":
                    lambda: len(_r2()) + _forecast().percentile(85),
            },
            explanation="8 sprints: one more than the average plan buys the confidence a sponsor can rely on.",
        ),
        Numeric(
            "p_average_holds",
            answer=lambda: _forecast().probability(_forecast().average_sprints),
            rtol=0.02,
            topic="agile.release_forecast",
            prompt="In what share of the simulated futures is the release done within the average plan's sprints? "
                   "(a fraction)",
            hints=["Idea: the average plan is one number of sprints; the simulation says how often the future "
                   "fits inside it.",
                   "Count the iterations that finish within that many sprints.",
                   "`f.probability(k)` is P(done within k sprints); use k = the average plan."],
            solution=("import math\n"
                      "sprints = pm.datasets.load('sprints')\n"
                      "f = pm.agile.release_forecast(180, sprints['completed'].tail(10), seed=0)\n"
                      "p_average_holds = f.probability(math.ceil(180 / sprints['completed'].tail(10).mean()))"),
            misconceptions={
                "that is the chance of *missing* the average plan; the question asks how often it holds.":
                    lambda: 1 - _forecast().probability(_forecast().average_sprints),
            },
            explanation="About 55 %: a plan on average velocity is close to a coin flip.",
        ),
        Numeric(
            "left_after_s18",
            answer=lambda: _burndown_s18()["remaining"].iloc[-1],
            unit="points",
            topic="agile.burndown",
            prompt="Sprint 18's burndown: how many committed points were still open at the end of the sprint?",
            hints=["A burndown starts at the commitment and falls by the points finished each day.",
                   "Open at the end = committed - points finished in the sprint.",
                   "`pm.agile.sprint_burndown(items_s18, start=..., end=..., committed=...)['remaining']`, last row."],
            solution=("s = pm.datasets.load('sprints').set_index('id').loc['WEB-S18']\n"
                      "left_after_s18 = s['committed'] - s['completed']"),
            misconceptions={
                "that is the points completed in the sprint (its velocity), not the points left.":
                    lambda: _burndown_s18()["done_points"].sum(),
                "that is the commitment: the line starts there and falls.":
                    lambda: _burndown_s18()["remaining"].iloc[0],
            },
            explanation="9 points carried over to sprint 19.",
        ),
        Choice(
            "s18_shape",
            answer="flat then a cliff",
            choices=["flat then a cliff", "scope added during the sprint", "steady burn", "finished early"],
            topic="agile.burndown",
            prompt="Sprint 18's burndown stays at 31 for six days, then drops in the last four. Its shape is ...",
            hints=["Look at `done_points` day by day: when did the first story finish?",
                   "A line that only falls never had scope added; one that falls late had work finished late."],
            solution="s18_shape = 'flat then a cliff'",
            why={"scope added during the sprint": "Added scope makes the line go *up*; this one never rises.",
                 "steady burn": "A steady burn finishes stories every few days; nothing finished for six days.",
                 "finished early": "9 points were still open at the end."},
            explanation="Nothing finished for six working days, then everything at once: stories too big, testing "
                        "left to the end, work not swarmed. Slice stories smaller and finish before starting.",
        ),
        Numeric(
            "scope_growth",
            answer=lambda: agile.release_burnup(_r2())["scope"].iloc[-1] - _plan()["planned_points"],
            unit="points",
            topic="agile.burndown",
            prompt="By how many points has WEB-R2's scope grown since release planning?",
            hints=["A burnup draws the scope line; a burndown hides it.",
                   "Growth = scope now - scope at planning.",
                   "Numbers: scope now is `release_scope` of WEB-R2's last sprint; scope at planning is "
                   "`planned_points` in `releases`."],
            solution=("sprints = pm.datasets.load('sprints')\n"
                      "plan = pm.datasets.load('releases').set_index('id').loc['WEB-R2']\n"
                      "scope_growth = sprints[sprints['release_id'] == 'WEB-R2']['release_scope'].iloc[-1] "
                      "- plan['planned_points']"),
            misconceptions={
                "that is the scope now, not how much it grew.":
                    lambda: agile.release_burnup(_r2())["scope"].iloc[-1],
                "that is the work left, not the growth.":
                    lambda: agile.release_burnup(_r2())["remaining"].iloc[-1],
            },
            explanation="48 points were added: part of the miss is scope growth, not speed. A burnup shows it.",
        ),
        Numeric(
            "cycle_time_little",
            answer=lambda: agile.littles_law(wip=5, throughput=0.8),
            unit="days",
            topic="agile.littles_law",
            prompt="A team keeps 5 items in progress on average and finishes 0.8 items a day. Average cycle time, "
                   "in days?",
            hints=["Little's law ties the three averages: WIP = throughput x cycle time.",
                   "Cycle time = WIP / throughput.",
                   "`pm.agile.littles_law(wip=5, throughput=0.8)`"],
            solution="cycle_time_little = pm.agile.littles_law(wip=5, throughput=0.8)",
            misconceptions={
                "that multiplies WIP by throughput; cycle time divides WIP by throughput.":
                    lambda: 5 * 0.8,
                "that divides throughput by WIP (upside down).":
                    lambda: 0.8 / 5,
            },
            explanation="6.25 days. To shorten it without working faster, lower WIP: finish before starting.",
        ),
        Numeric(
            "items_by_release",
            answer=lambda: _items_forecast().percentile(85),
            unit="items",
            atol=0.01,
            percent_hint=False,
            topic="agile.throughput_forecast",
            prompt="From 1 November to the release date 18 December (48 days), how many items will the team finish "
                   "with 85 % confidence? (daily throughput since 1 May, seed 0)",
            hints=["Resample days: each future day's throughput drawn from the past days, 48 days at a time.",
                   "`pm.agile.throughput_forecast(daily, days=48, seed=0)` with "
                   "`daily = pm.agile.flow_metrics(items).throughput.loc['2026-05-01':]`.",
                   "With a number of days given, `percentile(85)` is the count reached in 85 % of the futures."],
            solution=("items = pm.datasets.load('work_items')\n"
                      "daily = pm.agile.flow_metrics(items).throughput.loc['2026-05-01':]\n"
                      "items_by_release = pm.agile.throughput_forecast(daily, days=48, seed=0).percentile(85)"),
            misconceptions={
                "that is the average throughput times 48 days: a figure met only about half the time.":
                    lambda: _flow().throughput.loc["2026-05-01":].mean() * _days_left(),
                "that is the 50 % figure; 85 % confidence promises fewer items.":
                    lambda: _items_forecast().percentile(50),
            },
            explanation="The team can promise about this many items, not the average: the open backlog of the release "
                        "is larger, so the product owner must choose what comes first.",
        ),
        Numeric(
            "spi_r2",
            answer=lambda: _evm()["spi"],
            rtol=2e-3,
            topic="agile.agile_evm",
            prompt="AgileEVM of WEB-R2 after sprint 21: its SPI (a ratio)",
            hints=["AgileEVM: PV = (sprints done / planned sprints) x BAC, EV = (points done / release points) x BAC.",
                   "SPI = EV / PV = APC / PPC; use the release's points now (518), 338 done, 13 of 17 sprints.",
                   "`pm.agile.agile_evm(bac=1050, total_points=518, planned_sprints=17, sprints_done=13, "
                   "points_done=338, actual_cost=...)`"],
            solution=("sprints = pm.datasets.load('sprints')\n"
                      "r2 = sprints[sprints['release_id'] == 'WEB-R2']\n"
                      "e = pm.agile.agile_evm(bac=1050, total_points=r2['release_scope'].iloc[-1], planned_sprints=17,\n"
                      "                       sprints_done=len(r2), points_done=r2['completed'].sum(),\n"
                      "                       actual_cost=r2['cost'].sum())\n"
                      "spi_r2 = e['spi']"),
            misconceptions={
                "that uses the 470 points of the release plan; AgileEVM re-measures against the release's points "
                "now (518), or added scope would count as work done.":
                    lambda: agile.agile_evm(_plan()["bac"], _plan()["planned_points"], _plan()["planned_sprints"],
                                            len(_r2()), _r2()["completed"].sum(), _r2()["cost"].sum())["spi"],
                "that is PPC / APC, upside down: SPI = EV / PV = APC / PPC.":
                    lambda: 1 / _evm()["spi"],
                "that is the CPI (EV / AC); SPI compares EV with PV.":
                    lambda: _evm()["cpi"],
            },
            explanation="About 0.85: the release has earned 85 % of the value its plan scheduled by now.",
        ),
        Numeric(
            "eac_r2",
            answer=lambda: _evm()["eac"],
            unit="k$",
            rtol=2e-3,
            topic="agile.agile_evm",
            prompt="AgileEVM of WEB-R2: EAC if the cost efficiency so far continues, in k$",
            hints=["Same EAC as for any project: the budget divided by the cost efficiency.",
                   "EAC = BAC / CPI, with CPI = EV / AC.",
                   "`pm.agile.agile_evm(...)['eac']`"],
            solution=("sprints = pm.datasets.load('sprints')\n"
                      "r2 = sprints[sprints['release_id'] == 'WEB-R2']\n"
                      "e = pm.agile.agile_evm(bac=1050, total_points=r2['release_scope'].iloc[-1], planned_sprints=17,\n"
                      "                       sprints_done=len(r2), points_done=r2['completed'].sum(),\n"
                      "                       actual_cost=r2['cost'].sum())\n"
                      "eac_r2 = e['eac']"),
            misconceptions={
                "that is BAC x CPI; EAC divides BAC by CPI.":
                    lambda: _plan()["bac"] * _evm()["cpi"],
                "that is AC + (BAC - EV): it assumes the rest goes at budget rate, not at the CPI so far.":
                    lambda: _evm()["ac"] + _plan()["bac"] - _evm()["ev"],
            },
            explanation="About 1,190 k$: some 140 k$ above the release budget, one more thing for the sponsor.",
        ),
        Numeric(
            "spi_digi",
            answer=lambda: _rollup().program["spi"],
            rtol=2e-3,
            topic="program.rollup",
            prompt="Hybrid view: PG-DIGI rolls up P06 and the agile release WEB-R2. The program's SPI?",
            hints=["Treat the release as one more project: its PV, EV, AC from AgileEVM, its BAC the release budget.",
                   "Program SPI = sum(EV) / sum(PV) over P06 (status_periods at 2026-10-31) and WEB-R2.",
                   "`pm.program.rollup(status, projects, status_date='2026-10-31').program['spi']`"],
            solution=("import pandas as pd\n"
                      "sprints = pm.datasets.load('sprints')\n"
                      "r2 = sprints[sprints['release_id'] == 'WEB-R2']\n"
                      "e = pm.agile.agile_evm(bac=1050, total_points=r2['release_scope'].iloc[-1], planned_sprints=17,\n"
                      "                       sprints_done=len(r2), points_done=r2['completed'].sum(),\n"
                      "                       actual_cost=r2['cost'].sum())\n"
                      "status = pm.datasets.load('status_periods').query(\"project_id == 'P06'\")\n"
                      "status = pd.concat([status, pd.DataFrame([{'project_id': 'WEB-R2', 'date': '2026-10-31',\n"
                      "                    'pv': e['pv'], 'ev': e['ev'], 'ac': e['ac']}])])\n"
                      "projects = pd.DataFrame([{'id': 'P06', 'cost': 3200}, {'id': 'WEB-R2', 'cost': 1050}])\n"
                      "spi_digi = pm.program.rollup(status, projects, status_date='2026-10-31').program['spi']"),
            misconceptions={
                "that is P06's SPI alone: the agile release is part of the program too.":
                    lambda: _rollup(include_release=False).program["spi"],
                "that averages the two SPIs; a program's index comes from summed EV and PV.":
                    lambda: _rollup().average["spi"],
            },
            explanation="About 0.95: P06 alone looks on plan (0.97); the release pulls the program down.",
        ),
        Choice(
            "compare_teams",
            answer="neither: points are sized by each team, so velocities do not compare",
            choices=["team A, it has the higher velocity",
                     "team B, its points are bigger",
                     "neither: points are sized by each team, so velocities do not compare"],
            topic="agile.story_points",
            prompt="Team A's velocity is 40 points a sprint, team B's 25. Which team delivers more?",
            hints=["Who decides how many points a story is worth?",
                   "A point is a relative size agreed inside one team: is team A's point the same size as B's?"],
            solution="compare_teams = 'neither: points are sized by each team, so velocities do not compare'",
            why={"team a, it has the higher velocity": "40 of team A's points may be 25 of team B's: each team "
                                                       "calibrates its own scale.",
                 "team b, its points are bigger": "Nothing says so: the scales are simply unrelated."},
            explanation="Story points are relative to one team's reference stories. Compare teams by outcomes "
                        "(value delivered, cycle time, throughput of similar items), never by velocity.",
        ),
        Choice(
            "velocity_target",
            answer="estimates inflate: velocity rises, delivery does not",
            choices=["the team delivers about 35 % more",
                     "estimates inflate: velocity rises, delivery does not",
                     "nothing changes"],
            topic="agile.interpretation",
            prompt="A director sets the team a target of 35 points per sprint. The most likely effect?",
            hints=["Who estimates the points the target is measured in?",
                   "When a measure becomes a target, what is the easiest way to hit it without delivering more?"],
            solution="velocity_target = 'estimates inflate: velocity rises, delivery does not'",
            why={"the team delivers about 35 % more": "Points are the team's own estimates: the easiest way to "
                                                      "meet a points target is bigger estimates.",
                 "nothing changes": "A target changes behaviour; here, the estimates."},
            explanation="A measure that becomes a target stops measuring (Goodhart). Velocity is a planning input "
                        "for the team, not a performance target.",
        ),
        Choice(
            "forecast_misses",
            answer="show the forecast to the product owner and sponsor and agree what to cut or when to ship",
            choices=["ask the team to commit to more points per sprint",
                     "add two developers to the team now",
                     "show the forecast to the product owner and sponsor and agree what to cut or when to ship",
                     "keep the date and report green until the last sprint"],
            topic="agile.interpretation",
            prompt="The forecast says 8 more sprints at 85 %; the release date is 4 sprints away. What does the "
                   "project manager do first?",
            hints=["The forecast is information for a decision someone else owns: scope or date.",
                   "Working harder or hoping does not change the forecast; a trade-off between scope and date does."],
            solution="forecast_misses = 'show the forecast to the product owner and sponsor and agree what to cut or "
                     "when to ship'",
            why={"ask the team to commit to more points per sprint": "Pushing the commitment inflates estimates or "
                                                                     "burns the team out; the forecast stays.",
                 "add two developers to the team now": "Late additions slow a team down first (Brooks's law); "
                                                       "consider it only after the trade-off is agreed.",
                 "keep the date and report green until the last sprint": "Hiding a known miss is the worst option: "
                                                                         "transparency is the point of the forecast."},
            explanation="Make the gap visible early, with the data: fixed date means flexible scope (order the "
                        "backlog so what fits in 4 sprints is the most valuable), or move the date.",
        ),
    ],
)
EXERCISES.publish(globals())
