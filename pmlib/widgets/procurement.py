"""Widget of lesson 09: move the seller's actual cost, see what each contract type makes the buyer pay."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import datasets, procurement
from ._base import Dashboard, View
from ._figure import lean_figure

__all__ = ["contract_explorer"]


def _k(value: float) -> str:
    return f"{value:,.0f} k$"


def contract_explorer(contracts=None, *, actual_cost=None) -> Dashboard:
    """Price, seller's profit and who carries the overrun under every offer, for one actual cost.

    Controls: ``actual_cost`` (the seller's actual cost, k$) and ``offer`` (the offer whose
    terms the text explains). The text lists, for each offer, the price the buyer pays, the
    seller's profit and how the overrun over the shared estimate splits between buyer and
    seller (the point of total assumption for FPIF offers); the chart compares each offer's
    price at the estimate with its price at this cost.

    Parameters
    ----------
    contracts : DataFrame, optional
        A term sheet as :func:`pmlib.procurement.compare_contracts` reads it. Default: the
        warehouse control system offers of P11, ``pm.datasets.load("contract_offers")``.
    actual_cost : float, optional
        Where the slider starts (k$). Default: 1,900 k$, the overrun the lesson works through
        (the estimate plus 300) for the bundled offers; the estimate itself for your own.
    """
    from matplotlib.patches import Patch

    from ..plots._style import format_axis_money

    table = datasets.load("contract_offers") if contracts is None else contracts
    at_estimate_all = procurement.compare_contracts(table, float(np.mean(table["target_cost"])))  # validates
    estimate = float(np.mean(table["target_cost"]))
    if actual_cost is None:
        actual_cost = 1900.0 if contracts is None else estimate
    ids = list(at_estimate_all.index)
    info = table.set_index("id")
    vendor = info["vendor"] if "vendor" in info.columns else None

    def label(a):
        who = f" ({vendor[a]})" if vendor is not None and isinstance(vendor[a], str) else ""
        return f"{a} {info.loc[a, 'type']}{who}"

    style = {"description_width": "190px"}
    controls = {
        "actual_cost": W.FloatSlider(value=float(actual_cost), min=round(0.7 * estimate, -1),
                                     max=round(1.5 * estimate, -1), step=10.0, continuous_update=False,
                                     description="Seller's actual cost (k$)", readout_format=",.0f", style=style,
                                     layout=W.Layout(width="460px")),
        "offer": W.Dropdown(options=[(label(a), a) for a in ids], value=ids[min(2, len(ids) - 1)],
                            description="Offer to explain", style=style, layout=W.Layout(width="460px")),
    }
    height = 0.32 * len(ids) + 1.5
    figure = lean_figure(7.4, height)
    state: dict = {}
    y = np.arange(len(ids))

    def explain(a, row) -> str:
        typ = info.loc[a, "type"]
        if typ == "FPIF":
            pta = procurement.point_of_total_assumption(info.loc[a, "ceiling_price"],
                                                        info.loc[a, "target_cost"] + info.loc[a, "target_profit"],
                                                        info.loc[a, "target_cost"], info.loc[a, "buyer_share"])
            where = ("past the point of total assumption: the seller pays every further k$"
                     if controls["actual_cost"].value > pta else "below the point of total assumption: the cost is shared")
            return f"PTA {_k(pta)}, ceiling {_k(info.loc[a, 'ceiling_price'])}; {where}."
        if typ in ("FFP", "FP-EPA"):
            return "The price is fixed: the seller carries the whole overrun."
        if typ == "CPFF":
            return "Costs are reimbursed and the fee is fixed: the buyer carries the whole overrun."
        if typ == "CPIF":
            return (f"The fee moves by the seller's share ({1 - info.loc[a, 'buyer_share']:.0%}) of the overrun, "
                    f"within {_k(info.loc[a, 'min_fee'])} to {_k(info.loc[a, 'max_fee'])}.")
        if typ == "CPAF":
            return "Costs reimbursed; the award part of the fee is the buyer's judgement."
        if typ == "T&M":
            return "Hours and materials are paid as they come, up to the not-to-exceed cap."
        return ""

    def render(actual_cost, offer):
        c = procurement.compare_contracts(table, actual_cost)
        lines = [f"Seller's actual cost {_k(actual_cost)} against the estimate {_k(estimate)} "
                 f"(overrun {actual_cost - estimate:+,.0f} k$)"]
        for a, r in c.iterrows():
            lines.append(f"{label(a)}: price {_k(r.price)}, seller's profit {r.profit:+,.0f} k$; "
                         f"buyer carries {r.buyer_carries:+,.0f} k$, seller {r.seller_carries:+,.0f} k$")
        lines.append(f"{label(offer)}: {explain(offer, c.loc[offer])}")
        cheapest = c["price"].idxmin()
        lines.append(f"Cheapest for the buyer at this cost: {label(cheapest)} ({_k(c.loc[cheapest, 'price'])})")
        if "axes" not in state:
            bottom = 0.95 / height
            ax = figure.add_axes([0.15, bottom, 0.82, 1 - bottom - 0.35 / height])
            ax.set_yticks(y, [f"{a} {info.loc[a, 'type']}" for a in ids], fontsize=8)
            ax.invert_yaxis()
            ax.set_xlabel("Price the buyer pays (k$)")
            format_axis_money(ax, "x")
            ax.grid(axis="x", alpha=0.3)
            lo = 0.95 * min(float(at_estimate_all["price"].min()), controls["actual_cost"].min)
            hi = 1.05 * max(float(procurement.compare_contracts(table, controls["actual_cost"].max)["price"].max()),
                            controls["actual_cost"].max)
            ax.set_xlim(lo, hi)
            ax.legend(handles=[Patch(facecolor="white", edgecolor="#7f8c8d", label="price at the estimate"),
                               Patch(color="#1f4e99", alpha=0.8, label="price at this actual cost"),
                               Patch(color="#c0392b", alpha=0.25, label="the seller loses money")],
                      loc="upper center", bbox_to_anchor=(0.45, -0.42 / (height - 1.3)), ncol=3, fontsize=8,
                      frameon=False)
            state["axes"] = ax
        ax = state["axes"]
        for container in list(ax.containers):  # the bars, and their containers with them
            container.remove()
        for artist in [*ax.patches, *ax.lines]:
            artist.remove()
        price = c["price"].reindex(ids).to_numpy()
        ax.barh(y, price - ax.get_xlim()[0], left=ax.get_xlim()[0], height=0.55, color="#1f4e99", alpha=0.8)
        base = at_estimate_all["price"].reindex(ids).to_numpy()
        ax.barh(y, base - ax.get_xlim()[0], left=ax.get_xlim()[0], height=0.8, facecolor="none",
                edgecolor="#7f8c8d", linewidth=1.2)
        loss = price < actual_cost
        if loss.any():
            ax.barh(y[loss], actual_cost - price[loss], left=price[loss], height=0.55, color="#c0392b", alpha=0.25)
        ax.axvline(actual_cost, color="#1b2631", linestyle="--", linewidth=1.2)
        ax.set_title(f"Actual cost {_k(actual_cost).replace('$', chr(92) + '$')} (dashed line): price of each offer",
                     fontsize=10)
        return View("\n".join(lines), figure)

    return Dashboard(controls, render, title="P11 warehouse control system: who pays for an overrun?"
                     if contracts is None else "Who pays for an overrun?")
