"""Tools for trainers: ``python -m pmlib.trainer COMMAND DEST``.

=============  ==============================================================================
handout        a students' copy of the course (notebooks and exercises with outputs cleared,
               data) in which ``solution()`` says the trainer turned solutions off
answer-key     one printable, self-contained HTML answer key per exercise set
slides         reveal.js slides of every lesson, one offline HTML file each
html           printable HTML handouts of the lessons, executed, figures and widgets included
results        a class's progress files -> tables per learner and per topic, weakest topics chart
formulas       the formula sheet (Markdown) generated from the library's docstrings
=============  ==============================================================================

Every command refuses a DEST that exists and is not empty, never writes into the course
repository, and prints what it wrote. The same commands are functions here
(:func:`handout`, :func:`answer_key`, :func:`slides`, :func:`lesson_html`, :func:`results`).
"""

from __future__ import annotations

from .answer_key import answer_key
from .handout import handout
from .lessons import lesson_html
from .results import results
from .slides import slides

__all__ = ["handout", "answer_key", "slides", "lesson_html", "results"]
