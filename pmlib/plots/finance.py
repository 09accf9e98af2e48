"""Business-case figures: tornado, NPV profile, cumulative cash flow, Monte Carlo NPV histogram.

Each function takes ``data=`` (what :mod:`pmlib.finance` returns, or cash flows) and
``ax=``, draws on the Axes (a new figure when ``ax`` is None) and returns it.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import finance
from .._validate import as_float_array
from ._style import format_axis_money, format_axis_percent, new_axes

__all__ = ["tornado", "npv_profile", "cumulative_cashflow", "npv_distribution", "depreciation_chart"]

LOW_COLOUR, HIGH_COLOUR = "#c0392b", "#2e86c1"
NPV_COLOUR, DISC_COLOUR, LOSS_COLOUR = "#1f4e99", "#8e44ad", "#c0392b"
PALETTE = ["#1f4e99", "#e67e22", "#1b7a3a", "#8e44ad", "#c0392b", "#5b6f8f"]


def _fmt(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) < 1:
        return f"{value:.3g}"
    return f"{value:,.4g}"


def tornado(data: pd.DataFrame, *, ax=None, label: str = "NPV", unit: str = "k$", title: str | None = None):
    """Tornado chart of a :func:`pmlib.finance.sensitivity` table: the widest bar matters most.

    Each input gets a bar from the base result to the result with the input at its low
    value (red) and at its high value (blue); inputs are sorted by swing, largest on top.

    Parameters
    ----------
    data : DataFrame
        Columns input, low_value, high_value, low, high, base (as ``sensitivity`` returns).
    label, unit : str
        What the result is (axis label), e.g. "NPV" and "k$".
    """
    needed = ["input", "low_value", "high_value", "low", "high", "base"]
    missing = [c for c in needed if c not in getattr(data, "columns", [])]
    if missing:
        raise ValueError(f"data must be a pm.finance.sensitivity table; missing column(s) {', '.join(missing)}.")
    if len(data) == 0:
        raise ValueError("data is empty: nothing to plot.")
    table = data.assign(_swing=(data["high"] - data["low"]).abs()).sort_values("_swing")
    base = float(table["base"].iloc[0])
    ax = new_axes(ax, figsize=(8, 1.2 + 0.6 * len(table)))
    y = np.arange(len(table))
    ax.barh(y, table["low"] - base, left=base, color=LOW_COLOUR, alpha=0.85, label="input at its low value")
    ax.barh(y, table["high"] - base, left=base, color=HIGH_COLOUR, alpha=0.85, label="input at its high value")
    ax.axvline(base, color="black", linewidth=1, label=f"base case {base:,.0f}")
    ax.set_yticks(y, [f"{r.input}\n{_fmt(r.low_value)} .. {_fmt(r.high_value)}" for r in table.itertuples()])
    for yi, r in zip(y, table.itertuples(), strict=True):
        for v in (r.low, r.high):
            ax.annotate(f"{v:,.0f}", (v, yi), xytext=(4 if v >= base else -4, 0), textcoords="offset points",
                        ha="left" if v >= base else "right", va="center", fontsize=8)
    lo = min(table["low"].min(), table["high"].min(), base)
    hi = max(table["low"].max(), table["high"].max(), base)
    pad = 0.15 * (hi - lo or abs(base) or 1.0)
    ax.set_xlim(lo - pad, hi + pad)
    format_axis_money(ax, "x")
    # at most one '$' per text: matplotlib reads a pair of them as mathtext
    ax.set_xlabel(f"{label} ({unit})")
    ax.set_ylabel("input (low .. high)")
    ax.set_title(title or f"Sensitivity of {label}: which input moves it most?")
    ax.legend(loc="lower right", fontsize=8)
    return ax


def _option_rows(data) -> dict[str, np.ndarray]:
    if isinstance(data, Mapping):
        return {str(k): np.asarray(as_float_array(v, f"data[{k!r}]", ndim=1)) for k, v in data.items()}
    if isinstance(data, pd.DataFrame):
        return {str(i): row.to_numpy(dtype=float) for i, row in data.iterrows()}
    if isinstance(data, pd.Series):
        return {str(data.name or "cash flows"): data.to_numpy(dtype=float)}
    arr = as_float_array(data, "data", ndim=(1, 2))
    if arr.ndim == 1:
        return {"cash flows": arr}
    return {f"row {i}": row for i, row in enumerate(arr)}


def npv_profile(data, *, rates=None, hurdle: float | None = None, ax=None, unit: str = "k$", title: str | None = None):
    """NPV profile: NPV against the discount rate, one curve per project or option.

    Where a curve crosses zero is its IRR (marked); where two curves cross is their
    crossover (Fisher) rate (marked when there are two). ``hurdle`` draws the organisation's
    discount rate, so you read which option has the higher NPV there.

    Parameters
    ----------
    data : cash flows: 1-D array, Series, DataFrame (one row per option, index = names) or dict
    rates : 1-D array, optional
        Rates to draw (fractions). Default: 0 to a little beyond the largest IRR.
    hurdle : float, optional
        The hurdle rate (fraction) to mark.
    """
    rows = _option_rows(data)
    # every IRR of each row (several when the cash flows change sign more than once)
    irrs = {name: finance.irr_all(flows) for name, flows in rows.items()}
    if rates is None:
        finite = [r for roots in irrs.values() for r in roots if np.isfinite(r) and r < 5]
        top = max([0.3] + [1.25 * r for r in finite])
        rates = np.linspace(0, top, 200)
    rates = np.asarray(rates, dtype=float)
    ax = new_axes(ax)
    for k, (name, flows) in enumerate(rows.items()):
        colour = PALETTE[k % len(PALETTE)]
        ax.plot(rates, finance.npv(rates, flows), color=colour, linewidth=2, label=f"{name}")
        for r in irrs[name]:
            if rates.min() <= r <= rates.max():
                ax.plot([r], [0], "o", color=colour)
                ax.annotate(f"IRR {r:.1%}", (r, 0), xytext=(4, 8), textcoords="offset points", color=colour,
                            fontsize=9)
    if len(rows) == 2:
        (a, fa), (b, fb) = rows.items()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", finance.MultipleIRRWarning)
                x = finance.crossover_rate(fa, fb)
        except ValueError:
            x = np.nan
        if np.isfinite(x) and rates.min() <= x <= rates.max():
            y = finance.npv(x, fa)
            ax.plot([x], [y], "s", color="black")
            ax.annotate(f"crossover {x:.1%}", (x, y), xytext=(6, 6), textcoords="offset points", fontsize=9)
    if hurdle is not None:
        ax.axvline(hurdle, color="grey", linestyle="--", linewidth=1, label=f"hurdle rate {hurdle:.0%}")
    ax.axhline(0, color="black", linewidth=0.8)
    format_axis_percent(ax, "x")
    format_axis_money(ax, "y")
    ax.set_xlabel("discount rate (per year)")
    ax.set_ylabel(f"NPV ({unit})")
    ax.set_title(title or "NPV profile: NPV against the discount rate (IRR where it crosses zero)")
    ax.legend(fontsize=9)
    return ax


def cumulative_cashflow(data, *, rate: float | None = None, ax=None, unit: str = "k$", label: str | None = None,
                        title: str | None = None):
    """Yearly net cash flows (bars) and the cumulative cash flow (lines), with payback marked.

    With ``rate``, the cumulative *discounted* cash flow is drawn too: it ends at the NPV,
    and where it crosses zero is the discounted payback period.

    Parameters
    ----------
    data : 1-D cash flows (array or Series), t = 0 first
    rate : float, optional
        Discount rate (fraction) for the discounted line.
    """
    flows = as_float_array(data.to_numpy() if isinstance(data, pd.Series) else data, "data", ndim=1)
    t = np.arange(flows.size)
    ax = new_axes(ax)
    colours = np.where(flows >= 0, "#7fb3d5", "#e6a19a")
    ax.bar(t, flows, color=colours, width=0.6, label="net cash flow in the year")
    cum = np.cumsum(flows)
    ax.plot(t, cum, "-o", color=NPV_COLOUR, linewidth=2, markersize=4, label="cumulative cash flow")
    pb = finance.payback_period(flows)
    if np.isfinite(pb) and pb > 0:
        ax.axvline(pb, color=NPV_COLOUR, linestyle=":", linewidth=1)
        right = pb > 0.6 * (flows.size - 1)
        ax.text(pb, 0.03, f" payback {pb:.1f} ", transform=ax.get_xaxis_transform(), color=NPV_COLOUR, fontsize=9,
                ha="right" if right else "left")
    if rate is not None:
        dcum = np.cumsum(finance.present_value(flows, rate, t))
        ax.plot(t, dcum, "-s", color=DISC_COLOUR, linewidth=2, markersize=4,
                label=f"cumulative discounted at {rate:.1%} (ends at NPV {dcum[-1]:,.0f} {unit})")
        dpb = finance.discounted_payback_period(rate, flows)
        if np.isfinite(dpb) and dpb > 0:
            ax.axvline(dpb, color=DISC_COLOUR, linestyle=":", linewidth=1)
            right = dpb > 0.6 * (flows.size - 1)
            ax.text(dpb, 0.09, f" discounted payback {dpb:.1f} ", transform=ax.get_xaxis_transform(),
                    color=DISC_COLOUR, fontsize=9, ha="right" if right else "left")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(t)
    format_axis_money(ax, "y")
    ax.set_xlabel("year (0 = year of the investment)")
    ax.set_ylabel(f"cash flow ({unit})")
    ax.set_title(title or f"Cumulative cash flow{': ' + label if label else ''}")
    ax.legend(fontsize=8, loc="upper left")
    return ax


def npv_distribution(data, *, ax=None, bins: int = 60, unit: str = "k$", title: str | None = None):
    """Histogram of Monte Carlo NPVs: losses shaded red, P5 / mean / P95 and the base case marked.

    Parameters
    ----------
    data : NPVSimulation (from :func:`pmlib.finance.monte_carlo_npv`) or 1-D array of NPVs
    """
    sim = data if isinstance(data, finance.NPVSimulation) else finance.NPVSimulation(
        as_float_array(data, "data", ndim=1), unit="npv")
    values, base = sim.npv, (None if np.isnan(sim.base_npv) else sim.base_npv)
    ax = new_axes(ax)
    lo, hi = float(values.min()), float(values.max())
    step = (hi - lo) / bins or 1.0
    if lo < 0 < hi:  # put 0 on a bin edge so every bar is wholly a loss or wholly a gain
        edges = np.arange(np.floor(lo / step), np.ceil(hi / step) + 1) * step
    else:
        edges = np.linspace(lo, hi if hi > lo else lo + 1.0, bins + 1)
    counts, edges = np.histogram(values, bins=edges)
    share = counts / values.size
    centres = 0.5 * (edges[:-1] + edges[1:])
    width = np.diff(edges)
    loss = centres < 0
    ax.bar(centres[~loss], share[~loss], width=width[~loss], color="#7fb3d5", edgecolor="white", linewidth=0.3,
           label="NPV >= 0")
    if loss.any():
        ax.bar(centres[loss], share[loss], width=width[loss], color=LOSS_COLOUR, alpha=0.8, edgecolor="white",
               linewidth=0.3, label=f"NPV < 0: P = {sim.p_negative:.1%}")
    p5, p95 = sim.percentile([5, 95])
    ax.axvline(sim.mean, color="black", linewidth=1.5, label=f"mean {sim.mean:,.0f} {unit}")
    ax.axvline(p5, color="grey", linestyle="--", linewidth=1, label=f"P5 {p5:,.0f} / P95 {p95:,.0f} {unit}")
    ax.axvline(p95, color="grey", linestyle="--", linewidth=1)
    if base is not None:
        ax.axvline(base, color=NPV_COLOUR, linestyle=":", linewidth=1.5, label=f"base case {base:,.0f} {unit}")
    format_axis_money(ax, "x")
    format_axis_percent(ax, "y", decimals=1)
    ax.set_xlabel(f"NPV ({unit})")
    ax.set_ylabel("share of simulations")
    ax.set_title(title or f"Monte Carlo NPV: {values.size:,} simulations")
    ax.legend(fontsize=8)
    return ax


def depreciation_chart(data, *, ax=None, unit: str = "k$", title: str | None = None):
    """Book value year by year under one or several depreciation methods, with the salvage value.

    Parameters
    ----------
    data : DataFrame or dict name -> DataFrame
        What :func:`pmlib.finance.depreciation` returns (one per method for a comparison).
    """
    tables = {"book value": data} if isinstance(data, pd.DataFrame) else dict(data)
    if not tables:
        raise ValueError("data is empty: give pm.finance.depreciation(...) tables.")
    ax = new_axes(ax)
    for k, (name, t) in enumerate(tables.items()):
        missing = {"depreciation", "book_value"} - set(getattr(t, "columns", []))
        if missing:
            raise ValueError(f"data[{name!r}] must be a pm.finance.depreciation table; missing {sorted(missing)}.")
        years = np.r_[0, np.asarray(t.index, dtype=float)]
        cost = float(t["book_value"].iloc[0] + t["depreciation"].iloc[0])
        ax.plot(years, np.r_[cost, t["book_value"].to_numpy()], "-o", ms=3.5, lw=2, color=PALETTE[k % len(PALETTE)],
                label=str(name).replace("_", " "))
    last = next(iter(tables.values()))
    salvage = float(last["book_value"].iloc[-1]) if len(tables) == 1 or "straight_line" not in tables else float(
        tables["straight_line"]["book_value"].iloc[-1])
    ax.axhline(salvage, color="grey", ls=":", lw=1, label=f"salvage value {salvage:,.0f} {unit}")
    format_axis_money(ax, "y")
    ax.set_xticks(years)
    ax.set_xlabel("year of the asset's life (0 = bought)")
    ax.set_ylabel(f"book value ({unit})")
    ax.set_ylim(bottom=0)
    ax.set_title(title or "Book value by depreciation method")
    ax.legend(fontsize=8, loc="upper right")
    return ax
