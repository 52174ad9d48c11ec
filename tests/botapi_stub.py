"""A transport for handler tests: python-telegram-bot talks to it instead of Telegram.

It answers the few methods a handler test needs with objects the library parses, and records every call,
so a test can read what the bot said. End-to-end tests use the full local Bot API server instead.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 999, "is_bot": True, "first_name": "Care bot", "username": "carebot_test_bot"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Uploaded files by field name: (file name, content)."""


@dataclass
class RecordingRequest(BaseRequest):
    calls: list[Call] = field(default_factory=list)
    errors: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    _message_id: int = 0

    def fail_next(
        self, method: str, code: int = 500, description: str = "Internal Server Error", **extra: Any
    ) -> None:
        """Answer the next call of ``method`` with an error (``retry_after=`` for a 429)."""
        parameters = {"retry_after": extra["retry_after"]} if "retry_after" in extra else None
        answer = {"ok": False, "error_code": code, "description": description}
        if parameters:
            answer["parameters"] = parameters
        self.errors.setdefault(method, []).append((code, answer))

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a file download: the bytes themselves, not JSON
            self.calls.append(Call("downloadFile", {"url": url}))
            return 200, self.files[url.rsplit("/", 1)[-1]]
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        files = {}
        if request_data is not None and request_data.contains_files:
            files = {
                name: (upload[0], upload[1])
                for name, upload in (request_data.multipart_data or {}).items()
                if isinstance(upload, tuple)
            }
        self.calls.append(Call(api_method, params, files))
        if self.errors.get(api_method):
            code, answer = self.errors[api_method].pop(0)
            return code, json.dumps(answer).encode()
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def _result(self, api_method: str, params: dict[str, Any]) -> Any:
        if api_method == "getMe":
            return BOT_USER
        if api_method == "copyMessage":
            self._message_id += 1
            return {"message_id": self._message_id}
        if api_method in ("sendMessage", "editMessageText", "sendPhoto", "sendDocument"):
            self._message_id += 1
            message = {
                "message_id": self._message_id,
                "date": 0,
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT_USER,
            }
            file = {"file_id": f"f{self._message_id}", "file_unique_id": f"u{self._message_id}"}
            if api_method == "sendPhoto":
                return message | {"photo": [file | {"width": 960, "height": 640}]}
            if api_method == "sendDocument":
                return message | {"document": file}
            return message | {"text": params.get("text", "")}
        if api_method == "getFile":
            file_id = str(params["file_id"])
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}",
            }
        return True

    def sent(self, method: str, chat_id: int) -> list[Call]:
        return [
            call for call in self.calls if call.method == method and int(call.params["chat_id"]) == chat_id
        ]

    def replies(self, chat_id: int) -> list["Reply"]:
        """Everything shown in a chat, new messages and edits alike, in order, with their buttons."""
        return [
            Reply(call.method, call.params["text"], _buttons(call.params.get("reply_markup")))
            for call in self.calls
            if call.method in ("sendMessage", "editMessageText") and int(call.params["chat_id"]) == chat_id
        ]

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def sent_texts(self, chat_id: int) -> list[str]:
        return [
            call.params["text"]
            for call in self.calls
            if call.method == "sendMessage" and int(call.params["chat_id"]) == chat_id
        ]


@dataclass
class Reply:
    method: str
    text: str
    buttons: dict[str, str]

    def button(self, label_part: str) -> str:
        """The callback data of the button whose label contains ``label_part``."""
        matches = [data for label, data in self.buttons.items() if label_part in label]
        assert len(matches) == 1, f"{label_part!r} in {list(self.buttons)}"
        return matches[0]


def _buttons(markup: Any) -> dict[str, str]:
    if not markup:
        return {}
    parsed = json.loads(markup) if isinstance(markup, str) else markup
    return {
        button["text"]: button.get("callback_data", "")
        for row in parsed.get("inline_keyboard", [])
        for button in row
    }
