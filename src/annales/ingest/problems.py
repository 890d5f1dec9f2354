"""The inputs a run could not read, counted without bound but kept (and shown) only up to a cap.

A file of three million malformed lines is three million problems: holding them all would cost
about a gigabyte and printing them all would drown the terminal. :class:`ProblemLog` keeps the
first :data:`MAX_KEPT_PROBLEMS` and counts the rest, so that a summary can say how many there were.
"""

from __future__ import annotations

from annales.model import IngestProblem

__all__ = ["MAX_KEPT_PROBLEMS", "ProblemLog"]

MAX_KEPT_PROBLEMS = 1_000


class ProblemLog:
    """Every problem counted, the first ``keep`` kept in order."""

    def __init__(self, keep: int = MAX_KEPT_PROBLEMS) -> None:
        self.keep = keep
        self.kept: list[IngestProblem] = []
        self.count = 0

    def add(self, problem: IngestProblem) -> bool:
        """Count ``problem``; True when it is kept (and so should be shown), False past the cap."""
        self.count += 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)
            return True
        return False

    @property
    def hidden(self) -> int:
        """How many problems were counted but not kept."""
        return self.count - len(self.kept)

    def summary(self, what: str = "inputs that could not be read") -> str | None:
        """One line saying how many problems were not shown, or None when all were."""
        if not self.hidden:
            return None
        return (
            f"{self.hidden:,} more {what} not shown (only the first {self.keep:,} are); "
            f"{self.count:,} in all"
        )

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0
