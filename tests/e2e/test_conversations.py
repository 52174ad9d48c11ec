"""Conversations with the real bot over HTTP: /start, joining by invite link, /help by role."""

from bot.localapi import LocalBotApi
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
    await kai.says(f"/start {await chat.invite_code(record)}")
    joined = await kai.next_reply()
    assert "You're in, Kai" in joined.text

    await kai.says("/start")
    assert (await kai.next_reply()).text.startswith("Hi Kai!")
    menu = local_api.world.commands[f"chat:{kai.user_id}:"]
    assert [command["command"] for command in menu] == ["start", "help"]


async def test_an_invite_link_works_once(chat: Chat) -> None:
    record = await chat.young_person_record("Kai")
    code = await chat.invite_code(record)
    kai, someone = await chat.user("Kai"), await chat.user("Someone")
    await kai.says(f"/start {code}")
    await kai.next_reply()
    await someone.says(f"/start {code}")
    refused = await someone.next_reply()
    assert "already been used" in refused.text
    await someone.says("/help")
    assert (await someone.next_reply()).text == texts.PUBLIC_HELP


async def test_a_pa_joins_with_a_staff_invite_and_gets_staff_help(chat: Chat) -> None:
    record = await chat.staff_record("Robin Hall")
    robin = await chat.user("Robin")
    await robin.says(f"/start {await chat.invite_code(record)}")
    assert "linked as a personal advisor" in (await robin.next_reply()).text

    await robin.says("/start")
    assert "signed in as a personal advisor" in (await robin.next_reply()).text
    await robin.says("/help")
    help_text = (await robin.next_reply()).text
    assert help_text == texts.ROLE_HELP["pa"]
    assert "ask your PA for a link" not in help_text
