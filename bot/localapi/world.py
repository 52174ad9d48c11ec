"""The state of the pretend Telegram: users, private chats and their messages, pending updates, files,
command menus. Both sides change it: the bot through Bot API methods, people through the user side.

Every change bumps ``version`` and wakes whoever waits on ``changed``, so tests and the web page wait for
what they expect instead of sleeping.
"""

import asyncio
import hashlib
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.localapi.checks import Upload

UPDATE_KINDS = ("message", "edited_message", "callback_query")
# https://core.telegram.org/bots/features#deep-linking: up to 64 characters from A-Z, a-z, 0-9, _ and -.
_DEEP_LINK = re.compile(r"^https://t\.me/(?P<bot>[A-Za-z0-9_]+)\?start=(?P<payload>[A-Za-z0-9_-]{1,64})$")


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    upload: Upload


@dataclass
class Webhook:
    """What ``setWebhook`` asked for, and how delivery to it last went (for ``getWebhookInfo``)."""

    url: str
    secret_token: str | None = None
    allowed_updates: list[str] | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class CallbackQuery:
    query_id: str
    user_id: int
    message_id: int
    data: str
    answer: dict[str, Any] | None = None


@dataclass
class Chat:
    """A private chat between the bot and one user. ``messages`` holds both sides, in order."""

    user: dict[str, Any]
    messages: list[dict[str, Any]] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None
    menu_button: dict[str, Any] | None = None
    blocked: bool = False

    @property
    def id(self) -> int:
        return self.user["id"]

    def as_chat(self) -> dict[str, Any]:
        chat = {"id": self.id, "type": "private", "first_name": self.user["first_name"]}
        if "username" in self.user:
            chat["username"] = self.user["username"]
        return chat

    def find(self, message_id: int) -> dict[str, Any] | None:
        return next((message for message in self.messages if message["message_id"] == message_id), None)


class World:
    def __init__(
        self, bot_token: str, *, bot_username: str = "carebot_local_bot", clock: Callable = time.time
    ):
        bot_id = int(bot_token.split(":", 1)[0])
        self.token = bot_token
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Care bot",
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.clock = clock
        self.chats: dict[int, Chat] = {}
        self.updates: list[dict[str, Any]] = []
        self.files: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.webhook: Webhook | None = None
        self.poll_generation = 0
        self.version = 0
        self.changed = asyncio.Condition()
        self.closed = False
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)

    # -- bookkeeping ---------------------------------------------------------------------------------

    def now(self) -> int:
        return int(self.clock())

    def next_message_id(self) -> int:
        return next(self._message_ids)

    async def touch(self) -> None:
        """Record a change and wake everyone waiting for one."""
        self.version += 1
        async with self.changed:
            self.changed.notify_all()

    async def wait_for(self, condition: Callable[[], Any], within: float) -> Any:
        """Wait until ``condition()`` is truthy and return it; ``TimeoutError`` after ``within`` s."""
        async with asyncio.timeout(within), self.changed:
            while not (result := condition()) and not self.closed:
                await self.changed.wait()
            return result

    async def close(self) -> None:
        self.closed = True
        await self.touch()

    def chat(self, chat_id: int) -> Chat | None:
        return self.chats.get(chat_id)

    def user_chat(self, user_id: int, first_name: str = "", username: str | None = None) -> Chat:
        chat = self.chats.get(user_id)
        if chat is None:
            user = {"id": user_id, "is_bot": False, "first_name": first_name or f"User {user_id}"}
            if username:
                user["username"] = username
            chat = self.chats[user_id] = Chat(user=user)
        return chat

    def store_file(self, upload: Upload, folder: str) -> StoredFile:
        digest = hashlib.sha256(upload.content).hexdigest()
        file_id = f"{folder}-{digest[:32]}"
        stored = self.files.get(file_id)
        if stored is None:
            name = upload.filename or "file"
            stored = StoredFile(file_id, digest[:16], f"{folder}/{digest[:12]}-{name}", upload)
            self.files[file_id] = stored
        return stored

    def file_by_path(self, file_path: str) -> StoredFile | None:
        return next((stored for stored in self.files.values() if stored.file_path == file_path), None)

    # -- updates ---------------------------------------------------------------------------------------

    async def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        await self.touch()
        return update

    @property
    def webhook_url(self) -> str:
        return self.webhook.url if self.webhook else ""

    async def set_webhook(self, webhook: Webhook | None, *, drop_pending_updates: bool = False) -> None:
        """Set (or with None remove) the webhook; updates then go to it instead of waiting for getUpdates."""
        self.webhook = webhook
        if drop_pending_updates:
            self.updates.clear()
        await self.touch()

    async def delivered(self, update: dict[str, Any]) -> None:
        """The webhook took ``update`` (answered 2xx): it is no longer pending."""
        if update in self.updates:
            self.updates.remove(update)
        await self.touch()

    def pending_updates(self, offset: int | None, limit: int, allowed: list[str] | None) -> list[dict]:
        """Updates from ``offset`` on; asking with an offset confirms (drops) every earlier update."""
        if offset is not None:
            if offset < 0:
                self.updates = self.updates[offset:]
            else:
                self.updates = [update for update in self.updates if update["update_id"] >= offset]
        wanted = [update for update in self.updates if not allowed or any(kind in update for kind in allowed)]
        return wanted[:limit]

    # -- the user side -----------------------------------------------------------------------------

    async def user_sends(
        self, user_id: int, text: str, *, first_name: str = "", username: str | None = None
    ) -> dict[str, Any]:
        """A user types ``text`` into the bot's chat (a leading ``/command`` is marked as one)."""
        chat = self.user_chat(user_id, first_name, username)
        message: dict[str, Any] = {
            "message_id": self.next_message_id(),
            "from": chat.user,
            "chat": chat.as_chat(),
            "date": self.now(),
            "text": text,
        }
        if text.startswith("/") and len(text) > 1:
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        chat.messages.append(message)
        await self.push_update("message", message)
        return message

    async def user_opens(self, user_id: int, link: str, *, first_name: str = "") -> dict[str, Any]:
        """A user taps a ``https://t.me/<bot>?start=<payload>`` link: Telegram sends ``/start <payload>``."""
        match = _DEEP_LINK.match(link)
        if match is None:
            raise ValueError(f"not a deep link Telegram would open: {link!r}")
        if match["bot"].lower() != self.bot_user["username"].lower():
            raise ValueError(f"the link is for @{match['bot']}, not @{self.bot_user['username']}")
        return await self.user_sends(user_id, f"/start {match['payload']}", first_name=first_name)

    async def user_presses(self, user_id: int, message_id: int, callback_data: str) -> CallbackQuery:
        """A user taps an inline button carrying ``callback_data`` under one of the bot's messages."""
        chat = self.chats.get(user_id)
        message = chat.find(message_id) if chat else None
        if chat is None or message is None:
            raise LookupError(f"no message {message_id} in the chat with {user_id}")
        buttons = [
            button
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for button in row
            if button.get("callback_data") == callback_data
        ]
        if not buttons:
            raise LookupError(f"message {message_id} has no button with that callback data")
        query = CallbackQuery(str(next(self._query_ids)), user_id, message_id, callback_data)
        self.callback_queries[query.query_id] = query
        await self.push_update(
            "callback_query",
            {
                "id": query.query_id,
                "from": chat.user,
                "message": message,
                "chat_instance": str(user_id),
                "data": callback_data,
            },
        )
        return query

    async def user_blocks(self, user_id: int, *, blocked: bool = True) -> None:
        """A user stops (or restarts) the bot: while blocked, sending to them fails with 403."""
        self.user_chat(user_id).blocked = blocked
        await self.touch()

    def commands_for(self, chat_id: int) -> list[dict[str, Any]]:
        """The command menu a private chat shows: its own scope first, then the wider ones."""
        for scope in (f"chat:{chat_id}:", "all_private_chats:", "default:"):
            if scope in self.commands:
                return self.commands[scope]
        return []

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """What the bot has sent to this chat and not deleted, in order, as the user sees it now."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        return [message for message in chat.messages if message["from"]["id"] == self.bot_user["id"]]
