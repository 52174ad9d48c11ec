"""The council's content for the running bot: loaded and checked once, at start, with its question index."""

from functools import lru_cache
from pathlib import Path

from bot.config import ServiceSettings
from content.loader import council_folder, load
from content.schema import CouncilContent
from content.search import QuestionIndex


def folder_for(service: ServiceSettings) -> Path:
    return council_folder(service.council, service.content_dir)


@lru_cache(maxsize=4)
def _load(folder: Path) -> CouncilContent:
    return load(folder)


@lru_cache(maxsize=4)
def _index(folder: Path) -> QuestionIndex:
    return QuestionIndex(_load(folder))


def council_content(service: ServiceSettings) -> CouncilContent:
    """The configured council's content; raises ``content.loader.ContentError`` if it is broken."""
    return _load(folder_for(service))


def question_index(service: ServiceSettings) -> QuestionIndex:
    """The index typed questions are understood with (``content.understand.understand``), built once per
    content load."""
    return _index(folder_for(service))
