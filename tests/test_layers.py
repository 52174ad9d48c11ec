"""Which code may import which: the rooms of the house and the doors between them (DESIGN in the README).

Read from the source with ``ast``, so a rule holds for every module, not only the ones a test happens to
run. Imports inside ``if TYPE_CHECKING:`` are for type checkers only and are not counted.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING"
        for child in block.body
        for node in ast.walk(child)
    }
    names = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def _reaching(names: set[str], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names if name.split(".")[0] in forbidden or name.startswith(forbidden))


RULES = [
    # (folders, what they must not import, why)
    (("bot/services", "scheduler"), ("telegram", "handlers"), "services and rules return data, not messages"),
    (
        ("bot/store",),
        ("telegram", "handlers", "scheduler", "bot.services", "bot.summaries"),
        "the store is a leaf",
    ),
    (("bot/wording", "bot/summaries"), ("telegram", "handlers"), "words and figures are plain text"),
    (("handlers",), ("bot.store",), "handlers go through the services"),
    (("content",), ("bot", "handlers", "scheduler", "telegram"), "content is data and pure functions"),
]


@pytest.mark.parametrize(("folders", "forbidden", "why"), RULES, ids=[", ".join(rule[0]) for rule in RULES])
def test_no_module_imports_across_its_walls(
    folders: tuple[str, ...], forbidden: tuple[str, ...], why: str
) -> None:
    crossing = {
        str(path.relative_to(ROOT)): found
        for path in _modules(*folders)
        if (found := _reaching(_imports(path), forbidden))
    }
    assert crossing == {}, why


def test_scheduler_does_not_import_services() -> None:
    """The sweep reads facts from the store; what is sent is decided in the services and the outbox."""
    crossing = {
        str(path.relative_to(ROOT)): found
        for path in _modules("scheduler")
        if (found := _reaching(_imports(path), ("bot.services", "bot.outbox.send", "bot.outbox.dispatcher")))
    }
    assert crossing == {}


def test_the_rule_reader_sees_an_import() -> None:
    assert "telegram" in _imports(ROOT / "bot" / "outbox" / "send.py")
    assert "bot.store" not in _imports(ROOT / "handlers" / "context.py")  # a type-only import
