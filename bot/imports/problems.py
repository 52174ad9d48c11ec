"""Where a value came from, and what is wrong with it, in words a council's data officer can act on."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Where:
    """A cell (or a whole row, or a whole table when ``row`` is None) in one of the imported files."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    def at(self, column: str, value: Any) -> "Where":
        return Where(self.file, self.sheet, self.row, column, value)

    def describe(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f'sheet "{self.sheet}"')
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f'column "{self.column}"')
        if self.value not in (None, ""):
            parts.append(f'value "{self.value}"')
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """A reason the import cannot go ahead. Any problem stops the whole import."""

    where: Where
    why: str

    def __str__(self) -> str:
        return f"{self.where.describe()}: {self.why}"


class ValueProblem(ValueError):
    """Raised by a value normaliser; the message says why in plain English."""
