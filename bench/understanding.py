"""How well the bot understands what young people type, on the labelled sets in tests/data/understanding/.

    python -m bench.understanding [--misses]

Prints, for the crisis sets (the working set and the hold-out set, which is never tuned on): the confusion
matrix of labelled tier against the tier the bot answers with, recall on danger now and risk (a crisis
screen shown), and how many look-alikes got a crisis screen or a check-in nobody said was fair. For the
question sets: top-1 and top-3 per kind, passport "how do I" questions, two-part questions with every part
answered, and intents. ``--misses`` lists every miss on the working sets (never on the hold-out set).
Figures only: the pass marks live in the tests.
"""

import argparse
import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from content.intents import Intent
from content.loader import council_folder, load
from content.risk import assess
from content.risk_phrases import Tier
from content.search import Confidence, QuestionIndex
from content.understand import understand

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "understanding"
# Tuned on; the hold-out sets are reported apart and never tuned on.
WORKING_SETS = ("crisis.csv", "crisis-more.csv")
HOLDOUT_SETS = ("crisis-holdout.csv", "crisis-fresh.csv")
TIERS = [tier.value for tier in Tier]
CRISIS_TIERS = {Tier.DANGER.value, Tier.RISK.value}


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@dataclass
class CrisisFigures:
    """One crisis set read by ``content.risk.assess``."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # crisis rows given no crisis screen
    screened: list[tuple[str, str]] = field(default_factory=list)  # look-alikes given a crisis screen
    unfair_check_ins: list[str] = field(default_factory=list)  # look-alikes checked in on, with no reason
    friends_missed: list[tuple[str, str]] = field(default_factory=list)

    def count(self, labelled: str) -> int:
        return sum(n for (tier, _), n in self.confusion.items() if tier == labelled)

    def recall(self, labelled: str) -> float:
        """The share of ``labelled`` rows that got a crisis screen (danger now or risk)."""
        shown = sum(
            n for (tier, got), n in self.confusion.items() if tier == labelled and got in CRISIS_TIERS
        )
        return shown / max(self.count(labelled), 1)


def crisis_figures(labelled_rows: Iterable[dict[str, str]]) -> CrisisFigures:
    figures = CrisisFigures()
    for row in labelled_rows:
        found = assess(row["text"]).tier.value
        figures.confusion[(row["tier"], found)] += 1
        if row["tier"] in CRISIS_TIERS and found not in CRISIS_TIERS:
            figures.missed.append((row["tier"], found, row["text"]))
        elif row["tier"] == Tier.NONE.value and found in (*CRISIS_TIERS, Tier.FRIEND.value):
            figures.screened.append((found, row["text"]))
        elif row["tier"] == Tier.NONE.value and found == Tier.WORRY.value and not row["checkin_ok"]:
            figures.unfair_check_ins.append(row["text"])
        elif row["tier"] == Tier.FRIEND.value and found != Tier.FRIEND.value:
            figures.friends_missed.append((found, row["text"]))
    return figures


@dataclass
class QuestionFigures:
    """The question set read by ``content.understand``: hits counted per kind."""

    asked: Counter[str] = field(default_factory=Counter)
    top1: Counter[str] = field(default_factory=Counter)
    top3: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # kind, expected, text

    def share(self, hits: Counter[str], kind: str | None = None) -> float:
        if kind is None:
            return sum(hits.values()) / max(sum(self.asked.values()), 1)
        return hits[kind] / max(self.asked[kind], 1)


def _ranked(text: str, index: QuestionIndex) -> list[list[str]]:
    """For each part of the question, the ids the bot offers, best first (none when it does not know)."""
    understood = understand(text, index)
    return [
        [match.item_id for match in part.matches] if part.confidence is not Confidence.NONE else []
        for part in understood.parts
    ]


def question_figures(labelled_rows: Iterable[dict[str, str]], index: QuestionIndex) -> QuestionFigures:
    """A question is right in the top 3 when every part it asks (``;``) has one of its ids (``|``) among the
    first three the bot offers for some part; top-1 likewise with the first only."""
    figures = QuestionFigures()
    for row in labelled_rows:
        kind, wanted_parts = row["kind"], [set(part.split("|")) for part in row["expected"].split(";")]
        offered = _ranked(row["text"], index)
        figures.asked[kind] += 1
        top1 = all(any(ids[:1] and ids[0] in wanted for ids in offered) for wanted in wanted_parts)
        top3 = all(any(wanted & set(ids[:3]) for ids in offered) for wanted in wanted_parts)
        figures.top1[kind] += top1
        figures.top3[kind] += top3
        if not top3:
            figures.missed.append((kind, row["expected"], row["text"]))
    return figures


@dataclass
class IntentFigures:
    asked: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    did_you_mean: int = 0  # unknown rows answered "Did you mean...?" rather than "I don't know"
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # labelled, got, text


def intent_figures(labelled_rows: Iterable[dict[str, str]], index: QuestionIndex) -> IntentFigures:
    """``unknown`` rows are right when the bot gives no card: it says it does not know, or asks "Did you
    mean...?" (``did_you_mean`` counts those apart)."""
    figures = IntentFigures()
    for row in labelled_rows:
        understood = understand(row["text"], index)
        got = understood.intent.value
        if understood.intent is Intent.QUESTION:
            clear = any(part.confidence is Confidence.CLEAR for part in understood.parts)
            got = "answered" if clear else ("did_you_mean" if understood.parts[0].matches else "unknown")
        figures.asked[row["intent"]] += 1
        if row["intent"] == "unknown" and got == "did_you_mean":
            figures.did_you_mean += 1
            got = "unknown"
        if got == row["intent"]:
            figures.right[row["intent"]] += 1
        else:
            figures.missed.append((row["intent"], got, row["text"]))
    return figures


def _print_crisis(name: str, figures: CrisisFigures, misses: bool) -> None:
    print(
        f"\n== {name}: {sum(figures.confusion.values())} messages (rows: labelled; columns: the bot's tier)"
    )
    print(f"{'':>8}" + "".join(f"{tier:>8}" for tier in TIERS))
    for labelled in TIERS:
        counts = "".join(f"{figures.confusion[(labelled, got)]:>8}" for got in TIERS)
        print(f"{labelled:>8}{counts}")
    for labelled in (Tier.DANGER.value, Tier.RISK.value):
        print(f"recall, {labelled}: {figures.recall(labelled):.1%} given a crisis screen")
    lookalikes = figures.count(Tier.NONE.value)
    print(f"look-alikes given a crisis screen: {len(figures.screened)} of {lookalikes}")
    print(f"look-alikes given a check-in with no reason to: {len(figures.unfair_check_ins)} of {lookalikes}")
    print(
        f"friends' worries answered as one: {figures.count('friend') - len(figures.friends_missed)} of "
        f"{figures.count('friend')}"
    )
    if misses:
        for labelled, got, text in figures.missed:
            print(f"  MISSED {labelled} -> {got}: {text}")
        for got, text in figures.screened:
            print(f"  SCREENED {got}: {text}")
        for text in figures.unfair_check_ins:
            print(f"  CHECK-IN: {text}")
        for got, text in figures.friends_missed:
            print(f"  FRIEND -> {got}: {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    misses = parser.parse_args().misses
    working = crisis_figures(row for name in WORKING_SETS for row in rows(name))
    _print_crisis(" + ".join(WORKING_SETS), working, misses)
    for name in HOLDOUT_SETS:  # figures only: listing their misses would invite tuning on them
        _print_crisis(f"{name} (never tuned on)", crisis_figures(rows(name)), misses=False)

    index = QuestionIndex(load(council_folder("middlesbrough")))
    questions = question_figures(rows("questions.csv"), index)
    print(f"\n== questions.csv: {sum(questions.asked.values())} questions")
    print(f"{'kind':>12}{'asked':>8}{'top-1':>8}{'top-3':>8}")
    for kind in sorted(questions.asked):
        print(
            f"{kind:>12}{questions.asked[kind]:>8}"
            f"{questions.share(questions.top1, kind):>8.1%}{questions.share(questions.top3, kind):>8.1%}"
        )
    print(
        f"{'all':>12}{sum(questions.asked.values()):>8}"
        f"{questions.share(questions.top1):>8.1%}{questions.share(questions.top3):>8.1%}"
    )
    intents = intent_figures(rows("intents.csv"), index)
    print(f"\n== intents.csv: {sum(intents.asked.values())} messages")
    for intent in sorted(intents.asked):
        print(f"{intent:>12}: {intents.right[intent]} of {intents.asked[intent]} recognised")
    print(f'{"":>12}  (unknown: no card; {intents.did_you_mean} of them asked "Did you mean...?")')
    if misses:
        for kind, expected, text in questions.missed:
            print(f"  MISSED {kind} ({expected}): {text}")
        for labelled, got, text in intents.missed:
            print(f"  INTENT {labelled} -> {got}: {text}")


if __name__ == "__main__":
    main()
