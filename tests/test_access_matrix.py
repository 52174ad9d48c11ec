"""The access matrix: every command, a button of every prefix in ``bot.callbacks.REGISTRY`` (several for
the prefixes that act on a record) and a caseload file upload, each sent by every role: a young person, a
young person in another team, a PA, another team's PA, a manager, another team's manager, an admin, a
stranger, and an admin in a group chat. Whatever acts on a record acts on North's young person.

Each cell starts from the same two teams (``tests/two_teams.py``) and checks what a user would notice:

- an allowed action is answered with something other than a refusal;
- a refused one is answered (a kind refusal, or a press answered), changes nothing in the database and
  sends nothing to anyone else;
- nothing the actor is sent, files included, names a person or case reference their role may not see;
- in a group chat, the bot says only that it works in private chats, and changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.app import build_application
from bot.callbacks import REGISTRY
from bot.clock import MovableClock
from bot.config import Settings
from bot.services import manager_reports, summary
from bot.services.access import AccessDenied
from bot.wording import pa as pa_words
from bot.wording import team as team_words
from handlers import leaver_texts, public_texts, texts
from tests import figures
from tests.botapi_stub import RecordingRequest
from tests.two_teams import (
    CASELOAD_FILE,
    ROLES,
    Seen,
    TwoTeams,
    copy_to,
    fingerprint,
    leaked,
    make_template,
    seen,
)
from tests.updates import GROUP_CHAT, Where, message, press

EVERYONE = frozenset(ROLES)
YOUNG = frozenset({"leaver", "another team's leaver"})
NOT_STAFF = YOUNG | {"stranger"}
STAFF = EVERYONE - NOT_STAFF
PAS = frozenset({"PA", "another team's PA"})
MANAGERS = frozenset({"manager", "another team's manager"})
NORTH_MANAGER_AND_ADMIN = frozenset({"manager", "admin"})
NORTH_PA = frozenset({"PA"})
CAN_SEE_NORTH = frozenset({"PA", "manager", "admin"})
ADMIN = frozenset({"admin"})

REFUSALS = (
    leaver_texts.NOT_LINKED,
    leaver_texts.ONLY_TEXT,
    public_texts.ONLY_TEXT,
    pa_words.NOT_A_PA,
    str(AccessDenied()),
    summary.NOT_STAFF,
    summary.OWN_TEAM_ONLY,
    summary.OWN_CASELOAD_ONLY,
    manager_reports.MANAGERS_ONLY,
    team_words.NOT_FOR_YOU,
    team_words.NOT_YOUR_TEAM,
    # Written where they are raised, in bot/services/advisor.py and bot/services/imports.py:
    "Sorry, only personal advisors can do that.",
    "Sorry, that young person isn't on your caseload.",
    "Sorry, that record isn't on your caseload.",
    "Only an admin can import the caseload.",
)
"""Every way the bot says no. An allowed action must be answered with none of these."""


def refused(shown: Seen) -> bool:
    return any(refusal in text for text in shown.said for refusal in REFUSALS)


Send = Callable[[Application, Where, TwoTeams, RecordingRequest], Update]


@dataclass(frozen=True)
class Action:
    name: str
    allowed: frozenset[str]
    send: Send


def command(text: str, allowed: frozenset[str]) -> Action:
    return Action(text, allowed, lambda app, where, world, transport: message(app, where, text=text))


def button(template: str, allowed: frozenset[str]) -> Action:
    """A press whose data is ``template`` with the world's ids filled in (``{episode}``, ``{north}``...)."""

    def send(app: Application, where: Where, world: TwoTeams, transport: RecordingRequest) -> Update:
        return press(app, where, template.format(**vars(world)))

    return Action(template, allowed, send)


def upload(app: Application, where: Where, world: TwoTeams, transport: RecordingRequest) -> Update:
    update = message(app, where, media="document", file_name=CASELOAD_FILE.name)
    assert update.message is not None and update.message.document is not None
    transport.files[update.message.document.file_id] = CASELOAD_FILE.read_bytes()
    return update


ACTIONS = [
    command("/start", EVERYONE),
    command("/help", EVERYONE),
    command("/menu", EVERYONE),
    command("/cancel", YOUNG | STAFF),
    command("/stop", YOUNG),
    command("/passport", YOUNG | PAS | MANAGERS),
    command("/caseload", PAS),
    command("/due", PAS),
    command("/missing", PAS),
    command("/summary", STAFF),
    command("/summary North", NORTH_MANAGER_AND_ADMIN),
    command("/charts North", NORTH_MANAGER_AND_ADMIN),
    command("/export North", NORTH_MANAGER_AND_ADMIN),
    command("/staff", MANAGERS | ADMIN),
    command("/caseloads", MANAGERS | ADMIN),
    button("a1:op:rhi:{episode}", NORTH_PA),
    button("a1:cd:{zephyrine}", NORTH_PA),
    button("a1:cw:{zephyrine}:visit:0", NORTH_PA),
    button("a1:rd:{episode}", NORTH_PA),
    button("a1:mp:{zephyrine}", NORTH_PA),
    button("a1:sz:contact:{zephyrine}", NORTH_PA),
    button("l1:menu", YOUNG),
    button("l1:pp", YOUNG),
    button("l1:offer", YOUNG),
    button("l1:pt:mon_bank:d", YOUNG),
    button("l1:fact:lives_in_area:n", YOUNG),
    button("l1:pa", YOUNG),
    button("l1:stop:d", YOUNG),
    button("p1:menu", EVERYONE),
    button("p1:join", EVERYONE),
    button("h1:safe", NOT_STAFF),
    button("h1:help", NOT_STAFF),
    button("s1:rhi:team:{north}", NORTH_MANAGER_AND_ADMIN),
    button("s1:contact:pa:{robin}", NORTH_PA),
    button("s1:contact:all", ADMIN),
    button("k1:today:{handoff}", CAN_SEE_NORTH),
    button("t1:st:{north}", NORTH_MANAGER_AND_ADMIN),
    button("t1:sm:{robin}", NORTH_MANAGER_AND_ADMIN),
    button("t1:sa:pa:{north}", NORTH_MANAGER_AND_ADMIN),
    button("t1:sj:{robin}", NORTH_MANAGER_AND_ADMIN),
    button("t1:sx:{robin}", NORTH_MANAGER_AND_ADMIN),
    button("t1:cl:{north}", NORTH_MANAGER_AND_ADMIN),
    button("t1:cf:{north}:{robin}", NORTH_MANAGER_AND_ADMIN),
    button("imp1:cancel:{pending_import}", ADMIN),
    button("imp1:apply:{pending_import}", ADMIN),
    Action("upload a caseload file", ADMIN, upload),
]
GROUP = "group chat"
CELLS = [(action, role) for action in ACTIONS for role in [*ROLES, GROUP]]
figures.report(
    "access matrix",
    f"{len(ROLES) + 1} roles x {len(ACTIONS)} actions = {len(CELLS)} cells"
    f" ({sum(action.name.startswith('/') for action in ACTIONS)} commands,"
    f" {sum(':' in action.name for action in ACTIONS)} buttons, 1 upload)",
)


def test_every_button_prefix_and_command_is_in_the_matrix(app: Application) -> None:
    prefixes = {action.name.split(":")[0] for action in ACTIONS if ":" in action.name}
    assert prefixes == set(REGISTRY)
    commands = {
        f"/{name}"
        for handlers in app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    assert commands == {action.name.split()[0] for action in ACTIONS if action.name.startswith("/")}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TwoTeams]:
    path = tmp_path_factory.mktemp("two-teams") / "template.sqlite3"
    return path, make_template(path)


@pytest.fixture
async def world(
    template: tuple[Path, TwoTeams], settings: Settings, clock: MovableClock, transport: RecordingRequest
) -> Any:
    """The app on a fresh copy of the two teams."""
    path, ids = template
    copy_to(path, settings.database.path)
    application = build_application(settings, clock, request=transport, get_updates_request=transport)
    async with application:
        await application.post_init(application)
        yield application, ids
        await application.post_shutdown(application)


@pytest.mark.parametrize(
    ("action", "role"), CELLS, ids=[f"{action.name} as {role}" for action, role in CELLS]
)
async def test_access(world: Any, transport: RecordingRequest, action: Action, role: str) -> None:
    app, ids = world
    db = app.bot_data["runtime"].db
    where = Where(ROLES["admin"], GROUP_CHAT) if role == GROUP else Where(ROLES[role])
    before, start = await fingerprint(db), len(transport.calls)

    await app.process_update(action.send(app, where, ids, transport))

    after = seen(transport, start, where.group or where.user_id)
    assert leaked(role, after) == []
    if role == GROUP:
        words = texts.ONLY_PRIVATE.format(bot=app.bot.username)
        assert after.said == [words] and after.files == [] and after.elsewhere == []
        assert await fingerprint(db) == before
    elif role in action.allowed:
        assert after.said and not refused(after), f"{role} was refused: {after.said}"
    else:
        assert after.answered, f"{role} got no answer"
        assert refused(after) or after.said == [""], f"{role} was not refused: {after.said}"
        assert after.elsewhere == [], f"a refused {role} made the bot send {after.elsewhere}"
        assert await fingerprint(db) == before, f"a refused {role} changed the database"
