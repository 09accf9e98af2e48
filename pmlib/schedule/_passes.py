"""The CPM passes behind :func:`pmlib.schedule.cpm` (private).

Times are working-time coordinates of each activity's calendar (plain numbers on the
textbook case). A link between two activities on one calendar, with its lag on that calendar,
is an addition of a constant; only a link across calendars converts through a date. The
forward and the backward pass are each one loop over a topological order; everything after
them (floats, dates, critical paths) is vectorised over activities and links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .calendars import minutes_to_timestamps
from .network import FROM_FINISH, TO_FINISH, _Network

_TOL = 1e-9


class _Numbers:
    """The identity 'calendar' of the textbook case: times are plain numbers."""

    name = "numbers"
    minutes_per_day = 1.0
    hours_per_day = 1.0 / 60.0

    @staticmethod
    def work(t):
        return np.asarray(t, dtype=float)

    time_lo = time_hi = roll_closed = roll_closed_back = work

    @staticmethod
    def work1(t):
        return t

    lo1 = hi1 = roll1 = roll_back1 = work1


_NUMBERS = _Numbers()


@dataclass
class CPMResult:
    """Result of :func:`pmlib.schedule.cpm`.

    Attributes
    ----------
    duration : float
        Project duration: the latest early finish, in the activities' unit (on calendars:
        working days of the project calendar from the project start).
    critical_path : list
        The critical activities (total float <= 0) in precedence order. When several critical
        paths tie, this lists every critical activity; see ``critical_paths`` for each path.
    critical_paths : list of list
        Every critical path (chains of driving relationships between critical activities), at
        most 1,000.
    table : DataFrame
        One row per activity (index ``id``, input order): ``duration es ef ls lf total_float
        free_float critical`` (plus ``name`` when given). On calendars ``es ef ls lf`` are
        working days of the project calendar from the project start and the floats are
        working days of the activity's own calendar.
    dates : DataFrame or None
        On calendars: ``early_start early_finish late_start late_finish`` Timestamps on each
        activity's calendar (and ``actual_start actual_finish`` with progress); None on numbers.
    start, finish : Timestamp or None
        The project start (the status date with progress) and its early finish, on calendars.
    """

    duration: float
    critical_path: list
    table: pd.DataFrame
    order: list = field(repr=False, default_factory=list)
    dates: pd.DataFrame | None = field(repr=False, default=None)
    start: pd.Timestamp | None = None
    finish: pd.Timestamp | None = None
    _paths: object = field(repr=False, default=None)

    @property
    def critical_paths(self) -> list:
        """Every critical path (enumerated on first use: there can be many)."""
        if callable(self._paths):
            self._paths = self._paths()
        return self._paths

    def __repr__(self):
        when = f", {self.start:%Y-%m-%d} to {self.finish:%Y-%m-%d}" if self.start is not None else ""
        return (f"CPMResult(duration={self.duration:g}{when}, critical_path={self.critical_path[:12]}"
                f"{' ...' if len(self.critical_path) > 12 else ''}, "
                f"{len(self.table)} activities)")


@dataclass
class _Problem:
    """The network plus everything the passes honour."""

    net: _Network
    days: np.ndarray                 # planned durations (days of the activity's calendar, or units)
    cals: list                       # distinct calendars ([_NUMBERS] on numbers); cals[0] = project calendar
    cal: np.ndarray                  # per activity: index in cals
    lag_cal: np.ndarray              # per link: index in cals
    t0: float = 0.0                  # project start (minutes since 1970, or 0)
    status: float | None = None      # status (data) date, same unit
    ctype: np.ndarray | None = None  # per activity constraint type ('' for none)
    cdate: np.ndarray | None = None  # per activity constraint date (NaN for none)
    actual_start: np.ndarray | None = None
    actual_finish: np.ndarray | None = None
    remaining: np.ndarray | None = None   # remaining duration (days), NaN when not given
    kind: np.ndarray | None = None        # milestone kind per activity: 'start', 'finish' or '' (auto)
    deadline: np.ndarray | None = None    # per activity: latest finish wanted (NaN for none)
    float_cal: np.ndarray | None = None   # per activity: calendar the floats are measured on
    cap_free_float: bool = True           # free float <= total float (MS Project); P6 does not cap
    zero_free_float_in_progress: bool = False   # P6 reports no free float for activities in progress
    honor: bool = False
    dated: bool = False


def _per_calendar(fn_name, cals, cal, values):
    """Apply a calendar method to ``values`` grouped by calendar index ``cal`` (NaN stays NaN)."""
    values = np.asarray(values, dtype=float)
    ok = values == values
    every = bool(ok.all())
    if len(cals) == 1:
        if every:
            return getattr(cals[0], fn_name)(values)
        out = np.full(values.shape, np.nan)
        out[ok] = getattr(cals[0], fn_name)(values[ok])
        return out
    out = np.full(values.shape, np.nan)
    cal = np.asarray(cal)
    if not every:
        cal = np.where(ok, cal, -1)
    if cal.size and cal.min() == cal.max() and cal.min() >= 0:
        return getattr(cals[int(cal.min())], fn_name)(values)
    present = np.flatnonzero(np.bincount(cal[cal >= 0], minlength=len(cals)))
    for c in present.tolist():
        sel = cal == c
        out[sel] = getattr(cals[c], fn_name)(values[sel])
    return out


def _close(a, b) -> np.ndarray:
    return np.abs(a - b) <= 1e-6 * np.maximum(1.0, np.abs(b))


class _Solver:
    """One forward and one backward pass over a topological order, then floats and dates."""

    def __init__(self, p: _Problem):
        self.p = p
        net = p.net
        self.n = n = net.n
        cals, cal = p.cals, p.cal
        mpd = np.array([c.minutes_per_day for c in cals])
        self.mpd = mpd[cal]
        self.d = p.days * self.mpd
        self.L = net.lag * mpd[p.lag_cal] if net.lag.size else net.lag.astype(float)
        self.ff = FROM_FINISH[net.code].astype(bool)
        self.tf = TO_FINISH[net.code].astype(bool)
        ci, cj = cal[net.pred], cal[net.succ]
        self.route0 = (ci == cj) & ((self.L == 0) | (p.lag_cal == ci))
        start_t = p.t0 if p.status is None else max(p.t0, p.status)
        self.start_t = start_t
        # absolute bounds of starts and finishes (dates at a boundary of working time)
        self.tmin = np.full(n, start_t)
        self.tmin_f = np.full(n, -np.inf)
        self.tmax_s = np.full(n, np.inf)
        self.tmax_f = np.full(n, np.inf)
        self.fixed = np.zeros(n, bool)
        self.started = np.zeros(n, bool)
        if p.actual_finish is not None:
            self.fixed = ~np.isnan(p.actual_finish)
            self.started = ~np.isnan(p.actual_start) & ~self.fixed
        self.live = ~self.fixed
        if p.kind is None:
            self.start_kind = self.finish_kind = np.zeros(n, bool)
        else:
            self.start_kind = (p.kind == "start") & self.live
            self.finish_kind = (p.kind == "finish") & self.live
        lb = _per_calendar("work", cals, cal, np.full(n, start_t))
        ub = np.full(n, np.inf)
        self.cap: dict = {}
        self.alap = np.zeros(n, bool)
        if self.fixed.any() or self.started.any():
            self._progress(lb)
        if p.ctype is not None:
            self._constraints(lb, ub)
        if p.deadline is not None:
            dl = _per_calendar("work", cals, cal, p.deadline)
            sel = ~np.isnan(dl) & self.live
            ub[sel] = np.minimum(ub[sel], dl[sel])
            self.tmax_f[sel] = np.minimum(self.tmax_f[sel], p.deadline[sel])
        # a link from the start of an activity in progress counts from its actual start, and a link
        # from a finished activity from its actual dates: both are fixed lower bounds for the
        # successor, computed here, outside the passes
        self.from_actual = self.started[net.pred] & ~self.ff
        self.src_known = self.from_actual | self.fixed[net.pred]
        if self.src_known.any():
            k = np.flatnonzero(self.src_known & self.live[net.succ])
            i = net.pred[k]
            T = np.where(self.ff[k], p.actual_finish[i], p.actual_start[i])
            L = self.L[k]
            lag = L != 0
            if lag.any():
                lc = p.lag_cal[k[lag]]
                T[lag] = _per_calendar("time_lo", cals, lc, _per_calendar("work", cals, lc, T[lag]) + L[lag])
            j = net.succ[k]
            v = _per_calendar("work", cals, cal[j], T) - np.where(self.tf[k], self.d[j], 0.0)
            np.maximum.at(lb, j, v)
            np.maximum.at(self.tmin, j[~self.tf[k]], T[~self.tf[k]])
            np.maximum.at(self.tmin_f, j[self.tf[k]], T[self.tf[k]])
        self.lb, self.ub = lb, ub
        self.zero = (self.d == 0) & self.live
        # instants of the fixed (finished) activities are their actual dates
        self.fixed_start = p.actual_start
        self.fixed_finish = p.actual_finish
        self._views = False

    def _plain_views(self):
        """Plain-list copies of the arrays the scalar helpers read (made once, when needed)."""
        if self._views:
            return
        net = self.p.net
        self._pred_l = net.pred.tolist()
        self._succ_l = net.succ.tolist()
        self._ff_l = self.ff.tolist()
        self._tf_l = self.tf.tolist()
        self._L_l = self.L.tolist()
        self._lag_l = self.p.lag_cal.tolist()
        self._cal_l = self.p.cal.tolist()
        self._d_l = self.d.tolist()
        self._known_l = self.src_known.tolist()
        self._views = True

    def _progress(self, lb):
        p = self.p
        cals, cal = p.cals, p.cal
        a_s = _per_calendar("work", cals, cal, p.actual_start)
        a_f = _per_calendar("work", cals, cal, p.actual_finish)
        fx = self.fixed
        lb[fx] = a_s[fx]
        self.d[fx] = a_f[fx] - a_s[fx]
        st = self.started
        if st.any():
            status_w = _per_calendar("work", cals, cal, np.full(self.n, p.status))
            rem = p.remaining * self.mpd
            guess = np.maximum(self.d - (status_w - a_s), 0.0)
            self.d[st] = np.where(np.isnan(rem[st]), guess[st], rem[st])
        self.tmin[fx] = p.actual_start[fx]

    def _constraints(self, lb, ub):
        p = self.p
        t = p.ctype
        live = self.live
        cd = _per_calendar("work", p.cals, p.cal, p.cdate)
        d = self.d
        start_side = live & ~self.started
        sel = start_side & ((t == "SNET") | (t == "MSO"))
        lb[sel] = np.maximum(lb[sel], cd[sel])
        self.tmin[sel] = np.maximum(self.tmin[sel], p.cdate[sel])
        sel = live & ((t == "FNET") | (t == "MFO"))
        lb[sel] = np.maximum(lb[sel], cd[sel] - d[sel])
        self.tmin_f[sel] = np.maximum(self.tmin_f[sel], p.cdate[sel])
        sel = start_side & ((t == "SNLT") | (t == "MSO"))
        ub[sel] = np.minimum(ub[sel], cd[sel] + d[sel])
        self.tmax_s[sel] = np.minimum(self.tmax_s[sel], p.cdate[sel])
        sel = live & ((t == "FNLT") | (t == "MFO"))
        ub[sel] = np.minimum(ub[sel], cd[sel])
        self.tmax_f[sel] = np.minimum(self.tmax_f[sel], p.cdate[sel])
        if p.honor:
            for k in np.flatnonzero(live & np.isin(t, ["SNLT", "MSO", "FNLT", "MFO"])).tolist():
                c = cd[k] if t[k] in ("SNLT", "MSO") else cd[k] - d[k]
                self.cap[k] = min(c, self.cap.get(k, np.inf))
        self.alap = start_side & (t == "ALAP")

    # ----------------------------------------------------------------- scalar link instants (passes)
    def _grouped(self, by_succ: bool):
        """Links grouped by successor (or predecessor): (link order, bounds per activity), made once."""
        name = "_by_succ_csr" if by_succ else "_by_pred_csr"
        if not hasattr(self, name):
            key = self.p.net.succ if by_succ else self.p.net.pred
            o = np.argsort(key, kind="stable")
            setattr(self, name, (o, np.searchsorted(key[o], np.arange(self.n + 1))))
        return getattr(self, name)

    def _source1(self, k, es, inst):
        """Absolute instant of link k's source (the predecessor's start or finish)."""
        p = self.p
        i = self._pred_l[k]
        if i in inst:
            return inst[i]
        if i in self._flag_e:
            inst[i] = v = self._early_inst1(i, es, inst)
            return v
        ff = self._ff_l[k]
        if self._known_l[k]:
            if ff and self.fixed[i]:
                return float(self.fixed_finish[i])
            return float(self.fixed_start[i])
        c = p.cals[self._cal_l[i]]
        return c.lo1(es[i] + self._d_l[i]) if ff else c.hi1(es[i])

    def _fwd_T1(self, k, es, inst):
        """Absolute instant link k's bound falls on (after its lag)."""
        S = self._source1(k, es, inst)
        L = self._L_l[k]
        if not L:
            return S
        lam = self.p.cals[self._lag_l[k]]
        return lam.lo1(lam.work1(S) + L)

    def _early_inst1(self, j, es, inst):
        """Early instant of milestone j (its start = its finish)."""
        p = self.p
        c = p.cals[p.cal[j]]
        x = es[j]
        if self.start_kind[j]:
            return c.hi1(x)
        raw = self._tmin_l[j]
        for k in self._in_l[j]:
            raw = max(raw, self._fwd_T1(k, es, inst))
        cand = c.roll1(raw)
        return cand if abs(c.work1(cand) - x) <= 1e-6 * max(1.0, abs(x)) else c.lo1(x)

    def _target1(self, k, lf, late):
        """Absolute instant of link k's target in the backward pass (successor's late start or finish)."""
        s = self._succ_l[k]
        if s in late:
            return late[s]
        if s in self._flag_l:
            late[s] = v = self._late_inst1(s, lf, late, self._end_t)
            return v
        c = self.p.cals[self._cal_l[s]]
        return c.lo1(lf[s]) if self._tf_l[k] else c.hi1(lf[s] - self._d_l[s])

    def _bwd_B1(self, k, lf, late):
        Z = self._target1(k, lf, late)
        L = self._L_l[k]
        if not L:
            return Z
        lam = self.p.cals[self._lag_l[k]]
        return lam.hi1(lam.work1(Z) - L)

    def _late_inst1(self, j, lf, late, end_t):
        c = self.p.cals[self._cal_l[j]]
        y = lf[j]
        if self.finish_kind[j]:
            return c.lo1(y)
        raw = min(end_t, self._tmax_l[j])
        for k in self._out_l[j]:
            raw = min(raw, self._bwd_B1(k, lf, late))
        cand = c.roll_back1(raw)
        return cand if abs(c.work1(cand) - y) <= 1e-6 * max(1.0, abs(y)) else c.lo1(y)

    # ----------------------------------------------------------------- the passes
    def _flat_forward(self, live_succ, cf, cross_mask):
        """Early starts in one loop over the links, in the order of their successors.

        A link on one calendar adds a constant; a link across calendars converts through the
        date its bound falls on (a milestone's date is worked out the first time it is read). An
        honoured constraint caps an activity's early start once all links into it are done and
        before any link out of it is read: the loop runs in segments that end there.
        """
        p = self.p
        net = p.net
        order = self._links_by_succ_rank()
        every = bool(live_succ.all())
        sel = order if every else order[live_succ[order]]
        es = self.lb.tolist()
        const = cf[sel].tolist()
        succ_l, pred_l = net.succ[sel].tolist(), net.pred[sel].tolist()
        if every:
            self._lists_all = (succ_l, pred_l)
        cross = np.flatnonzero(cross_mask[sel])
        inst: dict = {}
        info = iter(())
        if cross.size:
            self._plain_views()
            self._flag_e = set(net.pred[cross_mask & self.zero[net.pred]].tolist())
            if self._flag_e:
                o, b = self._grouped(by_succ=True)
                o_l, b_l = o.tolist(), b.tolist()
                self._in_l = {j: o_l[b_l[j]:b_l[j + 1]] for j in self._flag_e}
                self._tmin_l = {j: max(float(self.tmin[j]), float(self.tmin_f[j])) for j in self._flag_e}
            cals, cal, d_l = p.cals, self._cal_l, self._d_l
            info = iter([(int(k), cals[cal[net.succ[k]]], d_l[net.succ[k]] if self.tf[k] else 0.0)
                         for k in sel[cross].tolist()])
            for t in cross.tolist():
                const[t] = None
        # segment ends: after the last link into each capped activity
        cuts = []
        if self.cap:
            rank = np.empty(self.n, dtype=np.int64)
            rank[net.order] = np.arange(self.n)
            key = rank[net.succ[sel]]
            for j in sorted(self.cap, key=lambda x: rank[x]):
                cuts.append((int(np.searchsorted(key, rank[j], side="right")), j))
        cuts.append((len(sel), None))
        logic = {}
        fwd = self._fwd_T1
        start = 0
        for stop, capped in cuts:
            seg = zip(succ_l[start:stop], pred_l[start:stop], const[start:stop], strict=True)
            if cross.size:
                for j, i, c in seg:
                    if c is None:
                        k, cj, sub = next(info)
                        v = cj.work1(fwd(k, es, inst)) - sub
                    else:
                        v = es[i] + c
                    if v > es[j]:
                        es[j] = v
            else:
                for j, i, c in seg:
                    v = es[i] + c
                    if v > es[j]:
                        es[j] = v
            if capped is not None:
                logic[capped] = es[capped]
                es[capped] = min(es[capped], self.cap[capped])
            start = stop
        self.es = np.array(es)
        self.es_logic = self.es.copy()
        for j, x in logic.items():
            self.es_logic[j] = x

    def _flat_backward(self, live, cb, cross_mask, end_t):
        """Late finishes in one loop over the links, in reverse order of their predecessors."""
        p = self.p
        net = p.net
        self.end = end = _per_calendar("work", p.cals, p.cal, np.full(self.n, end_t))
        self._end_t = end_t
        # the links in the reverse of the forward order: every link out of an activity comes before
        # the links into it, so a successor's late finish is final when it is read
        order = self._links_by_succ_rank()
        every = bool(live.all())
        sel = order[::-1] if every else order[live[order]][::-1]
        lf = np.minimum(self.ub, end).tolist()
        const = cb[sel].tolist()
        if every and hasattr(self, "_lists_all"):
            succ_fwd, pred_fwd = self._lists_all
            pred_l, succ_l = pred_fwd[::-1], succ_fwd[::-1]
        else:
            pred_l, succ_l = net.pred[sel].tolist(), net.succ[sel].tolist()
        cross = np.flatnonzero(cross_mask[sel])
        self._flag_l = set()
        if cross.size:
            self._plain_views()
            late: dict = {}
            self._flag_l = set(net.succ[cross_mask & self.zero[net.succ]].tolist())
            if self._flag_l:
                o, b = self._grouped(by_succ=False)
                o_l, b_l = o.tolist(), b.tolist()
                live_l = self.live.tolist()
                self._out_l = {j: [k for k in o_l[b_l[j]:b_l[j + 1]] if live_l[self._succ_l[k]]]
                               for j in self._flag_l}
                self._tmax_l = {j: min(float(self.tmax_s[j]), float(self.tmax_f[j])) for j in self._flag_l}
            cals, cal, d_l = p.cals, self._cal_l, self._d_l
            info = iter([(int(k), cals[cal[net.pred[k]]], 0.0 if self.ff[k] else d_l[net.pred[k]])
                         for k in sel[cross].tolist()])
            for t in cross.tolist():
                const[t] = None
            bwd = self._bwd_B1
            for i, s_, c in zip(pred_l, succ_l, const, strict=True):
                if c is None:
                    k, ci, add = next(info)
                    v = ci.work1(bwd(k, lf, late)) + add
                else:
                    v = lf[s_] + c
                if v < lf[i]:
                    lf[i] = v
        else:
            for i, s_, c in zip(pred_l, succ_l, const, strict=True):
                v = lf[s_] + c
                if v < lf[i]:
                    lf[i] = v
        self.lf = np.array(lf)
        self.lf[self.fixed] = np.nan

    def _links_by_succ_rank(self) -> np.ndarray:
        """All links, sorted by the topological rank of their successor (made once)."""
        if not hasattr(self, "_by_succ"):
            self._by_succ = self._in_rank_order(np.arange(self.p.net.pred.size), self.p.net.succ, descending=False)
        return self._by_succ

    def _in_rank_order(self, sel: np.ndarray, key_of: np.ndarray, descending: bool) -> np.ndarray:
        """Links ``sel`` sorted by the topological rank of ``key_of`` (their successor or predecessor)."""
        order = self.p.net.order
        if order.size and order[0] == 0 and (order.size == 1 or (np.diff(order) == 1).all()):
            key = key_of[sel]                    # the input order is topological
        else:
            rank = np.empty(self.n, dtype=np.int64)
            rank[order] = np.arange(self.n)
            key = rank[key_of[sel]]
        if descending:
            key = -key
        if key.size > 1 and not (np.diff(key) >= 0).all():
            sel = sel[np.argsort(key, kind="stable")]
        return sel

    def forward(self):
        p = self.p
        net = p.net
        d = self.d
        live_succ = self.live[net.succ] & ~self.src_known
        cf = np.where(self.ff, d[net.pred], 0.0) + self.L - np.where(self.tf, d[net.succ], 0.0)
        cross_mask = ~self.route0 & live_succ
        self._flag_e = set()
        self._flat_forward(live_succ, cf, cross_mask)

    def backward(self, end_t: float):
        p = self.p
        net = p.net
        d = self.d
        live = self.live[net.succ] & self.live[net.pred]
        cb = np.where(self.tf, 0.0, -d[net.succ]) - self.L + np.where(self.ff, 0.0, d[net.pred])
        cross_mask = ~self.route0 & live
        self._flat_backward(live, cb, cross_mask, end_t)

    # ----------------------------------------------------------------- vectorised link instants
    def fwd_T(self, links, es_abs, ef_abs) -> np.ndarray:
        """Absolute instant each link's forward bound falls on, from the predecessors' instants."""
        p = self.p
        net = p.net
        i = net.pred[links]
        S = np.where(self.ff[links], ef_abs[i], es_abs[i])
        fa = self.from_actual[links]
        if fa.any():
            S = S.copy()
            S[fa] = p.actual_start[i[fa]]
        L = self.L[links]
        lag = np.flatnonzero(L != 0)
        if lag.size:
            lc = p.lag_cal[links[lag]]
            S = S.copy()
            S[lag] = _per_calendar("time_lo", p.cals, lc, _per_calendar("work", p.cals, lc, S[lag]) + L[lag])
        return S

    def bwd_B(self, links, start_abs, finish_abs) -> np.ndarray:
        """Absolute instant bounding each link's source, from the successors' (late or early) instants."""
        p = self.p
        net = p.net
        s = net.succ[links]
        Z = np.where(self.tf[links], finish_abs[s], start_abs[s])
        L = self.L[links]
        lag = np.flatnonzero(L != 0)
        if lag.size:
            lc = p.lag_cal[links[lag]]
            Z = Z.copy()
            Z[lag] = _per_calendar("time_hi", p.cals, lc, _per_calendar("work", p.cals, lc, Z[lag]) - L[lag])
        return Z

    def free_float(self, es, es_abs, ef_abs) -> np.ndarray:
        """Slack of each activity's tightest successor link, from the early dates (project end if none)."""
        p = self.p
        net = p.net
        d = self.d
        live = self.live[net.succ] & self.live[net.pred] & ~self.from_actual
        ff = np.full(self.n, np.inf)
        has = np.zeros(self.n, bool)
        has[net.pred[live]] = True
        sel = np.flatnonzero(self.route0 & live)
        i, s = net.pred[sel], net.succ[sel]
        target = es[s] + np.where(self.tf[sel], d[s], 0.0)
        source = es[i] + np.where(self.ff[sel], d[i], 0.0)
        np.minimum.at(ff, i, target - self.L[sel] - source)
        sel = np.flatnonzero(~self.route0 & live)
        if sel.size:
            i = net.pred[sel]
            B = self.bwd_B(sel, es_abs, ef_abs)
            bound = _per_calendar("work", p.cals, p.cal[i], B)
            source = es[i] + np.where(self.ff[sel], d[i], 0.0)
            np.minimum.at(ff, i, bound - source)
        none = ~has
        ff[none] = self.end[none] - (es[none] + d[none])
        return ff

    def as_late_as_possible(self):
        """ALAP activities move later by their free float, the last ones first (a successor may be
        ALAP too): one scalar pass over the ALAP activities in reverse topological order.

        Primavera P6 moves an ALAP activity by its free float even past its late dates; the
        conflict then shows as negative total float.
        """
        if not self.alap.any():
            return
        p = self.p
        net = p.net
        rank = np.empty(self.n, dtype=np.int64)
        rank[net.order] = np.arange(self.n)
        alap = sorted(np.flatnonzero(self.alap).tolist(), key=lambda j: -rank[j])
        o, b = self._grouped(by_succ=False)
        o_l, b_l = o.tolist(), b.tolist()
        es = self.es.tolist()
        d = self.d.tolist()
        live = self.live.tolist()
        succ, L = net.succ.tolist(), self.L.tolist()
        ff, tf, r0 = self.ff.tolist(), self.tf.tolist(), self.route0.tolist()
        cal, lag_cal, cals = p.cal.tolist(), p.lag_cal.tolist(), p.cals
        end = self.end.tolist()
        for j in alap:
            links = [k for k in o_l[b_l[j]:b_l[j + 1]] if live[succ[k]]]
            if not links:
                slack = end[j] - (es[j] + d[j])
            else:
                slack = float("inf")
                for k in links:
                    s_ = succ[k]
                    if r0[k]:
                        bound = es[s_] + (d[s_] if tf[k] else 0.0) - L[k]
                    else:
                        cs = cals[cal[s_]]
                        Z = cs.lo1(es[s_] + d[s_]) if tf[k] else cs.hi1(es[s_])
                        if L[k]:
                            lam = cals[lag_cal[k]]
                            Z = lam.hi1(lam.work1(Z) - L[k])
                        bound = cals[cal[j]].work1(Z)
                    slack = min(slack, bound - (es[j] + (d[j] if ff[k] else 0.0)))
            if slack > 1e-9 * max(1.0, abs(es[j])):
                es[j] += slack
        self.es = np.array(es)

    def _plain_instants(self, es):
        p = self.p
        es_abs = _per_calendar("time_hi", p.cals, p.cal, es)
        ef_abs = _per_calendar("time_lo", p.cals, p.cal, es + self.d)
        if self.fixed.any():
            es_abs[self.fixed] = self.fixed_start[self.fixed]
            ef_abs[self.fixed] = self.fixed_finish[self.fixed]
        return es_abs, ef_abs

    def instants(self, end_t):
        """Early and late dates of every activity, boundary rules included (vectorised)."""
        p = self.p
        net = p.net
        cals, cal = p.cals, p.cal
        es, d, lf = self.es, self.d, self.lf
        es_abs, ef_abs = self._plain_instants(es)
        ls_abs = _per_calendar("time_hi", cals, cal, lf - d)
        lf_abs = _per_calendar("time_lo", cals, cal, lf)
        live = self.live
        zero = self.zero
        auto_or_finish = zero & ~self.start_kind
        # forward: milestones and finishes driven by a link into the finish, in rounds (chains)
        into = np.flatnonzero(auto_or_finish[net.succ] | (self.tf & live[net.succ]))
        need_e = auto_or_finish | (live & ~zero & np.isin(np.arange(self.n), net.succ[into[self.tf[into]]]))
        if into.size:
            s_into = net.succ[into]
            to_f = self.tf[into]
            for _round in range(self.n + 1):
                T = self.fwd_T(into, es_abs, ef_abs)
                raw_s = self.tmin.copy()
                raw_f = self.tmin_f.copy()
                np.maximum.at(raw_s, s_into[~to_f], T[~to_f])
                np.maximum.at(raw_f, s_into[to_f], T[to_f])
                new_es, new_ef = es_abs.copy(), ef_abs.copy()
                m = np.flatnonzero(auto_or_finish)
                if m.size:
                    cand = _per_calendar("roll_closed", cals, cal[m], np.maximum(raw_s[m], raw_f[m]))
                    ok = _close(_per_calendar("work", cals, cal[m], cand), es[m])
                    new_es[m] = np.where(ok, cand, _per_calendar("time_lo", cals, cal[m], es[m]))
                    new_ef[m] = new_es[m]
                f = np.flatnonzero(need_e & ~zero & np.isfinite(raw_f))
                if f.size:
                    cand = _per_calendar("roll_closed", cals, cal[f], raw_f[f])
                    ok = _close(_per_calendar("work", cals, cal[f], cand), es[f] + d[f])
                    new_ef[f] = np.where(ok, cand, ef_abs[f])
                changed = not (np.array_equal(new_es, es_abs, equal_nan=True)
                               and np.array_equal(new_ef, ef_abs, equal_nan=True))
                es_abs, ef_abs = new_es, new_ef
                if not changed:
                    break
        else:
            m = np.flatnonzero(auto_or_finish)
            if m.size:
                cand = _per_calendar("roll_closed", cals, cal[m], np.maximum(self.tmin[m], self.tmin_f[m]))
                ok = _close(_per_calendar("work", cals, cal[m], cand), es[m])
                es_abs[m] = np.where(ok, cand, _per_calendar("time_lo", cals, cal[m], es[m]))
                ef_abs[m] = es_abs[m]
        # backward: auto milestones and starts bounded by a link from the start, in rounds
        # P6 puts a finish milestone's late date at the end of a working period; start milestones
        # and MS Project's milestones sit where their driving successor bound falls
        auto = zero & ~self.finish_kind
        fin = zero & self.finish_kind
        ls_abs[fin] = lf_abs[fin]
        out = np.flatnonzero((auto[net.pred] | (~self.ff & live[net.pred])) & live[net.succ] & live[net.pred])
        p_out = net.pred[out]
        from_f = self.ff[out]
        need_l = live & ~zero & np.isin(np.arange(self.n), p_out[~from_f])
        for _round in range(self.n + 1):
            late_s = self.tmax_s.copy()
            late_f = np.minimum(self.tmax_f, end_t)
            if out.size:
                B = self.bwd_B(out, ls_abs, lf_abs)
                np.minimum.at(late_f, p_out[from_f], B[from_f])
                np.minimum.at(late_s, p_out[~from_f], B[~from_f])
            new_ls, new_lf = ls_abs.copy(), lf_abs.copy()
            m = np.flatnonzero(auto)
            if m.size:
                cand = _per_calendar("roll_closed_back", cals, cal[m], np.minimum(late_s[m], late_f[m]))
                ok = _close(_per_calendar("work", cals, cal[m], cand), lf[m])
                new_lf[m] = np.where(ok, cand, _per_calendar("time_lo", cals, cal[m], lf[m]))
                new_ls[m] = new_lf[m]
            f = np.flatnonzero(need_l & np.isfinite(late_s))
            if f.size:
                cand = _per_calendar("roll_closed_back", cals, cal[f], late_s[f])
                ok = _close(_per_calendar("work", cals, cal[f], cand), lf[f] - d[f])
                new_ls[f] = np.where(ok, cand, ls_abs[f])
            changed = not (np.array_equal(new_ls, ls_abs, equal_nan=True)
                           and np.array_equal(new_lf, lf_abs, equal_nan=True))
            ls_abs, lf_abs = new_ls, new_lf
            if not changed or not out.size:
                break
        st = zero & self.start_kind
        ef_abs[st] = es_abs[st]
        ls_abs[self.fixed] = np.nan
        lf_abs[self.fixed] = np.nan
        return es_abs, ef_abs, ls_abs, lf_abs


def _solve(p: _Problem) -> CPMResult:
    net = p.net
    n = net.n
    sv = _Solver(p)
    sv.forward()
    d = sv.d
    cals, cal = p.cals, p.cal
    ef_abs = _per_calendar("time_lo", cals, cal, sv.es + d)
    if sv.fixed.any():
        ef_abs[sv.fixed] = p.actual_finish[sv.fixed]
    end_t = float(np.nanmax(ef_abs))
    sv.backward(end_t)
    sv.as_late_as_possible()
    es = sv.es
    if p.dated:
        es_abs, ef_abs, ls_abs, lf_abs = sv.instants(end_t)
    else:
        es_abs, ef_abs, ls_abs, lf_abs = es, es + d, sv.lf - d, sv.lf
    tf = sv.lf - (np.maximum(sv.es_logic, es) + d)
    if p.float_cal is not None:
        tf = _float_on(p, tf, es_abs, ef_abs, ls_abs, lf_abs)
    ff = sv.free_float(es, es_abs, ef_abs)
    ff = np.maximum(ff, 0.0)
    if p.cap_free_float:
        ff = np.minimum(ff, np.maximum(tf, 0.0))
    if p.zero_free_float_in_progress:
        ff[sv.started] = 0.0
    scale = np.maximum(1.0, np.abs(sv.lf)) if p.dated else max(1.0, float(np.nanmax(np.abs(es + d))))
    tol = _TOL * scale
    tf = np.where(np.abs(tf) < tol, 0.0, tf)
    ff = np.where(np.abs(ff) < tol, 0.0, ff)
    critical = tf <= tol
    critical[sv.fixed] = False
    ff[sv.fixed] = np.nan
    mpd = sv.mpd
    if p.dated:
        proj = cals[0]
        w0 = float(proj.work(np.array([sv.start_t]))[0])

        def rel(t):
            return (_per_calendar("work", [proj], np.zeros(n, dtype=np.int64), t) - w0) / proj.minutes_per_day

        es_n, ef_n, ls_n, lf_n = rel(es_abs), rel(ef_abs), rel(ls_abs), rel(lf_abs)
        end_t = float(np.nanmax(ef_abs))
        duration = float((proj.work(np.array([end_t]))[0] - w0) / proj.minutes_per_day)
    else:
        es_n, ef_n, ls_n, lf_n = es_abs, ef_abs, ls_abs, lf_abs
        duration = float(np.max(ef_n))
    columns = {} if net.names is None else {"name": net.names}
    columns.update({"duration": p.days, "es": es_n, "ef": ef_n, "ls": ls_n, "lf": lf_n,
                    "total_float": tf / mpd, "free_float": ff / mpd, "critical": critical})
    table = pd.DataFrame(columns, index=pd.Index(net.ids, name="id"))
    rank = np.empty(n, dtype=np.int64)
    rank[net.order] = np.arange(n)
    crit_pos = np.flatnonzero(critical)
    crit_pos = crit_pos[np.lexsort((rank[crit_pos], es_abs[crit_pos]))]
    def paths():
        return _critical_paths(sv, critical, rank, es_abs, ef_abs)

    identity = bool(n and net.order[0] == 0 and (np.diff(net.order) == 1).all())
    ids = net.ids
    result = CPMResult(duration=duration, critical_path=[ids[k] for k in crit_pos.tolist()], _paths=paths,
                       table=table, order=list(ids) if identity else [ids[k] for k in net.order.tolist()])
    if p.dated:
        dates = pd.DataFrame({"early_start": minutes_to_timestamps(es_abs),
                              "early_finish": minutes_to_timestamps(ef_abs),
                              "late_start": minutes_to_timestamps(ls_abs),
                              "late_finish": minutes_to_timestamps(lf_abs)},
                             index=pd.Index(net.ids, name="id"))
        if p.actual_start is not None:
            dates["actual_start"] = minutes_to_timestamps(p.actual_start)
            dates["actual_finish"] = minutes_to_timestamps(p.actual_finish)
        result.dates = dates
        result.start = minutes_to_timestamps([sv.start_t])[0]
        result.finish = minutes_to_timestamps([end_t])[0]
    return result


def _float_on(p: _Problem, tf, es_abs, ef_abs, ls_abs, lf_abs):
    """Total float measured on another calendar: min(LS - ES, LF - EF) there (MS Project's slack)."""
    other = np.flatnonzero(p.float_cal != p.cal)
    if not other.size:
        return tf
    fc = p.float_cal[other]
    w = lambda t: _per_calendar("work", p.cals, fc, t[other])  # noqa: E731
    start = w(ls_abs) - w(es_abs)
    finish = w(lf_abs) - w(ef_abs)
    out = tf.copy()
    mpd = np.array([c.minutes_per_day for c in p.cals])
    # in minutes of the activity's own calendar day (floats are reported in its days)
    out[other] = np.minimum(start, finish) / mpd[fc] * mpd[p.cal[other]]
    return out


def _critical_paths(sv: _Solver, critical, rank, es_abs, ef_abs, limit=1000) -> list:
    """Chains of driving links between critical activities, enumerated without copying prefixes."""
    p = sv.p
    net = p.net
    es, d = sv.es, sv.d
    sel = np.flatnonzero(critical[net.pred] & critical[net.succ] & ~sv.from_actual)
    if sel.size:
        i, j = net.pred[sel], net.succ[sel]
        r0 = sv.route0[sel]
        bound = es[i] + np.where(sv.ff[sel], d[i], 0.0) + sv.L[sel] - np.where(sv.tf[sel], d[j], 0.0)
        if (~r0).any():
            c = np.flatnonzero(~r0)
            T = sv.fwd_T(sel[c], es_abs, ef_abs)
            bound[c] = _per_calendar("work", p.cals, p.cal[j[c]], T) - np.where(sv.tf[sel[c]], d[j[c]], 0.0)
        sel = sel[_close(bound, es[j])]
    nxt: dict = {}
    has_driver = np.zeros(net.n, bool)
    for a, b in zip(net.pred[sel].tolist(), net.succ[sel].tolist(), strict=True):
        nxt.setdefault(a, []).append(b)
        has_driver[b] = True
    for a in nxt:
        nxt[a].sort(key=lambda k: rank[k])
    starts = sorted(np.flatnonzero(critical & ~has_driver).tolist(), key=lambda k: rank[k])
    ids = net.ids
    paths: list = []
    for s0 in starts:
        if len(paths) >= limit:
            break
        if s0 not in nxt:
            paths.append([ids[s0]])
            continue
        path = [s0]
        iters = [iter(nxt[s0])]
        while iters and len(paths) < limit:
            k = next(iters[-1], None)
            if k is None:
                iters.pop()
                path.pop()
                continue
            path.append(k)
            if k in nxt:
                iters.append(iter(nxt[k]))
            else:
                paths.append([ids[x] for x in path])
                path.pop()
    return paths


def _cpm_from(net: _Network, d: np.ndarray) -> CPMResult:
    """CPM of a built network on numbers with the given durations (PERT, Monte Carlo, tests)."""
    p = _Problem(net, np.asarray(d, dtype=float), [_NUMBERS], np.zeros(net.n, dtype=np.int64),
                 np.zeros(net.pred.size, dtype=np.int64))
    return _solve(p)
