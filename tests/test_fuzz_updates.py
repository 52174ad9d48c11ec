"""Fuzzing: updates no one would write by hand, from every role and from groups and channels, through the
real ``Application`` with ``process_update``.

Hypothesis makes any text (any characters, long or short), edits, every kind of media with or without a
caption, known and unknown commands with any arguments, and button presses with random, huge, mangled or
well-formed data. After each update:

- nothing raised and the error handler did not fire;
- a button press was answered;
- a new message in a private chat got a reply;
- in a group or a channel, the bot said at most that it only works in private chats;
- nobody was shown a name or case reference their role may not see;
- input from nobody entitled to change anything (a group, a channel, a stranger, a press no codec reads)
  changed no row, except the count of failed invite codes, which is kept on purpose for the back-off.

The two teams are the access matrix's (``tests/two_teams.py``). One application takes every example of a
test in turn, so state builds up the way it does in a real chat. ``max_examples`` and ``deadline`` are set
so the fuzzing takes seconds, not minutes, in CI; the run ends with how many examples ran.
"""

import asyncio
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.callbacks import REGISTRY, Optional, OutOfDate, Rest
from bot.clock import MovableClock
from bot.config import Settings
from bot.models import ContactMethod, EpisodeKind, Role
from bot.models_leaver import ContactReason, PreferredTime, Response
from content.loader import council_folder, load
from content.personalise import Fact
from content.schema import Activity, Need
from handlers import texts
from scheduler.deadlines import DeadlineKind
from tests import figures
from tests.botapi_stub import RecordingRequest
from tests.conftest import NOW
from tests.two_teams import ROLES, TwoTeams, build, fingerprint, leaked, seen
from tests.updates import GROUP_CHAT, MEDIA, Where, channel_post, message, press

GROUP, CHANNEL = "group chat", "channel"
SETTINGS = hypothesis_settings(
    max_examples=400,
    deadline=timedelta(seconds=5),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
"""400 updates a test, each allowed 5 s (the first /charts loads the charting library)."""
KEPT_ON_PURPOSE = {"invite_attempts"}
"""Rows input from anyone may add: failed invite codes, counted for the back-off (bot/services/invites)."""
FUZZED: dict[str, int] = {}


@dataclass
class Bot:
    """The running application and what it has done."""

    runner: asyncio.Runner
    app: Application
    transport: RecordingRequest
    world: TwoTeams
    errors: list[BaseException] = field(default_factory=list)
    told_groups: set[int] = field(default_factory=set)

    def send(self, update: Update) -> None:
        self.errors.clear()
        self.runner.run(self.app.process_update(update))

    def fingerprint(self) -> dict[str, list[tuple[object, ...]]]:
        rows = self.runner.run(fingerprint(self.app.bot_data["runtime"].db))
        return {name: found for name, found in rows.items() if name not in KEPT_ON_PURPOSE}


@contextlib.contextmanager
def running(config: Settings) -> Iterator[Bot]:
    """The bot on a database of two teams, its clock stopped at the matrix's moment."""
    transport = RecordingRequest()
    app = build_application(config, MovableClock(NOW), request=transport, get_updates_request=transport)
    with asyncio.Runner() as runner:
        runner.run(app.initialize())
        runner.run(app.post_init(app))
        bot = Bot(runner, app, transport, runner.run(build(app.bot_data["runtime"].db)))

        async def record(update: object, context: object) -> None:
            bot.errors.append(getattr(context, "error", None) or RuntimeError("no error given"))

        app.add_error_handler(record)
        try:
            yield bot
        finally:
            runner.run(app.post_shutdown(app))
            runner.run(app.shutdown())


def where(role: str) -> Where:
    return Where(ROLES["admin"], GROUP_CHAT) if role == GROUP else Where(ROLES.get(role, ROLES["stranger"]))


SAID_IN_THE_CHAT = [
    *("hi", "menu", "yes", "no", "delete", "skip", "money", "morning", "help", "thanks", "Kai", "back"),
    *("can i get money for a sofa", "my gas ran out", "can my pa ring me tmrw", "how do i budget"),
    *("i want to kill myself", "i feel a bit low", "my mate says she wants to end it", "im not safe"),
]
"""What people type, so the fuzzing also walks the conversations: the steps, questions and crisis check."""
ANY_TEXT = st.one_of(
    st.text(min_size=1, max_size=60),
    st.text(min_size=200, max_size=4096),
    st.sampled_from(SAID_IN_THE_CHAT),
    st.lists(st.sampled_from(SAID_IN_THE_CHAT) | st.text(max_size=20), min_size=2, max_size=6).map(" ".join),
)
COMMAND_NAMES = ["start", "help", "menu", "cancel", "stop", "passport", "caseload", "due", "missing"]
COMMAND_NAMES += ["summary", "charts", "export", "teleport", "start@carebot_test_bot", "help@other_bot"]
COMMANDS = st.builds(
    lambda name, rest: f"/{name}{rest}",
    st.sampled_from(COMMAND_NAMES) | st.from_regex(r"[A-Za-z0-9_]{1,32}", fullmatch=True),
    st.just("") | ANY_TEXT.map(lambda text: f" {text}"),
)
WHO = st.sampled_from([*ROLES, GROUP])


@dataclass(frozen=True)
class Said:
    """A message to send: ``kind`` is text, command or media; ``role`` may be a group or a channel."""

    role: str
    kind: str
    text: str | None
    media: str | None = None
    edited: bool = False


WHERE_TYPED = st.sampled_from([*ROLES, GROUP, CHANNEL])
MESSAGES = st.one_of(
    st.builds(Said, WHERE_TYPED, st.just("text"), ANY_TEXT, st.none(), st.booleans()),
    st.builds(Said, WHERE_TYPED, st.just("command"), COMMANDS, st.none(), st.booleans()),
    st.builds(Said, WHO, st.just("media"), st.none() | ANY_TEXT, st.sampled_from(MEDIA)),
)

FIELDS = st.one_of(
    st.integers(0, 10**13).map(str),
    st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
    st.sampled_from(["d", "y", "n", "x", "now", "visit", "rhi", "contact", "team", "all", "mon_bank"]),
    st.text(max_size=12),
)
PREFIXES = st.sampled_from([*REGISTRY, "l0", "a0", "p0", "s0", "k0", "imp0", "zz"])


def _candidates() -> list[str]:
    """Field values a button might carry: the ids of the two teams' records (all small), every code the
    codecs know, and the council's content ids."""
    content = load(council_folder("middlesbrough"))
    enums = (
        DeadlineKind,
        ContactMethod,
        EpisodeKind,
        ContactReason,
        PreferredTime,
        Response,
        Need,
        Fact,
        Role,
    )
    return [
        *(str(number) for number in range(7)),
        "999999",
        *(member.value for enum in enums for member in enum),
        *(member.value for member in Activity),
        *("now", "today", "yesterday", "skip", "d", "t", "h", "y", "n", "x", "2h", "6h", "tomorrow"),
        *("week", "team:1", "team:2", "pa:1", "pa:2", "all"),
        *(item.id for item in content.entitlements),
        *(item.id for item in content.money_help),
        *(item.id for section in content.passport for item in section.items),
        *(section.id for section in content.passport),
    ]


def _well_formed() -> list[st.SearchStrategy[str]]:
    """For every action of every codec, data made of values each of its fields reads: most of it decodes,
    so the presses reach the services, aimed at records the presser may or may not be allowed to touch."""
    pool, made = _candidates(), []
    for codec in REGISTRY.values():
        for action, parsers in codec.actions.items():
            fields = []
            for parser in parsers:
                parse = parser.parse if isinstance(parser, Optional | Rest) else parser
                fields.append(st.sampled_from([value for value in pool if _reads(parse, value)]))
            made.append(
                st.tuples(*fields).map(
                    lambda values, head=f"{codec.prefix}:{action}": ":".join((head, *values))
                )
            )
    return made


def _reads(parse: object, value: str) -> bool:
    try:
        parse(value)  # type: ignore[operator]
    except ValueError:
        return False
    return True


DATA = st.one_of(
    st.one_of(_well_formed()),
    st.builds(lambda prefix, parts: ":".join([prefix, *parts]), PREFIXES, st.lists(FIELDS, max_size=5)),
    st.text(max_size=64),
    st.text(min_size=65, max_size=5000),
    st.none(),
)


@dataclass(frozen=True)
class Pressed:
    role: str
    data: str | None
    inline: bool


PRESSES = st.builds(Pressed, WHO, DATA, st.booleans())


def readable(data: str | None) -> bool:
    """Whether any codec reads this button data (anything else is garbage, whoever sends it)."""
    codec = REGISTRY.get((data or "").partition(":")[0])
    if codec is None:
        return False
    try:
        codec.decode(data)
    except OutOfDate:
        return False
    return True


def _count(test: str) -> None:
    FUZZED[test] = FUZZED.get(test, 0) + 1
    total = sum(FUZZED.values())
    figures.report("fuzz examples", f"{total} updates ({', '.join(f'{n} {k}' for k, n in FUZZED.items())})")


def _check(bot: Bot, update: Update, role: str, entitled: bool, start: int, before: object) -> None:
    """What holds after every update, whatever it was."""
    assert bot.errors == [], f"the error handler fired: {bot.errors!r}"
    chat = update.effective_chat
    shown = seen(bot.transport, start, chat.id if chat else where(role).user_id)
    assert leaked(GROUP if role == CHANNEL else role, shown) == []
    if update.callback_query is not None:
        answers = [call for call in bot.transport.calls[start:] if call.method == "answerCallbackQuery"]
        assert [call.params["callback_query_id"] for call in answers] == [update.callback_query.id]
    if chat is not None and chat.type != "private":
        words = texts.ONLY_PRIVATE.format(bot=bot.app.bot.username)
        assert set(shown.said) <= {words} and shown.files == [] and shown.elsewhere == []
        said_in_chat = [call for call in bot.transport.calls[start:] if call.method == "sendMessage"]
        assert not (said_in_chat and chat.id in bot.told_groups), "the bot said it twice in one chat"
        bot.told_groups.update(chat.id for _ in said_in_chat)
    elif update.message is not None:
        assert shown.answered, "a message in a private chat got no reply"
    if not entitled:
        assert bot.fingerprint() == before, "input from someone with no right to change anything changed it"


def test_fuzz_messages(settings: Settings) -> None:
    with running(settings) as bot:

        @SETTINGS
        @given(MESSAGES)
        def one(said: Said) -> None:
            _count("messages")
            actor = where(said.role)
            if said.role == CHANNEL:
                update = channel_post(bot.app, said.text or "")
            elif said.kind == "media":
                update = message(bot.app, actor, media=said.media, caption=said.text)
            else:
                update = message(bot.app, actor, text=said.text, edited=said.edited)
            entitled = said.role not in (GROUP, CHANNEL, "stranger")
            before, start = None if entitled else bot.fingerprint(), len(bot.transport.calls)
            bot.send(update)
            _check(bot, update, said.role, entitled, start, before)

        one()


def test_fuzz_presses(settings: Settings) -> None:
    with running(settings) as bot:

        @SETTINGS
        @given(PRESSES)
        def one(pressed: Pressed) -> None:
            _count("presses")
            update = press(bot.app, where(pressed.role), pressed.data, inline=pressed.inline)
            entitled = pressed.role not in (GROUP, "stranger") and readable(pressed.data)
            before, start = None if entitled else bot.fingerprint(), len(bot.transport.calls)
            bot.send(update)
            _check(bot, update, pressed.role, entitled, start, before)

        one()
