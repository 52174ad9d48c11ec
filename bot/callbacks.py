"""Callback data for every button the bot sends: one registry of codecs, each parsed before anything
trusts it.

A codec owns a prefix, which names the audience and the version (``a1`` the PA's buttons, ``l1`` a young
person's...), and a fixed set of actions, each with the fields it carries and a parser for each field. Data
is ``<prefix>:<action>[:<field>...]``, well under Telegram's 64 bytes (``encode`` refuses more).

Decoding checks only the shape: a known prefix and action, the right number of fields, each of the right
kind. Anything else, from an old message or made up by hand, raises ``OutOfDate``, which handlers answer
with "That button is out of date". The services still re-check the role and the record on every press,
because anyone can send any callback data. Pure: no telegram here, so the scheduler and the services can
build buttons as data.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.models import RECORDABLE_CONTACT_METHODS, STAFF_ROLES, ContactMethod, EpisodeKind
from bot.models_leaver import ContactReason, PreferredTime, Response
from content.personalise import Fact
from content.schema import Activity, Need
from scheduler.deadlines import DeadlineKind

MAX_BYTES = 64
Parser = Callable[[str], Any]


class OutOfDate(ValueError):
    """Button data the bot cannot read now: from an old version, for something that no longer exists, or
    made up."""


@dataclass(frozen=True)
class Optional:
    """A trailing field that older buttons did not carry (``l1:offer`` before pages were added)."""

    parse: Parser


@dataclass(frozen=True)
class Rest:
    """A last field that may itself hold colons (a summary's scope key, ``team:3``)."""

    parse: Parser


@dataclass(frozen=True)
class Pressed:
    """A decoded press: the action and its typed fields."""

    action: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Codec:
    """One audience's button data. ``check`` sees all the fields at once, for rules across them."""

    prefix: str
    actions: Mapping[str, tuple[Parser | Optional | Rest, ...]]
    check: Callable[[str, tuple[Any, ...]], bool] = field(default=lambda action, args: True)

    @property
    def pattern(self) -> str:
        """For ``CallbackQueryHandler``: every press whose data starts with this codec's prefix."""
        return rf"^{self.prefix}:"

    def encode(self, action: StrEnum | str, *args: object) -> str:
        if str(action) not in self.actions:
            raise ValueError(f"{self.prefix} has no action {action}")
        data = ":".join((self.prefix, str(action), *(str(arg) for arg in args)))
        if len(data.encode()) > MAX_BYTES:
            raise ValueError("callback data is over Telegram's 64 bytes")
        return data

    def decode(self, data: str | None) -> Pressed:
        """The action and its typed fields; ``OutOfDate`` for anything else."""
        text = data or ""
        prefix, _, rest = text.partition(":")
        action, _, field_text = rest.partition(":")
        parsers = self.actions.get(action)
        if prefix != self.prefix or parsers is None:
            raise OutOfDate(text)
        fields = field_text.split(":") if field_text else []
        if parsers and isinstance(parsers[-1], Rest) and len(fields) > len(parsers):
            fields = [*fields[: len(parsers) - 1], ":".join(fields[len(parsers) - 1 :])]
        required = sum(not isinstance(parser, Optional) for parser in parsers)
        if not required <= len(fields) <= len(parsers):
            raise OutOfDate(text)
        try:
            args = tuple(
                (parser.parse if isinstance(parser, Optional | Rest) else parser)(value)
                for parser, value in zip(parsers, fields, strict=False)
            )
        except ValueError:
            raise OutOfDate(text) from None
        if not self.check(action, args):
            raise OutOfDate(text)
        return Pressed(action, args)


def word(value: str) -> str:
    """An id or a code: letters, digits and underscores."""
    if not value or len(value) > 40 or not value.replace("_", "").isalnum():
        raise ValueError(value)
    return value


def small_int(value: str) -> int:
    if not value.isdigit() or len(value) > 12:
        raise ValueError(value)
    return int(value)


def one_of(*choices: str) -> Parser:
    def parse(value: str) -> str:
        if value not in choices:
            raise ValueError(value)
        return value

    return parse


def registry(*codecs: Codec) -> dict[str, Codec]:
    """Codecs by prefix, refusing two that would read the same data."""
    by_prefix: dict[str, Codec] = {}
    for codec in codecs:
        if codec.prefix in by_prefix or ":" in codec.prefix:
            raise ValueError(f"callback prefix {codec.prefix!r} is not unique")
        by_prefix[codec.prefix] = codec
    return by_prefix


class Advisor(StrEnum):
    """The PA's buttons: on reminders, in /due and /missing, and the steps that follow."""

    CONTACT_DONE = "cd"  # person -> which method
    CONTACT_METHOD = "cm"  # person, method -> which day
    CONTACT_DAY = "cw"  # person, method, days ago -> recorded
    RHI_OFFERED = "ro"  # episode
    RHI_DONE = "rd"  # episode
    RHI_DECLINED = "rx"  # episode
    REVIEW_DONE = "rv"  # person -> which day
    REVIEW_DAY = "rw"  # person, days ago -> recorded
    ASSESSMENT_DONE = "ad"  # person -> which day
    ASSESSMENT_DAY = "aw"  # person, days ago -> recorded
    PLANNED = "pl"  # transition kind, person -> which day
    PLANNED_DAY = "pw"  # transition kind, person, days ago -> recorded
    SNOOZE = "sz"  # deadline kind, person or episode -> how long
    SNOOZE_FOR = "sf"  # deadline kind, person or episode, option -> snoozed
    MISSING_PERSON = "mp"  # person -> start or return
    MISSING_START = "ms"  # person, episode kind, when
    MISSING_RETURN = "mr"  # episode, when
    OPEN = "op"  # deadline kind, person or episode -> the deadline with its buttons
    ALERT = "al"  # hand-off -> the open alert or request with its answer buttons


class Leaver(StrEnum):
    """A young person's buttons."""

    MENU = "menu"
    NAME = "name"  # "skip"
    OFFER = "offer"  # [page]
    ENTITLEMENT = "ent"  # item
    FACT = "fact"  # fact, answer
    PASSPORT = "pp"
    SECTION = "ps"  # section
    ITEM = "pi"  # passport item
    MARK = "pt"  # passport item, status code
    MONEY = "money"
    NEED = "need"  # need
    MONEY_ITEM = "mh"  # money-help item
    NUMBERS = "num"  # [which council number]
    HELP = "help"
    PA = "pa"
    REASON = "par"  # reason
    TIME = "pat"  # reason, time
    ASK = "ask"  # y or n: send the question to the PA
    FEEDBACK = "fb"  # topic, y or n
    READINESS = "rd"  # score
    STOP = "stop"  # y (stop), d (stop and delete what I told the bot) or n


class Public(StrEnum):
    """The buttons of someone who has not joined."""

    MENU = "menu"
    OFFER = "offer"  # page
    ENTITLEMENT = "ent"  # item, page to go back to
    MONEY = "money"
    NEED = "need"  # need
    MONEY_ITEM = "mh"  # money-help item
    PASSPORT_TIP = "pi"  # passport item
    NUMBERS = "numbers"
    JOIN = "join"
    HELP = "help"


class CheckIn(StrEnum):
    """Answers to "Are you safe right now?"."""

    SAFE = "safe"
    HELP = "help"
    PA = "pa"  # talk to my PA (a young person who has joined)
    TALK = "talk"  # someone to talk to (anyone)


class Imports(StrEnum):
    """An admin's answer to an import's preview."""

    APPLY = "apply"
    CLOSE = "close"  # apply, and close those who left
    CANCEL = "cancel"


class Staffing(StrEnum):
    """A manager's or admin's buttons for running the team: staff, then caseloads. Team 0 is the admins
    (who have no team); a caseload 0 is the young people without a PA working here."""

    TEAMS = "tm"
    TEAM = "st"  # team -> its staff
    MEMBER = "sm"  # staff member -> their card
    ADD = "sa"  # role, team -> type their name
    SKIP_WORKER_ID = "sk"
    CONFIRM_ADD = "sy"
    INVITE = "si"  # staff member -> are you sure?
    CONFIRM_INVITE = "sj"  # staff member
    INVITE_AGAIN = "sg"  # staff member -> a new invite at once (from a note of reminders waiting for them)
    LEFT = "sl"  # staff member -> are you sure?
    CONFIRM_LEFT = "sx"  # staff member
    CHANGE_TEAM = "sc"  # staff member -> which team?
    TEAM_PICKED = "sp"  # staff member, team -> are you sure?
    CONFIRM_TEAM = "sq"  # staff member, team
    LOADS = "cl"  # team -> caseloads
    FROM = "cf"  # team, caseload -> choose young people
    TOGGLE = "ct"  # young person, page
    PAGE = "cp"  # page
    ALL = "ca"  # page -> every young person on the list chosen (again: none)
    NEXT = "cn"  # -> choose the new PA
    TO = "cm"  # new PA -> are you sure?
    CONFIRM_MOVE = "cy"  # new PA
    CANCEL = "no"


def _recordable_method(value: str) -> ContactMethod:
    """A way a PA can say they were in touch ("how is not recorded" is for imported contacts only)."""
    method = ContactMethod(value)
    if method not in RECORDABLE_CONTACT_METHODS:
        raise ValueError(value)
    return method


TRANSITION_KINDS = (DeadlineKind.TRANSITION_18, DeadlineKind.TRANSITION_21, DeadlineKind.TRANSITION_25)


def _transition(value: str) -> DeadlineKind:
    kind = DeadlineKind(value)
    if kind not in TRANSITION_KINDS:
        raise ValueError(value)
    return kind


def _scope_key(value: str) -> str:
    """``team:<id>``, ``pa:<id>`` or ``all``: checked again, with the asker's role, by the service."""
    if not value or len(value) > 40 or not value.replace(":", "").replace("_", "").isalnum():
        raise ValueError(value)
    return value


def _fact_answer(action: str, args: tuple[Any, ...]) -> bool:
    """Yes, no or rather not say for a yes-or-no fact; an activity (or rather not say) for what they do."""
    if action != Leaver.FACT:
        return True
    fact, answer = args
    if fact == Fact.ACTIVITY:
        return answer in {*Activity, "x"}
    return answer in ("y", "n", "x")


ADVISOR = Codec(
    "a1",
    {
        Advisor.CONTACT_DONE: (small_int,),
        Advisor.CONTACT_METHOD: (small_int, _recordable_method),
        Advisor.CONTACT_DAY: (small_int, _recordable_method, small_int),
        Advisor.RHI_OFFERED: (small_int,),
        Advisor.RHI_DONE: (small_int,),
        Advisor.RHI_DECLINED: (small_int,),
        Advisor.REVIEW_DONE: (small_int,),
        Advisor.REVIEW_DAY: (small_int, small_int),
        Advisor.ASSESSMENT_DONE: (small_int,),
        Advisor.ASSESSMENT_DAY: (small_int, small_int),
        Advisor.PLANNED: (_transition, small_int),
        Advisor.PLANNED_DAY: (_transition, small_int, small_int),
        Advisor.SNOOZE: (DeadlineKind, small_int),
        Advisor.SNOOZE_FOR: (DeadlineKind, small_int, word),
        Advisor.MISSING_PERSON: (small_int,),
        Advisor.MISSING_START: (small_int, EpisodeKind, one_of("now", "today", "yesterday")),
        Advisor.MISSING_RETURN: (small_int, one_of("now", "today", "yesterday")),
        Advisor.OPEN: (DeadlineKind, small_int),
        Advisor.ALERT: (small_int,),
    },
)
LEAVER = Codec(
    "l1",
    {
        Leaver.MENU: (),
        Leaver.NAME: (one_of("skip"),),
        Leaver.OFFER: (Optional(small_int),),
        Leaver.ENTITLEMENT: (word,),
        Leaver.FACT: (Fact, word),
        Leaver.PASSPORT: (),
        Leaver.SECTION: (word,),
        Leaver.ITEM: (word,),
        Leaver.MARK: (word, one_of("d", "t", "h")),
        Leaver.MONEY: (),
        Leaver.NEED: (Need,),
        Leaver.MONEY_ITEM: (word,),
        Leaver.NUMBERS: (Optional(word),),
        Leaver.HELP: (),
        Leaver.PA: (),
        Leaver.REASON: (ContactReason,),
        Leaver.TIME: (ContactReason, PreferredTime),
        Leaver.ASK: (one_of("y", "n"),),
        Leaver.FEEDBACK: (word, one_of("y", "n")),
        Leaver.READINESS: (one_of("1", "2", "3", "4", "5"),),
        Leaver.STOP: (one_of("y", "d", "n"),),
    },
    check=_fact_answer,
)
PUBLIC = Codec(
    "p1",
    {
        Public.MENU: (),
        Public.OFFER: (small_int,),
        Public.ENTITLEMENT: (word, small_int),
        Public.MONEY: (),
        Public.NEED: (Need,),
        Public.MONEY_ITEM: (word,),
        Public.PASSPORT_TIP: (word,),
        Public.NUMBERS: (),
        Public.JOIN: (),
        Public.HELP: (),
    },
)
CHECK_IN = Codec("h1", {choice: () for choice in CheckIn})
SUMMARY_LIST = Codec("s1", {kind: (Rest(_scope_key),) for kind in DeadlineKind})
"""``s1:<deadline kind>:<scope key>``: the young people behind one of the summary's counts."""
HANDOFF = Codec("k1", {response: (small_int,) for response in Response})
"""``k1:<response>:<hand-off>``: a PA's answer to a young person's request or a crisis alert."""
IMPORTS = Codec("imp1", {choice: (small_int,) for choice in Imports})
_STAFF_ROLES = one_of(*(role.value for role in STAFF_ROLES))
STAFFING = Codec(
    "t1",
    {
        Staffing.TEAMS: (),
        Staffing.TEAM: (small_int,),
        Staffing.MEMBER: (small_int,),
        Staffing.ADD: (_STAFF_ROLES, small_int),
        Staffing.SKIP_WORKER_ID: (),
        Staffing.CONFIRM_ADD: (),
        Staffing.INVITE: (small_int,),
        Staffing.CONFIRM_INVITE: (small_int,),
        Staffing.INVITE_AGAIN: (small_int,),
        Staffing.LEFT: (small_int,),
        Staffing.CONFIRM_LEFT: (small_int,),
        Staffing.CHANGE_TEAM: (small_int,),
        Staffing.TEAM_PICKED: (small_int, small_int),
        Staffing.CONFIRM_TEAM: (small_int, small_int),
        Staffing.LOADS: (small_int,),
        Staffing.FROM: (small_int, small_int),
        Staffing.TOGGLE: (small_int, small_int),
        Staffing.PAGE: (small_int,),
        Staffing.ALL: (small_int,),
        Staffing.NEXT: (),
        Staffing.TO: (small_int,),
        Staffing.CONFIRM_MOVE: (small_int,),
        Staffing.CANCEL: (),
    },
)

REGISTRY = registry(ADVISOR, LEAVER, PUBLIC, CHECK_IN, SUMMARY_LIST, HANDOFF, IMPORTS, STAFFING)
