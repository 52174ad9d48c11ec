"""Two teams and every role, for the access matrix and the fuzzing: North's young person has something of
every kind to act on (a deadline, a missing episode back home with its RHI open, a request to their PA
waiting), and an admin has an import waiting for the Apply button.

Names and case references are unusual words, so finding one in what the bot sent is never a coincidence:
``TOKENS`` lists them by whose they are, and ``VISIBLE`` says which each role may ever see.
"""

import asyncio
import io
import shutil
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from bot.models import Contact, ContactMethod, EpisodeKind, MissingEpisode, Role, Staff, Team, YoungPerson
from bot.models_leaver import Handoff, HandoffKind, Told
from bot.store import Database, contacts, handoffs, missing, people, staff, teams
from bot.store.pending_imports import PendingImport
from bot.store.pending_imports import add as add_pending
from tests.botapi_stub import RecordingRequest

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
CASELOAD_FILE = Path(__file__).parent / "fixtures" / "list9_messy.csv"

LEAVER, OTHER_LEAVER = 8301, 8302
PA, OTHER_PA = 8101, 8102
MANAGER, OTHER_MANAGER = 8201, 8202
ADMIN, STRANGER = 8401, 8999

NORTH_PERSON, SOUTH_PERSON = ("Zephyrine", "NQ-7701"), ("Quillon", "SQ-8802")
NORTH_STAFF, SOUTH_STAFF = ("Northcote", "Northam"), ("Southwell", "Southgate")
TOKENS = (*NORTH_PERSON, *SOUTH_PERSON, *NORTH_STAFF, *SOUTH_STAFF)
NORTH, SOUTH = (*NORTH_PERSON, *NORTH_STAFF), (*SOUTH_PERSON, *SOUTH_STAFF)

ROLES = {
    "leaver": LEAVER,
    "another team's leaver": OTHER_LEAVER,
    "PA": PA,
    "another team's PA": OTHER_PA,
    "manager": MANAGER,
    "another team's manager": OTHER_MANAGER,
    "admin": ADMIN,
    "stranger": STRANGER,
}
"""Each role and the Telegram user who has it. The young person acted on is always North's (``leaver``)."""

VISIBLE: dict[str, tuple[str, ...]] = {
    "leaver": NORTH,
    "another team's leaver": SOUTH,
    "PA": NORTH,
    "another team's PA": SOUTH,
    "manager": NORTH,
    "another team's manager": SOUTH,
    "admin": TOKENS,
    "stranger": (),
    "group chat": (),
}
"""The names and case references each role may ever be shown: their own team's (a young person sees their
own, and their own team's staff), everything for an admin, nothing for a stranger or a group."""


@dataclass(frozen=True)
class TwoTeams:
    north: int
    south: int
    zephyrine: int
    quillon: int
    robin: int
    episode: int
    handoff: int
    pending_import: int


async def build(db: Database) -> TwoTeams:
    async with db.transaction() as tx:
        north = await teams.add(tx, Team(name="North"))
        south = await teams.add(tx, Team(name="South"))

        async def member(name: str, role: Role, team: Team | None, user: int) -> Staff:
            added = await staff.add(
                tx, Staff(name=name, role=role, team_id=team.id if team else None, telegram_user_id=user)
            )
            assert added.id is not None
            return added

        robin = await member("Robin Northcote", Role.PA, north, PA)
        sam = await member("Sam Southwell", Role.PA, south, OTHER_PA)
        await member("Morag Northam", Role.MANAGER, north, MANAGER)
        await member("Suki Southgate", Role.MANAGER, south, OTHER_MANAGER)
        admin = await member("Ada Adminton", Role.ADMIN, None, ADMIN)

        async def young_person(name: str, case_ref: str, pa: Staff, team: Team, user: int) -> int:
            person = await people.add(
                tx,
                YoungPerson(
                    case_ref=case_ref,
                    preferred_name=name,
                    date_of_birth=date(2009, 2, 1),
                    category="relevant",
                    pa_id=pa.id,
                    team_id=team.id,
                    lives_in_area=True,
                    activity_code="F2",
                    is_parent=False,
                    telegram_user_id=user,
                ),
            )
            assert person.id is not None
            await contacts.add(
                tx,
                Contact(
                    young_person_id=person.id,
                    contacted_on=date(2026, 8, 3),
                    method=ContactMethod.VISIT,
                    in_person=True,
                ),
            )
            return person.id

        zephyrine = await young_person(*NORTH_PERSON, robin, north, LEAVER)
        quillon = await young_person(*SOUTH_PERSON, sam, south, OTHER_LEAVER)
        episode = await missing.add(
            tx,
            MissingEpisode(
                young_person_id=zephyrine,
                kind=EpisodeKind.MISSING,
                started_at=datetime(2026, 11, 21, 20, 0, tzinfo=UTC),
                returned_at=datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
            ),
        )
        request = await handoffs.add(
            tx,
            Handoff(
                young_person_id=zephyrine,
                kind=HandoffKind.CONTACT,
                to_staff_id=robin.id,
                to_chat_id=PA,
                told=Told.PA,
                reason="money",
                preferred_time="soon",
                created_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
            ),
        )
        assert admin.id is not None
        pending = await add_pending(
            tx,
            PendingImport(
                staff_id=admin.id,
                file_name=CASELOAD_FILE.name,
                content=CASELOAD_FILE.read_bytes(),
                as_of=NOW.date(),
                created_at=NOW,
            ),
        )
    assert north.id and south.id and robin.id and episode.id and request.id and pending.id
    return TwoTeams(north.id, south.id, zephyrine, quillon, robin.id, episode.id, request.id, pending.id)


def make_template(path: Path) -> TwoTeams:
    """Build the two teams once into ``path``: each test copies the file (``copy_to``) instead of building
    them again, so hundreds of cells each start from the same state in a few milliseconds."""

    async def made() -> TwoTeams:
        db = await Database.open(path)
        try:
            return await build(db)
        finally:
            await db.close()

    return asyncio.run(made())


def copy_to(template: Path, path: Path) -> None:
    shutil.copyfile(template, path)


async def fingerprint(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to compare before and after: what "changed nothing" means."""
    names = await db.reader.execute_fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return {
        name: sorted(
            (tuple(row) for row in await db.reader.execute_fetchall(f'SELECT * FROM "{name}"')), key=repr
        )
        for (name,) in names
    }


@dataclass
class Seen:
    """What the bot did after one update, as the one who sent it saw it."""

    said: list[str]
    """Texts and captions sent or edited into the actor's chat, and the texts of answers to presses."""
    files: list[bytes]
    answered: bool
    elsewhere: list[str]
    """Methods called for any other chat."""

    def text(self) -> str:
        return "\n".join(self.said) + "\n".join(_readable(content) for content in self.files)


def _readable(content: bytes) -> str:
    """A file as text: a spreadsheet's parts unzipped, anything else decoded."""
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return content.decode("utf-8", "replace")


def seen(transport: RecordingRequest, start: int, chat_id: int) -> Seen:
    said, files, answered, elsewhere = [], [], False, []
    for call in transport.calls[start:]:
        params = call.params
        if call.method == "answerCallbackQuery":
            answered = True
            said.append(str(params.get("text", "")))
        elif "chat_id" in params and int(params["chat_id"]) != chat_id:
            elsewhere.append(call.method)
        elif call.method in ("sendMessage", "editMessageText", "sendPhoto", "sendDocument", "copyMessage"):
            answered = True
            said.append(str(params.get("text") or params.get("caption") or ""))
            files.extend(upload[1] for upload in call.files.values())
    return Seen(said, files, answered, elsewhere)


def leaked(role: str, shown: Seen) -> list[str]:
    """The names and case references in what ``role`` was shown that they may not see."""
    text = shown.text()
    return [token for token in TOKENS if token not in VISIBLE[role] and token in text]
