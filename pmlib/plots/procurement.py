"""Contract figures: the FPIF price and profit curve with its point of total assumption, and
the price of every offer of a term sheet against the seller's actual cost.

Each takes the contract terms (or a term sheet) and ``ax=``, and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import procurement
from ._style import below_axes, format_axis_money, new_axes
from ._style import money_label as money

__all__ = ["fpif_chart", "contract_prices", "make_or_buy_chart"]

PRICE, PROFIT, CEILING, PTA = "#1f4e99", "#1b7a3a", "#c0392b", "#d35400"
PALETTE = ["#1f4e99", "#e67e22", "#1b7a3a", "#8e44ad", "#c0392b", "#5b6f8f", "#17a589", "#7d6608"]


def fpif_chart(target_cost, target_profit, ceiling_price, buyer_share, *, actual_cost=None, costs=None,
               ax=None, money_unit="k$", title=None):
    """Price and seller's profit of a fixed price incentive fee contract against actual cost.

    Marks the target (cost, price), the ceiling price and the point of total assumption: left
    of it the buyer pays its share of every extra unit of cost; right of it the price stays at
    the ceiling and the seller's profit falls one for one.

    Parameters
    ----------
    target_cost, target_profit, ceiling_price, buyer_share
        As for :func:`pmlib.procurement.fixed_price_incentive`.
    actual_cost : float, optional
        An actual cost to mark (the project's forecast, say).
    costs : sequence of float, optional
        The actual costs on the x axis; default from 80 % of the target cost to 120 % of the PTA.

    Returns
    -------
    matplotlib Axes
    """
    pta = procurement.point_of_total_assumption(ceiling_price, target_cost + target_profit, target_cost,
                                                buyer_share)
    if costs is None:
        costs = np.linspace(0.8 * target_cost, max(1.2 * pta, 1.05 * (actual_cost or 0)), 200)
    costs = np.unique(np.r_[np.asarray(costs, dtype=float), target_cost, pta])
    r = procurement.fixed_price_incentive(target_cost, target_profit, ceiling_price, buyer_share, costs)
    ax = new_axes(ax)
    ax.plot(costs, r["price"], color=PRICE, linewidth=2.2, label="price the buyer pays")
    ax.plot(costs, costs, color="#95a5a6", linestyle=":", linewidth=1.2, label="actual cost (price = cost line)")
    ax.axhline(ceiling_price, color=CEILING, linestyle="--", linewidth=1.2,
               label=f"ceiling price {money(ceiling_price, money_unit)}")
    ax.axvline(pta, color=PTA, linewidth=1.4, label=f"point of total assumption {money(pta, money_unit)}")
    ax.scatter([target_cost], [target_cost + target_profit], color=PRICE, zorder=5, s=36,
               label=f"target: cost {money(target_cost, money_unit)}, price {money(target_cost + target_profit, money_unit)}")
    ax2 = ax.twinx()
    ax2.plot(costs, r["profit"], color=PROFIT, linewidth=1.8, linestyle="-.", label="seller's profit (right axis)")
    ax2.axhline(0, color=PROFIT, linewidth=0.6, alpha=0.5)
    handles = ax.get_legend_handles_labels()
    h2 = ax2.get_legend_handles_labels()
    if actual_cost is not None:
        at = procurement.fixed_price_incentive(target_cost, target_profit, ceiling_price, buyer_share, actual_cost)
        ax.scatter([actual_cost], [at["price"]], marker="D", color="#1b2631", zorder=6, s=40)
        ax2.scatter([actual_cost], [at["profit"]], marker="D", color=PROFIT, zorder=6, s=40)
        marker = ax.scatter([], [], marker="D", color="#1b2631",
                            label=f"actual cost {money(actual_cost, money_unit)}: price {money(at['price'], money_unit)}, "
                                  f"profit {money(at['profit'], money_unit)}")
        handles = ([*handles[0], marker], [*handles[1], marker.get_label()])
    ax.set_xlabel(f"Seller's actual cost ({money_unit})")
    ax.set_ylabel(f"Price ({money_unit})")
    ax2.set_ylabel(f"Seller's profit ({money_unit})", color=PROFIT)
    format_axis_money(ax, "x")
    format_axis_money(ax, "y")
    format_axis_money(ax2, "y")
    ax.grid(alpha=0.3)
    share = f"{buyer_share * 100:g}/{(1 - buyer_share) * 100:g}"
    ax.legend(handles[0] + h2[0], handles[1] + h2[1], loc="upper center", bbox_to_anchor=(0.5, below_axes(ax, 34)),
              ncol=2, fontsize=8, frameon=False)
    ax.set_title(title or f"Fixed price incentive fee: share {share}, the seller carries everything past the PTA")
    return ax


def contract_prices(contracts, *, costs=None, actual_cost=None, ax=None, money_unit="k$", title=None):
    """The price of every offer of a term sheet against the seller's actual cost.

    Parameters
    ----------
    contracts : DataFrame
        A term sheet as :func:`pmlib.procurement.compare_contracts` reads it (e.g.
        ``pm.datasets.load("contract_offers")``).
    costs : sequence of float, optional
        Actual costs on the x axis; default 75 % to 140 % of the estimate.
    actual_cost : float, optional
        A cost to mark with a vertical line.

    Returns
    -------
    matplotlib Axes
    """
    table = contracts if isinstance(contracts, pd.DataFrame) else pd.DataFrame(contracts)
    estimate = float(pd.to_numeric(table["target_cost"]).mean())
    if costs is None:
        costs = np.linspace(0.75 * estimate, 1.4 * estimate, 80)
    costs = np.asarray(costs, dtype=float)
    prices = np.array([procurement.compare_contracts(table, c)["price"].to_numpy() for c in costs])
    ids = list(procurement.compare_contracts(table, costs[0]).index)
    types = table.set_index("id").loc[ids, "type"].tolist()
    ax = new_axes(ax)
    styles = ["-", "--", "-.", ":"]
    for k, (a, typ) in enumerate(zip(ids, types, strict=True)):
        ax.plot(costs, prices[:, k], color=PALETTE[k % len(PALETTE)], linestyle=styles[k % 4], linewidth=1.9,
                label=f"{a} {typ}")
    ax.plot(costs, costs, color="#95a5a6", linestyle=":", linewidth=1, label="actual cost")
    ax.axvline(estimate, color="#7f8c8d", linewidth=1, alpha=0.7)
    ax.annotate("estimate", xy=(estimate, 0.02), xycoords=("data", "axes fraction"), rotation=90, fontsize=8,
                ha="right", va="bottom", color="#7f8c8d")
    if actual_cost is not None:
        ax.axvline(actual_cost, color="#1b2631", linewidth=1.3, linestyle="--",
                   label=f"actual cost {money(actual_cost, money_unit)}")
    ax.set_xlabel(f"Seller's actual cost ({money_unit})")
    ax.set_ylabel(f"Price the buyer pays ({money_unit})")
    format_axis_money(ax, "x")
    format_axis_money(ax, "y")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, below_axes(ax, 34)), ncol=4, fontsize=8, frameon=False)
    ax.set_title(title or "Who pays for an overrun? Price of each offer against the seller's actual cost")
    return ax


def make_or_buy_chart(make_fixed, make_per_period, buy_fixed, buy_per_period, *, periods=None, life=None, ax=None,
                      period="years", money_unit="k$", title=None):
    """Cumulative cost of making and of buying over the periods of use, with the break-even marked.

    Parameters
    ----------
    make_fixed, make_per_period, buy_fixed, buy_per_period
        As for :func:`pmlib.procurement.make_or_buy`.
    periods : sequence of float, optional
        The x axis; default 0 to twice the break-even (or to ``life`` + 2).
    life : float, optional
        How long the item will be used: drawn as a vertical line with both totals.

    Returns
    -------
    matplotlib Axes
    """
    at = procurement.make_or_buy(make_fixed, make_per_period, buy_fixed, buy_per_period, 0)
    even = float(at["breakeven"])
    if periods is None:
        end = max(2 * even if np.isfinite(even) else 0, (life or 0) + 2, 5)
        periods = np.linspace(0, end, 100)
    r = procurement.make_or_buy(make_fixed, make_per_period, buy_fixed, buy_per_period, periods)
    ax = new_axes(ax)
    ax.plot(r["periods"], r["make_cost"], color=PALETTE[0], linewidth=2, label="make: up-front + running cost")
    ax.plot(r["periods"], r["buy_cost"], color=PALETTE[1], linewidth=2, linestyle="--",
            label="buy: up-front + running cost")
    if np.isfinite(even):
        cost = make_fixed + make_per_period * even
        ax.scatter([even], [cost], color="#1b2631", zorder=5, s=40,
                   label=f"break-even after {even:,.1f} {period} ({money(cost, money_unit)})")
    if life is not None:
        lr = procurement.make_or_buy(make_fixed, make_per_period, buy_fixed, buy_per_period, life)
        ax.axvline(life, color="#7f8c8d", linestyle=":", linewidth=1.4,
                   label=f"planned use {life:g} {period}: make {money(lr['make_cost'], money_unit)}, "
                         f"buy {money(lr['buy_cost'], money_unit)}")
    ax.set_xlabel(f"Length of use ({period})")
    ax.set_ylabel(f"Cumulative cost ({money_unit})")
    format_axis_money(ax, "y")
    ax.set_xlim(0, float(np.max(r["periods"])))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, below_axes(ax, 34)), ncol=2, fontsize=8, frameon=False)
    ax.set_title(title or "Make or buy: where the cumulative costs cross")
    return ax
