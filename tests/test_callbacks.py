"""Button data: short, versioned, and parsed into typed arguments or refused."""

import pytest

from bot.callbacks import Action, Callback, decode, encode
from bot.models import ContactMethod


def test_a_button_round_trips_with_typed_arguments() -> None:
    data = encode(Action.CONTACT_DAY, 123, ContactMethod.VIDEO.value, 2)
    assert data == "a1:cw:123:video:2"
    assert decode(data) == Callback(Action.CONTACT_DAY, (123, ContactMethod.VIDEO, 2))


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "a0:cd:1",
        "a1:zz:1",
        "a1:cd",
        "a1:cd:1:2",
        "a1:cd:-1",
        "a1:cd:x",
        "a1:cm:1:fax",
        "a1:sz:ri;hi:1",
    ],
)
def test_anything_malformed_is_refused(data: str | None) -> None:
    assert decode(data) is None


def test_data_over_64_bytes_is_never_built() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(Action.SNOOZE_FOR, "x" * 50, 1, "tomorrow")
