"""The Bot API methods, acting on the ``World`` with parameters already checked against the spec.

Each answers what Telegram answers: the same result objects, and the same errors for what the spec's
table cannot express (a chat that does not exist, a message that is not there or not modified, text too
long after entity parsing, a callback query answered twice).
"""

import contextlib
import ipaddress
import re
import struct
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from bot.localapi import entities
from bot.localapi.checks import ApiError, Upload, bad_request, text_limit
from bot.localapi.world import UPDATE_KINDS, Chat, Webhook, World

Params = dict[str, Any]
Method = Callable[[World, Params], Awaitable[Any]]
METHODS: dict[str, Method] = {}
LONG_POLL_LIMIT = 50


def method(name: str) -> Callable[[Method], Method]:
    def register(function: Method) -> Method:
        METHODS[name] = function
        return function

    return register


def _chat(world: World, params: Params) -> Chat:
    """The private chat the call is about; a user who never started the bot has none."""
    chat_id = params["chat_id"]
    chat = world.chat(chat_id) if isinstance(chat_id, int) else None
    if chat is None:
        raise bad_request("chat not found")
    return chat


def _open_chat(world: World, params: Params) -> Chat:
    """A chat the bot may write to: not one whose user has blocked the bot."""
    chat = _chat(world, params)
    if chat.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    return chat


def _formatted(method_name: str, params: Params, name: str) -> tuple[str, list[dict]]:
    """``text``/``caption`` after entity parsing, checked against the spec's length for it."""
    raw = params.get(name, "")
    try:
        text, found = entities.parse(raw, params.get("parse_mode"))
    except entities.EntityError as error:
        raise bad_request(f"can't parse entities: {error}") from None
    found = params.get("entities" if name == "text" else "caption_entities") or found
    limit = text_limit(method_name, name)
    if limit is not None:
        low, high = limit
        if len(text.strip()) < low:
            raise bad_request("message text is empty")
        if len(text) > high:
            raise bad_request("message is too long" if name == "text" else "message caption is too long")
    return text, found


def _bot_message(world: World, chat: Chat, params: Params) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": world.next_message_id(),
        "from": world.bot_user,
        "chat": chat.as_chat(),
        "date": world.now(),
    }
    reply = params.get("reply_parameters")
    if reply is not None:
        replied = chat.find(reply["message_id"])
        if replied is None and not reply.get("allow_sending_without_reply"):
            raise bad_request("message to be replied not found")
        if replied is not None:
            message["reply_to_message"] = {
                key: value for key, value in replied.items() if key != "reply_to_message"
            }
    return message


def _attach_markup(chat: Chat, message: dict[str, Any], params: Params) -> None:
    markup = params.get("reply_markup")
    if markup is None:
        return
    if "inline_keyboard" in markup:
        message["reply_markup"] = markup
    elif "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup.get("remove_keyboard"):
        chat.reply_keyboard = None


async def _deliver(world: World, chat: Chat, message: dict[str, Any]) -> dict[str, Any]:
    chat.messages.append(message)
    await world.touch()
    return message


@method("getMe")
async def get_me(world: World, params: Params) -> Any:
    return world.bot_user


@method("logOut")
@method("close")
async def log_out(world: World, params: Params) -> Any:
    return True


@method("getUpdates")
async def get_updates(world: World, params: Params) -> Any:
    """Long polling. A newer call ends a waiting one with 409, as on Telegram: two bots polling one token
    is a mistake worth seeing."""
    if world.webhook_url:
        raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
    limit = params.get("limit", 100)
    if not 1 <= limit <= 100:
        raise bad_request("limit must be between 1 and 100")
    allowed = params.get("allowed_updates") or None
    if allowed is not None and not set(allowed) & set(UPDATE_KINDS):
        allowed = list(UPDATE_KINDS)
    world.poll_generation += 1
    mine = world.poll_generation
    await world.touch()
    updates = world.pending_updates(params.get("offset"), limit, allowed)
    timeout = min(params.get("timeout", 0), LONG_POLL_LIMIT)
    if not updates and timeout > 0:
        with contextlib.suppress(TimeoutError):
            await world.wait_for(
                lambda: world.poll_generation != mine or world.pending_updates(None, limit, allowed),
                within=timeout,
            )
        if world.poll_generation != mine:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        updates = world.pending_updates(None, limit, allowed)
    return updates


@method("setWebhook")
async def set_webhook(world: World, params: Params) -> Any:
    """As Telegram: an https URL on port 443, 80, 88 or 8443, and a secret token of A-Z, a-z, 0-9, _ and -.
    Unlike Telegram, http to a loopback address (127.0.0.1, ::1, localhost) on any port is accepted too,
    so a bot on this machine can take its updates without a certificate."""
    url = params["url"]
    if url:
        check_webhook_url(url)
    secret = params.get("secret_token")
    if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = params.get("max_connections", 40)
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    allowed = params.get("allowed_updates")
    webhook = (
        Webhook(url, secret_token=secret, allowed_updates=allowed or None, max_connections=max_connections)
        if url
        else None
    )
    await world.set_webhook(webhook, drop_pending_updates=params.get("drop_pending_updates", False))
    return True


_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_WEBHOOK_PORTS = (443, 80, 88, 8443)


def check_webhook_url(url: str) -> None:
    """Refuse a webhook URL Telegram would refuse (but for http to loopback, allowed here)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise bad_request("bad webhook: invalid URL") from None
    if parts.scheme == "http" and is_loopback(parts.hostname):
        return
    if parts.scheme != "https":
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if port is not None and port not in _WEBHOOK_PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")


def is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


@method("deleteWebhook")
async def delete_webhook(world: World, params: Params) -> Any:
    await world.set_webhook(None, drop_pending_updates=params.get("drop_pending_updates", False))
    return True


@method("getWebhookInfo")
async def get_webhook_info(world: World, params: Params) -> Any:
    info: dict[str, Any] = {
        "url": world.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }
    webhook = world.webhook
    if webhook is not None:
        info["max_connections"] = webhook.max_connections
        if webhook.allowed_updates:
            info["allowed_updates"] = webhook.allowed_updates
        if webhook.last_error_date is not None:
            info["last_error_date"] = webhook.last_error_date
            info["last_error_message"] = webhook.last_error_message
    return info


@method("sendMessage")
async def send_message(world: World, params: Params) -> Any:
    chat = _open_chat(world, params)
    text, found = _formatted("sendMessage", params, "text")
    message = _bot_message(world, chat, params)
    message["text"] = text
    if found:
        message["entities"] = found
    _attach_markup(chat, message, params)
    return await _deliver(world, chat, message)


def _image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG, read from its header; None if it is neither."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        return struct.unpack(">II", content[16:24])
    if content.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(content):
            if content[index] != 0xFF:
                return None
            marker = content[index + 1]
            length = struct.unpack(">H", content[index + 2 : index + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", content[index + 5 : index + 9])
                return width, height
            index += 2 + length
    return None


def _file_from(world: World, value: Upload | str, folder: str) -> tuple[Upload, dict[str, Any]]:
    if isinstance(value, Upload):
        stored = world.store_file(value, folder)
    else:
        stored = world.files.get(value)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
    upload = stored.upload
    return upload, {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(upload.content),
    }


async def _send_media(world: World, params: Params, method_name: str, kind: str) -> dict[str, Any]:
    chat = _open_chat(world, params)
    caption, found = _formatted(method_name, params, "caption")
    upload, file_fields = _file_from(world, params[kind], f"{kind}s")
    message = _bot_message(world, chat, params)
    if kind == "photo":
        size = _image_size(upload.content)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        message["photo"] = [{**file_fields, "width": size[0], "height": size[1]}]
    else:
        message["document"] = {
            **file_fields,
            "file_name": upload.filename,
            "mime_type": upload.content_type,
        }
    if caption:
        message["caption"] = caption
    if found:
        message["caption_entities"] = found
    _attach_markup(chat, message, params)
    return await _deliver(world, chat, message)


@method("sendPhoto")
async def send_photo(world: World, params: Params) -> Any:
    return await _send_media(world, params, "sendPhoto", "photo")


@method("sendDocument")
async def send_document(world: World, params: Params) -> Any:
    return await _send_media(world, params, "sendDocument", "document")


@method("sendChatAction")
async def send_chat_action(world: World, params: Params) -> Any:
    _open_chat(world, params)
    return True


@method("copyMessage")
async def copy_message(world: World, params: Params) -> Any:
    """A copy of any message in a chat the bot has, sent by the bot to another chat, without a link back
    to the original (Telegram's ``copyMessage``; only the text and its entities are copied here)."""
    source = world.chat(params["from_chat_id"]) if isinstance(params["from_chat_id"], int) else None
    original = source.find(params["message_id"]) if source is not None else None
    if original is None or "text" not in original:
        raise bad_request("message to copy not found")
    chat = _chat(world, params)
    message = _bot_message(world, chat, params)
    message["text"] = original["text"]
    if original.get("entities"):
        message["entities"] = original["entities"]
    _attach_markup(chat, message, params)
    await _deliver(world, chat, message)
    return {"message_id": message["message_id"]}


def _own_message(world: World, params: Params) -> dict[str, Any]:
    if "inline_message_id" in params:
        raise bad_request("inline messages are not served by the local server")
    if "chat_id" not in params or "message_id" not in params:
        raise bad_request("message identifier is not specified")
    chat = _open_chat(world, params)
    message = chat.find(params["message_id"])
    if message is None:
        raise bad_request("message to edit not found")
    if message["from"]["id"] != world.bot_user["id"]:
        raise bad_request("message can't be edited")
    return message


async def _edited(world: World, message: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    if all(message.get(key) == value for key, value in changes.items()):
        raise bad_request(
            "message is not modified: specified new message content and reply markup are exactly the same "
            "as a current content and reply markup of the message"
        )
    for key, value in changes.items():
        if value is None:
            message.pop(key, None)
        else:
            message[key] = value
    message["edit_date"] = world.now()
    await world.touch()
    return message


def _inline_markup(params: Params) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("only an inline keyboard can be attached to an edited message")
    return markup


@method("editMessageText")
async def edit_message_text(world: World, params: Params) -> Any:
    message = _own_message(world, params)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    text, found = _formatted("editMessageText", params, "text")
    changes = {"text": text, "entities": found or None, "reply_markup": _inline_markup(params)}
    return await _edited(world, message, changes)


@method("editMessageCaption")
async def edit_message_caption(world: World, params: Params) -> Any:
    message = _own_message(world, params)
    if "photo" not in message and "document" not in message:
        raise bad_request("there is no caption in the message to edit")
    caption, found = _formatted("editMessageCaption", params, "caption")
    changes = {
        "caption": caption or None,
        "caption_entities": found or None,
        "reply_markup": _inline_markup(params),
    }
    return await _edited(world, message, changes)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(world: World, params: Params) -> Any:
    message = _own_message(world, params)
    return await _edited(world, message, {"reply_markup": _inline_markup(params)})


@method("deleteMessage")
async def delete_message(world: World, params: Params) -> Any:
    chat = _chat(world, params)
    message = chat.find(params["message_id"])
    if message is None:
        raise bad_request("message to delete not found")
    chat.messages.remove(message)
    await world.touch()
    return True


@method("answerCallbackQuery")
async def answer_callback_query(world: World, params: Params) -> Any:
    query = world.callback_queries.get(params["callback_query_id"])
    if query is None or query.answer is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    query.answer = {"text": params.get("text", ""), "show_alert": params.get("show_alert", False)}
    await world.touch()
    return True


@method("getFile")
async def get_file(world: World, params: Params) -> Any:
    stored = world.files.get(params["file_id"])
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.upload.content),
        "file_path": stored.file_path,
    }


@method("getChat")
async def get_chat(world: World, params: Params) -> Any:
    chat = _chat(world, params)
    return {
        **chat.as_chat(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


def _scope_key(params: Params) -> str:
    scope = params.get("scope") or {"type": "default"}
    key = scope["type"]
    if "chat_id" in scope:
        key += f":{scope['chat_id']}"
    if "user_id" in scope:
        key += f":{scope['user_id']}"
    return f"{key}:{params.get('language_code', '')}"


@method("setMyCommands")
async def set_my_commands(world: World, params: Params) -> Any:
    if len(params["commands"]) > 100:
        raise bad_request("too many commands")
    world.commands[_scope_key(params)] = params["commands"]
    await world.touch()
    return True


@method("deleteMyCommands")
async def delete_my_commands(world: World, params: Params) -> Any:
    world.commands.pop(_scope_key(params), None)
    await world.touch()
    return True


@method("getMyCommands")
async def get_my_commands(world: World, params: Params) -> Any:
    return world.commands.get(_scope_key(params), [])


@method("setChatMenuButton")
async def set_chat_menu_button(world: World, params: Params) -> Any:
    button = params.get("menu_button") or {"type": "default"}
    if "chat_id" in params:
        _chat(world, params).menu_button = button
    return True


@method("getChatMenuButton")
async def get_chat_menu_button(world: World, params: Params) -> Any:
    chat = world.chat(params["chat_id"]) if "chat_id" in params else None
    return (chat.menu_button if chat else None) or {"type": "commands"}


async def call(world: World, name: str, params: Params) -> Any:
    """Run a checked call; a method in the table but not implemented here is a server bug, said so."""
    implementation = METHODS.get(name)
    if implementation is None:
        raise ApiError(501, f"Not Implemented: {name} is in the table but not served")
    return await implementation(world, params)
