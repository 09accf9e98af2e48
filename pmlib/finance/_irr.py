"""Root finding behind :func:`~pmlib.finance.irr` and :func:`~pmlib.finance.xirr` (private).

The IRR of a row of cash flows ``c_t`` at times ``t`` is ``r = 1 / x - 1`` for a positive root
``x`` of ``p(x) = sum_t c_t x**t`` (``x = 1 / (1 + r)``, the discount factor of one period).

* **One sign change** (a conventional investment or loan): exactly one positive root
  (Descartes' rule of signs). Newton's method from the duration estimate of the rate
  (:func:`duration_guess`) finds it in about five steps for every row at once. A row whose
  Newton steps leave the positive axis, overflow (long series: ``x**360``) or do not settle
  is solved again by a bracketed Newton on ``G(y) = log P(e^y) - log N(e^y)``, ``y = log x``,
  the log of inflows over outflows. ``G`` is monotone for one sign change and nearly linear far
  from the root, and log-sum-exp keeps it finite for any series length: it cannot give up.
* **Several sign changes**: every positive root, from batched companion-matrix eigenvalues
  (integer periods, :func:`polynomial_roots`) or a scan of the sign of ``G`` on a log grid of
  rates and a vectorised bisection (dates, :func:`scan_roots`).

Every loop here runs over iterations, degrees or grid points, never over rows.
"""

from __future__ import annotations

import numpy as np

__all__ = ["sign_changes", "solve", "polynomial_roots", "scan_roots"]

_NEWTON_STEPS = 20      # phase 1: plain Newton, then the safeguarded solver takes over
_STEP_TOL = 1e-11       # relative Newton step at which a root is accepted (error ~ step**2)
_BRACKET_STEPS = 400    # phase 2: bracketed Newton / bisection in y = log x


def sign_changes(arr: np.ndarray) -> np.ndarray:
    """Number of sign changes per row, zeros ignored (Descartes' rule of signs)."""
    if (arr != 0).all():  # common case: no zero flows
        pos = arr > 0
        return np.count_nonzero(pos[:, 1:] != pos[:, :-1], axis=1)
    s = np.sign(arr)
    idx = np.where(s != 0, np.arange(s.shape[1])[None, :], 0)  # carry the last non-zero sign forward
    np.maximum.accumulate(idx, axis=1, out=idx)
    carried = np.take_along_axis(s, idx, axis=1)
    return np.count_nonzero((carried[:, 1:] * carried[:, :-1]) < 0, axis=1)


def duration_guess(c: np.ndarray, t: np.ndarray, guess: float) -> np.ndarray:
    """Starting ``x`` per row: the rate that turns outflows into inflows over their time apart.

    ``1 + r0 = (P / N) ** (1 / (t_P - t_N))``, with P and N the sums of inflows and outflows
    and t_P, t_N their money-weighted mean times: exact for one payment out and one back.
    """
    weights = np.stack([np.ones_like(t), t], axis=1)  # sums and money-weighted times in two products
    (inflow, in_time), (total, total_time) = (np.maximum(c, 0.0) @ weights).T, (c @ weights).T
    outflow = inflow - total
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        span = in_time / inflow - (in_time - total_time) / outflow
        r0 = (inflow / outflow) ** (1.0 / span) - 1.0
    r0 = np.where(np.isfinite(r0) & (span != 0), np.clip(r0, -0.95, 100.0), guess)
    return 1.0 / (1.0 + r0)


def horner(ct: np.ndarray, x: np.ndarray):
    """p(x) = sum_t c_t x**t and p'(x) for many polynomials at once (``ct``: periods x rows)."""
    p = ct[-1].copy()
    dp = np.zeros_like(x)
    for t in range(ct.shape[0] - 2, -1, -1):
        dp *= x
        dp += p
        p *= x
        p += ct[t]
    return p, dp


def power_sums(tau: np.ndarray):
    """p(x) = sum_i c_i x**tau_i and p'(x) for real exponents (dated flows); ``ct`` transposed."""

    def evaluate(ct, x):
        xt = x[None, :] ** tau[:, None]
        return (ct * xt).sum(axis=0), (ct * tau[:, None] * xt).sum(axis=0) / x

    return evaluate


def _newton(ct: np.ndarray, x: np.ndarray, evaluate) -> np.ndarray:
    """Plain Newton on every row; returns a mask of the rows that failed (x is updated in place)."""
    failed = np.zeros(x.size, dtype=bool)
    idx, xa, cta = np.arange(x.size), x.copy(), ct
    live = np.ones(x.size, dtype=bool)
    for _ in range(_NEWTON_STEPS):
        p, dp = evaluate(cta, xa)
        xn = xa - p / dp
        good = np.isfinite(xn) & (xn > 0)
        settled = good & (np.abs(xn - xa) <= _STEP_TOL * xn)
        x[idx[live & good]] = xn[live & good]
        failed[idx[live & ~good]] = True
        live &= good & ~settled
        if not live.any():
            return failed
        xa = np.where(good, xn, xa)
        if live.sum() < 0.75 * live.size:  # drop finished rows once a quarter are done
            idx, xa, cta, live = idx[live], xa[live], ct[:, idx[live]], live[live]
    failed[idx[live]] = True
    return failed


def _log_terms(c: np.ndarray):
    with np.errstate(divide="ignore"):
        return np.where(c > 0, np.log(np.abs(c)), -np.inf), np.where(c < 0, np.log(np.abs(c)), -np.inf)


def _log_ratio(log_in, log_out, t, y):
    """G(y) = log(inflows) - log(outflows) at x = e^y, and dG/dy (log-sum-exp: no overflow)."""
    def lse(a):
        top = a.max(axis=1)
        w = np.exp(a - top[:, None])
        total = w.sum(axis=1)
        return top + np.log(total), (w @ t) / total

    g_in, m_in = lse(log_in + y[:, None] * t[None, :])
    g_out, m_out = lse(log_out + y[:, None] * t[None, :])
    return g_in - g_out, m_in - m_out


def _bracketed(c: np.ndarray, t: np.ndarray, y: np.ndarray) -> np.ndarray:
    """log x of the unique root of one-sign-change rows: Newton on G kept inside a bracket."""
    log_in, log_out = _log_terms(c)
    first = np.sign(c[np.arange(c.shape[0]), np.argmax(c != 0, axis=1)])
    increasing = np.where(first < 0, 1.0, -1.0)  # G rises with y when money goes out first
    lo, hi = np.full(y.size, -np.inf), np.full(y.size, np.inf)
    y = y.copy()
    live = np.ones(y.size, dtype=bool)
    for _ in range(_BRACKET_STEPS):
        g, dg = _log_ratio(log_in[live], log_out[live], t, y[live])
        g, dg = g * increasing[live], dg * increasing[live]
        yl, lol, hil = y[live], lo[live], hi[live]
        lol = np.where(g < 0, yl, lol)
        hil = np.where(g > 0, yl, hil)
        with np.errstate(divide="ignore", invalid="ignore"):
            yn = yl - g / dg
        inside = np.isfinite(yn) & (yn > lol) & (yn < hil)
        fallback = np.where(np.isinf(hil), lol + 2.0, np.where(np.isinf(lol), hil - 2.0, 0.5 * (lol + hil)))
        yn = np.where(g == 0, yl, np.where(inside, yn, fallback))
        done = (g == 0) | (np.abs(yn - yl) <= 1e-15 * np.maximum(1.0, np.abs(yl))) | (hil - lol <= 1e-15)
        y[live], lo[live], hi[live] = yn, lol, hil
        live[np.flatnonzero(live)[done]] = False
        if not live.any():
            break
    return y


def solve(arr: np.ndarray, t: np.ndarray, guess: float, *, dated: bool):
    """IRR per row (NaN where none) and the rows with several IRRs as ``[(row, rates), ...]``.

    ``t`` holds the time of each column (0, 1, 2, ... periods, or years since the first date).
    """
    m = arr.shape[0]
    order = np.argsort(t, kind="stable")
    changes = sign_changes(arr[:, order] if dated else arr)
    out = np.full(m, np.nan)
    one = np.flatnonzero(changes == 1)
    if one.size:
        sub = arr if one.size == m else arr[one]
        x = duration_guess(sub, t, guess)
        start = x.copy()
        failed = _newton(np.ascontiguousarray(sub.T), x, power_sums(t) if dated else horner)
        with np.errstate(divide="ignore"):
            rate = 1.0 / x - 1.0
        if failed.any():
            rate[failed] = np.expm1(-_bracketed(sub[failed], t, np.log(start[failed])))
        out[one] = rate
    many = np.flatnonzero(changes > 1)
    multiple = []
    if many.size:
        roots = scan_roots(arr[many], t) if dated else polynomial_roots(arr[many])
        for k, i in enumerate(many):  # ragged results: one list of rates per row
            rates = np.sort(1.0 / roots[k] - 1.0)
            if rates.size:
                out[i] = rates[np.argmin(np.abs(rates - guess))]
            if rates.size > 1:
                multiple.append((int(i), rates))
    return out, multiple


def polynomial_roots(c: np.ndarray) -> list[np.ndarray]:
    """All real positive roots x of each row's polynomial sum_t c_t x**t (batched eigenvalues).

    Rows are grouped by their effective degree (leading/trailing zeros removed); each group's
    companion matrices go to ``np.linalg.eigvals`` at once, and the roots are polished by
    Newton steps. Only the ragged lists of roots are assembled row by row.
    """
    m, n = c.shape
    out: list[np.ndarray] = [np.empty(0)] * m
    nz = c != 0
    first = np.argmax(nz, axis=1)
    degree = n - 1 - np.argmax(nz[:, ::-1], axis=1) - first
    for d in np.unique(degree[degree > 0]):
        rows = np.flatnonzero(degree == d)
        coef = np.take_along_axis(c[rows], first[rows, None] + np.arange(d + 1)[None, :], axis=1)
        comp = np.zeros((rows.size, d, d))
        comp[:, 1:, :-1] = np.eye(d - 1)
        comp[:, :, -1] = -coef[:, :-1] / coef[:, -1:]
        roots = np.linalg.eigvals(comp)
        real = (np.abs(roots.imag) <= 1e-8 * np.maximum(1.0, np.abs(roots.real))) & (roots.real > 0)
        x = np.where(real, roots.real, np.nan).ravel()
        ct = np.ascontiguousarray(coef[np.repeat(np.arange(rows.size), d)].T)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            for _ in range(6):  # polish
                f, df = horner(ct, np.nan_to_num(x, nan=1.0))
                x = np.where(np.isfinite(x), x - np.where(df != 0, f / df, 0.0), np.nan)
        x = x.reshape(rows.size, d)
        for k, i in enumerate(rows):
            out[i] = _distinct(x[k][np.isfinite(x[k]) & (x[k] > 0)])
    return out


def _distinct(values: np.ndarray) -> np.ndarray:
    values = np.sort(values)
    if values.size > 1:
        values = values[np.concatenate([[True], np.diff(values) > 1e-9 * values[1:]])]
    return values


def scan_roots(c: np.ndarray, t: np.ndarray) -> list[np.ndarray]:
    """Positive roots of real-exponent sums (dated flows, several sign changes).

    The sign of ``G = log P - log N`` (the sign of the NPV) is scanned on a log grid of
    discount factors from 1e-4 to 1e4 (rates from -99.99 % to 999,900 %); every sign change is
    refined by bisection in ``y = log x``, all brackets of all rows at once.
    """
    log_in, log_out = _log_terms(c)
    grid = np.linspace(np.log(1e-4), np.log(1e4), 801)
    signs = np.empty((c.shape[0], grid.size))
    for j, y in enumerate(grid):  # one grid point at a time, every row together
        signs[:, j] = np.sign(_log_ratio(log_in, log_out, t, np.full(c.shape[0], y))[0])
    rows, cols = np.nonzero(signs[:, :-1] * signs[:, 1:] < 0)
    lo, hi = grid[cols], grid[cols + 1]
    s_lo = signs[rows, cols]
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        s_mid = np.sign(_log_ratio(log_in[rows], log_out[rows], t, mid)[0])
        lo, hi = np.where(s_mid == s_lo, mid, lo), np.where(s_mid == s_lo, hi, mid)
    exact_rows, exact_cols = np.nonzero(signs == 0)
    found = np.concatenate([np.exp(0.5 * (lo + hi)), np.exp(grid[exact_cols])])
    owner = np.concatenate([rows, exact_rows])
    return [_distinct(found[owner == i]) for i in range(c.shape[0])]
