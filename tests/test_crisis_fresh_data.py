"""The fresh crisis set is well-formed and keeps the shape it was written with.

crisis-fresh.csv is measured once and never tuned on, so this test pins its size and balance: a row
added or relabelled after the detector has seen the figures would show up here as a failure. It reads
only that file, as plain CSV, and imports nothing from the bot. The rules are the ones in
tests/data/understanding/README.md.
"""

import csv
from collections import Counter
from pathlib import Path

FRESH = Path(__file__).parent / "data" / "understanding" / "crisis-fresh.csv"
COLUMNS = ["text", "tier", "kind", "about", "source", "how", "checkin_ok"]
HOW = {"quoted", "adapted", "written"}

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
ROWS_PER_TIER = {"danger": 45, "risk": 65, "worry": 25, "friend": 15, "none": 50}
FEWEST_PER_KIND = 6  # for every danger kind, every risk kind and every look-alike kind


def read_rows() -> list[dict[str, str]]:
    with FRESH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS, f"header is {reader.fieldnames}"
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


def test_file_uses_crlf_line_ends_as_the_readme_says():
    raw = FRESH.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 0


def test_every_row_has_a_known_label_and_a_source():
    bad = {row["text"]: problems for row in read_rows() if (problems := problems_in(row))}
    assert not bad


def test_tiers_have_exactly_the_rows_the_set_was_written_with():
    per_tier = Counter(row["tier"] for row in read_rows())
    assert dict(per_tier) == ROWS_PER_TIER


def test_every_danger_risk_and_look_alike_kind_is_well_represented():
    per_kind = Counter((row["tier"], row["kind"]) for row in read_rows())
    thin = {
        (tier, kind): per_kind[tier, kind]
        for tier in ("danger", "risk", "none")
        for kind in KINDS_BY_TIER[tier]
        if per_kind[tier, kind] < FEWEST_PER_KIND
    }
    assert not thin


def test_every_worry_and_friend_kind_is_present():
    kinds_seen = {(row["tier"], row["kind"]) for row in read_rows()}
    missing = {(tier, kind) for tier in ("worry", "friend") for kind in KINDS_BY_TIER[tier]} - kinds_seen
    assert not missing


def test_check_ins_for_look_alikes_stay_rare():
    look_alikes = [row for row in read_rows() if row["tier"] == "none"]
    with_check_in = [row for row in look_alikes if row["checkin_ok"].strip()]
    assert len(with_check_in) < 0.10 * len(look_alikes)


def test_no_message_appears_twice():
    texts = [" ".join(row["text"].lower().split()) for row in read_rows()]
    repeated = [text for text, count in Counter(texts).items() if count > 1]
    assert not repeated
