"""pmlib.schedule: CPM, PERT and Monte Carlo against published worked examples, plus properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import errors
from pmlib.schedule import cpm, monte_carlo, parse_predecessors, pert, pert_estimate

# ------------------------------------------------------------------------------------------
# Published examples
# ------------------------------------------------------------------------------------------
# Hillier & Lieberman, *Introduction to Operations Research* (10th ed., ch. 10 "Project
# Management with PERT/CPM"): the Reliable Construction Co. project. CPM durations in weeks;
# project 44 weeks; critical path A-B-C-E-F-J-L-N; slack D, G, H, M = 4, I = 2, K = 1.
RELIABLE = pd.DataFrame(
    [
        ("A", "Excavate", 2, "", 1, 2, 3),
        ("B", "Lay the foundation", 4, "A", 2, 3.5, 8),
        ("C", "Put up the rough wall", 10, "B", 6, 9, 18),
        ("D", "Put up the roof", 6, "C", 4, 5.5, 10),
        ("E", "Install the exterior plumbing", 4, "C", 1, 4.5, 5),
        ("F", "Install the interior plumbing", 5, "E", 4, 4, 10),
        ("G", "Put up the exterior siding", 7, "D", 5, 6.5, 11),
        ("H", "Do the exterior painting", 9, "E, G", 5, 8, 17),
        ("I", "Do the electrical work", 7, "C", 3, 7.5, 9),
        ("J", "Put up the wallboard", 8, "F, I", 3, 9, 9),
        ("K", "Install the flooring", 4, "J", 4, 4, 4),
        ("L", "Do the interior painting", 5, "J", 1, 5.5, 7),
        ("M", "Install the exterior fixtures", 2, "H", 1, 2, 3),
        ("N", "Install the interior fixtures", 6, "K, L", 5, 5.5, 9),
    ],
    columns=["id", "name", "duration", "predecessors", "optimistic", "most_likely", "pessimistic"],
)


def test_reliable_construction_cpm():
    s = cpm(RELIABLE)
    assert s.duration == 44
    assert s.critical_path == list("ABCEFJLN")
    assert s.critical_paths == [list("ABCEFJLN")]
    t = s.table
    slack = dict(zip("ABCDEFGHIJKLMN", [0, 0, 0, 4, 0, 0, 4, 4, 2, 0, 1, 0, 4, 0], strict=True))
    assert t["total_float"].to_dict() == {k: float(v) for k, v in slack.items()}
    # a few published early / late starts
    assert (t.loc["H", "es"], t.loc["H", "ls"]) == (29, 33)
    assert (t.loc["N", "es"], t.loc["N", "lf"]) == (38, 44)
    assert (t.loc["I", "es"], t.loc["I", "ls"]) == (16, 18)


def test_reliable_construction_pert():
    # Hillier & Lieberman: mean critical path 44 weeks, variance 9, P(T <= 47) = 0.8413
    p = pert(RELIABLE)
    assert p.duration == pytest.approx(44)
    assert p.variance == pytest.approx(9)
    assert p.sd == pytest.approx(3)
    assert p.probability(47) == pytest.approx(0.8413, abs=1e-4)
    assert p.critical_path == list("ABCEFJLN")
    assert p.deadline(0.8413447) == pytest.approx(47, abs=1e-4)
    assert p.table.loc["B", "expected"] == pytest.approx(4)
    assert p.table.loc["C", "variance"] == pytest.approx(4)


def test_pert_estimate_textbook():
    # PMBOK three-point (beta): (o + 4m + p) / 6; sd (p - o) / 6
    r = pert_estimate(6, 9, 18)
    assert (r.expected, r.variance, r.sd) == (10, 4, 2)
    df = pert_estimate([1, 2], [2, 3.5], [3, 8])
    assert df["expected"].tolist() == [2, 4]
    assert df["variance"].tolist() == pytest.approx([1 / 9, 1])


def _aoa_to_aon(arcs):
    """Activity-on-arrow arcs (tail, head, duration) -> activity-on-node rows.

    The predecessors of arc (i, j) are the arcs that end at node i."""
    rows = []
    for tail, head, dur in arcs:
        preds = [f"{a}-{b}" for a, b, _ in arcs if b == tail]
        rows.append({"id": f"{tail}-{head}", "duration": dur, "predecessors": preds})
    return rows


def test_taylor_aoa_problem_5():
    # Taylor, *Introduction to Management Science*, ch. 8 solutions, problem 5 (AOA network):
    # activity: duration ES EF LS LF slack
    published = {
        "1-2": (7, 0, 7, 2, 9, 2), "1-3": (10, 0, 10, 0, 10, 0), "2-4": (6, 7, 13, 9, 15, 2),
        "3-4": (5, 10, 15, 10, 15, 0), "3-5": (4, 10, 14, 14, 18, 4), "4-5": (3, 15, 18, 15, 18, 0),
        "5-6": (2, 18, 20, 18, 20, 0),
    }
    arcs = [(*k.split("-"), v[0]) for k, v in published.items()]
    s = cpm(_aoa_to_aon(arcs))
    t = s.table
    for a, (d, es, ef, ls, lf, slack) in published.items():
        assert tuple(t.loc[a, ["duration", "es", "ef", "ls", "lf", "total_float"]]) == (d, es, ef, ls, lf, slack), a
    assert s.critical_path == ["1-3", "3-4", "4-5", "5-6"]
    assert s.duration == 20


def test_taylor_aoa_problem_6_with_dummy():
    # Taylor ch. 8 solutions, problem 6: 4-5 is a dummy (duration 0); project 38, critical
    # path 1-3-5-7-8-9.
    published = {
        "1-2": (8, 0, 8, 1, 9, 1), "1-3": (10, 0, 10, 0, 10, 0), "1-4": (9, 0, 9, 6, 15, 6),
        "2-5": (6, 8, 14, 9, 15, 1), "2-6": (4, 8, 12, 16, 20, 8), "3-5": (5, 10, 15, 10, 15, 0),
        "4-5": (0, 9, 9, 15, 15, 6), "4-7": (7, 9, 16, 20, 27, 11), "5-7": (12, 15, 27, 15, 27, 0),
        "5-8": (15, 15, 30, 16, 31, 1), "6-9": (18, 12, 30, 20, 38, 8), "7-8": (4, 27, 31, 27, 31, 0),
        "8-9": (7, 31, 38, 31, 38, 0),
    }
    arcs = [(*k.split("-"), v[0]) for k, v in published.items()]
    s = cpm(_aoa_to_aon(arcs))
    for a, (d, es, ef, ls, lf, slack) in published.items():
        got = tuple(s.table.loc[a, ["duration", "es", "ef", "ls", "lf", "total_float"]])
        assert got == (d, es, ef, ls, lf, slack), a
    assert s.critical_path == ["1-3", "3-5", "5-7", "7-8", "8-9"]
    assert s.duration == 38


def test_pitt_aoa_free_float():
    # University of Pittsburgh OR web notes (J. Rajgopal), "CPM" example: node early times
    # 0, 4, 12, 12, 21, 33, 53 and late times 0, 4, 12, 18, 21, 33, 53; 3-4 is a dummy.
    # Free float of arc (i, j) = ES_j - ES_i - D_ij; total float = LC_j - ES_i - D_ij.
    arcs = [("1", "2", 4), ("2", "3", 8), ("2", "4", 7), ("2", "5", 6), ("3", "4", 0),
            ("3", "5", 9), ("4", "6", 15), ("5", "6", 12), ("6", "7", 20)]
    early = {"1": 0, "2": 4, "3": 12, "4": 12, "5": 21, "6": 33, "7": 53}
    late = {"1": 0, "2": 4, "3": 12, "4": 18, "5": 21, "6": 33, "7": 53}
    s = cpm(_aoa_to_aon(arcs))
    assert s.duration == 53
    for i, j, d in arcs:
        row = s.table.loc[f"{i}-{j}"]
        assert row.total_float == late[j] - early[i] - d, (i, j)
        assert row.free_float == early[j] - early[i] - d, (i, j)
    assert s.critical_path == ["1-2", "2-3", "3-5", "5-6", "6-7"]


def test_tied_critical_paths():
    acts = [{"id": "S", "duration": 1, "predecessors": ""},
            {"id": "A", "duration": 3, "predecessors": "S"},
            {"id": "B", "duration": 3, "predecessors": "S"},
            {"id": "E", "duration": 2, "predecessors": "A, B"}]
    s = cpm(acts)
    assert s.critical_paths == [["S", "A", "E"], ["S", "B", "E"]]
    assert s.critical_path == ["S", "A", "B", "E"]


# ------------------------------------------------------------------------------------------
# Relationship types, lags and leads (PMBOK Guide 6.3.2.1 precedence diagramming method)
# ------------------------------------------------------------------------------------------
def test_relationship_types_by_hand():
    # A 10 days. B SS+2 (starts 2 after A starts), C FF+3 (ends 3 after A ends),
    # D SF+4 with duration 6 (ends no earlier than 4 after A starts: clamps at 0),
    # E FS-2 (a 2-day lead) after C.
    acts = [
        {"id": "A", "duration": 10, "predecessors": ""},
        {"id": "B", "duration": 5, "predecessors": "A:SS+2"},
        {"id": "C", "duration": 4, "predecessors": "A:FF+3"},
        {"id": "D", "duration": 6, "predecessors": "A:SF+4"},
        {"id": "E", "duration": 3, "predecessors": "C-2"},
    ]
    t = cpm(acts).table
    assert (t.loc["B", "es"], t.loc["B", "ef"]) == (2, 7)
    assert (t.loc["C", "es"], t.loc["C", "ef"]) == (9, 13)
    assert (t.loc["D", "es"], t.loc["D", "ef"]) == (0, 6)
    assert (t.loc["E", "es"], t.loc["E", "ef"]) == (11, 14)
    s = cpm(acts)
    assert s.duration == 14
    assert s.critical_path == ["A", "C", "E"]
    assert t.loc["B", "total_float"] == 7 and t.loc["B", "free_float"] == 7


def test_parse_predecessors_notation():
    assert parse_predecessors("A, B:SS+2, C:FF-1, D+3") == [
        ("A", "FS", 0.0), ("B", "SS", 2.0), ("C", "FF", -1.0), ("D", "FS", 3.0)]
    assert parse_predecessors(["P05:FS+2"]) == [("P05", "FS", 2.0)]
    assert parse_predecessors("a:ss + 1.5") == [("a", "SS", 1.5)]
    assert parse_predecessors(None) == [] and parse_predecessors("") == []
    assert parse_predecessors(np.nan) == []
    # an id that itself looks like a lag is read as the id when it is known
    assert parse_predecessors("X-1", known={"X-1"}) == [("X-1", "FS", 0.0)]


def test_fractional_durations_and_numeric_ids():
    s = cpm([{"id": 1, "duration": 1.5, "predecessors": None}, {"id": 2, "duration": 2.25, "predecessors": [1]}])
    assert s.duration == pytest.approx(3.75)
    assert s.critical_path == [1, 2]


def test_p01_dataset():
    acts = pm.datasets.load("activities")
    assert 20 <= len(acts) <= 40 and set(acts["project_id"]) == {"P01"}
    assert {"R01", "R02", "R03", "R04"} <= set(acts["resource_id"])
    s = cpm(acts)
    # the network fits the project's baseline (start 2026-02-02, finish 2027-03-26)
    finish = pm.schedule.working_days_to_dates(s.duration, "2026-02-02")
    assert pd.Timestamp("2027-01-01") < finish <= pd.Timestamp("2027-03-26")


# ------------------------------------------------------------------------------------------
# Bad input
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "acts, error, words",
    [
        ([{"id": "A", "duration": 1, "predecessors": "C"}, {"id": "B", "duration": 1, "predecessors": "A"},
          {"id": "C", "duration": 1, "predecessors": "B"}], errors.CycleError, ["A -> B -> C -> A"]),
        ([{"id": "A", "duration": 1, "predecessors": "A"}], errors.CycleError, ["itself"]),
        ([{"id": "A", "duration": 1, "predecessors": "Z"}], errors.UnknownIdError, ["'A'", "'Z'"]),
        ([{"id": "A", "duration": 1}, {"id": "A", "duration": 2}], errors.DuplicateIdError, ["A"]),
        ([{"id": "A", "duration": -1}], errors.InputError, ["'A'", "negative"]),
        ([{"id": "A", "duration": float("nan")}], errors.InputError, ["'A'", "not a number"]),
        ([{"id": "A", "duration": "ten"}], errors.InputError, ["'A'", "'ten'"]),
        ([{"id": "A", "duration": 1}, {"id": "B", "duration": 1, "predecessors": "A:XX+1"}],
         errors.InputError, ["'B'", "XX"]),
        ([{"id": "A", "duration": 1}, {"id": "B", "duration": 1, "predecessors": "A:SS+two"}],
         errors.InputError, ["'B'"]),
        ([{"id": "A", "length": 1}], errors.MissingColumnError, ["duration", "columns found: id, length"]),
        ([], errors.InputError, ["empty"]),
    ],
)
def test_cpm_bad_input(acts, error, words):
    with pytest.raises(error) as info:
        cpm(acts)
    for w in words:
        assert w in str(info.value)


def test_cycle_error_lists_cycle():
    acts = [{"id": "S", "duration": 1}, {"id": "A", "duration": 1, "predecessors": "S, C"},
            {"id": "B", "duration": 1, "predecessors": "A"}, {"id": "C", "duration": 1, "predecessors": "B"}]
    with pytest.raises(errors.CycleError) as info:
        cpm(acts)
    assert info.value.cycle == ["A", "B", "C", "A"]


def test_three_point_errors():
    with pytest.raises(errors.InputError, match="optimistic <= most_likely <= pessimistic"):
        pert_estimate(5, 4, 6)
    bad = RELIABLE.copy()
    bad.loc[2, "most_likely"] = 30
    with pytest.raises(errors.InputError, match="activity 'C'"):
        pert(bad)
    with pytest.raises(errors.MissingColumnError, match="pessimistic"):
        pert(RELIABLE.drop(columns="pessimistic"))
    with pytest.raises(errors.InputError, match="n = 0 is out of range"):
        monte_carlo(RELIABLE, n=0)
    with pytest.raises(errors.InputError, match="distribution"):
        monte_carlo(RELIABLE, distribution="normal")
    with pytest.raises(errors.InputError, match="probability"):
        pert(RELIABLE).deadline(1.2)


def test_input_not_mutated():
    before = RELIABLE.copy(deep=True)
    cpm(RELIABLE)
    pert(RELIABLE)
    monte_carlo(RELIABLE, n=100)
    pd.testing.assert_frame_equal(RELIABLE, before)


# ------------------------------------------------------------------------------------------
# Monte Carlo
# ------------------------------------------------------------------------------------------
def test_monte_carlo_merge_bias_exact():
    # Two parallel activities U(0, 1): the project is max(U1, U2), mean 2/3 (order statistics),
    # while CPM on the means says 1/2. Each activity is critical half of the time.
    acts = [{"id": "A", "optimistic": 0, "most_likely": 0.5, "pessimistic": 1},
            {"id": "B", "optimistic": 0, "most_likely": 0.5, "pessimistic": 1}]
    mc = monte_carlo(acts, n=200_000, seed=3, distribution="uniform")
    assert mc.mean == pytest.approx(2 / 3, abs=3e-3)
    assert mc.deterministic == pytest.approx(0.5)
    assert mc.merge_bias == pytest.approx(1 / 6, abs=3e-3)
    assert mc.criticality.to_numpy() == pytest.approx([0.5, 0.5], abs=5e-3)
    # P(max <= t) = t^2
    assert mc.probability(0.8) == pytest.approx(0.64, abs=5e-3)
    assert mc.percentile(25) == pytest.approx(0.5, abs=5e-3)


def test_monte_carlo_chain_matches_pert_means():
    # Beta-PERT mean (o + 4m + p) / 6, triangular mean (o + m + p) / 3: a chain adds them.
    mc = monte_carlo(RELIABLE.iloc[:3], n=100_000, seed=1)  # A -> B -> C
    assert mc.mean == pytest.approx(2 + 4 + 10, abs=0.05)
    assert mc.criticality.tolist() == [1.0, 1.0, 1.0]
    tri = monte_carlo(RELIABLE.iloc[:3], n=100_000, seed=1, distribution="triangular")
    assert tri.mean == pytest.approx(2 + 13.5 / 3 + 11, abs=0.05)


def test_monte_carlo_reproducible_and_reliable_vs_pert():
    a = monte_carlo(RELIABLE, n=20_000, seed=7)
    b = monte_carlo(RELIABLE, n=20_000, seed=7)
    np.testing.assert_array_equal(a.durations, b.durations)
    p = pert(RELIABLE)
    # merge bias: the simulated mean is later than PERT's; PERT is optimistic about 47 weeks
    assert a.mean > p.duration
    assert a.probability(47) < p.probability(47)
    assert a.criticality["A"] == 1.0 and a.criticality["D"] < 0.5
    assert a.cruciality["C"] > a.cruciality["M"]
    assert set(a.table.columns) >= {"criticality", "cruciality", "sensitivity", "mean", "sd"}
    assert a.percentile(80) >= a.percentile(50)
    assert isinstance(a.summary(), pd.Series)


def test_monte_carlo_mixed_links_equal_scalar_cpm():
    """The vectorised passes give, iteration by iteration, what cpm gives for those durations."""
    from pmlib import schedule as S

    acts = [{"id": "A", "predecessors": ""}, {"id": "B", "predecessors": "A:SS+2"},
            {"id": "C", "predecessors": "A:FF-1, B"}, {"id": "D", "predecessors": "B:SF+3"},
            {"id": "E", "predecessors": "C+2, D:FF"}]
    net = S._network(acts)
    d = np.random.default_rng(0).uniform(0, 10, (5, 300))
    total, crit = S._simulate(net, d.copy())
    counts = np.zeros(5)
    for c in range(d.shape[1]):
        r = S._cpm_from(net, d[:, c].copy())
        assert r.duration == pytest.approx(total[c])
        counts += r.table["critical"].to_numpy()
    np.testing.assert_array_equal(counts, crit)


# ------------------------------------------------------------------------------------------
# Properties (hypothesis)
# ------------------------------------------------------------------------------------------
@st.composite
def networks(draw, max_size=12, types=("FS",)):
    k = draw(st.integers(1, max_size))
    rows = []
    for j in range(k):
        preds = draw(st.lists(st.integers(0, j - 1), max_size=3, unique=True)) if j else []
        toks = []
        for i in preds:
            typ = draw(st.sampled_from(types))
            lag = draw(st.integers(-2, 3)) if len(types) > 1 else 0
            toks.append(f"T{i}:{typ}{lag:+d}" if len(types) > 1 else f"T{i}")
        o = draw(st.integers(0, 10))
        m = o + draw(st.integers(0, 5))
        p = m + draw(st.integers(0, 8))
        rows.append({"id": f"T{j}", "duration": float(m), "predecessors": ", ".join(toks),
                     "optimistic": float(o), "most_likely": float(m), "pessimistic": float(p)})
    return pd.DataFrame(rows)


@settings(max_examples=80, deadline=None)
@given(networks(types=("FS", "SS", "FF", "SF")))
def test_float_properties(acts):
    s = cpm(acts)
    t = s.table
    assert (t["total_float"] >= -1e-9).all()
    assert (t["free_float"] >= -1e-9).all()
    assert (t["free_float"] <= t["total_float"] + 1e-9).all()
    assert (t.loc[s.critical_path, "total_float"] == 0).all()
    assert (t["es"] >= 0).all() and t["ef"].max() == s.duration
    assert np.allclose(t["ls"] - t["es"], t["total_float"])
    for path in s.critical_paths:
        assert t.loc[path[-1], "ef"] == pytest.approx(s.duration)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 50, allow_nan=False), min_size=1, max_size=10))
def test_chain_has_no_float(durations):
    acts = [{"id": f"A{i}", "duration": d, "predecessors": f"A{i - 1}" if i else ""}
            for i, d in enumerate(durations)]
    s = cpm(acts)
    assert s.duration == pytest.approx(sum(durations))
    assert (s.table["total_float"] == 0).all() and (s.table["free_float"] == 0).all()
    assert s.critical_path == [a["id"] for a in acts]


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 20), st.floats(0.5, 20), st.floats(0.5, 20))
def test_relationship_identities(lag, da, db):
    """SS with lag d_A == FS; FF with lag d_B == FS; SF with lag d_A + d_B == FS (all + lag)."""
    base = [{"id": "A", "duration": da, "predecessors": ""}]
    fs = cpm(base + [{"id": "B", "duration": db, "predecessors": f"A+{lag}"}]).table
    for pred in (f"A:SS+{da + lag}", f"A:FF+{db + lag}", f"A:SF+{da + db + lag}"):
        t = cpm(base + [{"id": "B", "duration": db, "predecessors": pred}]).table
        assert t.loc["B", "es"] == pytest.approx(fs.loc["B", "es"])
        assert t.loc["B", "total_float"] == pytest.approx(fs.loc["B", "total_float"], abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(networks(max_size=8))
def test_monte_carlo_mean_at_least_cpm_on_means(acts):
    mc = monte_carlo(acts, n=4000, seed=0)
    # E[max] >= max E (Jensen): allow for sampling error
    se = mc.sd / math.sqrt(mc.n)
    assert mc.mean >= mc.deterministic - 4 * se - 1e-9
    assert ((mc.criticality >= 0) & (mc.criticality <= 1)).all()
    assert mc.criticality.max() > 0
    assert mc.durations.min() >= cpm(acts, duration="optimistic").duration - 1e-9
    assert mc.durations.max() <= cpm(acts, duration="pessimistic").duration + 1e-9


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 100), st.floats(0, 50), st.floats(0, 50))
def test_pert_estimate_properties(o, dm, dp):
    m, p = o + dm, o + dm + dp
    r = pert_estimate(o, m, p)
    assert o - 1e-9 <= r.expected <= p + 1e-9
    assert r.variance == pytest.approx(r.sd**2)
    assert r.sd == pytest.approx((p - o) / 6)


def test_numeric_ids_referred_to_as_text():
    s = cpm(pd.DataFrame({"id": [1, 2, 3], "duration": [2, 3, 1], "predecessors": ["", "1", "1, 2:SS+1"]}))
    assert s.duration == 5 and s.critical_path == [1, 2] and s.table.loc[3, "es"] == 3


@settings(max_examples=60, deadline=None)
@given(networks(types=("FS", "SS", "FF", "SF")), st.integers(0, 2**31))
def test_vectorised_passes_equal_scalar_cpm(acts, seed):
    """Monte Carlo's column passes give, per iteration, exactly what cpm gives (all link types, leads)."""
    from pmlib import schedule as S

    net = S._network(acts)
    rng = np.random.default_rng(seed)
    d = rng.uniform(0, 10, (len(acts), 12)).round(1)
    total, crit = S._simulate(net, d.copy())
    counts = np.zeros(len(acts))
    for c in range(d.shape[1]):
        r = S._cpm_from(net, d[:, c].copy())
        assert r.duration == pytest.approx(total[c])
        counts += r.table["critical"].to_numpy()
    np.testing.assert_array_equal(counts, crit)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.just(""), st.just("  "),
                          st.lists(st.sampled_from(["A", "Bé", "C:SS+1", "D-2", "x y", "€5"]), min_size=1, max_size=4)
                          .map(lambda toks: ", ".join(toks)),
                          st.lists(st.sampled_from(["A", "B"]), min_size=1, max_size=3).map(lambda t: ",".join(t) + ",")),
                max_size=12))
def test_fast_predecessor_split_equals_cell_by_cell(cells):
    """The byte-level split of all cells at once gives what splitting each cell gives."""
    from pmlib.schedule.network import _split_cells, _tokens

    tokens, owner = _split_cells(cells)
    expected = [(k, t.strip()) for k, cell in enumerate(cells) for t in _tokens(cell)]
    assert list(zip(owner.tolist(), [t.strip() for t in tokens], strict=True)) == expected
