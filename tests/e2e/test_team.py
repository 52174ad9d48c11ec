"""A manager runs the team over HTTP through the local Bot API server: adding a PA who joins with the
forwarded invite, a new invite, a PA who leaves and whose young person is handed over, and moving a
young person, who is told in the council's words."""

from datetime import timedelta

from bot.models import Role, Staff
from bot.store import people, staff
from tests.e2e.harness import Chat, Person, Reply


async def taps(person: Person, label: str, on: Reply) -> Reply:
    """Press ``label`` under ``on`` and wait for the bot to change that message."""
    await person.presses(label, on=on)
    return await person.sees_edit(on)


async def test_a_manager_adds_a_pa_who_joins_with_the_forwarded_invite(chat: Chat) -> None:
    dana = await chat.manager("Dana Khan")
    await dana.says("/staff")
    listing = await dana.next_reply()
    assert listing.text.startswith("Staff: Pathways Team\n\n• Dana Khan, manager")
    await dana.presses("Add a PA", on=listing)
    assert (
        await dana.sees_edit(listing)
    ).text == "Type the new PA's full name, as it is in the council's records."
    await dana.says("Alex Green")
    asked = await dana.next_reply()
    assert asked.text.startswith("Their worker ID")
    await dana.says("W 0042")
    confirm = await dana.next_reply()
    assert confirm.text == "Add Alex Green as a PA in Pathways Team?\nWorker ID: W 0042"
    await dana.presses("Yes, add them", on=confirm)
    assert (await dana.sees_edit(confirm)).text == "Added Alex Green as a PA."
    ready, to_forward = await dana.replies(2)
    assert ready.text.startswith("Here is Alex Green's invite. Forward the next message to them.")
    link = next(word for word in to_forward.text.split() if word.startswith("https://t.me/"))

    alex = await chat.user("Alex")
    await alex.opens(link)
    assert (
        await alex.next_reply()
    ).text == "Welcome, Alex Green. Your account is linked as a personal advisor."
    member = await staff.by_telegram_user(chat.db.reader, alex.user_id)
    assert member is not None and (member.role, member.worker_id) == (Role.PA, "W 0042")


async def test_a_pa_who_leaves_loses_access_and_their_work_follows_the_young_person(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    sacha = await chat.pa("Sacha Patel")
    kai = await chat.leaver("Kai", pa=robin)
    await kai.asks_for_a_call()
    dana = await chat.manager("Dana Khan")

    await dana.says("/staff")
    screen = await taps(dana, "Robin Hall", await dana.next_reply())
    screen = await taps(dana, "They have left", screen)
    screen = await taps(dana, "Yes, Robin Hall has left", screen)
    assert "Their open requests and alerts (1) have come to you" in screen.text
    assert "Robin Hall had 1 young person. They need a new PA." in screen.text
    passed = await dana.next_reply()
    assert passed.text.startswith("Passed to you: Kai (CL000001), asked to be contacted")
    robin.read_everything()
    await robin.says("/due")
    assert (await robin.next_reply()).text == "Sorry, only personal advisors can use that."

    screen = await taps(dana, "Hand them over now", screen)
    screen = await taps(dana, "Kai (CL000001)", screen)
    screen = await taps(dana, "Next: choose their new PA", screen)
    screen = await taps(dana, "Sacha Patel: 0 → 1 (most room)", screen)
    await taps(dana, "Yes, move them", screen)
    assert "Your new personal adviser (PA) is Sacha Patel." in (await kai.next_reply()).text
    for_sacha = [await sacha.next_reply(), await sacha.next_reply()]
    texts = sorted(reply.text.split(",")[0] for reply in for_sacha)
    assert texts == ["New on your caseload", "Passed to you: Kai (CL000001)"]
    moved = await people.by_telegram_user(chat.db.reader, kai.user_id)
    assert isinstance(sacha.record, Staff) and moved is not None and moved.pa_id == sacha.record.id

    await chat.time_passes(timedelta(minutes=1))
    reminder = await sacha.next_reply(within=15)  # no review on record: one is due today
    assert reminder.text == "Due today: pathway plan review for Kai (CL000001)."
    assert reminder.has_button("Review done")


async def test_a_manager_moves_a_young_person_and_sees_the_caseloads_change(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    sacha = await chat.pa("Sacha Patel")
    kai = await chat.leaver("Kai", pa=robin)
    await chat.leaver("Mia", pa=robin)
    dana = await chat.manager("Dana Khan")
    await dana.says("/caseloads")
    loads = await dana.next_reply()
    assert "• Robin Hall: 2 (room for 20)\n• Sacha Patel: 0 (room for 22)" in loads.text
    screen = await taps(dana, "Robin Hall: 2", loads)
    screen = await taps(dana, "Kai (CL000001)", screen)
    screen = await taps(dana, "Next: choose their new PA", screen)
    screen = await taps(dana, "Sacha Patel: 0 → 1 (most room)", screen)
    done = await taps(dana, "Yes, move them", screen)
    assert done.text.startswith("Done. 1 young person moved to Sacha Patel.")
    fresh = await dana.next_reply()
    assert "• Robin Hall: 1 (room for 21)\n• Sacha Patel: 1 (room for 21)" in fresh.text
    told = await kai.next_reply()
    assert told.text.startswith("Your PA has changed.") and told.has_button("💬 Talk to my PA")
    assert (await robin.next_reply()).text.startswith(
        "1 of your young people now has Sacha Patel as their PA"
    )
    assert (await sacha.next_reply()).text.startswith("New on your caseload")


async def test_a_pa_cannot_run_the_team(chat: Chat) -> None:
    robin: Person = await chat.pa("Robin Hall")
    for command in ("/staff", "/caseloads"):
        await robin.says(command)
        assert (
            await robin.next_reply()
        ).text == "Sorry, only managers and admins can manage staff and caseloads."
