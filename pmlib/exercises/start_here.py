"""Two warm-up questions for notebooks/00_start_here.ipynb: how the exercises work."""

from __future__ import annotations

from .. import datasets
from . import Choice, ExerciseSet, Numeric

# Solutions are self-contained (they reload the bundled table): pasting one works even after
# the learner overwrote `projects` or answered another question wrongly.


def _projects():
    return datasets.load("projects")


def _count_candidates() -> int:
    return int((_projects()["status"] == "candidate").sum())


def _largest_program() -> str:
    p = _projects()
    return str(p.dropna(subset=["program_id"]).groupby("program_id")["cost"].sum().idxmax())


EXERCISES = ExerciseSet(
    "Start here",
    [
        Numeric(
            "n_candidates",
            answer=_count_candidates,
            rtol=0,
            atol=0.5,
            percent_hint=False,
            prompt="How many projects are candidates waiting for funding?",
            hints=["Look at the `status` column of `projects`.",
                   "Keep only the rows whose status is 'candidate', then count them.",
                   "`(projects['status'] == ...)` gives True/False per row; `.sum()` counts the True ones."],
            misconceptions={"that counts every project; count only the candidates (status 'candidate').":
                            lambda: float(len(datasets.load("projects")))},
            solution=("bundled = pm.datasets.load('projects')\n"
                      "n_candidates = (bundled['status'] == 'candidate').sum()"),
            explanation="Candidates compete for the next budget: that is the portfolio board's decision.",
        ),
        Choice(
            "biggest_program",
            answer=_largest_program,
            choices=["PG-HOME", "PG-DIGI", "PG-OPS"],
            prompt="Which program has the largest total budget (sum of `cost`)?",
            hints=["Group the projects by `program_id` and add up `cost`.",
                   "`projects.groupby('program_id')['cost'].sum()` then `.idxmax()`."],
            solution=("bundled = pm.datasets.load('projects')\n"
                      "biggest_program = bundled.groupby('program_id')['cost'].sum().idxmax()"),
            explanation="A program's budget is the sum of its projects' budgets: a roll-up.",
        ),
    ],
)
EXERCISES.publish(globals())
