"""Figures a test run measures (the access matrix's size, how many fuzz examples ran), printed at the end
of the run by ``tests/conftest.py`` so they can be quoted without digging through the output."""

FIGURES: dict[str, str] = {}


def report(name: str, figure: str) -> None:
    FIGURES[name] = figure
