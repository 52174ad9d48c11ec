"""Names: never made up by an import, asked for once after joining, and a fallback for staff."""

from datetime import date, timedelta

import pytest
from telegram.ext import Application

from bot.clock import MovableClock
from bot.config import Settings
from bot.services import invites
from bot.store import Database, contacts, people, reviews
from bot.store import db as store_db
from tests.botapi_stub import RecordingRequest
from tests.caseload import PA_CHAT, make_caseload
from tests.conftest import button_update, text_update
from tests.test_import_service import FIXTURES, add_staff, do_import, files

JOINER = 640
OLD_PERSON = (
    "INSERT INTO young_people (id, case_ref, preferred_name, date_of_birth, category, pa_id, team_id)"
    " VALUES (?, ?, ?, '2008-03-14', 'former_relevant', 1, 1)"
)


def own_csv(*rows: str) -> list[tuple[str, bytes]]:
    header = "case_ref,preferred_name,date_of_birth,category\n"
    return [("caseload.csv", (header + "".join(f"{row}\n" for row in rows)).encode())]


async def invite_link(db: Database, case_ref: str, clock: MovableClock) -> str:
    invite = await invites.create_for_young_person(
        db, case_ref, now=clock(), valid_for=timedelta(hours=1), bot_username="carebot"
    )
    return f"/start {invite.code}"


def skip_button(transport: RecordingRequest) -> str:
    """The callback data of the Skip button under the latest message to the young person."""
    latest = transport.replies(JOINER)[-1]
    assert list(latest.buttons) == ["Skip"]
    return latest.buttons["Skip"]


# --- The import ------------------------------------------------------------------------------------


async def test_annex_a_gives_no_name_and_a_file_with_names_fills_it(db: Database) -> None:
    await add_staff(db)
    assert (await do_import(db, files(FIXTURES / "list9_messy.csv"))).applied
    first = await people.by_case_ref(db.reader, "CL1001")
    assert first is not None and first.preferred_name is None

    assert (await do_import(db, own_csv("CL1001,Kai,14/02/2007,former relevant"))).applied
    named = await people.by_case_ref(db.reader, "CL1001")
    assert named is not None and (named.preferred_name, named.named_themselves) == ("Kai", False)

    # Annex A again: it has no names, so it leaves Kai's as it is.
    assert (await do_import(db, files(FIXTURES / "list9_messy.csv"))).applied
    again = await people.by_case_ref(db.reader, "CL1001")
    assert again is not None and again.preferred_name == "Kai"


async def test_no_file_replaces_the_name_a_young_person_chose(db: Database) -> None:
    await add_staff(db)
    await do_import(db, files(FIXTURES / "list9_messy.csv"))
    person = await people.by_case_ref(db.reader, "CL1001")
    assert person is not None
    async with db.transaction() as tx:
        await people.update(tx, person.model_copy(update={"preferred_name": "Jay", "named_themselves": True}))

    for imported in (
        files(FIXTURES / "list9_messy.csv"),
        own_csv("CL1001,Jayden,14/02/2007,former relevant"),
    ):
        outcome = await do_import(db, imported)
        assert outcome.applied, outcome.plan.problems
        kept = await people.by_case_ref(db.reader, "CL1001")
        assert kept is not None and (kept.preferred_name, kept.named_themselves) == ("Jay", True)


# --- Joining ---------------------------------------------------------------------------------------


async def test_a_young_person_with_no_name_is_greeted_without_one_and_asked_once(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    await team.person("CL000123", name=None)
    await app.process_update(text_update(app, JOINER, await invite_link(db, "CL000123", clock)))
    welcome, question = transport.sent_texts(JOINER)
    assert welcome.startswith("You're in! 👋")
    assert "CL000123" not in welcome
    assert question.startswith("What would you like me to call you?")
    skip_button(transport)

    await app.process_update(text_update(app, JOINER, "  Jay  "))
    thanks = transport.sent_texts(JOINER)[-1]
    assert thanks.startswith("Nice to meet you, Jay!")
    assert "What would you like to do, Jay?" in thanks
    stored = await people.by_case_ref(db.reader, "CL000123")
    assert stored is not None and (stored.preferred_name, stored.named_themselves) == ("Jay", True)

    await app.process_update(text_update(app, JOINER, "/start"))
    assert transport.sent_texts(JOINER)[-1].startswith("Hi Jay!")
    # Answered once: a later message is not taken as a name.
    await app.process_update(text_update(app, JOINER, "Sam"))
    assert (await people.by_case_ref(db.reader, "CL000123")).preferred_name == "Jay"


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("https://example.com", "no links"),
        ("see t.me/somewhere", "no links"),
        ("@jay_01", "no links"),
        ("J" * 31, "shorter name (up to 30 letters)"),
        ("12345 !!", "some letters"),
    ],
)
async def test_a_name_that_is_not_a_short_name_is_refused_kindly_and_nothing_is_stored(
    app: Application, transport: RecordingRequest, clock: MovableClock, typed: str, refusal: str
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    await team.person("CL000123", name=None)
    await app.process_update(text_update(app, JOINER, await invite_link(db, "CL000123", clock)))
    await app.process_update(text_update(app, JOINER, typed))
    assert refusal in transport.sent_texts(JOINER)[-1]
    skip_button(transport)  # the way out is offered again
    stored = await people.by_case_ref(db.reader, "CL000123")
    assert stored is not None and stored.preferred_name is None

    await app.process_update(text_update(app, JOINER, "Jay"))  # still asking: a second go works
    assert (await people.by_case_ref(db.reader, "CL000123")).preferred_name == "Jay"


async def test_skip_leaves_no_name_and_the_bot_carries_on_without_one(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    await team.person("CL000123", name=None)
    await app.process_update(text_update(app, JOINER, await invite_link(db, "CL000123", clock)))
    await app.process_update(button_update(app, JOINER, skip_button(transport)))
    [edited] = [call.params["text"] for call in transport.calls_to("editMessageText")]
    assert edited == "No problem.\n\nWhat would you like to do?"
    await app.process_update(text_update(app, JOINER, "/start"))
    assert transport.sent_texts(JOINER)[-1].startswith("Hi! Good to see you.")
    stored = await people.by_case_ref(db.reader, "CL000123")
    assert stored is not None and stored.preferred_name is None


@pytest.mark.parametrize(("typed", "shown"), [("skip", "No problem."), ("money", "Money help")])
async def test_typing_skip_or_a_menu_word_is_not_taken_as_a_name(
    app: Application, transport: RecordingRequest, clock: MovableClock, typed: str, shown: str
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    await team.person("CL000123", name=None)
    await app.process_update(text_update(app, JOINER, await invite_link(db, "CL000123", clock)))
    await app.process_update(text_update(app, JOINER, typed))
    assert shown in transport.replies(JOINER)[-1].text
    stored = await people.by_case_ref(db.reader, "CL000123")
    assert stored is not None and stored.preferred_name is None


async def test_a_young_person_with_a_name_is_not_asked(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    await team.person("CL5", name="Kai")
    await app.process_update(text_update(app, JOINER, await invite_link(db, "CL5", clock)))
    [welcome] = transport.sent_texts(JOINER)
    assert welcome.startswith("You're in, Kai! 👋")


# --- Staff -----------------------------------------------------------------------------------------


async def test_staff_see_the_case_reference_when_there_is_no_name(
    app: Application, transport: RecordingRequest
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    await team.person("CL000123", name=None, contacted_on=date(2026, 11, 20))
    await team.person("CL2", name="Ava", contacted_on=date(2026, 11, 20))
    await app.process_update(text_update(app, PA_CHAT, "/caseload"))
    lines = transport.sent_texts(PA_CHAT)[-1].splitlines()
    assert lines[1].startswith("Ava (CL2): ")
    assert lines[2].startswith("CL000123: ")
    assert "None" not in "\n".join(lines)


async def test_a_pa_is_told_who_asked_by_case_reference_when_there_is_no_name(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    await team.person("CL000123", name=None)
    await app.process_update(text_update(app, JOINER, await invite_link(db, "CL000123", clock)))
    await app.process_update(button_update(app, JOINER, "l1:pat:money:soon"))
    [to_pa] = transport.sent_texts(PA_CHAT)
    assert to_pa.startswith("CL000123 asked you to contact them.")


# --- Upgrading a database --------------------------------------------------------------------------


async def test_the_migration_clears_made_up_names_and_keeps_everything_that_refers_to_people(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = store_db.available_migrations()
    before = [(name, sql) for name, sql in everything if name < "042"]
    monkeypatch.setattr(store_db, "available_migrations", lambda: before)
    database = await Database.open(settings.database.path)
    try:
        async with database.transaction() as tx:
            await tx.execute("INSERT INTO teams (id, name) VALUES (1, 'North')")
            await tx.execute("INSERT INTO staff (id, name, role, team_id) VALUES (1, 'Robin', 'pa', 1)")
            await tx.executemany(
                OLD_PERSON,
                [(1, "CL000123", "CL000123"), (2, "CL2", "Ava")],
            )
            await tx.execute(
                "INSERT INTO contacts (young_person_id, contacted_on, method, in_person, source)"
                " VALUES (1, '2026-11-01', 'visit', 1, 'chat')"
            )
            await tx.execute(
                "INSERT INTO pathway_reviews (young_person_id, reviewed_on, source)"
                " VALUES (2, '2026-10-01', 'chat')"
            )
        monkeypatch.setattr(store_db, "available_migrations", lambda: everything)
        assert "042_optional_preferred_name.sql" in await database.migrate()

        made_up, ava = await people.get(database.reader, 1), await people.get(database.reader, 2)
        assert made_up is not None and made_up.preferred_name is None
        assert ava is not None and ava.preferred_name == "Ava"
        assert len(await contacts.for_person(database.reader, 1)) == 1  # the rebuild deleted nothing
        assert len(await reviews.for_person(database.reader, 2)) == 1
        [(foreign_keys,)] = await database.reader.execute_fetchall("PRAGMA foreign_keys")
        [(writer_foreign_keys,)] = await database._writer.execute_fetchall("PRAGMA foreign_keys")
        assert (foreign_keys, writer_foreign_keys) == (1, 1)

        # The rebuilt table's triggers, and the staff triggers that read it, still wake the sweep.
        async with database.transaction() as tx:
            await tx.execute("UPDATE sweep_schedule SET next_at = '2027-01-01T00:00:00+00:00'")
            await tx.execute("UPDATE staff SET telegram_user_id = 99 WHERE id = 1")
        rows = await database.reader.execute_fetchall("SELECT next_at FROM sweep_schedule ORDER BY 1")
        assert [row[0] for row in rows] == ["", ""]
        async with database.transaction() as tx:
            await tx.execute("UPDATE sweep_schedule SET next_at = '2027-01-01T00:00:00+00:00'")
            await tx.execute("UPDATE young_people SET in_touch = 'YES' WHERE id = 2")
        rows = await database.reader.execute_fetchall("SELECT young_person_id, next_at FROM sweep_schedule")
        assert dict((row[0], row[1]) for row in rows) == {1: "2027-01-01T00:00:00+00:00", 2: ""}
    finally:
        await database.close()
