"""How long the checks on every typed message take: the risk check (runs on every text) and the search.

    python -m bench.leaver_text [--rounds N]    (or as part of python -m bench)

Prints microseconds per message for each, measured in one run over a mix of everyday questions and
risk messages. Not a test: the figures are for reading, not for asserting.
"""

import argparse
import time
from collections.abc import Callable

from bench.harness import Options, Row
from content.loader import council_folder, load
from content.risk import detect
from content.search import search

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


def figures(rounds: int) -> tuple[float, float, float]:
    """(content load in ms, risk check and search in µs a message)."""
    started = time.perf_counter()
    content = load(council_folder("middlesbrough"))
    loaded = (time.perf_counter() - started) * 1000
    return loaded, per_message(detect, rounds), per_message(lambda message: search(message, content), rounds)


def rows(options: Options) -> list[Row]:
    loaded, risk, searched = figures(5 if options.quick else 200)
    return [
        Row("leaver text", "content load and validation", f"{loaded:.0f} ms"),
        Row("leaver text", "risk check, every typed message", f"{risk:.0f} µs a message"),
        Row("leaver text", "search of the offer", f"{searched:.0f} µs a message"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    loaded, risk, searched = figures(parser.parse_args().rounds)
    print(f"content load and validation: {loaded:.1f} ms")
    print(f"risk check: {risk:.1f} µs per message")
    print(f"search: {searched:.1f} µs per message")


if __name__ == "__main__":
    main()
