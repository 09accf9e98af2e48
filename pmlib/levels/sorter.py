"""The "which level decides this?" sorter: decision statements, feedback, marking a whole class."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import datasets
from .._validate import as_frame, require_columns, require_known_ids, require_unique_ids
from ..errors import InputError
from .compare import LEVELS, check_levels

_DECISION_COLUMNS = ("id", "statement", "level", "reason")


def decisions(data=None) -> pd.DataFrame:
    """Decision statements with the level that owns each and why (``datasets/decisions.csv``).

    Parameters
    ----------
    data : DataFrame or list of dicts, optional
        Your own statements with columns ``id``, ``statement``, ``level`` (project, program,
        portfolio or product) and ``reason`` (or ``id`` as the index, as this function returns
        them). Default: the bundled Alderbrook statements.

    Returns
    -------
    DataFrame
        A validated copy, index ``id``.

    >>> d = decisions()
    >>> d["level"].value_counts().sort_index().tolist()
    [8, 8, 8, 8]
    """
    df = datasets.load("decisions") if data is None else as_frame(data, "decisions")
    if "id" not in df.columns and df.index.name == "id":  # a table this function returned
        df = df.reset_index()
    require_columns(df, _DECISION_COLUMNS, "decisions")
    if df.empty:
        raise InputError("decisions is empty: give at least one decision statement.")
    ids = df["id"].astype(str).str.strip()
    require_unique_ids(ids, "decisions")
    df["id"] = ids
    level = df["level"].astype(str).str.strip().str.lower()
    bad = ~level.isin(LEVELS)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"decisions row {ids.iloc[i]!r}: level {df['level'].iloc[i]!r} is not one of {', '.join(LEVELS)}."
        )
    df["level"] = level
    return df.set_index("id")


def _norm_level(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().str.lower()


def check_decision(decision_id: str, level: str, data=None) -> pd.Series:
    """Is ``level`` the level that decides ``decision_id``? Feedback with the reason.

    Parameters
    ----------
    decision_id : str
        Id of a statement in :func:`decisions`, e.g. ``"D18"``.
    level : str
        The learner's pick: ``project``, ``program``, ``portfolio`` or ``product``.
    data : optional
        Your own decision table (see :func:`decisions`).

    Returns
    -------
    Series
        ``correct`` (bool), ``given``, ``answer``, ``statement``, ``reason`` and ``message``
        (one line of feedback).

    >>> r = check_decision("D18", "project")
    >>> bool(r.correct), r.answer
    (False, 'portfolio')
    """
    table = decisions(data)
    did = str(decision_id).strip()
    require_known_ids([did], table.index, "decision_id", what="decision")
    given = check_levels([level])[0]
    row = table.loc[did]
    correct = given == row["level"]
    if correct:
        message = f"Correct: the {row['level']} level decides this. {row['reason']}"
    else:
        message = f"Not the {given} level: the {row['level']} level decides this. {row['reason']}"
    return pd.Series(
        {"correct": bool(correct), "given": given, "answer": row["level"], "statement": row["statement"],
         "reason": row["reason"], "message": message},
        name=did,
    )


def score_answers(answers, data=None) -> pd.DataFrame:
    """Mark many answers at once (a learner's sorting, or a whole workshop's).

    Parameters
    ----------
    answers : mapping {decision id: level}, or DataFrame
        A DataFrame needs columns ``decision_id`` and ``level``; any other columns (e.g.
        ``learner``) are kept, so a trainer can mark a class in one call.
    data : optional
        Your own decision table (see :func:`decisions`).

    Returns
    -------
    DataFrame
        One row per answer: ``decision_id``, ``given``, ``answer``, ``correct`` (plus the
        extra columns of ``answers``). ``result.correct.mean()`` is the score.

    >>> s = score_answers({"D01": "project", "D17": "program"})
    >>> s["correct"].tolist()
    [True, False]
    """
    table = decisions(data)
    if isinstance(answers, Mapping):
        frame = pd.DataFrame({"decision_id": list(answers.keys()), "level": list(answers.values())})
    else:
        frame = as_frame(answers, "answers")
        require_columns(frame, ("decision_id", "level"), "answers")
    if frame.empty:
        raise InputError("answers is empty: give at least one (decision id, level) pair.")
    # Work on the distinct values only (a class repeats the same ids and levels many times).
    id_codes, id_values = pd.factorize(frame["decision_id"].astype(str), use_na_sentinel=False)
    ids = np.asarray(pd.Index(id_values).str.strip(), dtype=object)
    require_known_ids(ids, table.index, "answers", what="decision")
    lv_codes, lv_values = pd.factorize(frame["level"], use_na_sentinel=True)  # missing -> -1
    levels_clean = _norm_level(pd.Series(np.asarray(lv_values, dtype=object)))
    ok_value = levels_clean.isin(LEVELS).to_numpy()
    bad = (lv_codes < 0) | ~ok_value[np.maximum(lv_codes, 0)]
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        did = ids[id_codes[i]]
        raise InputError(
            f"answers row {i} (decision {did}) has no level: pick one of {', '.join(LEVELS)}."
            if lv_codes[i] < 0 else
            f"answers row {i} (decision {did}): level {frame['level'].iloc[i]!r} is not one of {', '.join(LEVELS)}."
        )
    given = np.asarray(levels_clean, dtype=object)[lv_codes]
    answer = table["level"].reindex(ids).to_numpy(dtype=object)[id_codes]
    out = frame.drop(columns=["level"])
    out["decision_id"] = ids[id_codes]
    out["given"] = given
    out["answer"] = answer
    out["correct"] = given == answer
    return out


def confusion(scored: pd.DataFrame) -> pd.DataFrame:
    """Cross-table of correct level (rows) against the level picked (columns), all four levels.

    Parameters
    ----------
    scored : DataFrame
        The result of :func:`score_answers` (columns ``answer`` and ``given``).

    >>> c = confusion(score_answers({"D01": "project", "D17": "program", "D18": "portfolio"}))
    >>> int(c.loc["portfolio", "program"]), int(c.loc["portfolio", "portfolio"])
    (1, 1)
    """
    scored = as_frame(scored, "scored")
    require_columns(scored, ("answer", "given"), "scored")
    cat = pd.CategoricalDtype(list(LEVELS))
    table = pd.crosstab(scored["answer"].astype(cat), scored["given"].astype(cat), dropna=False)
    table = table.reindex(index=list(LEVELS), columns=list(LEVELS), fill_value=0)
    table.index.name = "correct level"
    table.columns.name = "level picked"
    return table


