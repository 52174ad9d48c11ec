"""A young person over HTTP through the local Bot API server: joining, the menu, a passport tick the PA
sees, and a crisis message."""

from handlers import leaver_texts as texts
from tests.e2e.harness import Chat


async def test_joining_shows_one_screen_then_the_menu_works(chat: Chat) -> None:
    record = await chat.young_person_record("Kai", age=19, lives_in_area=True, activity_code="F1")
    kai = await chat.user("Kai")
    await kai.opens(await chat.invite_link(record))
    welcome = await kai.next_reply()
    assert "You're in, Kai" in welcome.text
    assert "What your PA can see" in welcome.text and "/stop" in welcome.text
    assert welcome.has_button(texts.MENU_BUTTONS["offer"]) and welcome.has_button(texts.MENU_BUTTONS["help"])

    await kai.presses(texts.MENU_BUTTONS["offer"], on=welcome)
    offer = await kai.sees_edit(welcome)
    assert offer.has_button("Money for university") and not offer.has_button(
        "Money for college (16 to 19 bursary)"
    )
    await kai.presses("Money for university", on=offer)
    assert "£2,000" in (await kai.sees_edit(offer)).text


async def test_a_passport_tick_shows_in_the_pas_list(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    await kai.says("/passport")
    passport = await kai.next_reply()
    await kai.presses("Money 0/4", on=passport)
    section = await kai.sees_edit(passport)
    await kai.presses("⬜ I have a bank account", on=section)
    item = await kai.sees_edit(section)
    await kai.presses(texts.ITEM_DONE, on=item)
    assert (await kai.sees_edit(item)).has_button("✅ I have a bank account")

    await robin.says("/passport")
    progress = await robin.next_reply()
    assert "Kai (CL" in progress.text and "1/32 done" in progress.text and "Money 1/4" in progress.text


async def test_a_crisis_message_gets_the_lines_first_and_the_pa_is_alerted(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    await kai.says("i dont want to be here anymore")
    lines = await kai.next_reply()
    assert lines.text.index("999") < lines.text.index("116 123")
    alert = await robin.next_reply()
    assert alert.text.startswith("URGENT: Kai") and "here anymore" not in alert.text
    assert alert.has_button("I'll call today")
    told = await kai.next_reply()
    assert "I've let your PA, Robin Hall, know" in told.text

    await robin.presses("I'll call today", on=alert)
    assert "They will contact you today" in (await kai.next_reply()).text
    await kai.says("menu")
    assert "What would you like to do, Kai?" in (await kai.next_reply()).text


async def test_every_menu_answers(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    await kai.says("/menu")
    menu = await kai.next_reply()
    for label, expected in [
        (texts.MENU_BUTTONS["offer"], "What you can get now"),
        (texts.MENU_BUTTONS["passport"], "My passport"),
        (texts.MENU_BUTTONS["money"], "Money help"),
        (texts.MENU_BUTTONS["pa"], "What would you like to talk to your PA about?"),
        (texts.MENU_BUTTONS["help"], "call 999"),
    ]:
        await kai.presses(label, on=menu)
        shown = await kai.sees_edit(menu)
        assert expected in shown.text, label
        await kai.presses(texts.MENU_BUTTON, on=shown)
        menu = await kai.sees_edit(shown)
        assert "What would you like to do, Kai?" in menu.text


async def test_a_typed_question_is_answered(chat: Chat) -> None:
    kai = await chat.leaver("Kai")
    await kai.says("my gas meter ran out and I've got no money")
    answer = await kai.next_reply()
    assert "Meter run out or can't top up" in answer.text and "emergency credit" in answer.text
    assert answer.has_button(texts.ASK_MY_PA) and answer.has_button(texts.HELPED_YES)


async def test_an_unanswerable_question_is_copied_to_the_pa_on_a_tap(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    kai = await chat.leaver("Kai", pa=robin)
    await kai.says("how do I bake a cake")
    offer = await kai.next_reply()
    assert offer.text == texts.NO_MATCH
    await kai.presses(texts.SEND_QUESTION, on=offer)
    header, question = await robin.replies(2)
    assert "Kai (CL" in header.text and "could not answer" in header.text
    assert question.text == "how do I bake a cake"
    assert "I've sent your question to your PA, Robin Hall" in (await kai.sees_edit(offer)).text
