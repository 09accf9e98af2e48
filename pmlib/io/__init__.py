"""The analyst's own files: MS Project XML, Primavera XER, Excel and issue-tracker exports.

Readers turn a file into the tables the computation modules take, checked against the data
dictionary (``datasets/README.md``) like :func:`pmlib.datasets.read_csv`; they know nothing of
plots or widgets. One submodule per kind of file; the names below are imported on first use,
so ``import pmlib`` does not load the XML or Excel libraries.

=====================  ====================================================================
``read_schedule``      MS Project XML (MSPDI) or Primavera P6 XER, recognised by content
``read_excel``         an .xlsx sheet, checked like ``pm.datasets.read_csv``
``write_excel``        tables to an .xlsx workbook (never overwrites unless asked)
``read_issues``        a Jira or Azure DevOps CSV export as a table of work items
=====================  ====================================================================
"""

from __future__ import annotations

import importlib

# public name -> submodule that defines it
_WHERE = {
    "read_schedule": "schedule_files",
    "Plan": "schedule_files",
    "read_excel": "excel",
    "write_excel": "excel",
    "read_issues": "issues",
}

__all__ = sorted(_WHERE)


def __getattr__(name):
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pmlib.io' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_WHERE))
