"""Generate ``methods.json``: the methods the local Bot API server serves, with their parameters and the
object types those parameters take, cut down from the Telegram Bot API spec.

The server checks every call against that table, so it must come from the spec, not from memory. The
spec itself (``../shared/botapi/api-10.0.json``, MIT) is not part of the project; the table is, and a test
checks that it still matches the spec whenever the spec is at hand.

    python -m bot.localapi.gen_spec [path/to/api.json]
"""

import json
import re
import sys
from pathlib import Path
from typing import Any

DEFAULT_SPEC = Path(__file__).resolve().parents[2] / ".." / "shared" / "botapi" / "api-10.0.json"
TABLE_PATH = Path(__file__).with_name("methods.json")

SERVED_METHODS = (
    "getMe",
    "logOut",
    "close",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "sendChatAction",
    "copyMessage",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
    "deleteMessage",
    "answerCallbackQuery",
    "getFile",
    "getChat",
    "setMyCommands",
    "deleteMyCommands",
    "getMyCommands",
    "setChatMenuButton",
    "getChatMenuButton",
)

_LIMIT = re.compile(r"(\d+)-(\d+) (characters|bytes)")
_CONSTANT = re.compile(r"must be (?:always )?[\"“]?([a-z_]+)[\"”]?$")
_TYPE_NAME = re.compile(r"[A-Z][A-Za-z0-9]+")


def _field(field: dict[str, Any]) -> dict[str, Any]:
    """One parameter or object field: whether it is required, its types, and any length limit or
    constant value the spec states in words (``1-64 bytes``, ``must be chat``, ``1-4096 characters
    after entities parsing``)."""
    entry: dict[str, Any] = {"required": field["required"], "types": field["types"]}
    description = field.get("description", "")
    if limit := _LIMIT.search(description):
        entry["length"] = [int(limit[1]), int(limit[2]), limit[3]]
        if "after entities parsing" in description:
            entry["parsed"] = True  # counted on the text left once HTML or Markdown is parsed
    if field["name"] in ("type", "source", "status") and (constant := _CONSTANT.search(description)):
        entry["const"] = constant[1]
    return entry


def compact_table(spec: dict[str, Any], methods: tuple[str, ...] = SERVED_METHODS) -> dict[str, Any]:
    """The served methods' parameters and every object type reachable from them."""
    table_methods = {}
    wanted: list[str] = []
    for name in methods:
        method = spec["methods"][name]
        params = {field["name"]: _field(field) for field in method.get("fields", [])}
        table_methods[name] = {"returns": method["returns"], "params": params}
        wanted += [part for entry in params.values() for kind in entry["types"] for part in _names(kind)]

    types: dict[str, Any] = {}
    while wanted:
        name = wanted.pop()
        if name in types or name not in spec["types"]:
            continue
        source = spec["types"][name]
        entry: dict[str, Any] = {}
        if source.get("subtypes"):
            entry["subtypes"] = source["subtypes"]
            wanted += source["subtypes"]
        if "fields" in source:
            entry["fields"] = {field["name"]: _field(field) for field in source["fields"]}
            wanted += [part for field in source["fields"] for kind in field["types"] for part in _names(kind)]
        types[name] = entry
    return {
        "version": spec["version"],
        "methods": table_methods,
        "types": dict(sorted(types.items())),
    }


def _names(kind: str) -> list[str]:
    return _TYPE_NAME.findall(kind.removeprefix("Array of "))


def render(table: dict[str, Any]) -> str:
    """JSON with one method or type per line: small, and a spec change shows as a readable diff."""
    lines = ["{", f'"version": {json.dumps(table["version"])},']
    for section in ("methods", "types"):
        entries = [f"  {json.dumps(name)}: {json.dumps(entry)}" for name, entry in table[section].items()]
        closing = "}," if section == "methods" else "}"
        lines += [f'"{section}": {{', ",\n".join(entries), closing]
    return "\n".join([*lines, "}"]) + "\n"


def main(argv: list[str]) -> int:
    spec_path = Path(argv[0]) if argv else DEFAULT_SPEC
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    TABLE_PATH.write_text(render(compact_table(spec)), encoding="utf-8")
    print(f"wrote {TABLE_PATH} from {spec_path} ({spec['version']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
