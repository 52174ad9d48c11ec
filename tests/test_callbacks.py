"""Button data: one registry of codecs, each short, versioned, and parsed into typed fields or refused."""

import pytest

from bot.callbacks import (
    ADVISOR,
    LEAVER,
    MAX_BYTES,
    REGISTRY,
    SUMMARY_LIST,
    Advisor,
    Codec,
    Leaver,
    OutOfDate,
    Pressed,
    registry,
    small_int,
)
from bot.models import ContactMethod
from content.personalise import Fact
from scheduler.deadlines import DeadlineKind

LONGEST_ID = 10**12 - 1  # the largest id ``small_int`` reads


def test_a_button_round_trips_with_typed_arguments() -> None:
    data = ADVISOR.encode(Advisor.CONTACT_DAY, 123, ContactMethod.VIDEO.value, 2)
    assert data == "a1:cw:123:video:2"
    assert ADVISOR.decode(data) == Pressed(Advisor.CONTACT_DAY, (123, ContactMethod.VIDEO, 2))


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
    with pytest.raises(OutOfDate):
        ADVISOR.decode(data)


def test_data_over_64_bytes_is_never_built() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        ADVISOR.encode(Advisor.SNOOZE_FOR, "x" * 50, 1, "tomorrow")


def test_prefixes_are_unique_and_one_codec_cannot_read_anothers_data() -> None:
    assert len(REGISTRY) == len({codec.prefix for codec in REGISTRY.values()})
    with pytest.raises(ValueError, match="not unique"):
        registry(ADVISOR, Codec("a1", {"x": ()}))
    for prefix, codec in REGISTRY.items():
        for other in REGISTRY.values():
            if other is not codec:
                assert not f"{prefix}:".startswith(f"{other.prefix}:")


def _longest(parser: object) -> str:
    """A field as long as it can be: the longest id, or the longest value a choice allows."""
    if parser is small_int or getattr(parser, "parse", None) is small_int:
        return str(LONGEST_ID)
    choices = getattr(parser, "__members__", None)
    if choices:
        return max((member.value for member in choices.values()), key=len)
    return "x" * 20  # an item id: content ids are at most 20 characters (content.schema.ItemId)


@pytest.mark.parametrize("codec", REGISTRY.values(), ids=lambda codec: codec.prefix)
def test_every_button_fits_telegrams_64_bytes(codec: Codec) -> None:
    for action, parsers in codec.actions.items():
        fields = [_longest(parser) for parser in parsers]
        if codec is SUMMARY_LIST:
            fields = [f"team:{LONGEST_ID}"]
        assert len(":".join([codec.prefix, str(action), *fields]).encode()) <= MAX_BYTES, action


def test_old_buttons_without_a_page_still_open_the_offer() -> None:
    assert LEAVER.decode("l1:offer") == Pressed(Leaver.OFFER, ())
    assert LEAVER.decode("l1:offer:1") == Pressed(Leaver.OFFER, (1,))


def test_a_fact_answer_must_fit_the_fact() -> None:
    assert LEAVER.decode("l1:fact:activity:education").args == (Fact.ACTIVITY, "education")
    assert LEAVER.decode("l1:fact:parent:x").args == (Fact.PARENT, "x")
    for data in ("l1:fact:parent:education", "l1:fact:activity:y", "l1:fact:lives_in_area:maybe"):
        with pytest.raises(OutOfDate):
            LEAVER.decode(data)


def test_a_summary_list_keeps_its_scope_key_whole() -> None:
    data = SUMMARY_LIST.encode(DeadlineKind.CONTACT, "team:3")
    assert SUMMARY_LIST.decode(data) == Pressed(DeadlineKind.CONTACT, ("team:3",))
