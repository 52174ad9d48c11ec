"""How long the checks on every typed message take: the risk check (runs on every text) and understanding
the question (intent, parts, search).

    python -m bench.leaver_text [--rounds N]    (or as part of python -m bench)

Prints microseconds per message for each, measured in one run over a mix of everyday questions and
risk messages. Not a test: the figures are for reading, not for asserting.
"""

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.harness import Options, Row
from content.loader import council_folder, load
from content.risk import assess
from content.search import QuestionIndex
from content.understand import understand

MESSAGES = [
    "can I get money for a sofa",
    "gas meter ran out and I've got no money",
    "whats a pathway plan",
    "I want to go to univercity next year, will I get help with money?",
    "how do I get my cat to stop biting",
    "killing it at work today",
    "I have nowhere to sleep tonight",
    "i dont want to be here anymore",
    "my boyfriend keeps hitting me and I'm scared to go home",
    "hi",
]


def per_message(function: Callable[[str], object], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for message in MESSAGES:
            function(message)
    return (time.perf_counter() - started) / (rounds * len(MESSAGES)) * 1e6


@dataclass(frozen=True)
class Figures:
    load_ms: float
    risk_us: float
    index_ms: float
    understand_us: float


def figures(rounds: int) -> Figures:
    started = time.perf_counter()
    content = load(council_folder("middlesbrough"))
    loaded = (time.perf_counter() - started) * 1000
    risk = per_message(assess, rounds)
    started = time.perf_counter()
    index = QuestionIndex(content)
    indexed = (time.perf_counter() - started) * 1000
    return Figures(loaded, risk, indexed, per_message(lambda message: understand(message, index), rounds))


def rows_for(options: Options) -> list[Row]:
    found = figures(5 if options.quick else 200)
    return [
        Row("leaver text", "content load and validation", f"{found.load_ms:.0f} ms"),
        Row("leaver text", "risk check, every typed message", f"{found.risk_us:.0f} µs a message"),
        Row("leaver text", "question index, built once", f"{found.index_ms:.0f} ms"),
        Row("leaver text", "understanding a question", f"{found.understand_us:.0f} µs a message"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    found = figures(parser.parse_args().rounds)
    print(f"content load and validation: {found.load_ms:.1f} ms")
    print(f"risk check: {found.risk_us:.1f} µs per message")
    print(f"question index: {found.index_ms:.1f} ms")
    print(f"understand: {found.understand_us:.1f} µs per message")


if __name__ == "__main__":
    main()
