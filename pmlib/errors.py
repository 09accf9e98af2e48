"""Error classes raised by pmlib.

Every error is a :class:`ValueError` subclass, so ``except ValueError`` catches them all.
Messages name the argument, the row or id, and what to do about it.
"""

__all__ = [
    "PMLibError",
    "InputError",
    "MissingColumnError",
    "UnknownIdError",
    "DuplicateIdError",
    "CycleError",
    "InfeasibleError",
    "NoSolutionError",
    "UnknownDatasetError",
]


class PMLibError(ValueError):
    """Base class of every pmlib error (a ValueError)."""


class InputError(PMLibError):
    """A value passed in is unusable: NaN, text, negative, empty, wrong length, out of range."""


class MissingColumnError(InputError):
    """A table lacks a column the function needs; the message lists the columns found."""


class UnknownIdError(InputError):
    """An id refers to a row that does not exist (unknown predecessor, project, resource...)."""


class DuplicateIdError(InputError):
    """The same id appears on more than one row."""


class CycleError(InputError):
    """Dependencies form a loop; ``.cycle`` holds the ids in the loop, in order."""

    def __init__(self, message, cycle=()):
        super().__init__(message)
        self.cycle = list(cycle)


class InfeasibleError(PMLibError):
    """The request cannot be met (e.g. mandatory projects alone exceed the budget)."""


class NoSolutionError(PMLibError):
    """The quantity does not exist for this input (e.g. an IRR of cash flows with no sign change)."""


class UnknownDatasetError(PMLibError, KeyError):
    """``pm.datasets.load`` was asked for a data set that is not bundled."""

    def __str__(self):  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""
