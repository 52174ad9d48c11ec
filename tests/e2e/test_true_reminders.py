"""Reminders true when they arrive, end to end: the real bot over the local Bot API server, the tick run
as the clock moves, and PAs and managers pressing the buttons they are sent."""

from datetime import date, timedelta

from bot.models import (
    Category,
    Contact,
    ContactMethod,
    MissingEpisode,
    PathwayReview,
    Role,
    Staff,
    YoungPerson,
)
from bot.services.imports import run_import
from bot.store import contacts, missing, people, reviews
from bot.wording.staff import day_text
from tests.e2e.harness import Chat, Person


def texts(person: Person, words: str) -> list[str]:
    return [
        message.get("text", "")
        for message in person.chat.server.world.bot_messages(person.user_id)
        if words in message.get("text", "")
    ]


async def up_to_date(chat: Chat, person_id: int, contacted_on: date) -> None:
    """A contact on ``contacted_on`` and a review last week."""
    async with chat.db.transaction() as tx:
        await contacts.add(
            tx,
            Contact(
                young_person_id=person_id,
                contacted_on=contacted_on,
                method=ContactMethod.VISIT,
                in_person=True,
            ),
        )
        await reviews.add(
            tx, PathwayReview(young_person_id=person_id, reviewed_on=chat.today() - timedelta(days=7))
        )


async def test_a_reminder_held_for_monday_is_withdrawn_after_an_import_settles_its_deadline(
    chat: Chat,
) -> None:
    robin = await chat.pa("Robin Hall")
    assert isinstance(robin.record, Staff)
    kai = await chat.young_person_record("Kai", pa=robin.record)
    assert kai.id is not None
    await up_to_date(chat, kai.id, chat.today() - timedelta(days=51))  # contact due on Saturday
    await chat.time_passes(timedelta(minutes=1))
    assert texts(robin, "Coming up: contact for Kai")
    robin.read_everything()

    await chat.time_passes(timedelta(days=5))  # Saturday: "due today" waits for Monday's working hours
    assert texts(robin, "Due today: contact for Kai") == []

    # The council's file, imported as "carebot import" does, says Kai was seen on Friday.
    born = kai.date_of_birth.strftime("%d/%m/%Y")
    seen = (chat.today() - timedelta(days=1)).strftime("%d/%m/%Y")
    reviewed = (chat.today() - timedelta(days=12)).strftime("%d/%m/%Y")
    csv = (
        "case_ref,date_of_birth,category,preferred_name,pa_name,team,latest_contact,latest_review\n"
        f"{kai.case_ref},{born},former relevant,Kai,Robin Hall,Pathways Team,{seen},{reviewed}\n"
    )
    outcome = await run_import(
        chat.db,
        [("caseload.csv", csv.encode())],
        as_of=chat.today(),
        tz=chat.runtime.settings.service.tz,
        now=chat.clock(),
    )
    assert outcome.applied

    await chat.time_passes(timedelta(hours=1))
    await chat.time_passes(timedelta(days=2) - timedelta(hours=2))  # Monday 09:00
    assert texts(robin, "Due today: contact for Kai") == texts(robin, "Overdue: contact for Kai") == []


async def test_hours_left_are_counted_when_the_reminder_goes_after_quiet_hours(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    assert isinstance(robin.record, Staff)
    kai = await chat.young_person_record("Kai", age=16, category=Category.RELEVANT, pa=robin.record)
    assert kai.id is not None
    await up_to_date(chat, kai.id, chat.today())
    await chat.time_passes(timedelta(days=4))  # Friday 10:00: Kai is back
    async with chat.db.transaction() as tx:
        await missing.add(
            tx,
            MissingEpisode(
                young_person_id=kai.id, started_at=chat.clock() - timedelta(hours=9), returned_at=chat.clock()
            ),
        )
    await chat.time_passes(timedelta(minutes=1))
    assert texts(robin, "Kai (CL000001) is back after being missing")
    robin.read_everything()

    await chat.time_passes(timedelta(hours=66) - timedelta(minutes=1))  # Monday 04:00: quiet hours
    assert texts(robin, "hours left") == []
    await chat.time_passes(timedelta(hours=3))  # 07:00
    reminder = await robin.next_reply()
    assert reminder.text.startswith("3 hours left to offer the return home interview for Kai (CL000001).")
    assert reminder.has_button("RHI done")


async def test_a_transition_planned_from_its_reminder_is_not_overdue_after_the_birthday(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    assert isinstance(robin.record, Staff)
    today = chat.today()
    born = today.replace(year=today.year - 18) + timedelta(days=60)  # 18 in 60 days
    team = await chat.team()
    async with chat.db.transaction() as tx:
        ava = await people.add(
            tx,
            YoungPerson(
                case_ref="CL000777",
                preferred_name="Ava",
                date_of_birth=born,
                category=Category.RELEVANT,
                pa_id=robin.record.id,
                team_id=team.id,
            ),
        )
    assert ava.id is not None
    await up_to_date(chat, ava.id, today)
    await chat.time_passes(timedelta(minutes=1))
    reminder = await robin.next_reply()
    assert reminder.text.startswith(f"Ava (CL000777) turns 18 on {day_text(today + timedelta(days=60))}.")
    assert reminder.buttons == ["Planned", "Snooze until ..."]
    await robin.presses("Planned", on=reminder)
    asked = await robin.sees_edit(reminder)
    assert asked.text == "When was planning for 18 done with Ava (CL000777)?"
    await robin.presses("Today", on=asked)
    recorded = await robin.sees_edit(asked)
    assert recorded.text.startswith("Recorded: planning for 18 with Ava (CL000777)")
    robin.read_everything()

    await robin.says("/due")
    listed = await robin.next_reply()
    assert not [label for label in listed.buttons if "planning for 18" in label]
    told_before = texts(robin, "turns 18")  # the morning digest listed it before it was planned
    for _ in range(7):  # ten weeks on, past the birthday
        await chat.time_passes(timedelta(days=10))
    assert texts(robin, "Overdue: planning for 18") == []
    assert texts(robin, "turns 18") == told_before  # nor in a digest since


async def test_the_caseload_in_the_summary_leaves_out_the_young_person_who_died(chat: Chat) -> None:
    dana = await chat.manager("Dana Khan")
    robin = await chat.staff_record("Robin Hall", Role.PA)
    for name in ("Kai", "Ava"):
        await chat.young_person_record(name, pa=robin)
    await chat.young_person_record("Hal", pa=robin, in_touch="DIED")
    await dana.says("/summary")
    summary = await dana.next_reply()
    assert "• Robin Hall: 2" in summary.text
    assert "2 young people, 1 PA, average 2.0 per PA." in summary.text
    assert "Not counted: 1 who died." in summary.text


async def test_a_pa_who_has_not_joined_is_listed_as_waiting_and_their_invite_sent_again(chat: Chat) -> None:
    dana = await chat.manager("Dana Khan")
    robin_record = await chat.staff_record("Robin Hall", Role.PA)  # no Telegram yet
    kai = await chat.young_person_record("Kai", pa=robin_record)
    assert kai.id is not None
    await chat.time_passes(timedelta(minutes=1))  # Monday 10:01: the morning lists go
    assert texts(dana, "- waiting: Robin Hall has not joined yet (2 reminders)")
    assert texts(dana, "Due today: contact for Kai") == []  # not sent to the manager as hers
    dana.read_everything()
    await dana.presses("Send Robin Hall's invite again")
    about, to_forward = await dana.replies(2)
    assert about.text.startswith("Here is Robin Hall's invite.")
    [link] = [word for word in to_forward.text.split() if word.startswith("https://t.me/")]

    robin = await chat.user("Robin")
    await robin.opens(link)
    await robin.next_reply()  # the welcome
    robin.read_everything()
    await chat.time_passes(timedelta(minutes=1))
    assert texts(robin, "Due today: contact for Kai")
