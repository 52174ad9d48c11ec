"""Updates of every kind, as Telegram delivers them, from anyone, in a private chat or a group: for the tests
that send the bot what people really send (the access matrix, the fuzzing, private chats only).

``Where`` says who sends and in which chat; each builder returns an ``Update`` bound to the bot, ready for
``Application.process_update``.
"""

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime

from telegram import (
    Animation,
    Audio,
    CallbackQuery,
    Chat,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberUpdated,
    Contact,
    Dice,
    Document,
    Location,
    Message,
    MessageEntity,
    PhotoSize,
    Sticker,
    Update,
    User,
    Venue,
    Video,
    VideoNote,
    Voice,
)
from telegram.ext import Application

SENT_AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
GROUP_CHAT = -1001234567890
_ids = itertools.count(500_000)


@dataclass(frozen=True)
class Where:
    """A Telegram user, and the chat they write in: their private chat with the bot unless ``group``."""

    user_id: int
    group: int | None = None

    @property
    def chat(self) -> Chat:
        if self.group is not None:
            return Chat(id=self.group, type=Chat.SUPERGROUP, title="Team chat")
        return Chat(id=self.user_id, type=Chat.PRIVATE)

    @property
    def user(self) -> User:
        return User(id=self.user_id, first_name="Test", is_bot=False)


def _bound(app: Application, update: Update) -> Update:
    update.set_bot(app.bot)
    return update


def _file(kind: str) -> dict[str, str]:
    number = next(_ids)
    return {"file_id": f"{kind}{number}", "file_unique_id": f"u{kind}{number}"}


MEDIA = ("photo", "voice", "sticker", "document", "location", "video", "animation", "audio", "video_note")
MEDIA += ("contact", "venue", "dice")
"""Every kind of message without text the tests send: what people send instead of typing."""


def _media(kind: str, file_name: str) -> dict[str, object]:
    match kind:
        case "photo":
            return {"photo": (PhotoSize(**_file("p"), width=90, height=90),)}
        case "voice":
            return {"voice": Voice(**_file("v"), duration=3)}
        case "sticker":
            return {
                "sticker": Sticker(
                    **_file("s"), width=512, height=512, is_animated=False, is_video=False, type="regular"
                )
            }
        case "document":
            return {"document": Document(**_file("d"), file_name=file_name, file_size=120)}
        case "location":
            return {"location": Location(longitude=-1.23, latitude=54.57)}
        case "video":
            return {"video": Video(**_file("m"), width=320, height=240, duration=4)}
        case "animation":
            return {"animation": Animation(**_file("a"), width=320, height=240, duration=2)}
        case "audio":
            return {"audio": Audio(**_file("au"), duration=30)}
        case "video_note":
            return {"video_note": VideoNote(**_file("n"), length=240, duration=5)}
        case "contact":
            return {"contact": Contact(phone_number="07700900123", first_name="Friend")}
        case "venue":
            return {
                "venue": Venue(
                    location=Location(longitude=-1.23, latitude=54.57), title="Library", address="1 Road"
                )
            }
        case "dice":
            return {"dice": Dice(value=3, emoji="🎲")}
    raise ValueError(kind)


def message(
    app: Application,
    where: Where,
    *,
    text: str | None = None,
    media: str | None = None,
    caption: str | None = None,
    file_name: str = "notes.pdf",
    edited: bool = False,
) -> Update:
    """A message: typed ``text`` (a command when it starts with ``/``), or ``media`` of one of ``MEDIA``
    with an optional caption; ``edited`` delivers it as an edit of an earlier message."""
    fields: dict[str, object] = {}
    if text is not None:
        fields["text"] = text
        if text.startswith("/") and len(text.split(maxsplit=1)[0]) > 1:
            fields["entities"] = (MessageEntity(MessageEntity.BOT_COMMAND, 0, len(text.split()[0])),)
    if media is not None:
        fields.update(_media(media, file_name))
        if caption is not None:
            fields["caption"] = caption
    sent = Message(
        message_id=next(_ids),
        date=SENT_AT,
        chat=where.chat,
        from_user=where.user,
        edit_date=SENT_AT if edited else None,
        **fields,
    )
    sent.set_bot(app.bot)
    key = "edited_message" if edited else "message"
    return _bound(app, Update(update_id=next(_ids), **{key: sent}))


def press(app: Application, where: Where, data: str | None, *, inline: bool = False) -> Update:
    """A press of a button with ``data`` under one of the bot's messages in the chat (``inline``: a button
    on an inline message, which has no chat)."""
    under = None
    if not inline:
        bot_user = User(id=app.bot.id, first_name="Care bot", is_bot=True)
        under = Message(message_id=next(_ids), date=SENT_AT, chat=where.chat, from_user=bot_user, text="…")
        under.set_bot(app.bot)
    query = CallbackQuery(
        id=str(next(_ids)),
        from_user=where.user,
        chat_instance=str(where.group or where.user_id),
        data=data,
        message=under,
        inline_message_id="inline1" if inline else None,
    )
    query.set_bot(app.bot)
    return _bound(app, Update(update_id=next(_ids), callback_query=query))


def added_to_group(app: Application, where: Where) -> Update:
    """The bot being added to ``where``'s group by ``where``'s user."""
    assert where.group is not None
    bot_user = User(id=app.bot.id, first_name="Care bot", is_bot=True)
    change = ChatMemberUpdated(
        chat=where.chat,
        from_user=where.user,
        date=SENT_AT,
        old_chat_member=ChatMemberLeft(user=bot_user),
        new_chat_member=ChatMemberMember(user=bot_user),
    )
    return _bound(app, Update(update_id=next(_ids), my_chat_member=change))


def channel_post(app: Application, text: str) -> Update:
    """A post in a channel the bot was added to: no sender, only the channel."""
    channel = Chat(id=-1009876543210, type=Chat.CHANNEL, title="News")
    post = Message(message_id=next(_ids), date=SENT_AT, chat=channel, text=text)
    post.set_bot(app.bot)
    return _bound(app, Update(update_id=next(_ids), channel_post=post))
