"""The local Bot API server's table of methods must say what the Bot API spec says."""

import json
from pathlib import Path

import pytest

from bot.localapi import gen_spec
from bot.localapi.checks import table
from bot.localapi.methods import METHODS

SPEC = Path(__file__).resolve().parents[1] / ".." / "shared" / "botapi" / "api-10.0.json"


@pytest.fixture(scope="module")
def spec() -> dict:
    if not SPEC.is_file():
        pytest.skip(f"the Bot API spec is not at {SPEC} (it lives beside the project, in ../shared)")
    return json.loads(SPEC.read_text(encoding="utf-8"))


def test_the_table_is_what_the_generator_makes_from_the_spec(spec: dict) -> None:
    generated = gen_spec.render(gen_spec.compact_table(spec))
    assert gen_spec.TABLE_PATH.read_text(encoding="utf-8") == generated, (
        "methods.json is out of date: run python -m bot.localapi.gen_spec"
    )


def test_every_parameter_in_the_table_is_in_the_spec_with_the_same_types(spec: dict) -> None:
    for name, method in table()["methods"].items():
        fields = {field["name"]: field for field in spec["methods"][name].get("fields", [])}
        assert set(method["params"]) == set(fields), name
        for param, entry in method["params"].items():
            assert entry["required"] == fields[param]["required"], f"{name}.{param}"
            assert entry["types"] == fields[param]["types"], f"{name}.{param}"


def test_the_table_knows_the_limits_the_bot_must_respect() -> None:
    methods, types = table()["methods"], table()["types"]
    assert methods["sendMessage"]["params"]["text"]["length"] == [1, 4096, "characters"]
    assert methods["sendPhoto"]["params"]["caption"]["length"] == [0, 1024, "characters"]
    assert types["InlineKeyboardButton"]["fields"]["callback_data"]["length"] == [1, 64, "bytes"]
    assert types["BotCommandScopeChat"]["fields"]["type"]["const"] == "chat"


def test_every_method_in_the_table_is_served() -> None:
    assert set(METHODS) == set(table()["methods"]) == set(gen_spec.SERVED_METHODS)
