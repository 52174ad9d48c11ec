"""How long the checks on every typed message take: the risk check (runs on every text) and understanding
the question (intent, parts, search).

    python -m bench.leaver_text [--rounds N]

Prints microseconds per message for each, measured in one run over a mix of everyday questions and
risk messages. Not a test: the figures are for reading, not for asserting.
"""

import argparse
import time
from collections.abc import Callable

from content.loader import council_folder, load
from content.risk import detect
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    started = time.perf_counter()
    content = load(council_folder("middlesbrough"))
    print(f"content load and validation: {(time.perf_counter() - started) * 1000:.1f} ms")
    print(f"risk check: {per_message(detect, rounds):.1f} µs per message")
    started = time.perf_counter()
    index = QuestionIndex(content)
    print(f"question index: {(time.perf_counter() - started) * 1000:.1f} ms")
    print(f"understand: {per_message(lambda message: understand(message, index), rounds):.1f} µs per message")


if __name__ == "__main__":
    main()
