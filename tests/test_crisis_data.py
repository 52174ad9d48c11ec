"""The crisis test set is well-formed, so recall and look-alike figures measured on it mean something.

The files are read as plain CSV: nothing here imports the detector, because the set exists to test
it from outside. The rules checked are the ones in tests/data/understanding/README.md.
"""

import csv
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "understanding"
MAIN = DATA / "crisis.csv"
MORE = DATA / "crisis-more.csv"
HOLDOUT = DATA / "crisis-holdout.csv"
COLUMNS = ["text", "tier", "kind", "about", "source", "how", "checkin_ok"]

KINDS_BY_TIER = {
    "danger": {"suicide_plan", "overdose", "self_harm", "being_hurt", "threatened", "unsafe_place"},
    "risk": {
        "suicidal_thoughts",
        "passive_wish",
        "self_harm",
        "being_hurt",
        "sexual_abuse",
        "domestic_abuse",
        "exploitation",
        "nowhere_to_sleep",
        "missing",
    },
    "worry": {"hopeless", "cant_cope", "lonely", "worthless", "panic"},
    "friend": {"friend_suicide", "friend_self_harm", "friend_abuse"},
    "none": {
        "idiom",
        "everyday_fear",
        "media_or_lesson",
        "relationship_end",
        "service_question",
        "gaming_or_sport",
        "other",
    },
}
MAIN_MINIMUMS = {"danger": 60, "risk": 110, "worry": 40, "friend": 15, "none": 160}
# crisis-more.csv exists to add new phrasings, so every kind it covers needs enough rows to vary.
MORE_ROWS = 360
MORE_MINIMUMS = {"danger": 90, "risk": 130, "worry": 40, "friend": 25, "none": 90}
MORE_KIND_MINIMUMS = {"danger": 12, "risk": 12, "friend": 8, "none": 10}
HOLDOUT_ROWS = 80
HOW = {"quoted", "adapted", "written"}

# The messages issue 10 found handled wrongly, with the tier each belongs in.
ISSUE_10 = {
    "i took loads of my tablets": "danger",
    "ive been cutting again": "risk",
    "thinking about ending it tonight": "danger",
    "i wish i could go to sleep and not wake up": "risk",
    "nobody would care if i was gone": "risk",
    "he said hes gonna batter me when i get back": "danger",
    "sleeping in the bus station tonight": "risk",
    "im scared of my electric bill": "none",
    "ending things with my bf, need my own place": "none",
    "we watched a film about suicide in pshe": "none",
}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS, f"{path.name}: header is {reader.fieldnames}"
        return list(reader)


def problems_in(row: dict[str, str]) -> list[str]:
    """Everything wrong with one row, in words, so a failure names the row and the rule it breaks."""
    found = []
    text, tier, kind = row["text"], row["tier"], row["kind"]
    if not text.strip():
        found.append("empty text")
    if text != text.lower() or "'" in text or "\u2019" in text:
        found.append("text not lower case without apostrophes")
    if tier not in KINDS_BY_TIER:
        found.append(f"unknown tier {tier!r}")
    elif kind not in KINDS_BY_TIER[tier]:
        found.append(f"kind {kind!r} does not belong to tier {tier!r}")
    expected_about = {"friend": {"other"}, "none": {"self", "other"}}.get(tier, {"self"})
    if row["about"] not in expected_about:
        found.append(f"about {row['about']!r} for tier {tier!r}")
    if not row["source"].startswith(("http://", "https://")):
        found.append("no source address")
    if row["how"] not in HOW:
        found.append(f"how {row['how']!r}")
    if row["checkin_ok"] and tier != "none":
        found.append("checkin_ok outside the none tier")
    return found


@pytest.mark.parametrize("path", [MAIN, MORE, HOLDOUT], ids=lambda path: path.name)
def test_every_row_has_a_known_label_and_a_source(path):
    bad = {row["text"]: problems for row in read(path) if (problems := problems_in(row))}
    assert not bad


@pytest.mark.parametrize("path", [MAIN, MORE, HOLDOUT], ids=lambda path: path.name)
def test_check_ins_for_look_alikes_stay_rare(path):
    look_alikes = [row for row in read(path) if row["tier"] == "none"]
    with_check_in = [row for row in look_alikes if row["checkin_ok"].strip()]
    assert len(with_check_in) < 0.10 * len(look_alikes)


def test_no_message_appears_twice_across_all_three_files():
    texts = [" ".join(row["text"].split()) for path in (MAIN, MORE, HOLDOUT) for row in read(path)]
    repeated = [text for text, count in Counter(texts).items() if count > 1]
    assert not repeated


def test_main_file_meets_the_balance_minimums():
    rows = read(MAIN)
    per_tier = Counter(row["tier"] for row in rows)
    short = {tier: per_tier[tier] for tier, least in MAIN_MINIMUMS.items() if per_tier[tier] < least}
    assert not short
    per_kind = Counter((row["tier"], row["kind"]) for row in rows)
    thin = {
        (tier, kind): per_kind[tier, kind]
        for tier in ("risk", "none")
        for kind in KINDS_BY_TIER[tier]
        if per_kind[tier, kind] < 8
    }
    assert not thin


def test_more_file_meets_its_balance_minimums():
    rows = read(MORE)
    assert len(rows) >= MORE_ROWS
    per_tier = Counter(row["tier"] for row in rows)
    short = {tier: per_tier[tier] for tier, least in MORE_MINIMUMS.items() if per_tier[tier] < least}
    assert not short
    per_kind = Counter((row["tier"], row["kind"]) for row in rows)
    thin = {
        (tier, kind): per_kind[tier, kind]
        for tier, least in MORE_KIND_MINIMUMS.items()
        for kind in KINDS_BY_TIER[tier]
        if per_kind[tier, kind] < least
    }
    assert not thin


def test_holdout_is_the_same_balance_at_its_own_size():
    rows = read(HOLDOUT)
    assert len(rows) >= HOLDOUT_ROWS
    per_tier = Counter(row["tier"] for row in rows)
    scale = HOLDOUT_ROWS / sum(MAIN_MINIMUMS.values())
    short = {
        tier: per_tier[tier] for tier, least in MAIN_MINIMUMS.items() if per_tier[tier] < int(least * scale)
    }
    assert not short


def test_the_messages_from_issue_10_are_in_their_right_tiers():
    tier_of = {row["text"]: row["tier"] for path in (MAIN, HOLDOUT) for row in read(path)}
    wrong = {text: tier_of.get(text) for text, tier in ISSUE_10.items() if tier_of.get(text) != tier}
    assert not wrong
