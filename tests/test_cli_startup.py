"""The command line starts light: each command loads only what it uses, and the listing stays true."""

import argparse
import json
import subprocess
import sys

import pytest

from bot.cli import COMMANDS, command_module

HEAVY = ("telegram", "matplotlib", "python_calamine", "xlsxwriter", "aiohttp", "numpy")


def loaded_after(code: str) -> set[str]:
    """Which of HEAVY (and pydantic) a fresh interpreter has loaded after running ``code``."""
    script = (
        "import sys, contextlib\n"
        f"{code}\n"
        f"print(__import__('json').dumps([name for name in {[*HEAVY, 'pydantic']!r} if name in sys.modules]))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_help_loads_no_library_beyond_the_standard_one() -> None:
    code = "from bot.cli import main\nwith contextlib.suppress(SystemExit): main(['--help'])"
    assert loaded_after(code) == set()


@pytest.mark.parametrize(
    "command", ["summary", "deadlines", "reminders", "seed", "staff", "invite", "db", "person", "audit"]
)
def test_commands_for_the_terminal_do_not_load_telegram_or_the_chart_and_spreadsheet_libraries(
    command: str,
) -> None:
    code = f"from bot.cli import parser\nparser([{command!r}])"
    assert loaded_after(code) & set(HEAVY) == set()


def test_the_running_bot_loads_charts_and_spreadsheets_only_when_asked_for_them() -> None:
    code = "from bot.cli import parser\nparser(['run'])"
    assert loaded_after(code) & {"matplotlib", "python_calamine", "xlsxwriter", "aiohttp"} == set()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_listed_command_registers_itself_with_the_help_line_the_listing_shows(name: str) -> None:
    top = argparse.ArgumentParser()
    subparsers = top.add_subparsers(dest="command")
    command_module(name).register(subparsers)
    [choice] = subparsers._choices_actions
    assert (choice.dest, choice.help) == (name, COMMANDS[name][1])
