"""Callback data for the advisor's buttons: short, versioned, and parsed before anything trusts it.

``a1:<action>:<args>``, well under Telegram's 64 bytes. Parsing only checks the shape (known action, the
right number of arguments of the right types); the service re-checks the role and the record on every
press, because anyone can send any callback data.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.models import RECORDABLE_CONTACT_METHODS, ContactMethod, EpisodeKind

VERSION = "a1"
MAX_BYTES = 64


class Action(StrEnum):
    CONTACT_DONE = "cd"  # person -> which method
    CONTACT_METHOD = "cm"  # person, method -> which day
    CONTACT_DAY = "cw"  # person, method, days ago -> recorded
    RHI_OFFERED = "ro"  # episode
    RHI_DONE = "rd"  # episode
    RHI_DECLINED = "rx"  # episode
    REVIEW_DONE = "rv"  # person -> which day
    REVIEW_DAY = "rw"  # person, days ago -> recorded
    SNOOZE = "sz"  # deadline kind, person or episode -> how long
    SNOOZE_FOR = "sf"  # deadline kind, person or episode, option -> snoozed
    MISSING_PERSON = "mp"  # person -> start or return
    MISSING_START = "ms"  # person, episode kind, when
    MISSING_RETURN = "mr"  # episode, when
    OPEN = "op"  # deadline kind, person or episode -> the deadline with its buttons


def _word(value: str) -> str:
    if not value.replace("_", "").isalnum():
        raise ValueError(value)
    return value


def _small_int(value: str) -> int:
    if not value.isdigit() or len(value) > 12:
        raise ValueError(value)
    return int(value)


def _recordable_method(value: str) -> ContactMethod:
    """A way a PA can say they were in touch ("how is not recorded" is for imported contacts only)."""
    method = ContactMethod(value)
    if method not in RECORDABLE_CONTACT_METHODS:
        raise ValueError(value)
    return method


ARGUMENTS: dict[Action, tuple[Callable[[str], Any], ...]] = {
    Action.CONTACT_DONE: (_small_int,),
    Action.CONTACT_METHOD: (_small_int, _recordable_method),
    Action.CONTACT_DAY: (_small_int, _recordable_method, _small_int),
    Action.RHI_OFFERED: (_small_int,),
    Action.RHI_DONE: (_small_int,),
    Action.RHI_DECLINED: (_small_int,),
    Action.REVIEW_DONE: (_small_int,),
    Action.REVIEW_DAY: (_small_int, _small_int),
    Action.SNOOZE: (_word, _small_int),
    Action.SNOOZE_FOR: (_word, _small_int, _word),
    Action.MISSING_PERSON: (_small_int,),
    Action.MISSING_START: (_small_int, EpisodeKind, _word),
    Action.MISSING_RETURN: (_small_int, _word),
    Action.OPEN: (_word, _small_int),
}

PATTERN = rf"^{VERSION}:"


@dataclass(frozen=True)
class Callback:
    action: Action
    args: tuple[Any, ...]


def encode(action: Action, *args: object) -> str:
    data = ":".join((VERSION, action.value, *(str(arg) for arg in args)))
    if len(data.encode()) > MAX_BYTES:
        raise ValueError("callback data is over Telegram's 64 bytes")
    return data


def decode(data: str | None) -> Callback | None:
    """The button's action and typed arguments, or None for anything malformed or from an old version."""
    if not data:
        return None
    version, _, rest = data.partition(":")
    action_code, _, arg_text = rest.partition(":")
    if version != VERSION or action_code not in Action._value2member_map_:
        return None
    action = Action(action_code)
    parts = arg_text.split(":") if arg_text else []
    parsers = ARGUMENTS[action]
    if len(parts) != len(parsers):
        return None
    try:
        return Callback(action, tuple(parse(part) for parse, part in zip(parsers, parts, strict=True)))
    except ValueError:
        return None
