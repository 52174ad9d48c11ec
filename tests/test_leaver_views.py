"""Small pieces of the young person's views: typed words for buttons, long lists split for Telegram."""

import pytest

from bot.callbacks import Leaver
from handlers import leaver_texts as texts
from handlers import leaver_views as views
from handlers.views import MAX_MESSAGE, chunks


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("money", "money"),
        ("Money please", "money"),
        ("my plan", "plan"),
        ("health", "health"),
        ("somethin", "other"),
        ("", "other"),
        ("WORK", "work"),
    ],
)
def test_typed_reasons(typed: str, code: str) -> None:
    assert views.choice(typed, texts.REASON_BUTTONS, default="other") == code


@pytest.mark.parametrize(
    ("typed", "action"),
    [
        ("What can I get?", "offer"),
        ("passport", "pp"),
        ("MENU", "menu"),
        ("💷 What can I get?", "offer"),
        ("help now", "help"),
        ("Talk to my PA", "pa"),
        ("can I get money for a sofa", None),
        ("help", "menu"),
        ("hi", "menu"),
    ],
)
def test_typed_menu_words(typed: str, action: str | None) -> None:
    assert views.menu_action(typed) == action


def test_long_lists_are_split_between_lines_under_the_limit() -> None:
    lines = [f"line {number} " + "x" * 90 for number in range(200)]
    messages = chunks(lines)
    assert len(messages) > 1 and all(len(message) <= MAX_MESSAGE for message in messages)
    assert "\n".join(messages).splitlines() == lines


def test_callback_data_stays_under_64_bytes() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        views.button("Go", Leaver.ENTITLEMENT, "x" * 70)
    data = views.button("Go", Leaver.FACT, "activity", "higher_education").callback_data
    assert isinstance(data, str) and len(data.encode()) <= 64
