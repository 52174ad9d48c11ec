"""The HTTP face of the local Bot API server: the bot's side at ``/bot<token>/<method>`` and
``/file/bot<token>/<path>``, and a user side at ``/user/...`` for tests, the demo page and curl.

The user side, over HTTP (JSON in and out):

- ``POST /user/<user id>/messages`` ``{"text": "/start abc", "first_name": "Kai"}``: the user sends text.
- ``POST /user/<user id>/presses`` ``{"message_id": 7, "callback_data": "v1:ok"}``: the user taps a button.
- ``GET /user/<user id>/chat?since=<version>&wait=<seconds>``: the chat as the user sees it, once it has
  changed since ``version`` (waiting up to ``wait`` seconds for that).
- ``GET /user/files/<file id>``: a photo or document the bot sent.
"""

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.localapi import methods
from bot.localapi.checks import ApiError, Upload, check_call, served_methods
from bot.localapi.webhook import Delivery, WebhookSender
from bot.localapi.world import World

log = logging.getLogger(__name__)

SENDING_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
TIMED_OUT_AFTER_SENDING = 0
"""``Call.status`` of a call carried out whose answer was held back (``Fault.hang_after_sending``)."""
_CANONICAL = {name.lower(): name for name in served_methods()}


@dataclass
class FloodLimits:
    """Telegram's documented limits: about 30 messages a second per bot and one a second per chat."""

    per_bot_per_second: int = 30
    per_chat_interval: float = 1.0
    _sent: deque = field(default_factory=deque)
    _last_in_chat: dict[Any, float] = field(default_factory=dict)

    def check(self, chat_id: Any, now: float) -> None:
        while self._sent and now - self._sent[0] >= 1.0:
            self._sent.popleft()
        waits = []
        if len(self._sent) >= self.per_bot_per_second:
            waits.append(1.0 - (now - self._sent[0]))
        last = self._last_in_chat.get(chat_id)
        if last is not None and now - last < self.per_chat_interval:
            waits.append(self.per_chat_interval - (now - last))
        if waits:
            retry_after = max(1, round(max(waits) + 0.499))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        self._sent.append(now)
        self._last_in_chat[chat_id] = now


@dataclass
class Fault:
    """A failure to answer the next ``times`` calls of ``method`` (any method if None) with, once
    ``calls_first`` more such calls have gone through normally (so faults injected one after another make
    a timeline of successes and failures).

    ``status`` answers with that HTTP error (a 429 says to retry after ``retry_after`` seconds); ``hang``
    holds the call that many seconds first (longer than the client waits, to cause a timeout). Either way
    the call is not carried out, as when Telegram's front end fails before the request reaches it.

    ``hang_after_sending`` is the other kind of timeout: the call *is* carried out (the message is in the
    chat), then its answer is held that many seconds, longer than the client waits, as when Telegram's
    answer is lost on the way back. A client that tries again sends the message twice.
    """

    method: str | None
    status: int = 502
    hang: float = 0.0
    times: int = 1
    hang_after_sending: float = 0.0
    retry_after: int = 1
    calls_first: int = 0


@dataclass
class Call:
    """One call the bot made, and how it was answered (for tests to count sends and retries)."""

    method: str
    params: dict[str, Any]
    status: int


class LocalBotApi:
    """A local stand-in for Telegram's Bot API server. Not Telegram: a test double that is strict where
    Telegram is lenient (unknown parameters are refused), for tests and the offline demo."""

    def __init__(
        self,
        token: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        flood_limits: bool = False,
        bot_username: str = "carebot_local_bot",
        clock: Callable[[], float] = time.time,
        round_trip: float = 0.0,
    ) -> None:
        """``clock`` gives the Unix time messages are dated with (the demo passes its movable clock).
        ``round_trip`` delays every call of the bot's by that many seconds, half on the way in (before the
        flood limits count it) and half on the way back, as the network to Telegram does."""
        self.world = World(token, bot_username=bot_username, clock=clock)
        self.host, self.port = host, port
        self.flood = FloodLimits() if flood_limits else None
        self.round_trip = round_trip
        self.faults: list[Fault] = []
        self.calls: list[Call] = []
        self.app = web.Application(client_max_size=60 * 1024 * 1024)
        self.app.add_routes(
            [
                web.route("*", "/bot{token}/{method}", self._bot_call),
                web.get("/file/bot{token}/{path:.+}", self._bot_file),
                web.post("/user/{user_id:-?\\d+}/messages", self._user_message),
                web.post("/user/{user_id:-?\\d+}/presses", self._user_press),
                web.get("/user/{user_id:-?\\d+}/chat", self._user_chat),
                web.get("/user/files/{file_id}", self._user_file),
            ]
        )
        self._runner: web.AppRunner | None = None
        self._webhook = WebhookSender(self.world)
        self._webhook_task: asyncio.Task | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """For ``telegram.base_url``: the bot's token and method are appended to it."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._webhook_task = asyncio.create_task(self._webhook.run())
        log.info("local Bot API server on %s", self.url)

    async def stop(self) -> None:
        await self.world.close()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> "LocalBotApi":
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def inject(self, fault: Fault) -> None:
        self.faults.append(fault)

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    @property
    def webhook_deliveries(self) -> list[Delivery]:
        """Every attempt to post an update to the bot's webhook, in order."""
        return self._webhook.deliveries

    # -- the bot's side ----------------------------------------------------------------------------------

    async def _bot_call(self, request: web.Request) -> web.Response:
        if not self.round_trip:
            return await self._carry_out(request)
        await asyncio.sleep(self.round_trip / 2)
        answer = await self._carry_out(request)
        await asyncio.sleep(self.round_trip / 2)
        return answer

    async def _carry_out(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.world.token:
            return _answer(ApiError(401, "Unauthorized").payload(), 401)
        name = _CANONICAL.get(request.match_info["method"].lower(), request.match_info["method"])
        try:
            raw, uploads = await _read_params(request)
        except ApiError as error:
            return _answer(error.payload(), error.code)
        fault = self._take_fault(name)
        if fault is not None and not fault.hang_after_sending:
            return await self._fail(name, raw, fault)
        try:
            params = check_call(name, raw, uploads)
            if self.flood is not None and name in SENDING_METHODS:
                self.flood.check(params.get("chat_id"), time.monotonic())
            result = await methods.call(self.world, name, params)
        except ApiError as error:
            self.calls.append(Call(name, raw, error.code))
            return _answer(error.payload(), error.code)
        if fault is not None:
            # Carried out; the answer is lost on the way back (the client has given up by the time it comes).
            self.calls.append(Call(name, raw, TIMED_OUT_AFTER_SENDING))
            with contextlib.suppress(TimeoutError):
                await self.world.wait_for(lambda: False, within=fault.hang_after_sending)
        else:
            self.calls.append(Call(name, raw, 200))
        return _answer({"ok": True, "result": result}, 200)

    def _take_fault(self, name: str) -> Fault | None:
        """The first injected fault for this method decides: it lets its ``calls_first`` through, then
        fails ``times`` calls, then is done and the next one decides."""
        for fault in self.faults:
            if fault.method in (None, name) and fault.times > 0:
                if fault.calls_first > 0:
                    fault.calls_first -= 1
                    return None
                fault.times -= 1
                if fault.times == 0:
                    self.faults.remove(fault)
                return fault
        return None

    async def _fail(self, name: str, raw: dict[str, Any], fault: Fault) -> web.Response:
        self.calls.append(Call(name, raw, fault.status))
        if fault.hang:
            with contextlib.suppress(TimeoutError):
                await self.world.wait_for(lambda: False, within=fault.hang)
        description = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
        body: dict[str, Any] = {
            "ok": False,
            "error_code": fault.status,
            "description": description.get(fault.status, "Error"),
        }
        if fault.status == 429:
            body["description"] = f"Too Many Requests: retry after {fault.retry_after}"
            body["parameters"] = {"retry_after": fault.retry_after}
        return _answer(body, fault.status)

    async def _bot_file(self, request: web.Request) -> web.Response:
        stored = self.world.file_by_path(request.match_info["path"])
        if request.match_info["token"] != self.world.token or stored is None:
            return _answer(ApiError(404, "Not Found").payload(), 404)
        return web.Response(body=stored.upload.content, content_type=stored.upload.content_type)

    # -- the user's side ----------------------------------------------------------------------------------

    async def _user_message(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        text = body.get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > 4096:
            return _answer({"ok": False, "description": "text must be 1-4096 characters"}, 400)
        message = await self.world.user_sends(
            int(request.match_info["user_id"]), text, first_name=str(body.get("first_name", ""))
        )
        return _answer({"ok": True, "result": message}, 200)

    async def _user_press(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        try:
            query = await self.world.user_presses(
                int(request.match_info["user_id"]),
                int(body.get("message_id", 0)),
                str(body.get("callback_data")),
            )
        except (LookupError, ValueError) as error:
            return _answer({"ok": False, "description": str(error)}, 400)
        return _answer({"ok": True, "result": {"callback_query_id": query.query_id}}, 200)

    async def _user_chat(self, request: web.Request) -> web.Response:
        user_id = int(request.match_info["user_id"])
        since = int(request.query.get("since", -1))
        wait = min(float(request.query.get("wait", 0)), 30.0)
        world = self.world
        if wait > 0 and world.version <= since:
            with contextlib.suppress(TimeoutError):
                await world.wait_for(lambda: world.version > since, within=wait)
        chat = world.chat(user_id)
        answers = [
            {"message_id": query.message_id, **query.answer}
            for query in world.callback_queries.values()
            if query.user_id == user_id and query.answer and query.answer.get("text")
        ]
        result = {
            "version": world.version,
            "bot": world.bot_user,
            "messages": chat.messages if chat else [],
            "reply_keyboard": chat.reply_keyboard if chat else None,
            "commands": world.commands_for(user_id),
            "answers": answers,
        }
        return _answer({"ok": True, "result": result}, 200)

    async def _user_file(self, request: web.Request) -> web.Response:
        stored = self.world.files.get(request.match_info["file_id"])
        if stored is None:
            return _answer({"ok": False, "description": "no such file"}, 404)
        headers = {"Content-Disposition": f'inline; filename="{stored.upload.filename}"'}
        return web.Response(
            body=stored.upload.content, content_type=stored.upload.content_type, headers=headers
        )


def _answer(body: dict[str, Any], status: int) -> web.Response:
    return web.json_response(body, status=status)


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Parameters from the query string and the body (form, multipart or JSON), as Telegram accepts."""
    raw: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if not request.can_read_body:
        return raw, uploads
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: the JSON body must be an object")
        raw.update(body)
        return raw, uploads
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            uploads[name] = Upload(value.filename or name, value.content_type, value.file.read())
        else:
            raw[name] = value
    return raw, uploads
