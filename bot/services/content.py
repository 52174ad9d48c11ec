"""The council's content for the running bot: loaded and checked once, at start."""

from functools import lru_cache
from pathlib import Path

from bot.config import ServiceSettings
from content.loader import council_folder, load
from content.schema import CouncilContent


def folder_for(service: ServiceSettings) -> Path:
    return council_folder(service.council, service.content_dir)


@lru_cache(maxsize=4)
def _load(folder: Path) -> CouncilContent:
    return load(folder)


def council_content(service: ServiceSettings) -> CouncilContent:
    """The configured council's content; raises ``content.loader.ContentError`` if it is broken."""
    return _load(folder_for(service))
