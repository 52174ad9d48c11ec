"""Callback data for the buttons every audience can press, parsed before anything trusts it.

``h1:<choice>`` answers the safety check-in ("Are you safe right now?"). Short, versioned, and checked
against the fixed list of choices: anyone can send any callback data.
"""

from enum import StrEnum

CHECK_IN_PREFIX = "h1"
CHECK_IN_PATTERN = rf"^{CHECK_IN_PREFIX}:"


class CheckIn(StrEnum):
    SAFE = "safe"
    HELP = "help"
    PA = "pa"  # talk to my PA (a young person who has joined)
    TALK = "talk"  # someone to talk to (anyone)


def encode(choice: CheckIn) -> str:
    return f"{CHECK_IN_PREFIX}:{choice.value}"


def decode(data: str | None) -> CheckIn | None:
    """The choice a check-in button names, or None for anything else."""
    prefix, _, value = (data or "").partition(":")
    if prefix != CHECK_IN_PREFIX or value not in CheckIn._value2member_map_:
        return None
    return CheckIn(value)
