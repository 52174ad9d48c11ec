"""Conversations with the real bot over HTTP: /start, joining by invite link, /help by role."""

from bot.localapi import LocalBotApi
from bot.menus import LEAVER_COMMANDS
from bot.models import Category
from handlers import texts
from tests.e2e.harness import Chat


async def test_an_unknown_user_gets_the_public_welcome(chat: Chat) -> None:
    sam = await chat.user("Sam")
    await sam.says("/start")
    reply = await sam.next_reply()
    assert "Pathways (Leaving Care) Service" in reply.text
    assert "If your PA sent you a link, tap it to join." in reply.text
    assert "116 123" in reply.text


async def test_a_young_person_joins_by_invite_link_and_is_known_after(
    chat: Chat, local_api: LocalBotApi
) -> None:
    record = await chat.young_person_record("Kai", age=19)
    kai = await chat.user("Kai")
    await kai.opens(await chat.invite_link(record))
    joined = await kai.next_reply()
    assert "You're in, Kai" in joined.text

    await kai.says("/start")
    assert (await kai.next_reply()).text.startswith("Hi Kai!")
    menu = local_api.world.commands[f"chat:{kai.user_id}:"]
    assert [command["command"] for command in menu] == [command.command for command in LEAVER_COMMANDS]


async def test_an_invite_link_works_once(chat: Chat) -> None:
    record = await chat.young_person_record("Kai")
    link = await chat.invite_link(record)
    kai, someone = await chat.user("Kai"), await chat.user("Someone")
    await kai.opens(link)
    await kai.next_reply()
    await someone.opens(link)
    refused = await someone.next_reply()
    assert "doesn't work" in refused.text
    await someone.says("/help")
    assert (await someone.next_reply()).text == texts.PUBLIC_HELP


async def test_a_pa_joins_with_a_staff_invite_and_gets_staff_help(chat: Chat) -> None:
    record = await chat.staff_record("Robin Hall")
    robin = await chat.user("Robin")
    await robin.opens(await chat.invite_link(record))
    assert "linked as a personal advisor" in (await robin.next_reply()).text

    await robin.says("/start")
    assert "signed in as a personal advisor" in (await robin.next_reply()).text
    await robin.says("/help")
    help_text = (await robin.next_reply()).text
    assert help_text == texts.ROLE_HELP["pa"]
    assert "ask your PA for a link" not in help_text


async def test_people_who_have_joined_are_greeted_by_name_and_role(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin, age=17, category=Category.RELEVANT)
    dana = await chat.manager("Dana Khan")
    for person, greeting in (
        (kai, "Hi Kai!"),
        (robin, "Hi Robin Hall. You're signed in as a personal advisor."),
        (dana, "Hi Dana Khan. You're signed in as a manager."),
    ):
        await person.says("/start")
        assert (await person.next_reply()).text.startswith(greeting)
    assert kai.record.pa_id == robin.record.id
