"""Figures for stage gates and risk: scorecard, funnel, ECV vs NPV, decision tree, P-I matrix, risk cost.

Each function follows seaborn's convention: ``data=`` and ``ax=`` keywords, draws on the Axes
(a new figure when ``ax`` is None) and returns it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import risk as _risk
from .. import stagegate as _sg
from .._validate import as_float_array
from ..errors import InputError
from ._style import format_axis_money, new_axes

__all__ = [
    "gate_scorecard",
    "update_gate_scorecard",
    "pipeline_funnel",
    "ecv_vs_npv",
    "decision_tree_diagram",
    "pi_matrix",
    "risk_cost_histogram",
]

_DECISION_COLOURS = {"Go": "#1b7a3a", "Kill": "#b3261e", "Hold": "#b7791f", "Recycle": "#2b6cb0"}
_RATING_COLOURS = {"low": "#c6e7c1", "moderate": "#fbe3a6", "high": "#f4a3a0"}


def _scorecard_parts(data, gate):
    """The should-meet scores, their bar colours (red under the weak-spot floor) and the gate's verdict."""
    row = pd.Series(data)
    scores = pd.Series({c: float(row[c]) for c in gate.should_meet})
    verdict = _sg.evaluate_gate(dict(row.items()), gate, check_must_meet=all(c in row.index for c in gate.must_meet))
    colours = ["#b3261e" if (gate.min_score is not None and v < gate.min_score) else "#2e86c1" for v in scores]
    return scores, colours, verdict


def gate_scorecard(data, gate, *, ax=None, title=None):
    """Bar chart of one project's should-meet scores against the gate's pass mark and floor.

    Parameters
    ----------
    data : dict or Series
        Criterion -> score (other keys, e.g. must-meet answers, are ignored).
    gate : pmlib.stagegate.Gate

    :func:`update_gate_scorecard` redraws the moving parts of the same Axes for new scores.
    """
    scores, colours, verdict = _scorecard_parts(data, gate)
    ax = new_axes(ax, figsize=(8, 4))
    weights = pd.Series(gate.should_meet, dtype=float)
    labels = [f"{c.replace('_', ' ')} (x{weights[c]:g})" for c in scores.index]
    y = np.arange(len(scores))[::-1]
    ax.barh(y, scores.to_numpy(), color=colours, label="criterion score")
    ax.set_yticks(y, labels)
    ax.axvline(gate.pass_mark, color="#1b7a3a", linestyle="--", label=f"pass mark {gate.pass_mark:g}")
    ax.axvline(gate.kill_mark, color="#b3261e", linestyle=":", label=f"kill mark {gate.kill_mark:g}")
    if gate.min_score is not None:
        ax.axvline(gate.min_score, color="grey", linestyle="-.", linewidth=1, label=f"weak-spot floor {gate.min_score:g}")
    ax.axvline(verdict["score"], color="black", linewidth=2, label=f"weighted score {verdict['score']:.2f}",
               gid="weighted_score")
    ax.set_xlim(0, gate.scale)
    ax.set_xlabel(f"score (0-{gate.scale:g}; weight in brackets)")
    decision = verdict["decision"]
    ax.set_title(title or f"Gate {gate.number or ''} {gate.name}: {decision}", color=_DECISION_COLOURS.get(decision))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8, framealpha=0.9)
    return ax


def update_gate_scorecard(ax, data, gate, *, title=None):
    """New scores on an Axes drawn by :func:`gate_scorecard` for the same gate: bars, score line, title.

    Only the artists that move are changed (a widget redraws in a fraction of the time); returns the Axes.
    """
    scores, colours, verdict = _scorecard_parts(data, gate)
    bars = ax.containers[0]
    if len(bars) != len(scores):
        raise InputError("update_gate_scorecard needs an Axes drawn by gate_scorecard for the same gate.")
    for bar, value, colour in zip(bars, scores, colours, strict=True):
        bar.set_width(value)
        bar.set_color(colour)
    line = next(line for line in ax.lines if line.get_gid() == "weighted_score")
    line.set_xdata([verdict["score"], verdict["score"]])
    for text in ax.get_legend().get_texts():
        if text.get_text().startswith("weighted score"):
            text.set_text(f"weighted score {verdict['score']:.2f}")
    decision = verdict["decision"]
    ax.set_title(title or f"Gate {gate.number or ''} {gate.name}: {decision}", color=_DECISION_COLOURS.get(decision))
    return ax


def pipeline_funnel(data, *, ax=None, title="Pipeline funnel: ideas entering each gate"):
    """Funnel of the expected flow through the gates (from :func:`pmlib.stagegate.funnel`).

    Centred bars show the projects entering each gate and, last, the launches; each bar is
    labelled with its count, the gate's pass rate and the money the gate's Go releases.
    """
    if isinstance(data, _sg.Funnel):
        table = data.table
    elif isinstance(data, pd.DataFrame):
        table = data
    else:
        raise InputError("data must be a Funnel (pm.stagegate.funnel(...)) or its .table.")
    needed = {"entering", "pass_rate", "passing", "stage_cost"}
    if not needed <= set(table.columns):
        raise InputError(f"data must have columns {sorted(needed)}; found {list(table.columns)}.")
    ax = new_axes(ax, figsize=(8, 4.5))
    counts = list(table["entering"]) + [table["passing"].iloc[-1]]
    names = [str(g) for g in table.index] + ["launched"]
    y = np.arange(len(counts))[::-1]
    colours = list(np.linspace(0.35, 0.85, len(counts)))
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("Blues_r")
    ax.barh(y, counts, left=-np.asarray(counts) / 2, color=[cmap(c) for c in colours], edgecolor="white",
            label="projects entering")
    top = max(counts)
    for k, (yy, n) in enumerate(zip(y, counts, strict=True)):
        text = f"{n:,.1f}"  # one decimal everywhere: the same numbers as funnel(...).table.round(1)
        ax.text(0, yy, text, ha="center", va="center", fontsize=10, color="black", fontweight="bold")
        if k < len(table):
            row = table.iloc[k]
            ax.text(top / 2 + top * 0.03, yy, f"pass {row['pass_rate']:.0%} -> Go funds {row['stage_cost']:,.0f} k$",
                    va="center", fontsize=9)
    ax.set_yticks(y, names)
    ax.set_xlim(-top / 2 - top * 0.05, top / 2 + top * 0.75)
    ax.set_xticks([])
    ax.set_xlabel("projects (bar width; expected numbers per period)")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return ax


def ecv_vs_npv(data, *, label="name", budget_note=True, highlight=None, ax=None,
               title="Risk-adjusted value (ECV) vs unadjusted business case"):
    """Each project's unadjusted value (NPV - C - D) next to its ECV, in ECV/D order.

    ``data`` is the result of :func:`pmlib.stagegate.rank_by_ecv`; funded projects (Cooper's
    line) are marked. Shows how risk and remaining cost reorder priorities. ``highlight``
    (an id) draws that project's label in bold.
    """
    need = {"npv_certain", "ecv", "productivity_index", "funded"}
    if not isinstance(data, pd.DataFrame) or not need <= set(data.columns):
        raise InputError(f"data must be pm.stagegate.rank_by_ecv(...) output with columns {sorted(need)}.")
    df = data.sort_values("productivity_index", ascending=True)
    names = (df[label].astype(str) if label in df.columns else pd.Series(df.index.astype(str), index=df.index))
    ylabels = [f"{i}  {n}" + ("  [funded]" if f and budget_note else "") for i, n, f in
               zip(df.index, names, df["funded"], strict=True)]
    ax = new_axes(ax, figsize=(9, max(4, 0.38 * len(df) + 1.2)))
    y = np.arange(len(df))
    ax.barh(y + 0.2, df["npv_certain"], height=0.4, color="#b9c7d6", label="business case if certain: NPV - C - D (k$)")
    ax.barh(y - 0.2, df["ecv"], height=0.4, color=np.where(df["ecv"] >= 0, "#1f4e99", "#b3261e"),
            label="expected commercial value, ECV (k$)")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, ylabels, fontsize=9)
    if highlight is not None:
        for tick, ident in zip(ax.get_yticklabels(), df.index, strict=True):
            if str(ident) == str(highlight):
                tick.set_fontweight("bold")
                tick.set_color("#b7791f")
    format_axis_money(ax, "x")
    ax.set_xlabel("value (k$)")
    ax.set_ylabel("project, best ECV per k$ of development at the top")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return ax


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.3g}"


def _layout(table: pd.DataFrame) -> dict:
    """y position of every node: leaves in order, parents centred over their children."""
    children: dict = {}
    for r in table.itertuples(index=False):
        if r.path != "root":
            children.setdefault(r.parent, []).append(r.path)
    pos: dict = {}
    counter = [0]

    def place(node):
        kids = children.get(node, [])
        if not kids:
            pos[node] = counter[0]
            counter[0] += 1
        else:
            for k in kids:
                place(k)
            pos[node] = (pos[kids[0]] + pos[kids[-1]]) / 2

    place("root")
    return pos


def decision_tree_diagram(data, *, ax=None, unit="k$", title=None):
    """Draw a decision tree rolled back: squares decide, circles are chance, triangles end.

    ``data`` is a :class:`pmlib.risk.DecisionTreeResult` or a tree accepted by
    :func:`pmlib.risk.decision_tree`. Each node shows its rolled-back value; branches show
    their probability and cost; the best path is drawn bold.
    """
    result = data if isinstance(data, _risk.DecisionTreeResult) else _risk.decision_tree(data)
    t = result.table
    pos = _layout(t)
    n_leaves = max(1, int((t["kind"] == "terminal").sum()))
    depth = int(t["depth"].max())
    ax = new_axes(ax, figsize=(min(4 + 2.6 * depth, 13), max(3.5, 0.7 * n_leaves + 1.5)))
    xy = {r.path: (r.depth, -pos[r.path]) for r in t.itertuples(index=False)}
    kinds = dict(zip(t["path"], t["kind"], strict=True))
    for r in t.itertuples(index=False):
        if r.path == "root":
            continue
        (x0, y0), (x1, y1) = xy[r.parent], xy[r.path]
        bold = bool(r.on_best_path)
        ax.plot([x0, x0 + 0.15, x1], [y0, y1, y1], color="#1f4e99" if bold else "#9aa5b1",
                linewidth=2.6 if bold else 1.2, zorder=1)
        bits = [r.label]
        if not np.isnan(r.probability):
            bits.append(f"p={r.probability:g}")
        if r.cost:
            bits.append(f"cost {_fmt(r.cost)}")
        ax.text((x0 + 0.15 + x1) / 2, y1 + 0.08, ", ".join(bits), ha="center", va="bottom", fontsize=8)
    marker = {"decision": "s", "chance": "o", "terminal": "<"}
    colour = {"decision": "#1f4e99", "chance": "#e69f00", "terminal": "#4d4d4d"}
    names = {"decision": "decision node", "chance": "chance node", "terminal": "end of branch (payoff)"}
    for kind in ("decision", "chance", "terminal"):
        pts = [xy[p] for p, k in kinds.items() if k == kind]
        if pts:
            xs, ys = zip(*pts, strict=True)
            ax.scatter(xs, ys, marker=marker[kind], s=160, color=colour[kind], zorder=3, label=names[kind])
    for r in t.itertuples(index=False):
        x, y = xy[r.path]
        text = _fmt(r.value) if r.kind != "terminal" else _fmt(r.payoff)
        if r.kind != "terminal" and r.cost:
            text = f"EMV {_fmt(r.value)}\n- {_fmt(r.cost)} = {_fmt(r.net_value)}"
        terminal = r.kind == "terminal"
        ax.text(x + (0.08 if terminal else -0.04), y - 0.1, text, ha="left" if terminal else "right",
                va="top", fontsize=8, color="black", zorder=4,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1))
    ax.set_xlim(-0.4, depth + 0.9)
    ax.set_ylim(-(n_leaves - 1) - 0.7, 0.7)
    ax.set_xticks(range(depth + 1), ["decision"] + [f"step {d}" for d in range(1, depth + 1)])
    ax.set_yticks([])
    ax.set_xlabel(f"depth in the tree (values in {unit}; bold = best path)")
    best = f": best choice {result.best!r}" if result.best else ""
    ax.set_title(title or f"Decision tree, EMV {_fmt(result.value)} {unit}{best}")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return ax


def pi_matrix(data=None, *, thresholds=(0.05, 0.18), ax=None, title="Probability-impact matrix (threats)", **rate_kw):
    """The probability-impact matrix coloured by rating, with a register's risks placed in it.

    ``data`` is a risk register (as for :func:`pmlib.risk.rate_risks`) or None for the empty
    PMBOK matrix. Each cell shows its score and the ids of the risks that fall in it.
    """
    m = _risk.probability_impact_matrix()
    ax = new_axes(ax, figsize=(8.5, 5))
    ratings = np.vectorize(lambda s: _risk.risk_rating(float(s), thresholds))(m.to_numpy())
    rgb = np.array([[_hex_to_rgb(_RATING_COLOURS[r]) for r in row] for row in ratings])
    ax.imshow(rgb, aspect="auto")
    placed: dict = {}
    if data is not None:
        rated = _risk.rate_risks(data, thresholds=thresholds, **rate_kw)
        ids = rated["id"] if "id" in rated.columns else pd.Series(rated.index.astype(str), index=rated.index)
        for p, i, rid in zip(rated["probability_level"], rated["impact_level"], ids, strict=True):
            placed.setdefault((p, i), []).append(str(rid))
    for a, p in enumerate(m.index):
        for b, i in enumerate(m.columns):
            # the exact score (0.045, not 0.05 rounded): the cell's colour and the legend then agree
            ax.text(b, a - 0.28, f"{m.loc[p, i]:.3f}".rstrip("0").rstrip("."), ha="center", va="center", fontsize=8,
                    color="#555")
            ids = placed.get((p, i), [])
            if ids:
                lines = [", ".join(ids[k:k + 3]) for k in range(0, len(ids), 3)]
                ax.text(b, a + 0.1, "\n".join(lines), ha="center", va="center", fontsize=8, fontweight="bold")
    ax.set_yticks(range(len(m.index)), [f"{p:g}" for p in m.index])
    ax.set_xticks(range(len(m.columns)), [f"{i:g}\n{n}" for i, n in zip(m.columns, _risk.PMBOK_IMPACT_NAMES, strict=False)])
    ax.set_ylabel("probability (scale level)")
    ax.set_xlabel("impact on cost (scale level)")
    ax.set_title(title)
    from matplotlib.patches import Patch

    handles = [Patch(color=c, label=f"{r} (score {'<' if r == 'low' else '>='} "
                     f"{thresholds[0] if r != 'high' else thresholds[1]:g})")
               for r, c in _RATING_COLOURS.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="rating")
    return ax


def _hex_to_rgb(h: str):
    h = h.lstrip("#")
    return tuple(int(h[k:k + 2], 16) / 255 for k in (0, 2, 4))


def risk_cost_histogram(data, *, reserve=None, percentiles=(50, 80), ax=None,
                        title="Monte Carlo of the risk register: total cost impact"):
    """Histogram of the simulated cost impact with its mean (the EMV reserve) and percentiles.

    ``data`` is a :class:`pmlib.risk.RiskSimulation` or an array of simulated costs (k$).
    ``reserve`` (k$), if given, is drawn with the chance it covers the outcome.
    """
    sim = data if isinstance(data, _risk.RiskSimulation) else _risk.RiskSimulation(
        as_float_array(data, "data", ndim=1))
    costs = sim.costs
    ax = new_axes(ax)
    ax.hist(costs, bins=min(60, max(10, len(np.unique(costs)) // 2)), color="#9ecae1", edgecolor="white",
            label=f"{sim.n:,} simulated outcomes")
    ax.axvline(sim.mean, color="#1f4e99", linewidth=2, label=f"mean = EMV reserve {sim.mean:,.0f} k$")
    styles = ["--", ":", "-."]
    for k, q in enumerate(percentiles):
        v = sim.percentile(q)
        ax.axvline(v, color="#b3261e", linestyle=styles[k % 3], label=f"P{q:g} {v:,.0f} k$")
    if reserve is not None:
        ax.axvline(reserve, color="black", linewidth=1.5,
                   label=f"reserve {reserve:,.0f} k$ covers {sim.probability(reserve):.0%}")
    format_axis_money(ax, "x")
    ax.set_xlabel("total cost impact of the risks that occur (k$; opportunities subtract)")
    ax.set_ylabel("iterations")
    ax.set_title(title)
    ax.legend(fontsize=8)
    return ax
