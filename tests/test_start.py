"""/start and /help through Application.process_update with real Update objects."""

from datetime import date, timedelta

from telegram.ext import Application

from bot.clock import MovableClock
from bot.models import Role, Staff, Team, YoungPerson
from bot.services import invites
from bot.store import people, staff, teams
from tests.botapi_stub import RecordingRequest
from tests.conftest import text_update


async def test_an_unknown_user_gets_the_public_welcome(app: Application, transport: RecordingRequest) -> None:
    await app.process_update(text_update(app, 500, "/start"))
    [reply] = transport.sent_texts(500)
    assert "Pathways (Leaving Care) Service" in reply
    assert "If your PA sent you a link, tap it to join." in reply
    assert "999" in reply


async def test_an_unknown_user_asking_for_help_sees_public_help_only(
    app: Application, transport: RecordingRequest
) -> None:
    await app.process_update(text_update(app, 500, "/help"))
    [reply] = transport.sent_texts(500)
    assert "ask your PA for a link" in reply


async def test_a_young_person_joins_by_invite_link(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = app.bot_data["runtime"].db
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="North"))
        pa = await staff.add(tx, Staff(name="Robin", role=Role.PA, team_id=team.id))
        await people.add(
            tx,
            YoungPerson(
                case_ref="CL5",
                preferred_name="Kai",
                date_of_birth=date(2007, 5, 1),
                category="former_relevant",
                pa_id=pa.id,
                team_id=team.id,
            ),
        )
    invite = await invites.create_for_young_person(
        db, "CL5", now=clock(), valid_for=timedelta(hours=1), bot_username="carebot"
    )
    await app.process_update(text_update(app, 600, f"/start {invite.code}"))
    await app.process_update(text_update(app, 600, "/start"))
    joined, welcome_back = transport.sent_texts(600)
    assert "You're in, Kai" in joined
    assert "Hi Kai" in welcome_back
    menus = [call for call in transport.calls if call.method == "setMyCommands" and "scope" in call.params]
    assert any(
        '"chat_id": 600' in str(call.params["scope"]) or "600" in str(call.params["scope"]) for call in menus
    )


async def test_a_spent_invite_is_refused_kindly(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    await app.process_update(text_update(app, 601, "/start made-up-code"))
    [reply] = transport.sent_texts(601)
    assert "doesn't work" in reply and "ask for a new one" in reply
