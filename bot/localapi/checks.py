"""Checking a Bot API call against the spec table, the way Telegram answers a bad one.

Form fields arrive as strings (objects JSON-encoded, as every client sends them); a JSON body arrives
typed. Either way each parameter is checked against ``methods.json``: known to the method, present when
required, of one of its types, within the length the spec states; objects are checked field by field,
down to each inline button's ``callback_data``.

Telegram itself ignores parameters it does not know. This test double refuses them instead, because an
unknown parameter in our own code is a typo that would silently do nothing in production.
"""

import contextlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass
class ApiError(Exception):
    """An error answer: ``{"ok": false, "error_code": code, "description": description}``."""

    code: int
    description: str
    parameters: dict[str, Any] | None = None

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True)
class Upload:
    """A file posted as a multipart part."""

    filename: str
    content_type: str
    content: bytes


@cache
def table() -> dict[str, Any]:
    return json.loads(resources.files("bot.localapi").joinpath("methods.json").read_text(encoding="utf-8"))


def served_methods() -> set[str]:
    return set(table()["methods"])


# Telegram's own wording for the objects people most often get wrong.
_OBJECT_NAMES = {
    "reply_markup": "reply keyboard markup",
    "entities": "entities",
    "caption_entities": "caption entities",
    "commands": "commands",
    "scope": "BotCommandScope",
    "menu_button": "menu button",
}


def check_call(method: str, raw: dict[str, Any], uploads: dict[str, Upload]) -> dict[str, Any]:
    """The call's parameters, typed, or ``ApiError`` naming the first problem."""
    spec = table()["methods"].get(method)
    if spec is None:
        raise ApiError(404, "Not Found")
    params = spec["params"]
    referenced = {value[len("attach://") :] for value in raw.values() if _is_attach(value)}
    for name in raw.keys() | uploads.keys():
        if name not in params and name not in referenced:
            raise bad_request(f'parameter "{name}" is not known to {method}')
    checked: dict[str, Any] = {}
    for name, field in params.items():
        if name in uploads:
            if "InputFile" not in field["types"]:
                raise bad_request(f'parameter "{name}" can not be a file')
            checked[name] = uploads[name]
        elif name in raw:
            checked[name] = _top_level(name, raw[name], field, uploads)
        elif field["required"]:
            raise bad_request(f"{name} is empty" if name in ("text", "chat_id") else f"{name} is required")
    return checked


def _is_attach(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("attach://")


def _top_level(name: str, value: Any, field: dict[str, Any], uploads: dict[str, Upload]) -> Any:
    types = field["types"]
    if _is_attach(value) and "InputFile" in types:
        part = value[len("attach://") :]
        if part not in uploads:
            raise bad_request(f"{name}: file {part} not found in the request")
        return uploads[part]
    if isinstance(value, str) and not _is_scalar_only(types):
        if "String" in types and not value.lstrip().startswith(("{", "[")):
            return _checked_value(name, value, field)
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {_OBJECT_NAMES.get(name, name)} JSON object") from None
    return _checked_value(name, value, field)


def _is_scalar_only(types: list[str]) -> bool:
    return all(kind in ("Integer", "String", "Boolean", "Float", "InputFile") for kind in types)


def _checked_value(path: str, value: Any, field: dict[str, Any]) -> Any:
    problems = []
    for kind in field["types"]:
        try:
            result = _as_kind(path, value, kind)
        except ApiError as error:
            problems.append(error)
            continue
        _check_length(path, result, field)
        if "const" in field and result != field["const"]:
            raise bad_request(f"{path} must be {field['const']!r}")
        return result
    raise problems[0]


def _as_kind(path: str, value: Any, kind: str) -> Any:
    if kind.startswith("Array of "):
        if not isinstance(value, list):
            raise bad_request(f"{path} must be an array")
        inner = {"required": True, "types": [kind[len("Array of ") :]]}
        return [_checked_value(f"{path}[{index}]", item, inner) for index, item in enumerate(value)]
    match kind:
        case "Integer":
            return _integer(path, value)
        case "Float":
            if isinstance(value, bool):
                raise bad_request(f"{path} must be a number")
            try:
                return float(value)
            except (TypeError, ValueError):
                raise bad_request(f"{path} must be a number") from None
        case "Boolean":
            return _boolean(path, value)
        case "String":
            if isinstance(value, bool | dict | list) or value is None:
                raise bad_request(f"{path} must be a string")
            return str(value)
        case "InputFile":
            raise bad_request(f"{path} must be a file")
    return _object(path, value, kind)


def _integer(path: str, value: Any) -> int:
    if isinstance(value, bool):
        raise bad_request(f"{path} must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise bad_request(f"{path} must be an integer")


def _boolean(path: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    raise bad_request(f"{path} must be a boolean")


def _object(path: str, value: Any, type_name: str) -> dict[str, Any]:
    spec = table()["types"].get(type_name)
    if spec is None:
        raise bad_request(f"{path}: type {type_name} is not served here")
    if not isinstance(value, dict):
        raise bad_request(f"can't parse {_OBJECT_NAMES.get(path, path)} JSON object")
    if "subtypes" in spec:
        for subtype in spec["subtypes"]:
            with contextlib.suppress(ApiError):
                return _object(path, value, subtype)
        raise bad_request(f"{path} is not a valid {type_name}")
    fields = spec.get("fields", {})
    for name in value:
        if name not in fields:
            raise bad_request(f'field "{name}" is not known to {type_name} in {path}')
    checked = {}
    for name, field in fields.items():
        if name in value:
            checked[name] = _checked_value(f"{path}.{name}", value[name], field)
        elif field["required"]:
            raise bad_request(f'field "{name}" of {type_name} is required in {path}')
    _object_rules(path, type_name, checked)
    return checked


def _object_rules(path: str, type_name: str, checked: dict[str, Any]) -> None:
    """Rules the spec states in prose rather than in its field table."""
    if type_name == "InlineKeyboardButton":
        kinds = checked.keys() - {"text", "icon_custom_emoji_id", "style"}
        if len(kinds) != 1:
            raise bad_request(
                "can't parse inline keyboard button: exactly one of the optional fields must be used"
            )
    if type_name == "BotCommand" and not all(
        char.islower() or char.isdigit() or char == "_" for char in checked["command"]
    ):
        raise bad_request("BOT_COMMAND_INVALID")


def _check_length(path: str, value: Any, field: dict[str, Any]) -> None:
    if "length" not in field or not isinstance(value, str):
        return
    if field.get("parsed"):
        return  # counted after entity parsing, by the method
    low, high, unit = field["length"]
    size = len(value.encode()) if unit == "bytes" else len(value)
    if size < low or size > high:
        if path.endswith(".callback_data"):
            raise bad_request("BUTTON_DATA_INVALID")
        raise bad_request(f"{path} must be {low}-{high} {unit} long")


def text_limit(method: str, name: str) -> tuple[int, int] | None:
    """The spec's length range for a text counted after entity parsing (``text``, ``caption``)."""
    field = table()["methods"][method]["params"].get(name)
    if field is None or not field.get("parsed"):
        return None
    low, high, _unit = field["length"]
    return low, high
