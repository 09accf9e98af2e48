"""Risk: expected monetary value, decision trees, probability-impact, risk-register Monte Carlo.

The numbers of the PMI PMBOK Guide's quantitative and qualitative risk analysis:

- :func:`emv` -- expected monetary value, ``sum(p * impact)``;
- :func:`decision_tree` -- decision and chance nodes rolled back to the best choice;
- :func:`probability_impact_matrix` and :func:`rate_risks` -- the probability-impact matrix
  (PMBOK 5th ed., Figure 11-10) and a register's scores and ratings;
- :func:`contingency_reserve` -- the register's EMV rolled up into a reserve;
- :func:`monte_carlo` -- a risk register simulated (each risk occurs with its probability),
  giving the distribution of the total cost impact.

Risk-register conventions (``datasets/risks.csv``): ``probability`` in [0, 1], ``impact`` the
size of the cost effect in k$ if the risk occurs (>= 0), ``type`` ``threat`` (adds cost) or
``opportunity`` (saves cost). A threat's EMV is negative, an opportunity's positive (PMBOK).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._simulation import Simulation, check_iterations, make_rng
from ._validate import (
    Options,
    Real,
    Text,
    aligned_arrays,
    as_float_array,
    as_frame,
    as_number,
    check_probability,
    check_range,
    params,
    require_columns,
    require_unique_ids,
)
from .errors import InputError

__all__ = [
    "emv",
    "decision_tree",
    "DecisionTreeResult",
    "PMBOK_PROBABILITY_LEVELS",
    "PMBOK_IMPACT_LEVELS",
    "PMBOK_IMPACT_NAMES",
    "probability_impact_matrix",
    "risk_rating",
    "rate_risks",
    "contingency_reserve",
    "monte_carlo",
    "RiskSimulation",
]

#: Probability scale of the PMBOK Guide's example matrix (5th ed., Figure 11-10).
PMBOK_PROBABILITY_LEVELS = (0.1, 0.3, 0.5, 0.7, 0.9)
#: Impact scale of the same matrix: very low, low, moderate, high, very high.
PMBOK_IMPACT_LEVELS = (0.05, 0.10, 0.20, 0.40, 0.80)
#: Names of the five impact levels of the same matrix.
PMBOK_IMPACT_NAMES = ("very low", "low", "moderate", "high", "very high")

_SIGNED_TOL = 1e-9


# --------------------------------------------------------------------------------------
# EMV
# --------------------------------------------------------------------------------------
def emv(probabilities, impacts):
    """Expected monetary value: the probability-weighted sum of impacts.

    .. math:: EMV = \\sum_i p_i \\times impact_i

    (PMI PMBOK Guide, "expected monetary value analysis"). Each probability must lie in
    [0, 1]; they need *not* sum to 1 (one risk, or a register of independent risks).
    Threats are usually given negative impacts and opportunities positive ones, so the
    EMV's sign says which side dominates. Where the outcomes are exhaustive (the branches
    of a chance node) use :func:`decision_tree`, which checks they sum to 1.

    Parameters
    ----------
    probabilities : float or sequence of float
        Probability of each outcome, in [0, 1].
    impacts : float or sequence of float
        Money (any unit, e.g. k$) of each outcome, same length as ``probabilities``.
        A 2-D input (one row per risk register / project) gives one EMV per row.

    Returns
    -------
    float, or ndarray for 2-D input, or Series when ``impacts`` is a DataFrame.

    Examples
    --------
    A 20 % chance of a 50 k$ overrun and a 10 % chance of a 30 k$ saving:

    >>> emv([0.2, 0.1], [-50, 30])
    -7.0
    >>> emv(0.25, 400)
    100.0

    References
    ----------
    PMI, *A Guide to the Project Management Body of Knowledge*, 5th ed. (2013), 11.4.2.2.
    """
    if isinstance(probabilities, pd.DataFrame) and isinstance(impacts, pd.DataFrame):
        p, x = _aligned_tables(probabilities, impacts)
    else:
        if np.shape(probabilities) != np.shape(impacts):
            raise InputError(f"probabilities and impacts have different shapes {np.shape(probabilities)} and "
                             f"{np.shape(impacts)}: give one probability per impact.")
        arrays, _ = aligned_arrays({"probabilities": probabilities, "impacts": impacts}, ndim=(0, 1, 2))
        p, x = arrays["probabilities"], arrays["impacts"]
    check_probability(p, "probabilities")
    if p.ndim <= 1:
        return float((p * x).sum())
    out = np.einsum("ij,ij->i", p, x)
    return pd.Series(out, index=impacts.index, name="emv") if isinstance(impacts, pd.DataFrame) else out


def _aligned_tables(probabilities, impacts):
    """Two tables (one row per register) paired by row and column labels."""
    if set(probabilities.columns) != set(impacts.columns):
        raise InputError(f"probabilities has columns {list(probabilities.columns)} but impacts has "
                         f"{list(impacts.columns)}: give the same risks in both.")
    arrays, _ = aligned_arrays({"impacts": impacts, "probabilities": probabilities[impacts.columns]}, ndim=2)
    return arrays["probabilities"], arrays["impacts"]


# --------------------------------------------------------------------------------------
# Decision trees
# --------------------------------------------------------------------------------------
@dataclass
class DecisionTreeResult:
    """A decision tree rolled back.

    Attributes
    ----------
    value : float
        Expected monetary value at the root (net of every cost along the best paths).
    best : str or None
        The option chosen at the root (None when the root is a chance node).
    policy : dict
        For every decision node (by path), the option chosen.
    table : DataFrame
        One row per node: ``path``, ``parent``, ``label``, ``kind`` (decision, chance,
        terminal), ``depth``, ``probability`` (chance branches), ``cost`` (paid on the branch
        into the node), ``payoff`` (terminal nodes), ``value`` (rolled-back EMV of the subtree
        from that node), ``net_value`` (value minus the branch cost), ``chosen`` (decision
        branches picked by the roll-back) and ``on_best_path``.
    """

    value: float
    best: str | None
    policy: dict
    table: pd.DataFrame
    objective: str = "max"
    tree: dict = field(default_factory=dict, repr=False)

    def __repr__(self):
        best = f", best={self.best!r}" if self.best is not None else ""
        return f"DecisionTreeResult(value={self.value:,.6g}{best})"


_NODE_KEYS = ("decision", "chance")


def _branch_parts(branch, where: str, need_p: bool):
    """Split a branch into (probability, cost, payoff, child node dict or None)."""
    if isinstance(branch, int | float | np.integer | np.floating) and not isinstance(branch, bool):
        if need_p:
            raise InputError(f"{where}: a chance branch needs a probability; write {{'p': 0.6, 'payoff': {branch}}}.")
        return None, 0.0, as_number(branch, where), None
    if not isinstance(branch, Mapping):
        raise InputError(f"{where}: a branch must be a dict such as {{'p': 0.6, 'payoff': 200}}, got {branch!r}.")
    allowed = {"p", "probability", "cost", "payoff", "value", *_NODE_KEYS}
    unknown = set(branch) - allowed
    if unknown:
        raise InputError(
            f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
            f"use p, cost, payoff and at most one of 'decision' / 'chance'."
        )
    p = branch.get("p", branch.get("probability"))
    if need_p:
        if p is None:
            raise InputError(f"{where}: a chance branch needs its probability 'p'.")
        p = as_number(p, f"{where} probability")
        if not 0 <= p <= 1:
            raise InputError(f"{where}: probability {p!r} is outside [0, 1].")
    elif p is not None:
        raise InputError(f"{where}: a decision branch has no probability; remove 'p' (options are chosen, not drawn).")
    cost = as_number(branch.get("cost", 0.0), f"{where} cost")
    kids = [k for k in _NODE_KEYS if k in branch]
    payoff_key = "payoff" if "payoff" in branch else ("value" if "value" in branch else None)
    if len(kids) > 1:
        raise InputError(f"{where}: a branch leads to one node: give 'decision' or 'chance', not both.")
    if kids and payoff_key:
        raise InputError(f"{where}: a branch ends in a payoff or leads to a node, not both.")
    if not kids and not payoff_key:
        raise InputError(f"{where}: the branch needs a 'payoff' (end of the tree) or a 'decision' / 'chance' node.")
    if kids:
        return p, cost, None, {kids[0]: branch[kids[0]]}
    return p, cost, as_number(branch[payoff_key], f"{where} payoff"), None


def _tree_from_table(df: pd.DataFrame) -> dict:
    """Nested dict from a table with columns id, parent, kind, probability, cost, payoff."""
    df = as_frame(df, "tree")
    require_columns(df, ["id", "parent", "kind"], "tree")
    for col in ("probability", "cost", "payoff"):
        if col not in df.columns:
            df[col] = np.nan
    df["id"] = df["id"].astype(str)
    dup = df["id"][df["id"].duplicated()]
    if len(dup):
        raise InputError(f"tree has duplicate node id(s) {', '.join(dup.unique())}.")
    parent = pd.Series([None if pd.isna(v) or str(v).strip() == "" else str(v) for v in df["parent"]],
                       index=df.index, dtype=object)
    roots = df.loc[parent.isna(), "id"].tolist()
    if len(roots) != 1:
        raise InputError(f"tree must have exactly one root (a row with an empty parent); found {len(roots)}: {roots}.")
    known = set(df["id"])
    bad = [p for p in parent.dropna().astype(str) if p not in known]
    if bad:
        raise InputError(f"tree: parent id(s) {', '.join(dict.fromkeys(bad))} are not node ids.")
    kinds = df["kind"].astype(str).str.lower()
    bad_kind = df.loc[~kinds.isin(["decision", "chance", "terminal"]), "id"].tolist()
    if bad_kind:
        raise InputError(f"tree: node(s) {bad_kind} have an unknown kind; use decision, chance or terminal.")
    rows = df.assign(kind=kinds, parent=parent).set_index("id")
    children: dict[str, list[str]] = {i: [] for i in rows.index}
    for i, par in rows["parent"].items():
        if par is not None:
            children[par].append(i)

    def build(node_id, seen):
        if node_id in seen:
            raise InputError(f"tree: node {node_id} is its own ancestor (a loop).")
        seen = seen | {node_id}
        row = rows.loc[node_id]
        kind = row["kind"]
        if kind == "terminal":
            return None
        if not children[node_id]:
            raise InputError(f"tree: {kind} node {node_id} has no branches; add children or make it terminal.")
        branches = {}
        for child in children[node_id]:
            crow = rows.loc[child]
            b: dict = {}
            if kind == "chance":
                b["p"] = crow["probability"]
            if pd.notna(crow["cost"]):
                b["cost"] = float(crow["cost"])
            if crow["kind"] == "terminal":
                if pd.isna(crow["payoff"]):
                    raise InputError(f"tree: terminal node {child} has no payoff.")
                b["payoff"] = float(crow["payoff"])
            else:
                b.update(build(child, seen))
            branches[child] = b
        return {kind: branches}

    reachable, stack = set(), [roots[0]]
    while stack:
        node = stack.pop()
        reachable.add(node)
        stack.extend(children[node])
    orphans = [i for i in rows.index if i not in reachable]
    if orphans:
        raise InputError(
            f"tree: node(s) {', '.join(orphans)} cannot be reached from the root {roots[0]} "
            "(their parents form a loop or hang off nothing); fix their parent ids."
        )
    return build(roots[0], set())


@params(objective=Options("max", "min"), tol=Real(ge=0, lt=0.5))
def decision_tree(tree, *, objective: str = "max", tol: float = 1e-6) -> DecisionTreeResult:
    """Evaluate a decision tree by rolling back (expected monetary value analysis).

    A chance node's value is :math:`\\sum_b p_b (v_b - c_b)`; a decision node's value is
    :math:`\\max_b (v_b - c_b)` (``objective="min"`` for trees of costs), where :math:`c_b`
    is the cost of taking branch *b* and :math:`v_b` the value of the node it leads to (its
    payoff at the end of the tree). PMI PMBOK Guide, decision tree analysis (5th ed.,
    Figure 11-16).

    Parameters
    ----------
    tree : dict or DataFrame
        Nested dicts: a node is ``{"decision": {option: branch, ...}}`` or
        ``{"chance": {outcome: branch, ...}}``; a branch is a dict with ``p`` (chance
        branches only), an optional ``cost`` and either ``payoff`` (end of the tree) or a
        nested ``"decision"`` / ``"chance"`` node. A decision branch may be a bare number
        (its payoff). Or a table with columns ``id``, ``parent`` (empty for the root),
        ``kind`` (decision / chance / terminal), ``probability``, ``cost`` and ``payoff``.
    objective : {"max", "min"}
        Choose the largest value (payoffs) or the smallest (expected costs).
    tol : float
        Allowed rounding error when checking that a chance node's probabilities sum to 1 (a
        finite number in [0, 0.5)).

    A tree that contains itself (a branch leading back to a node above it) is refused with the
    path of the loop.

    Returns
    -------
    DecisionTreeResult
        ``value``, ``best``, ``policy`` and a ``table`` of every node.

    Examples
    --------
    The PMBOK Guide's build-or-upgrade example (M$): build costs 120 and earns 200 or 90;
    upgrading costs 50 and earns 120 or 60; demand is strong with probability 0.6.

    >>> demand = lambda strong, weak: {"chance": {
    ...     "strong": {"p": 0.6, "payoff": strong}, "weak": {"p": 0.4, "payoff": weak}}}
    >>> r = decision_tree({"decision": {
    ...     "build": {"cost": 120, **demand(200, 90)},
    ...     "upgrade": {"cost": 50, **demand(120, 60)}}})
    >>> r.best, round(r.value, 6)
    ('upgrade', 46.0)

    References
    ----------
    PMI, *PMBOK Guide*, 5th ed. (2013), 11.4.2.2, Figure 11-16.
    """
    if isinstance(tree, pd.DataFrame) or (isinstance(tree, list) and tree and isinstance(tree[0], Mapping)):
        tree = _tree_from_table(tree)
    if not isinstance(tree, Mapping) or len([k for k in _NODE_KEYS if k in tree]) != 1 or len(tree) != 1:
        raise InputError(
            "tree must be a dict with one key, 'decision' or 'chance', mapping branch labels to "
            "branches (or a table with columns id, parent, kind, probability, cost, payoff)."
        )
    pick = max if objective == "max" else min
    rows: list[dict] = []
    policy: dict[str, str] = {}
    above: dict[int, str] = {}  # the nodes on the current path, by identity: a tree must not contain itself

    def roll(node: Mapping, path: str, depth: int, row_index: int | None) -> float:
        kind = "decision" if "decision" in node else "chance"
        branches = node[kind]
        where = path or "root"
        for obj in (node, branches):
            if id(obj) in above:
                raise InputError(f"decision tree: the branch {where!r} leads back to the node at {above[id(obj)]!r}, "
                                 "so the tree contains itself (a loop); give every branch its own node.")
        above.update({id(node): where, id(branches): where})
        if not isinstance(branches, Mapping) or not branches:
            raise InputError(f"{kind} node at {where}: give its branches as a non-empty dict {{label: branch}}.")
        if row_index is not None:
            rows[row_index]["kind"] = kind
        nets, child_rows = [], []
        for label, branch in branches.items():
            bpath = f"{path} / {label}" if path else str(label)
            p, cost, payoff, child = _branch_parts(branch, f"branch {bpath!r}", need_p=(kind == "chance"))
            rows.append(dict(path=bpath, parent=path or None, label=str(label), kind="terminal", depth=depth + 1,
                             probability=np.nan if p is None else p, cost=cost,
                             payoff=np.nan if payoff is None else payoff, value=np.nan, net_value=np.nan,
                             chosen=False))
            idx = len(rows) - 1
            value = payoff if child is None else roll(child, bpath, depth + 1, idx)
            rows[idx]["value"] = value
            rows[idx]["net_value"] = value - cost
            nets.append((label, p, value - cost))
            child_rows.append(idx)
        del above[id(node)], above[id(branches)]
        if kind == "chance":
            total = sum(p for _, p, _ in nets)
            if abs(total - 1) > tol:
                listing = ", ".join(f"{lab}: {p:g}" for lab, p, _ in nets)
                raise InputError(
                    f"chance node at {where}: probabilities sum to {total:.6g}, not 1 ({listing}). "
                    "The outcomes of a chance node must be exhaustive and exclusive."
                )
            return float(sum(p * v for _, p, v in nets))
        best_i = max(range(len(nets)), key=lambda i: nets[i][2]) if pick is max else min(
            range(len(nets)), key=lambda i: nets[i][2])
        rows[child_rows[best_i]]["chosen"] = True
        policy[where] = str(nets[best_i][0])
        return float(nets[best_i][2])

    root_kind = "decision" if "decision" in tree else "chance"
    rows.append(dict(path="root", parent=None, label="root", kind=root_kind, depth=0, probability=np.nan,
                     cost=0.0, payoff=np.nan, value=np.nan, net_value=np.nan, chosen=False))
    value = roll(tree, "", 0, 0)
    rows[0]["value"] = rows[0]["net_value"] = value
    table = pd.DataFrame(rows)
    table.loc[table["parent"].isna() & (table["path"] != "root"), "parent"] = "root"
    # best path: a node is on it when every decision above it chose its branch
    kind_of = dict(zip(table["path"], table["kind"], strict=True))
    on_path = {"root": True}
    for r in table.itertuples(index=False):  # rows are in depth-first order: parents come first
        if r.path != "root":
            on_path[r.path] = on_path[r.parent] and (kind_of[r.parent] == "chance" or r.chosen)
    table["on_best_path"] = table["path"].map(on_path)
    best = policy.get("root") if root_kind == "decision" else None
    return DecisionTreeResult(value=value, best=best, policy=policy, table=table, objective=objective,
                              tree=dict(tree))


# --------------------------------------------------------------------------------------
# Probability-impact matrix and register ratings
# --------------------------------------------------------------------------------------
def probability_impact_matrix(probability_levels=PMBOK_PROBABILITY_LEVELS, impact_levels=PMBOK_IMPACT_LEVELS):
    """Risk scores of a probability-impact matrix: score = probability x impact.

    Rows are the probability levels, highest first (as the matrix is drawn); columns the
    impact levels. PMI PMBOK Guide, 5th ed., 11.3.2.2 and Figure 11-10 (which shows these
    products rounded to two decimals).

    >>> m = probability_impact_matrix()
    >>> float(m.loc[0.9, 0.8]), float(m.loc[0.5, 0.2])
    (0.72, 0.1)

    References
    ----------
    PMI, *A Guide to the Project Management Body of Knowledge*, 5th ed. (2013), 11.3.2.2, Figure 11-10; 6th ed. (2017), 11.3.2.6.
    """
    p = check_probability(probability_levels, "probability_levels")
    i = as_float_array(impact_levels, "impact_levels", ndim=1)
    if p.ndim != 1:
        raise InputError("probability_levels must be a flat list of levels.")
    if (i < 0).any():
        raise InputError("impact_levels must be >= 0 (they measure how bad, or good, an outcome is).")
    p = np.sort(p)[::-1]
    i = np.sort(i)
    scores = np.round(np.outer(p, i), 12)  # 0.9 * 0.8 prints as 0.72, not 0.7200000000000001
    return pd.DataFrame(scores, index=pd.Index(p, name="probability"), columns=pd.Index(i, name="impact"))


def risk_rating(score, thresholds=(0.05, 0.18), labels=("low", "moderate", "high")):
    """Rate probability-impact scores: below the first threshold low, from the last one high.

    Default thresholds follow the shading of the PMBOK Guide's example matrix (5th ed.,
    Figure 11-10): scores under 0.05 are low, 0.05 up to 0.18 moderate, 0.18 and above high.
    An organisation sets its own in its risk management plan.

    >>> list(risk_rating([0.01, 0.10, 0.72]))
    ['low', 'moderate', 'high']
    >>> risk_rating(0.2)
    'high'

    References
    ----------
    PMI, *A Guide to the Project Management Body of Knowledge*, 5th ed. (2013), 11.3.2.2, Figure 11-10; 6th ed. (2017), 11.3.2.6.
    """
    t = as_float_array(thresholds, "thresholds", ndim=1)
    if len(labels) != len(t) + 1:
        raise InputError(f"labels must have one more entry than thresholds ({len(t) + 1}), got {len(labels)}.")
    if (np.diff(t) <= 0).any():
        raise InputError(f"thresholds must be increasing, got {list(t)}.")
    s = as_float_array(score, "score")
    out = np.asarray(labels, dtype=object)[np.searchsorted(t, s, side="right")]
    if np.ndim(score) == 0:
        return str(out)
    if isinstance(score, pd.Series):
        return pd.Series(out, index=score.index, name="rating")
    return out


def _register(register, name="register") -> pd.DataFrame:
    """A copy of a risk register with checked probability, impact and type, and a ``_sign`` column."""
    df = as_frame(register, name)
    require_columns(df, ["probability", "impact"], name)
    labels = None
    if "id" in df.columns:
        require_unique_ids(df["id"], name)
        labels = df["id"].astype(str).tolist()
    p = as_float_array(df["probability"], f"{name}['probability']")
    check_range(p, f"{name}['probability']", ge=0, le=1, labels=labels)
    x = as_float_array(df["impact"], f"{name}['impact']")
    try:
        check_range(x, f"{name}['impact']", ge=0, labels=labels)
    except InputError as exc:
        raise InputError(f"{exc} Give the size of the effect and say in the 'type' column whether it is a threat "
                         "or an opportunity.") from None
    sign = np.ones(len(df))
    if "type" in df.columns:
        kinds = df["type"].astype(str).str.strip().str.lower()
        bad = ~kinds.isin(["threat", "opportunity"]).to_numpy()
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise InputError(f"{name}['type'] of risk {labels[k] if labels else k} is {df['type'].iat[k]!r}: use "
                             "'threat' or 'opportunity'.")
        sign = np.where(kinds.to_numpy() == "opportunity", -1.0, 1.0)
    df["probability"], df["impact"], df["_sign"] = p, x, sign  # +1 threat (adds cost), -1 opportunity
    return df


def rate_risks(register, *, impact_bounds=(25, 50, 100, 200), thresholds=(0.05, 0.18),
               probability_levels=PMBOK_PROBABILITY_LEVELS, impact_levels=PMBOK_IMPACT_LEVELS):
    """Place each risk of a register on the probability-impact matrix; score, rate and EMV it.

    Each probability goes to the nearest level of ``probability_levels``; each impact (k$)
    to a level of ``impact_levels`` by ``impact_bounds`` (k$ limits between very low, low,
    moderate, high, very high: the organisation's impact scale). Score = probability level x
    impact level (PMBOK 5th ed., 11.3.2.2); rating by :func:`risk_rating`; EMV = p x impact,
    negative for a threat and positive for an opportunity.

    Parameters
    ----------
    register : DataFrame or list of dicts
        Columns ``probability`` (0-1) and ``impact`` (k$, >= 0); optional ``type``
        (threat / opportunity, default threat) and ``id``.

    Returns
    -------
    DataFrame
        A copy of the register with ``probability_level``, ``impact_level``,
        ``impact_class``, ``score``, ``rating`` and ``emv`` (k$), sorted by score, highest first.

    >>> r = rate_risks([{"id": "R1", "probability": 0.72, "impact": 150.0}])
    >>> row = r.iloc[0]
    >>> float(row.probability_level), float(row.impact_level), float(row.score), row.rating, float(row.emv)
    (0.7, 0.4, 0.28, 'high', -108.0)

    References
    ----------
    PMI, *A Guide to the Project Management Body of Knowledge*, 5th ed. (2013), 11.3.2.2, Figure 11-10; 6th ed. (2017), 11.3.2.6.
    """
    df = _register(register)
    pl = np.sort(check_probability(probability_levels, "probability_levels"))
    il = np.sort(as_float_array(impact_levels, "impact_levels", ndim=1))
    b = as_float_array(impact_bounds, "impact_bounds", ndim=1)
    if len(b) != len(il) - 1:
        raise InputError(f"impact_bounds needs {len(il) - 1} limits for {len(il)} impact levels, got {len(b)}.")
    if (np.diff(b) <= 0).any() or (b < 0).any():
        raise InputError(f"impact_bounds must be increasing amounts >= 0 (k$), got {list(b)}.")
    # nearest probability level (ties go up: the more cautious reading)
    mids = (pl[1:] + pl[:-1]) / 2
    df["probability_level"] = pl[np.searchsorted(mids, df["probability"].to_numpy(), side="right")]
    k = np.searchsorted(b, df["impact"].to_numpy(), side="right")
    df["impact_level"] = il[k]
    names = PMBOK_IMPACT_NAMES if len(il) == 5 else tuple(f"level {j + 1}" for j in range(len(il)))
    df["impact_class"] = np.asarray(names, dtype=object)[k]
    df["score"] = np.round(df["probability_level"] * df["impact_level"], 10)
    df["rating"] = risk_rating(df["score"].to_numpy(), thresholds)
    df["emv"] = -df["_sign"] * df["probability"] * df["impact"]
    return df.drop(columns="_sign").sort_values("score", ascending=False, kind="stable")


@params(by=Text(allow_none=True))
def contingency_reserve(register, *, by: str | None = None):
    """Contingency reserve from a risk register: the expected cost of its risks.

    .. math:: reserve = \\sum_{threats} p \\times impact - \\sum_{opportunities} p \\times impact
       = -\\sum EMV

    (PMI PMBOK Guide: contingency reserves for identified risks sized by expected monetary
    value; the management reserve for unknown risks is separate.)

    Parameters
    ----------
    register : DataFrame or list of dicts
        Columns ``probability``, ``impact`` (k$, >= 0) and optional ``type``.
    by : str, optional
        A column to group by (e.g. ``"project_id"``): one reserve per group.

    Returns
    -------
    float (k$), or a Series per group. A **negative** reserve means the expected savings of the
    opportunities exceed the expected cost of the threats: the register expects to come in
    under budget. Do not hand the difference back: size the reserve on the threats (or on a
    Monte Carlo percentile), and manage the opportunities so that they happen.

    >>> contingency_reserve([
    ...     {"probability": 0.3, "impact": 100, "type": "threat"},
    ...     {"probability": 0.5, "impact": 40, "type": "opportunity"}])
    10.0

    References
    ----------
    PMI, *PMBOK Guide*, 5th ed. (2013), 7.2.2.6 (reserve analysis) and 11.4.2.2 (EMV); 6th ed. (2017), 7.2.2.6.
    """
    df = _register(register)
    expected = df["_sign"] * df["probability"] * df["impact"]
    if by is None:
        return float(expected.sum())
    require_columns(df, [by], "register")
    if df[by].isna().any():
        raise InputError(f"register[{by!r}] is empty for risk {df.index[df[by].isna().to_numpy()][0]!r}: every risk "
                         f"needs its {by} to be grouped (or drop those rows first).")
    return expected.groupby(df[by], sort=True).sum().rename("contingency_reserve")


@dataclass(repr=False)
class RiskSimulation(Simulation):
    """Monte Carlo of a risk register (a :class:`~pmlib._simulation.Simulation`).

    ``costs`` is the total cost impact (k$) of each iteration: occurred threats minus occurred
    opportunities; ``mean`` (converges to :func:`contingency_reserve`), ``sd``,
    ``percentile(q)``, ``probability(reserve)`` = P(cost <= reserve), the chance a reserve covers
    the risks that occur, and ``summary()`` work as for every pmlib simulation. ``occurred``
    (bool, iterations x risks) says which risks occurred, ``ids`` names them, ``impacts`` holds
    their signed impacts and ``frequency`` the share of iterations in which each occurred.
    """

    occurred: np.ndarray | None = field(default=None, repr=False)
    ids: list = field(default_factory=list)
    impacts: np.ndarray | None = field(default=None, repr=False)

    @property
    def costs(self) -> np.ndarray:
        return self.samples

    @property
    def frequency(self) -> pd.Series:
        """Share of iterations in which each risk occurred (close to its probability)."""
        return pd.Series(self.occurred.mean(axis=0), index=self.ids, name="frequency")


def monte_carlo(register, n: int = 10_000, seed=0) -> RiskSimulation:
    """Simulate a risk register: in each iteration every risk occurs with its probability.

    The total cost impact of an iteration is the sum of the impacts of the threats that
    occurred minus those of the opportunities that occurred. Risks are independent. Its
    mean tends to :func:`contingency_reserve`; its percentiles size a reserve with a chosen
    confidence (PMBOK's quantitative risk analysis, "simulation"). Vectorised: one
    ``(n, risks)`` uniform draw.

    Parameters
    ----------
    register : DataFrame or list of dicts
        Columns ``probability``, ``impact`` (k$, >= 0), optional ``type`` and ``id``.
    n : int
        Number of iterations.
    seed : int or numpy Generator
        Random seed: the same seed gives the same result.

    >>> sim = monte_carlo([{"probability": 0.5, "impact": 100}], n=20_000, seed=1)
    >>> round(sim.mean / 100, 1)
    0.5

    References
    ----------
    PMI, *PMBOK Guide*, 6th ed. (2017), 11.4.2.5 (simulation); PMI, *Practice Standard for Project Risk Management* (2009).
    """
    df = _register(register)
    n, rng = check_iterations(n), make_rng(seed)
    signed = (df["_sign"] * df["impact"]).to_numpy()
    occurred = rng.random((n, len(df))) < df["probability"].to_numpy()
    ids = df["id"].tolist() if "id" in df.columns else list(range(len(df)))
    return RiskSimulation(occurred @ signed, seed=seed, unit="cost_impact", occurred=occurred, ids=ids,
                          impacts=signed)
