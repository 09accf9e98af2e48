"""Stage-gate governance: gates, scorecards, Go/Kill/Hold/Recycle, ECV, pipeline funnel (Cooper).

Robert G. Cooper's Stage-Gate idea-to-launch process splits product development into
stages, each followed by a gate where the portfolio's gatekeepers decide:

- **Go**: fund the next stage;
- **Kill**: stop, and spend nothing more;
- **Hold**: a good project, but no money or people are free now: park it;
- **Recycle**: not good enough yet: rework the deliverables and come back.

A gate has **must-meet** criteria (knock-outs: one "no" kills) and **should-meet**
criteria (scored 0-10 on a scorecard, weighted, against a pass mark). This module
evaluates whole pipelines at once (:func:`evaluate_gate`, :func:`evaluate_pipeline`), values
projects by Cooper's expected commercial value (:func:`ecv`, :func:`rank_by_ecv`), shows
what the option to kill at each gate is worth (:func:`staged_funding`) and models the
pipeline funnel (:func:`funnel`, :func:`ideas_needed`).

References: R. G. Cooper, *Winning at New Products*, 4th ed. (2011); R. G. Cooper,
S. J. Edgett, E. J. Kleinschmidt, *Portfolio Management for New Products*, 2nd ed. (2001).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._validate import (
    Real,
    Text,
    aligned_arrays,
    as_float_array,
    as_frame,
    as_number,
    check_probability,
    check_range,
    require_columns,
    require_unique_ids,
)
from .errors import InputError, MissingColumnError, UnknownIdError

__all__ = [
    "SCORECARD",
    "DECISIONS",
    "Gate",
    "StageGateModel",
    "cooper_model",
    "model_from_table",
    "evaluate_gate",
    "evaluate_pipeline",
    "ecv",
    "productivity_index",
    "rank_by_ecv",
    "staged_funding",
    "StagedFunding",
    "funnel",
    "Funnel",
    "ideas_needed",
    "observed_pass_rates",
]

#: Cooper's six should-meet factors of a new-product gate scorecard (Winning at New Products).
SCORECARD = (
    "strategic_fit",
    "product_advantage",
    "market_attractiveness",
    "core_competencies",
    "technical_feasibility",
    "financial_reward",
)

#: The four gate decisions.
DECISIONS = ("Go", "Kill", "Hold", "Recycle")


# --------------------------------------------------------------------------------------
# The gate model
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gate:
    """One gate: knock-out criteria, a weighted scorecard and the decision rules.

    Parameters
    ----------
    name : str
        E.g. ``"Go to development"``.
    must_meet : sequence of str
        Columns holding yes/no answers (True = criterion met). One False means Kill.
    should_meet : dict column -> weight
        Scorecard criteria (columns scored ``0..scale``) and their weights (>= 0, not all 0).
    pass_mark : float
        The weighted mean score needed for Go (Cooper's rule of thumb: 60 % of the scale).
    kill_mark : float
        Below this weighted mean the project is killed; between ``kill_mark`` and
        ``pass_mark`` it is recycled (rework and come back).
    min_score : float or None
        A should-meet criterion scored below this is a weak spot: Recycle even when the
        mean passes. None disables the rule.
    scale : float
        Top of the scoring scale (scores run from 0 to ``scale``).
    number : int
        Position in the process (1 = first gate).

    Decision rules, in order: a failed must-meet -> **Kill**; weighted score below
    ``kill_mark`` -> **Kill**; below ``pass_mark`` or a criterion below ``min_score`` ->
    **Recycle**; passes but ``resources_available`` is False -> **Hold**; else **Go**.
    """

    name: str
    must_meet: tuple = ()
    should_meet: Mapping = field(default_factory=dict)
    pass_mark: float = 6.0
    kill_mark: float = 4.0
    min_score: float | None = 3.0
    scale: float = 10.0
    number: int = 0

    def __post_init__(self):
        Text().convert(self.name, "gate name")
        object.__setattr__(self, "must_meet", tuple(Text().convert(c, f"gate {self.name!r} must_meet criterion")
                                                    for c in self.must_meet))
        object.__setattr__(self, "should_meet", dict(self.should_meet))
        if not self.should_meet and not self.must_meet:
            raise InputError(f"gate {self.name!r} has no criteria: give must_meet and/or should_meet.")
        if self.should_meet:
            w = as_float_array(list(self.should_meet.values()), f"gate {self.name!r} should_meet weights")
            if (w < 0).any():
                bad = [str(k) for k, v in zip(self.should_meet, w, strict=True) if v < 0]
                raise InputError(f"gate {self.name!r}: weight(s) of {', '.join(bad)} are negative; weights must be >= 0.")
            if w.sum() == 0:
                raise InputError(f"gate {self.name!r}: the should_meet weights are all zero; give at least one a positive weight.")
        scale = Real(gt=0).convert(self.scale, f"gate {self.name!r} scale")
        for label in ("pass_mark", "kill_mark") + (("min_score",) if self.min_score is not None else ()):
            Real(ge=0, le=scale).convert(getattr(self, label), f"gate {self.name!r} {label}")
        if self.kill_mark > self.pass_mark:
            raise InputError(f"gate {self.name!r}: kill_mark ({self.kill_mark}) must not exceed pass_mark ({self.pass_mark}).")
        overlap = set(self.must_meet) & set(self.should_meet)
        if overlap:
            raise InputError(f"gate {self.name!r}: {', '.join(sorted(overlap))} is both must-meet and should-meet; pick one.")

    @property
    def criteria(self) -> list[str]:
        """All criteria of the gate: must-meet first, then should-meet."""
        return list(self.must_meet) + list(self.should_meet)

    @property
    def weights(self) -> pd.Series:
        """Should-meet weights normalised to sum to 1."""
        w = pd.Series(self.should_meet, dtype=float, name="weight")
        return w / w.sum()

    def score(self, scores) -> float:
        """Weighted mean of one project's should-meet scores (a dict criterion -> score).

        >>> Gate("Screen", should_meet={"fit": 2, "market": 1}).score({"fit": 9, "market": 6})
        8.0
        """
        if not isinstance(scores, Mapping):
            raise InputError(f"scores must be a dict criterion -> score, got {type(scores).__name__}.")
        unknown = [c for c in scores if c not in self.should_meet and c not in self.must_meet]
        if unknown:
            raise UnknownIdError(
                f"scorecard criteria {', '.join(map(str, unknown))} are not criteria of gate {self.name!r}; "
                f"its should-meet criteria are {', '.join(self.should_meet)}."
            )
        return float(evaluate_gate(dict(scores), self, check_must_meet=False)["score"])


@dataclass
class StageGateModel:
    """Stages and the gates between them: ``stages[k]`` comes before ``gates[k]``.

    ``stages`` has one more entry than ``gates`` (the last stage follows the last gate).
    Build your own, or start from :func:`cooper_model`.
    """

    stages: list
    gates: list

    def __post_init__(self):
        self.stages = [str(s) for s in self.stages]
        self.gates = list(self.gates)
        if len(self.stages) != len(self.gates) + 1:
            raise InputError(
                f"a model with {len(self.gates)} gates needs {len(self.gates) + 1} stages "
                f"(one before each gate and one after the last), got {len(self.stages)}."
            )
        for k, g in enumerate(self.gates, start=1):
            if not isinstance(g, Gate):
                raise InputError(f"gates[{k - 1}] must be a Gate, got {type(g).__name__}.")
            if g.number != k:
                self.gates[k - 1] = Gate(g.name, g.must_meet, g.should_meet, g.pass_mark, g.kill_mark,
                                         g.min_score, g.scale, k)

    def gate(self, key) -> Gate:
        """A gate by number (1 = first) or by name."""
        if isinstance(key, int | np.integer) and not isinstance(key, bool):
            if 1 <= key <= len(self.gates):
                return self.gates[int(key) - 1]
        else:
            for g in self.gates:
                if g.name.lower() == str(key).lower():
                    return g
        known = ", ".join(f"{g.number} ({g.name})" for g in self.gates)
        raise UnknownIdError(f"gate {key!r} is not in this model; known gates: {known}.")

    @property
    def table(self) -> pd.DataFrame:
        """One row per gate: the stage before and after, criteria and marks."""
        rows = []
        for k, g in enumerate(self.gates):
            rows.append(dict(gate=g.number, name=g.name, after_stage=self.stages[k], funds_stage=self.stages[k + 1],
                             must_meet=", ".join(g.must_meet),
                             should_meet=", ".join(f"{c} x{w:g}" for c, w in g.should_meet.items()),
                             pass_mark=g.pass_mark, kill_mark=g.kill_mark, min_score=g.min_score))
        return pd.DataFrame(rows).set_index("gate")

    @property
    def criteria_table(self) -> pd.DataFrame:
        """The model as a long table, one row per (gate, criterion), for editing in a spreadsheet.

        Columns: ``gate``, ``gate_name``, ``stage`` (the stage the gate funds), ``criterion``,
        ``kind`` (``must`` or ``should``), ``weight`` (should-meet only), ``pass_mark``,
        ``kill_mark``, ``min_score``. :func:`model_from_table` reads it back.
        """
        rows = []
        for k, g in enumerate(self.gates):
            common = dict(gate=g.number, gate_name=g.name, stage=self.stages[k + 1], pass_mark=g.pass_mark,
                          kill_mark=g.kill_mark, min_score=np.nan if g.min_score is None else g.min_score)
            rows += [common | dict(criterion=c, kind="must", weight=np.nan) for c in g.must_meet]
            rows += [common | dict(criterion=c, kind="should", weight=float(w)) for c, w in g.should_meet.items()]
        cols = ["gate", "gate_name", "stage", "criterion", "kind", "weight", "pass_mark", "kill_mark", "min_score"]
        return pd.DataFrame(rows)[cols]


def model_from_table(criteria, *, first_stage: str = "Discovery") -> StageGateModel:
    """Build a gate model from a table, one row per (gate, criterion): your own gates without code.

    Parameters
    ----------
    criteria : DataFrame or list of dicts
        Columns ``gate`` (number, 1 = first), ``criterion`` (the column holding the answer or
        score), ``kind`` (``must`` or ``should``) and ``weight`` (should-meet rows); optional
        ``gate_name``, ``stage`` (the stage the gate funds), ``pass_mark``, ``kill_mark`` and
        ``min_score`` (per gate; defaults 6, 4 and 3). ``StageGateModel.criteria_table``
        writes this format.
    first_stage : str
        Name of the stage before the first gate.

    >>> t = [{"gate": 1, "criterion": "legal_ok", "kind": "must"},
    ...      {"gate": 1, "criterion": "fit", "kind": "should", "weight": 2},
    ...      {"gate": 2, "criterion": "margin", "kind": "should", "weight": 1, "pass_mark": 7}]
    >>> m = model_from_table(t)
    >>> m.gate(1).must_meet, m.gate(2).pass_mark
    (('legal_ok',), 7.0)
    """
    df = as_frame(criteria, "criteria")
    require_columns(df, ["gate", "criterion", "kind"], "criteria")
    gates_no = as_float_array(df["gate"], "criteria['gate']")
    numbers = sorted(set(gates_no.astype(int)))
    if numbers != list(range(1, len(numbers) + 1)) or (gates_no % 1 != 0).any():
        raise InputError(f"criteria['gate'] must number the gates 1, 2, 3, ... without gaps; found {numbers}.")
    kind = df["kind"].astype(str).str.strip().str.lower()
    bad = df.loc[~kind.isin(["must", "should"]), "criterion"].tolist()
    if bad:
        raise InputError(f"criteria['kind'] of {', '.join(map(str, bad))} must be 'must' or 'should'.")
    if "weight" not in df.columns:
        df["weight"] = np.nan
    should_rows = kind == "should"
    w = pd.to_numeric(df["weight"], errors="coerce")
    missing_w = df.loc[should_rows & w.isna(), "criterion"].tolist()
    if missing_w:
        raise InputError(f"should-meet criteria {', '.join(map(str, missing_w))} need a numeric weight.")

    def first(rows, col, default):
        if col not in rows.columns:
            return default
        vals = rows[col].dropna()
        return vals.iloc[0] if len(vals) else default

    gates, stages = [], [first_stage]
    for k in numbers:
        rows = df[gates_no == k]
        rk = kind[gates_no == k]
        name = str(first(rows, "gate_name", f"Gate {k}"))
        stages.append(str(first(rows, "stage", f"Stage {k}")))
        min_score = first(rows, "min_score", 3.0)
        gates.append(Gate(
            name,
            must_meet=rows.loc[rk == "must", "criterion"].astype(str).tolist(),
            should_meet={str(c): float(v) for c, v in zip(rows.loc[rk == "should", "criterion"],
                                                          w[rows.index][rk == "should"], strict=True)},
            pass_mark=float(first(rows, "pass_mark", 6.0)),
            kill_mark=float(first(rows, "kill_mark", 4.0)),
            min_score=None if pd.isna(min_score) else float(min_score),
            number=k,
        ))
    return StageGateModel(stages, gates)


def cooper_model(*, pass_mark: float = 6.0, kill_mark: float = 4.0, min_score: float | None = 3.0) -> StageGateModel:
    """Cooper's five-stage, five-gate idea-to-launch process with its six-factor scorecard.

    Stages: Discovery, Scoping, Build the business case, Development, Testing and
    validation, Launch. Gates 1-5: Idea screen, Second screen, Go to development, Go to
    testing, Go to launch. Must-meet criteria grow gate by gate (strategic alignment and no
    show-stopper from gate 1; an approved business case from gate 3; a final design from
    gate 4; a launch plan at gate 5). Early gates weigh strategic fit double, later gates
    the financial reward.

    >>> m = cooper_model()
    >>> m.gate(3).name, m.gate(3).must_meet
    ('Go to development', ('meets_strategy', 'no_showstopper', 'business_case_approved'))

    References
    ----------
    R. G. Cooper, *Winning at New Products*, 4th ed. (2011), ch. 4-5 (gates, scorecards, Go/Kill/Hold/Recycle).
    """
    early = {c: (2.0 if c == "strategic_fit" else 1.0) for c in SCORECARD}
    late = {c: {"strategic_fit": 1.5, "financial_reward": 2.0}.get(c, 1.0) for c in SCORECARD}
    base = ("meets_strategy", "no_showstopper")
    kw = dict(pass_mark=pass_mark, kill_mark=kill_mark, min_score=min_score)
    gates = [
        Gate("Idea screen", base, early, **kw),
        Gate("Second screen", base, early, **kw),
        Gate("Go to development", base + ("business_case_approved",), late, **kw),
        Gate("Go to testing", base + ("business_case_approved", "design_final"), late, **kw),
        Gate("Go to launch", base + ("business_case_approved", "design_final", "launch_plan_ready"), late, **kw),
    ]
    stages = ["Discovery", "Scoping", "Build the business case", "Development", "Testing and validation", "Launch"]
    return StageGateModel(stages, gates)


# --------------------------------------------------------------------------------------
# Evaluating gates
# --------------------------------------------------------------------------------------
_TRUE = {"true", "yes", "y", "1", "1.0"}
_FALSE = {"false", "no", "n", "0", "0.0"}


def _as_bool_matrix(df: pd.DataFrame, cols: list[str], ids: np.ndarray) -> np.ndarray:
    out = np.empty((len(df), len(cols)), dtype=bool)
    for j, c in enumerate(cols):
        s = df[c]
        if pd.api.types.is_bool_dtype(s) and not s.isna().any():
            out[:, j] = s.to_numpy(dtype=bool)
            continue
        text = s.astype("string").str.strip().str.lower()
        is_true, is_false = text.isin(_TRUE).fillna(False), text.isin(_FALSE).fillna(False)
        bad = ~(is_true | is_false).to_numpy(dtype=bool)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise InputError(
                f"must-meet criterion {c!r} of {ids[k]} is {s.iloc[k]!r}: answer it yes or no "
                "(True/False) before the gate."
            )
        out[:, j] = is_true.to_numpy(dtype=bool)
    return out


def evaluate_gate(projects, gate: Gate, *, id: str = "id", resources: str = "resources_available",
                  check_must_meet: bool = True):
    """Decide Go / Kill / Hold / Recycle for every project at one gate, with the reasons.

    Score = :math:`\\sum_c w_c s_c / \\sum_c w_c` over the gate's should-meet criteria
    (Cooper's scoring model). The rules are those of :class:`Gate`.

    Parameters
    ----------
    projects : DataFrame, list of dicts, or dict (one project)
        One row per project: a column for each of the gate's criteria (must-meet yes/no;
        should-meet scores on ``0..gate.scale``), optionally ``id`` and ``resources_available``
        (False -> a project that passes is put on Hold). Other columns are ignored.
    gate : Gate
        E.g. ``cooper_model().gate(3)``.

    Returns
    -------
    DataFrame (Series for a single dict)
        ``score``, ``decision``, ``failed_must_meet`` (comma-separated), ``weak_criteria``
        and ``reasons`` (a sentence), indexed by ``id`` when present.

    Examples
    --------
    >>> gate = Gate("Screen", must_meet=["legal_ok"], should_meet={"fit": 2, "market": 1})
    >>> evaluate_gate({"legal_ok": True, "fit": 8, "market": 5}, gate)["decision"]
    'Go'
    >>> evaluate_gate({"legal_ok": False, "fit": 9, "market": 9}, gate)["reasons"]
    'Kill: knock-out failed: legal_ok.'

    References
    ----------
    R. G. Cooper, *Winning at New Products*, 4th ed. (2011), ch. 4-5 (gates, scorecards, Go/Kill/Hold/Recycle).
    """
    if not isinstance(gate, Gate):
        raise InputError(f"gate must be a Gate (e.g. cooper_model().gate(1)), got {type(gate).__name__}.")
    df, ids, single = _gate_frame(projects, gate, id, check_must_meet)
    S, score, weak = _scorecard(df, gate, ids)
    must = list(gate.must_meet) if check_must_meet else []
    failed = ~_as_bool_matrix(df, must, ids) if must else np.zeros((len(df), 0), dtype=bool)
    free = (_as_bool_matrix(df[[resources]].astype(object).where(df[[resources]].notna(), True), [resources], ids)[:, 0]
            if resources in df.columns else np.ones(len(df), dtype=bool))
    branch = _decide(gate, score, failed, weak, free)
    result = pd.DataFrame(
        {"gate": gate.number or gate.name, "score": score,
         "decision": np.array(["Kill", "Kill", "Recycle", "Recycle", "Recycle", "Hold", "Go"], dtype=object)[branch],
         "failed_must_meet": _names_of(failed, must), "weak_criteria": _names_of(weak, list(gate.should_meet)),
         "reasons": _reasons(gate, branch, score, failed, must, weak, S)},
        index=pd.Index(df[id].to_numpy(), name=id) if id in df.columns else df.index,
    )
    return result.iloc[0] if single else result


def _gate_frame(projects, gate: Gate, id: str, check_must_meet: bool):
    """The projects as a table holding every criterion of the gate, their ids, and 'one project?'."""
    single = isinstance(projects, Mapping) and not any(
        isinstance(v, Sequence | np.ndarray | pd.Series) and not isinstance(v, str) for v in projects.values())
    df = as_frame([dict(projects)] if single else projects, "projects")
    if len(df) == 0:
        raise InputError("projects is empty: give at least one project to review.")
    needed = (list(gate.must_meet) if check_must_meet else []) + list(gate.should_meet)
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise MissingColumnError(
            f"projects lacks gate {gate.name!r} criteria {', '.join(missing)}; columns found: "
            f"{', '.join(map(str, df.columns)) or 'none'}. Score every criterion of the gate.")
    if id in df.columns:
        require_unique_ids(df[id], "projects")
        ids = df[id].astype(str).to_numpy()
    else:
        ids = np.array([f"row {i}" for i in range(len(df))])
    return df, ids, single


def _scorecard(df, gate: Gate, ids):
    """Should-meet scores (rows x criteria), the weighted score and the weak spots."""
    should = list(gate.should_meet)
    if not should:
        return np.zeros((len(df), 0)), np.full(len(df), np.nan), np.zeros((len(df), 0), dtype=bool)
    S = np.column_stack([as_float_array(df[c], f"score of {c!r}", allow_nan=True) for c in should])
    nan = np.isnan(S)
    if nan.any():
        r, c = np.argwhere(nan)[0]
        raise InputError(f"score of {should[c]!r} for {ids[r]} is missing: score every should-meet criterion.")
    out_of_scale = (S < 0) | (S > gate.scale)
    if out_of_scale.any():
        r, c = np.argwhere(out_of_scale)[0]
        raise InputError(f"score of {should[c]!r} for {ids[r]} is {S[r, c]:g}: scores run from 0 to {gate.scale:g}.")
    w = np.array([gate.should_meet[c] for c in should], dtype=float)
    weak = (S < gate.min_score) & (w > 0) if gate.min_score is not None else np.zeros_like(S, dtype=bool)
    return S, S @ w / w.sum(), weak


def _decide(gate: Gate, score, failed, weak, free) -> np.ndarray:
    """Which rule decides each project: 0 knock-out, 1 below the kill mark, 2 below the pass mark with
    weak spots, 3 below the pass mark, 4 weak spots, 5 hold (no resources), 6 go."""
    has_score = ~np.isnan(score)
    below_pass = has_score & (score < gate.pass_mark)
    has_weak = weak.any(axis=1)
    return np.select([failed.any(axis=1), has_score & (score < gate.kill_mark), below_pass & has_weak, below_pass,
                      has_weak, ~free], [0, 1, 2, 3, 4, 5], default=6)


def _spread(key: np.ndarray, fmt) -> np.ndarray:
    """``fmt`` applied once per distinct value (or row) of ``key`` and spread back to every row."""
    if key.ndim == 1:
        uniq, codes = np.unique(key, return_inverse=True)
        return np.array([fmt(v) for v in uniq], dtype=object)[np.asarray(codes).reshape(-1)]
    if key.shape[1] == 0:
        return np.full(len(key), "", dtype=object)
    codes = pd.DataFrame(key).groupby(list(range(key.shape[1])), sort=False).ngroup().to_numpy()
    first = np.unique(codes, return_index=True)[1]  # one representative row per distinct value
    return np.array([fmt(key[i]) for i in first], dtype=object)[codes]


def _names_of(flags: np.ndarray, names: list) -> np.ndarray:
    """The criteria flagged on each row, comma-separated."""
    if flags.shape[1] == 0:
        return np.full(len(flags), "", dtype=object)
    bits = flags.astype(np.int64) @ (np.int64(1) << np.arange(flags.shape[1], dtype=np.int64))
    return _spread(bits, lambda v: ", ".join(c for j, c in enumerate(names) if (int(v) >> j) & 1))


def _reasons(gate: Gate, branch, score, failed, must, weak, S) -> np.ndarray:
    """A sentence per project. Each variable piece is worded once per distinct value and spread back
    to its rows; sentences are assembled per rule with element-wise string addition (no loop over
    projects)."""
    should = list(gate.should_meet)
    pm_txt, km_txt = f"{gate.pass_mark:g}", f"{gate.kill_mark:g}"
    floor_txt = f" (< {gate.min_score:g})" if gate.min_score is not None else ""
    sc = _spread(np.where(np.isnan(score), 0.0, np.round(score, 2)), lambda v: f"{v:.2f}")
    detail = _spread(np.where(weak, S, -1.0), lambda r: ", ".join(
        f"{c} scored {v:g}" for c, v in zip(should, r, strict=True) if v >= 0))
    templates = {
        0: ["Kill: knock-out failed: ", _names_of(failed, must), "."],
        1: ["Kill: score ", sc, f" is below the kill mark {km_txt}."],
        2: ["Recycle: score ", sc, f" is below the pass mark {pm_txt}, and weak spots: ", detail,
            f"{floor_txt}. Rework and resubmit."],
        3: ["Recycle: score ", sc, f" is between the kill mark {km_txt} and the pass mark {pm_txt}."
            " Rework the deliverables and resubmit."],
        4: ["Recycle: score ", sc, f" passes (>= {pm_txt}), but weak spots: ", detail,
            f"{floor_txt}. Fix them and resubmit."],
        5: ["Hold: score ", sc, f" passes (>= {pm_txt}) and no knock-out failed, but no resources are free:"
            " park it until capacity frees up."],
        6: (["Go: every must-meet criterion met, score ", sc, f" >= pass mark {pm_txt}."] if should
            else ["Go: every must-meet criterion met."]),
    }
    reasons = np.empty(len(branch), dtype=object)
    for b, pieces in templates.items():
        rows = branch == b
        if rows.any():
            text = np.full(int(rows.sum()), "", dtype=object)
            for piece in pieces:
                text = text + (piece[rows] if isinstance(piece, np.ndarray) else piece)
            reasons[rows] = text
    return reasons


def evaluate_pipeline(pipeline, model: StageGateModel | None = None, *, gate: str = "gate", id: str = "id",
                      resources: str = "resources_available") -> pd.DataFrame:
    """Evaluate every project of a pipeline at the gate it stands at (its ``gate`` column).

    Parameters
    ----------
    pipeline : DataFrame
        One row per project with ``id``, ``gate`` (gate number) and the criteria of each
        gate used (a criterion only needs a value in rows standing at a gate that uses it).
    model : StageGateModel, optional
        Defaults to :func:`cooper_model`.

    Returns
    -------
    DataFrame indexed by ``id`` in the pipeline's order: ``gate``, ``gate_name``, ``score``,
    ``decision``, ``failed_must_meet``, ``weak_criteria``, ``reasons``.

    >>> import pmlib as pm
    >>> d = evaluate_pipeline(pm.datasets.load("pipeline"))
    >>> sorted(d["decision"].unique())
    ['Go', 'Hold', 'Kill', 'Recycle']

    References
    ----------
    R. G. Cooper, *Winning at New Products*, 4th ed. (2011), ch. 4-5 (gates, scorecards, Go/Kill/Hold/Recycle).
    """
    model = model or cooper_model()
    if not isinstance(model, StageGateModel):
        raise InputError(f"model must be a StageGateModel (e.g. cooper_model()), got {type(model).__name__}.")
    df = as_frame(pipeline, "pipeline")
    require_columns(df, [id, gate], "pipeline")
    require_unique_ids(df[id], "pipeline")
    g = as_float_array(df[gate], f"pipeline[{gate!r}]")
    known = np.array([x.number for x in model.gates], dtype=float)
    bad = ~np.isin(g, known)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise UnknownIdError(f"pipeline[{gate!r}] of {df[id].iloc[k]} is {g[k]:g}, which is not a gate of the model "
                             f"(gates {', '.join(f'{x:g}' for x in known)}).")
    parts = []
    for number in sorted(set(g.astype(int))):  # one evaluation per gate (a handful), every project at once
        rows = df[g == number]
        gt = model.gate(int(number))
        res = evaluate_gate(rows, gt, id=id, resources=resources)
        res["gate"] = int(number)
        res.insert(1, "gate_name", gt.name)
        parts.append(res)
    out = pd.concat(parts)
    return out.loc[df[id].to_numpy()]


# --------------------------------------------------------------------------------------
# Expected commercial value
# --------------------------------------------------------------------------------------
def ecv(npv, p_commercial, p_technical, launch_cost, development_cost):
    """Expected commercial value of a development project (Cooper).

    .. math:: ECV = [(NPV \\times P_{cs} - C) \\times P_{ts}] - D

    The roll-back of a two-step decision tree: spend the remaining development cost *D*;
    with probability :math:`P_{ts}` it works technically, and the launch cost *C* is spent;
    with probability :math:`P_{cs}` the launch succeeds commercially and earns *NPV* (the
    present value of the product's future earnings). Sunk costs play no part: *D* is what
    is still to be spent.

    Parameters
    ----------
    npv : float or array-like
        Present value of the future earnings if the product succeeds (k$).
    p_commercial : float or array-like
        Probability of commercial success given a launch, in [0, 1].
    p_technical : float or array-like
        Probability of technical success, in [0, 1].
    launch_cost : float or array-like
        Commercialisation (launch) cost, k$ (>= 0).
    development_cost : float or array-like
        Development cost still to be spent, k$ (>= 0).

    Returns
    -------
    float, ndarray, or Series (when an input is a Series), k$.

    Examples
    --------
    >>> ecv(npv=30, p_commercial=0.5, p_technical=0.8, launch_cost=5, development_cost=3)
    5.0
    >>> ecv([30, 100], 0.5, 0.8, 5, [3, 40]).tolist()
    [5.0, -4.0]

    References
    ----------
    R. G. Cooper, S. J. Edgett, E. J. Kleinschmidt, *Portfolio Management for New
    Products*, 2nd ed. (2001), "Expected commercial value".
    """
    arrays, index = aligned_arrays({"npv": npv, "p_commercial": p_commercial, "p_technical": p_technical,
                                    "launch_cost": launch_cost, "development_cost": development_cost})
    labels = None if index is None else list(index)
    for name in ("p_commercial", "p_technical"):
        check_range(arrays[name], name, ge=0, le=1, labels=labels if arrays[name].ndim else None)
    for name in ("launch_cost", "development_cost"):
        check_range(arrays[name], name, ge=0, labels=labels if arrays[name].ndim else None)
    return _labelled(_ecv(*(arrays[k] for k in ("npv", "p_commercial", "p_technical", "launch_cost",
                                                 "development_cost"))), index, "ecv")


def _ecv(npv, p_commercial, p_technical, launch_cost, development_cost):
    """Cooper's formula on checked arrays: the one place it is written."""
    return (npv * p_commercial - launch_cost) * p_technical - development_cost


def _labelled(values, index, name):
    if index is not None:
        return pd.Series(values, index=index, name=name)
    return float(values) if np.ndim(values) == 0 else np.asarray(values)


def productivity_index(ecv_value, development_cost):
    """Cooper's productivity index: ECV per unit of the scarce resource, ``ECV / D``.

    Rank projects by it and fund down the list until the budget is spent ("bang for the
    buck"; Cooper, Edgett & Kleinschmidt 2001). ``development_cost`` must be > 0.

    >>> productivity_index(5.0, 3.0)
    1.6666666666666667

    References
    ----------
    R. G. Cooper, S. J. Edgett, E. J. Kleinschmidt, *Portfolio Management for New Products*, 2nd ed. (2001).
    """
    arrays, index = aligned_arrays({"ecv_value": ecv_value, "development_cost": development_cost})
    check_range(arrays["development_cost"], "development_cost", gt=0,
                labels=None if index is None or not arrays["development_cost"].ndim else list(index))
    return _labelled(arrays["ecv_value"] / arrays["development_cost"], index, "productivity_index")


def rank_by_ecv(candidates, budget=None, *, id: str = "id", npv: str = "npv", p_commercial: str = "p_commercial",
                p_technical: str = "p_technical", launch_cost: str = "launch_cost",
                development_cost: str = "development_cost") -> pd.DataFrame:
    """Rank development projects by ECV and by ECV/D, and draw Cooper's funding line.

    Adds, to a copy of ``candidates``: ``npv_certain`` (the value if both probabilities
    were 1: NPV - C - D, the unadjusted business case), ``ecv``, ``productivity_index``
    (ECV / D), ``rank_npv``, ``rank_ecv``, ``rank_pi`` (1 = best), ``cumulative_cost``
    (development cost summed down the productivity-index order) and ``funded``: Cooper's
    rule funds projects in productivity-index order while the cumulative development cost
    stays within ``budget`` (projects with ECV <= 0 are never funded). The result is sorted
    by ``rank_pi``. For the exact optimum under a budget use ``pm.portfolio.select``.

    >>> c = [{"id": "A", "npv": 30, "p_commercial": 0.5, "p_technical": 0.8, "launch_cost": 5, "development_cost": 3},
    ...      {"id": "B", "npv": 60, "p_commercial": 0.6, "p_technical": 0.5, "launch_cost": 4, "development_cost": 10}]
    >>> rank_by_ecv(c, budget=5)[["ecv", "rank_ecv", "rank_pi", "funded"]].to_dict("index")
    {'A': {'ecv': 5.0, 'rank_ecv': 2, 'rank_pi': 1, 'funded': True}, 'B': {'ecv': 6.0, 'rank_ecv': 1, 'rank_pi': 2, 'funded': False}}

    References
    ----------
    R. G. Cooper, S. J. Edgett, E. J. Kleinschmidt, *Portfolio Management for New Products*, 2nd ed. (2001).
    """
    df = as_frame(candidates, "candidates")
    cols = [id, npv, p_commercial, p_technical, launch_cost, development_cost]
    require_columns(df, cols, "candidates")
    ids = df[id].astype(str).to_numpy()
    require_unique_ids(ids, "candidates")

    V, pcs, pts, C, D = (as_float_array(df[c], f"candidates[{c!r}]") for c in cols[1:])
    for c, arr, high in ((p_commercial, pcs, 1), (p_technical, pts, 1), (launch_cost, C, None),
                         (development_cost, D, None)):
        check_range(arr, f"candidates[{c!r}]", ge=0, le=high, labels=ids)
    value = _ecv(V, pcs, pts, C, D)
    if (D <= 0).any():
        raise InputError(f"candidates[{development_cost!r}] of {ids[int(np.flatnonzero(D <= 0)[0])]} is 0: ECV/D "
                         "needs a development cost > 0.")
    values = {"npv_certain": V - C - D, "ecv": value, "productivity_index": value / D}
    for key, vals in values.items():
        df[key] = vals

    def rank(v):  # 1 = largest; ties keep the input order (pandas' method="first")
        out = np.empty(len(v), dtype=np.int64)
        out[np.argsort(-v, kind="stable")] = np.arange(1, len(v) + 1)
        return out

    for name, key in (("rank_npv", "npv_certain"), ("rank_ecv", "ecv"), ("rank_pi", "productivity_index")):
        df[name] = rank(values[key])
    order = np.argsort(-values["productivity_index"], kind="stable")
    df = df.iloc[order]
    df["cumulative_cost"] = np.cumsum(D[order])
    if budget is None:
        df["funded"] = df["ecv"] > 0
    else:
        b = Real(ge=0).convert(budget, "budget")
        positive = (df["ecv"] > 0).to_numpy()
        within = (df["cumulative_cost"] <= b + 1e-9).to_numpy()
        # the line is drawn at the first project that no longer fits: nothing below it is funded
        df["funded"] = np.logical_and.accumulate(within) & positive
    return df.set_index(id)


# --------------------------------------------------------------------------------------
# Staged funding: the value of being able to kill at each gate
# --------------------------------------------------------------------------------------
@dataclass
class StagedFunding:
    """Expected value of a project funded stage by stage versus all at once.

    Attributes
    ----------
    value_with_gates : float
        Funded one stage at a time; after each stage a gate continues only when the stage
        passed and going on is still worth it (roll-back of :attr:`tree`).
    value_without_gates : float
        Every stage funded up front: all costs are spent, and the payoff comes only when
        every stage passes.
    option_value : float
        The difference: what the gates (the right to stop) are worth.
    table : DataFrame
        Per stage: ``cost``, ``p_pass``, ``p_reach`` (chance the stage is funded),
        ``expected_cost`` and ``value_at_gate`` (value of going on at the gate before it).
    tree : dict
        The decision tree (for ``pm.risk.decision_tree`` and ``pm.plots.decision_tree_diagram``).
    """

    value_with_gates: float
    value_without_gates: float
    option_value: float
    table: pd.DataFrame
    tree: dict = field(repr=False, default_factory=dict)


def staged_funding(stage_costs, pass_probabilities, payoff, *, names=None) -> StagedFunding:
    """What funding a project stage by stage (with a kill option at each gate) is worth.

    With gates (backward induction): :math:`V_{n+1} = payoff`,
    :math:`V_k = \\max(0, -c_k + p_k V_{k+1})`; the project is worth :math:`V_1`. Without
    gates every cost is committed up front: :math:`-\\sum_k c_k + payoff \\prod_k p_k`. The
    difference is the value of the option to stop (Cooper's "incremental commitment"; with
    two stages and no kill needed the gated value is Cooper's ECV).

    Parameters
    ----------
    stage_costs : sequence of float
        Cost of each stage (k$), in order.
    pass_probabilities : sequence of float
        Chance each stage's outcome lets the project pass the next gate, in [0, 1].
    payoff : float
        Value (k$) earned when every stage has passed.
    names : sequence of str, optional
        Stage names (default "stage 1", ...).

    >>> r = staged_funding([3, 5], [0.8, 0.5], 30)
    >>> r.value_with_gates, r.value_without_gates, r.option_value
    (5.0, 4.0, 1.0)

    References
    ----------
    R. G. Cooper, S. J. Edgett, E. J. Kleinschmidt, *Portfolio Management for New Products*, 2nd ed. (2001). Options view: ch. 2, "ECV".
    """
    from .risk import decision_tree

    if np.size(stage_costs) != np.size(pass_probabilities):
        raise InputError(f"stage_costs ({np.size(stage_costs)}) and pass_probabilities ({np.size(pass_probabilities)}) "
                         "must have the same length: one per stage.")
    arrays, index = aligned_arrays({"stage_costs": stage_costs, "pass_probabilities": pass_probabilities}, ndim=1)
    c, p = np.array(arrays["stage_costs"]), np.array(arrays["pass_probabilities"])
    check_probability(p, "pass_probabilities")
    check_range(c, "stage_costs", ge=0)
    v = as_number(payoff, "payoff")
    if names is None:
        names = [str(x) for x in index] if index is not None else [f"stage {k + 1}" for k in range(len(c))]
    names = [str(n) for n in names]
    if len(names) != len(c):
        raise InputError(f"names has {len(names)} entries for {len(c)} stages.")

    # backward induction (vectorised enough: one pass over a handful of stages)
    cont = np.empty(len(c) + 1)
    cont[-1] = v
    for k in range(len(c) - 1, -1, -1):
        cont[k] = max(0.0, -c[k] + p[k] * cont[k + 1])
    p_reach = np.concatenate(([1.0], np.cumprod(p)[:-1]))
    go_on = (-c + p * cont[1:]) > 0
    funded = np.logical_and.accumulate(go_on)
    without = float(-c.sum() + v * np.prod(p))

    def node(k):
        if k == len(c):
            return {"payoff": v}
        return {"decision": {
            f"fund {names[k]}": {"cost": float(c[k]), "chance": {
                "pass": {"p": float(p[k]), **node(k + 1)},
                "fail": {"p": float(1 - p[k]), "payoff": 0.0}}},
            "kill": {"payoff": 0.0}}}

    tree = node(0)
    rolled = decision_tree(tree)
    table = pd.DataFrame({"stage": names, "cost": c, "p_pass": p, "p_reach": np.where(funded, p_reach, 0.0),
                          "value_at_gate": cont[:-1]})
    table["expected_cost"] = table["cost"] * table["p_reach"]
    table = table[["stage", "cost", "p_pass", "p_reach", "expected_cost", "value_at_gate"]].set_index("stage")
    return StagedFunding(value_with_gates=float(rolled.value), value_without_gates=without,
                         option_value=float(rolled.value) - without, table=table, tree=tree)


# --------------------------------------------------------------------------------------
# Pipeline funnel
# --------------------------------------------------------------------------------------
@dataclass
class Funnel:
    """Ideas flowing through the gates.

    ``table`` has one row per gate: ``entering``, ``pass_rate``, ``passing``,
    ``cost_per_project`` (of the stage the gate funds), ``stage_cost`` and
    ``cumulative_cost`` (k$). ``launches`` is what passes the last gate.
    """

    table: pd.DataFrame
    ideas: float
    launches: float
    total_cost: float

    @property
    def cost_per_launch(self) -> float:
        """Total pipeline spending per launch (k$): the cost of the ones that failed included."""
        return self.total_cost / self.launches if self.launches > 0 else math.inf

    @property
    def overall_pass_rate(self) -> float:
        """Share of ideas that reach launch: the product of the pass rates."""
        return self.launches / self.ideas

    def __repr__(self):
        return (f"Funnel(ideas={self.ideas:g}, launches={self.launches:.3g}, total_cost={self.total_cost:,.0f}, "
                f"cost_per_launch={self.cost_per_launch:,.0f})")


def funnel(ideas, pass_rates, stage_costs=None, *, names=None) -> Funnel:
    """Expected flow of ideas through the gates: how many pass each gate, and at what cost.

    entering(1) = ideas; passing(k) = entering(k) x pass_rate(k); entering(k+1) = passing(k).
    Each project that passes gate *k* is funded for the next stage at ``stage_costs[k]``.
    Expected launches = ideas x product of pass rates; cost per launch = total cost /
    launches (Cooper's attrition curve; Stevens & Burley 1997, "3,000 raw ideas = 1
    commercial success").

    Parameters
    ----------
    ideas : float
        Ideas entering the first gate (per year, say).
    pass_rates : sequence of float
        Share passing each gate, in [0, 1].
    stage_costs : sequence of float, optional
        Cost per project (k$) of the stage each gate funds (zeros when omitted).
    names : sequence of str, optional
        Gate names.

    >>> f = funnel(100, [0.4, 0.5, 0.5], [10, 50, 200])
    >>> f.launches, f.total_cost, f.cost_per_launch
    (10.0, 3400.0, 340.0)

    References
    ----------
    G. A. Stevens, J. Burley, "3,000 raw ideas = 1 commercial success!", *Research-Technology Management* 40(3), 1997.
    """
    n = Real(gt=0).convert(ideas, "ideas")
    r = check_probability(pass_rates, "pass_rates")
    if r.ndim != 1:
        raise InputError("pass_rates must be a flat list, one rate per gate.")
    if stage_costs is None:
        cost = np.zeros(len(r))
    else:
        if np.size(stage_costs) != r.size:
            raise InputError(f"stage_costs ({np.size(stage_costs)}) and pass_rates ({r.size}) must have the same "
                             "length: one per gate.")
        arrays, _ = aligned_arrays({"pass_rates": pass_rates, "stage_costs": stage_costs}, ndim=1)
        r, cost = np.array(arrays["pass_rates"]), np.array(arrays["stage_costs"])
        check_range(cost, "stage_costs", ge=0)
    names = [f"gate {k + 1}" for k in range(len(r))] if names is None else [str(x) for x in names]
    if len(names) != len(r):
        raise InputError(f"names has {len(names)} entries for {len(r)} gates.")
    passing = n * np.cumprod(r)
    entering = np.concatenate(([n], passing[:-1]))
    stage_cost = passing * cost
    table = pd.DataFrame({"gate": names, "entering": entering, "pass_rate": r, "passing": passing,
                          "cost_per_project": cost, "stage_cost": stage_cost,
                          "cumulative_cost": np.cumsum(stage_cost)}).set_index("gate")
    return Funnel(table=table, ideas=n, launches=float(passing[-1]), total_cost=float(stage_cost.sum()))


def ideas_needed(target_launches, pass_rates) -> int:
    """Ideas that must enter the funnel to expect ``target_launches`` launches.

    .. math:: ideas = \\lceil target / \\prod_k r_k \\rceil

    Stevens & Burley (1997): with their attrition rates, 3,000 raw ideas give one success.

    >>> ideas_needed(1, [300/3000, 125/300, 9/125, 4/9, 1.7/4, 1/1.7])
    3000

    References
    ----------
    G. A. Stevens, J. Burley, "3,000 raw ideas = 1 commercial success!", *Research-Technology Management* 40(3), 1997.
    """
    t = Real(gt=0).convert(target_launches, "target_launches")
    r = check_probability(pass_rates, "pass_rates")
    overall = float(np.prod(r))
    if overall == 0:
        raise InputError("a pass rate is 0: no number of ideas gives a launch.")
    return int(math.ceil(t / overall - 1e-9))


def observed_pass_rates(history, *, by: str = "gate", reviewed: str = "reviewed", passed: str = "passed") -> pd.Series:
    """Pass rate of each gate from past reviews: sum(passed) / sum(reviewed) per gate.

    >>> import pmlib as pm
    >>> observed_pass_rates(pm.datasets.load("gate_history")).round(2).tolist()
    [0.4, 0.54, 0.52, 0.83, 0.8]
    """
    df = as_frame(history, "history")
    require_columns(df, [by, reviewed, passed], "history")
    if "year" in df.columns and df.duplicated(["year", by]).any():
        k = int(np.flatnonzero(df.duplicated(["year", by]).to_numpy())[0])
        raise InputError(f"history row {df.index[k]!r} repeats year {df['year'].iloc[k]} and {by} {df[by].iloc[k]}: "
                         "one row per year and gate, or its reviews would count twice.")
    rv = as_float_array(df[reviewed], f"history[{reviewed!r}]")
    ps = as_float_array(df[passed], f"history[{passed!r}]")
    bad = (ps > rv) | (ps < 0) | (rv < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError(f"history row {df.index[k]!r}: passed ({ps[k]:g}) must be between 0 and reviewed ({rv[k]:g}).")
    g = pd.DataFrame({"k": df[by].to_numpy(), "r": rv, "p": ps}).groupby("k", sort=True).sum()
    if (g["r"] == 0).any():
        raise InputError(f"gate(s) {list(g.index[g['r'] == 0])} reviewed no project: no pass rate.")
    return (g["p"] / g["r"]).rename("pass_rate").rename_axis(by)
