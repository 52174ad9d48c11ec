"""Finding columns by their header, and reading a row's cells while collecting every problem.

Headers are compared case-, space- and quote-insensitively (``‘Missing’`` is ``'missing'`` is ``missing``),
against a regular expression per column, because the wording of the same column differs between the
template, the tools that build it and each council's own report.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.imports.problems import Problem, ValueProblem, Where
from bot.imports.readers import Table
from bot.imports.values import normalise_text

T = TypeVar("T")


def normalise_header(header: str) -> str:
    return normalise_text(header).replace("'", "").replace('"', "").strip(" *")


@dataclass(frozen=True)
class Column:
    key: str
    pattern: str
    required: bool = False

    def matches(self, header: str) -> bool:
        return re.search(self.pattern, normalise_header(header)) is not None


def find_columns(table: Table, columns: list[Column]) -> tuple[dict[str, int], list[Problem]]:
    """Each column's position; a missing required column is a problem naming it."""
    found: dict[str, int] = {}
    taken: set[int] = set()
    problems = []
    for column in columns:
        position = next(
            (i for i, header in enumerate(table.headers) if i not in taken and column.matches(header)), None
        )
        if position is not None:
            found[column.key] = position
            taken.add(position)
        elif column.required:
            problems.append(
                Problem(
                    Where(table.file, table.sheet, table.header_row, column.key.replace("_", " ")),
                    "this column is missing, and the import needs it",
                )
            )
    return found, problems


class RowCells:
    """One data row: read a cell with a normaliser; a bad value adds a problem and marks the row bad."""

    def __init__(self, table: Table, number: int, cells: list[Any], positions: dict[str, int]) -> None:
        self.where = Where(table.file, table.sheet, number)
        self._table = table
        self._cells = cells
        self._positions = positions
        self.problems: list[Problem] = []

    @property
    def bad(self) -> bool:
        return bool(self.problems)

    def has(self, key: str) -> bool:
        return key in self._positions

    def raw(self, key: str) -> Any:
        position = self._positions.get(key)
        if position is None or position >= len(self._cells):
            return None
        return self._cells[position]

    def cell(self, key: str) -> Where:
        position = self._positions.get(key)
        header = self._table.headers[position] if position is not None else key
        return self.where.at(header, self.raw(key))

    def read(self, key: str, parse: Callable[[Any], T], *, required: bool = False) -> T | None:
        try:
            value = parse(self.raw(key))
        except ValueProblem as problem:
            self.complain(key, str(problem))
            return None
        if value is None and required:
            self.complain(key, "this cell is empty, and the import needs it")
        return value

    def complain(self, key: str, why: str) -> None:
        self.problems.append(Problem(self.cell(key), why))


def rows_of(table: Table, positions: dict[str, int]) -> Iterator[RowCells]:
    for number, cells in table.rows:
        yield RowCells(table, number, cells, positions)
