"""Transcript-style end-to-end tests: people who talk to the real bot through the local Bot API server.

    kai = await chat.leaver("Kai", age=19)
    await kai.says("/help")
    reply = await kai.next_reply()
    assert reply.has_button("Ask my PA")
    toast = await kai.presses("Ask my PA")

Every wait is for something to happen (a message, an edit, an answered button press), bounded by a
timeout; nothing sleeps for a fixed time.
"""

import copy
import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from telegram.ext import Application

from bot.clock import MovableClock
from bot.localapi import LocalBotApi, World
from bot.models import Category, Role, Staff, Team, YoungPerson
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import invites
from bot.store import Database, people, staff, teams
from bot.ticks import run_tick_now

WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class Reply:
    """One message from the bot, as it was when it was read (a later edit does not change it)."""

    message: dict[str, Any]

    @property
    def message_id(self) -> int:
        return self.message["message_id"]

    @property
    def text(self) -> str:
        return self.message.get("text") or self.message.get("caption") or ""

    @property
    def buttons(self) -> list[str]:
        keyboard = self.message.get("reply_markup", {}).get("inline_keyboard", [])
        return [button["text"] for row in keyboard for button in row]

    def has_button(self, label: str) -> bool:
        return label in self.buttons

    def button(self, label: str) -> dict[str, Any]:
        keyboard = self.message.get("reply_markup", {}).get("inline_keyboard", [])
        for button in (button for row in keyboard for button in row):
            if button["text"] == label:
                return button
        raise AssertionError(f"no button {label!r} under {self.text[:60]!r}; buttons: {self.buttons}")

    @property
    def photo(self) -> dict[str, Any] | None:
        return self.message["photo"][-1] if "photo" in self.message else None

    @property
    def document(self) -> dict[str, Any] | None:
        return self.message.get("document")


class Person:
    """A Telegram user in a private chat with the bot."""

    def __init__(self, chat: "Chat", user_id: int, first_name: str) -> None:
        self.chat = chat
        self.user_id = user_id
        self.first_name = first_name
        self.record: YoungPerson | Staff | None = None
        self._read: set[int] = set()

    @property
    def _world(self) -> World:
        return self.chat.server.world

    async def says(self, text: str) -> None:
        await self._world.user_sends(self.user_id, text, first_name=self.first_name)

    async def opens(self, link: str) -> None:
        """Tap a deep link (``https://t.me/<bot>?start=<code>``), as from an invite."""
        await self._world.user_opens(self.user_id, link, first_name=self.first_name)

    def _unread(self) -> list[dict[str, Any]]:
        return [
            message
            for message in self._world.bot_messages(self.user_id)
            if message["message_id"] not in self._read
        ]

    async def next_reply(self, within: float = WAIT_SECONDS) -> Reply:
        """The oldest message from the bot this person has not read yet, waiting for one to come."""
        try:
            [message, *_] = await self._world.wait_for(self._unread, within=within)
        except TimeoutError:
            raise AssertionError(f"{self.first_name} got no reply within {within} s") from None
        self._read.add(message["message_id"])
        return Reply(copy.deepcopy(message))

    async def replies(self, count: int, within: float = WAIT_SECONDS) -> list[Reply]:
        return [await self.next_reply(within) for _ in range(count)]

    def read_everything(self) -> None:
        """Mark every message so far as read: the test's transcript starts after this."""
        self._read.update(message["message_id"] for message in self._world.bot_messages(self.user_id))

    async def presses(self, label: str, on: Reply | None = None, within: float = WAIT_SECONDS) -> str:
        """Tap the button ``label`` (under ``on``, or the latest message that has it) and return the
        notice the bot shows for it. A bot must answer every press, so no answer fails the test."""
        if on is None:
            candidates = [Reply(message) for message in self._world.bot_messages(self.user_id)]
            on = next((reply for reply in reversed(candidates) if reply.has_button(label)), None)
            if on is None:
                raise AssertionError(f"no message to {self.first_name} has a button {label!r}")
        callback_data = on.button(label).get("callback_data")
        if callback_data is None:
            raise AssertionError(f"button {label!r} opens a link or an app; it cannot be pressed here")
        query = await self._world.user_presses(self.user_id, on.message_id, callback_data)
        try:
            await self._world.wait_for(lambda: query.answer is not None, within=within)
        except TimeoutError:
            raise AssertionError(f"the bot did not answer the press on {label!r} within {within} s") from None
        return query.answer["text"]

    async def asks_for_a_call(self, about: str = "Money", when: str = "Morning") -> Reply:
        """A young person's "Talk to my PA" from the menu, to the end: the bot's last word on it."""
        await self.says("/menu")
        menu = await self.next_reply()
        await self.presses("💬 Talk to my PA", on=menu)
        reasons = await self.sees_edit(menu)
        await self.presses(about, on=reasons)
        times = await self.sees_edit(reasons)
        await self.presses(when, on=times)
        return await self.sees_edit(times)

    async def sees_edit(self, reply: Reply, within: float = WAIT_SECONDS) -> Reply:
        """The same message once the bot has changed it."""

        def changed() -> dict[str, Any] | None:
            chat = self._world.chat(self.user_id)
            current = chat.find(reply.message_id) if chat else None
            return current if current is not None and current != reply.message else None

        try:
            current = await self._world.wait_for(changed, within=within)
        except TimeoutError:
            raise AssertionError(f"the bot did not edit {reply.text[:40]!r} within {within} s") from None
        return Reply(copy.deepcopy(current))

    def file(self, reply: Reply) -> bytes:
        """The bytes of the photo or document in ``reply``."""
        sent = reply.photo or reply.document
        if sent is None:
            raise AssertionError(f"{reply.text[:40]!r} has no photo or document")
        return self._world.files[sent["file_id"]].upload.content


class Chat:
    """The service and the people talking to the bot: records are written through the store's
    repositories, accounts are linked through real invite links."""

    def __init__(self, server: LocalBotApi, app: Application, clock: MovableClock) -> None:
        self.server = server
        self.app = app
        self.clock = clock
        self._user_ids = itertools.count(1001)
        self._case_refs = itertools.count(1)

    @property
    def runtime(self) -> Runtime:
        return self.app.bot_data[RUNTIME_KEY]

    @property
    def db(self) -> Database:
        return self.runtime.db

    async def time_passes(self, by: timedelta) -> None:
        """Move the clock on and run the tick at the new time, as the scheduler would."""
        self.clock.advance(by)
        await run_tick_now(self.app)

    def today(self) -> date:
        return self.clock().astimezone(self.runtime.settings.service.tz).date()

    async def user(self, first_name: str = "Sam") -> Person:
        """Someone the service does not know (yet)."""
        return Person(self, next(self._user_ids), first_name)

    async def team(self, name: str = "Pathways Team") -> Team:
        async with self.db.transaction() as tx:
            return await teams.get_or_add(tx, name)

    async def staff_record(self, name: str, role: Role = Role.PA, team: str = "Pathways Team") -> Staff:
        team_id = (await self.team(team)).id if role is not Role.ADMIN else None
        async with self.db.transaction() as tx:
            return await staff.add(tx, Staff(name=name, role=role, team_id=team_id))

    async def young_person_record(
        self,
        name: str = "Kai",
        *,
        age: int = 19,
        category: Category = Category.FORMER_RELEVANT,
        pa: Staff | None = None,
        **facts: Any,
    ) -> YoungPerson:
        team = await self.team()
        born = self.today() - timedelta(days=age * 365 + 100)
        person = YoungPerson(
            case_ref=f"CL{next(self._case_refs):06d}",
            preferred_name=name,
            date_of_birth=born,
            category=category,
            pa_id=pa.id if pa else None,
            team_id=pa.team_id if pa else team.id,
            **facts,
        )
        async with self.db.transaction() as tx:
            return await people.add(tx, person)

    async def invite_link(self, record: YoungPerson | Staff) -> str:
        """A fresh single-use invite link, as ``carebot invite create`` prints it."""
        settings = self.runtime.settings
        options = {
            "now": self.clock(),
            "valid_for": timedelta(hours=settings.invites.expiry_hours),
            "bot_username": settings.telegram.username,
        }
        if isinstance(record, YoungPerson):
            invite = await invites.create_for_young_person(self.db, record.case_ref, **options)
        else:
            assert record.id is not None
            invite = await invites.create_for_staff(self.db, record.id, **options)
        return invite.link

    async def joined(self, record: YoungPerson | Staff, first_name: str) -> Person:
        """A person who has opened their invite link; the welcome is read, so the transcript starts clean."""
        person = await self.user(first_name)
        person.record = record
        await person.opens(await self.invite_link(record))
        await person.next_reply()
        person.read_everything()
        return person

    async def leaver(self, name: str = "Kai", *, pa: Person | None = None, **facts: Any) -> Person:
        pa_record = pa.record if pa is not None and isinstance(pa.record, Staff) else None
        record = await self.young_person_record(name, pa=pa_record, **facts)
        return await self.joined(record, name)

    async def pa(self, name: str = "Robin Hall") -> Person:
        return await self.joined(await self.staff_record(name, Role.PA), name.split()[0])

    async def manager(self, name: str = "Dana Khan") -> Person:
        return await self.joined(await self.staff_record(name, Role.MANAGER), name.split()[0])

    async def admin(self, name: str = "Lee Walker") -> Person:
        return await self.joined(await self.staff_record(name, Role.ADMIN), name.split()[0])
