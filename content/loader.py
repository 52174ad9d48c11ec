"""Reading a council's content folder, and finding what is due for review.

The folder holds one TOML file per kind of content, so the people who keep each part up to date can edit it
without touching the others. Every problem is reported with the file and the place in it, in one go.
"""

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from content.schema import CouncilContent

SHIPPED = Path(__file__).parent

FILES = {
    "council": ("council.toml", None),
    "entitlements": ("entitlements.toml", "entitlement"),
    "passport": ("passport.toml", "section"),
    "money_help": ("money_help.toml", "help"),
    "crisis": ("crisis.toml", "contact"),
    "synonyms": ("synonyms.toml", "synonyms"),
}


class ContentError(Exception):
    """The content folder is missing a file or a file breaks the schema. The message lists every problem."""


@dataclass(frozen=True)
class StaleItem:
    file: str
    item_id: str
    reviewed: date


def council_folder(council: str, content_dir: str = "") -> Path:
    return (Path(content_dir) if content_dir else SHIPPED) / council


def load(folder: Path) -> CouncilContent:
    """Read and validate every file in ``folder``; raise ``ContentError`` naming each problem."""
    if not folder.is_dir():
        raise ContentError(f"no content folder at {folder}")
    raw: dict[str, Any] = {}
    problems = []
    for field, (filename, key) in FILES.items():
        path = folder / filename
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            problems.append(f"{filename}: file missing")
            continue
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{filename}: {error}")
            continue
        raw[field] = document if key is None else document.get(key, [])
    if problems:
        raise ContentError("; ".join(problems))
    try:
        return CouncilContent.model_validate(raw)
    except ValidationError as error:
        raise ContentError("; ".join(_describe(item, raw) for item in error.errors())) from None


def _describe(problem: Any, raw: dict[str, Any]) -> str:
    """``entitlements.toml, item 'he_bursary', applies.min_age: ...`` rather than a bare index path."""
    location = list(problem["loc"])
    if not location:
        return problem["msg"]
    field = location.pop(0)
    where = FILES.get(str(field), (str(field), None))[0]
    if location and isinstance(location[0], int):
        index = location.pop(0)
        entries = raw.get(str(field), [])
        item_id = (
            entries[index].get("id") if index < len(entries) and isinstance(entries[index], dict) else None
        )
        where += f", item {item_id!r}" if item_id else f", item {index + 1}"
    if location:
        where += ", " + ".".join(str(part) for part in location)
    return f"{where}: {problem['msg'].removeprefix('Value error, ')}"


def stale_items(content: CouncilContent, today: date) -> list[StaleItem]:
    """Items whose ``reviewed`` date is older than the council's review cycle."""
    cutoff = today - timedelta(days=content.council.review_every_days)
    dated = [
        ("council.toml", "council", content.council.reviewed),
        *(("entitlements.toml", item.id, item.reviewed) for item in content.entitlements),
        *(("money_help.toml", item.id, item.reviewed) for item in content.money_help),
        *(("crisis.toml", item.id, item.reviewed) for item in content.crisis),
    ]
    return [StaleItem(file, item_id, reviewed) for file, item_id, reviewed in dated if reviewed < cutoff]
