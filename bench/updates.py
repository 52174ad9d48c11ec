"""Updates a second through the real ``Application``, against a bare python-telegram-bot echo bot.

    python -m bench.updates [--quick] [--before REF]

On a seeded service (100,000 young people; 200 with --quick), one PA's young people, the PA and their
team's manager are linked to Telegram. The mix, in rounds: a care leaver presses four menu buttons (the
main menu, What can I get?, My passport, Money help) and types two questions; the PA presses three
reminder buttons (open a contact deadline, Contact done, Phone); the manager sends /summary. Both bots
fetch the same updates from a network stand-in that answers at once (``bench/updates_measure.py``).

Target: ours at least half the echo bot's rate. Ours is measured without the limiter that keeps it within
Telegram's limits (the echo bot has none); a short run with it shows those ceilings: 30 messages a second
for the bot, and one a second in each chat, which binds first here, as the mix's first 120 updates come
from 14 chats (the manager's twelve /summary replies alone take eleven seconds).
"""

import json
import sqlite3
import statistics
import sys
from contextlib import closing
from pathlib import Path

from bench.harness import ROOT, Options, Row, checked, copy_of, run_process, scratch, seeded, size_label

BENCH = "updates"
SIZE, QUICK_SIZE = 100_000, 200
CYCLES, QUICK_CYCLES = 100, 2
SHARE_OF_ECHO = 0.5


def link_a_caseload(database: Path) -> dict:
    """Link to Telegram the PA with the most young people, their young people and their team's manager."""
    with closing(sqlite3.connect(database)) as connection, connection:
        [(pa_id, team_id)] = connection.execute(
            "SELECT s.id, s.team_id FROM staff s JOIN young_people p ON p.pa_id = s.id"
            " WHERE s.role = 'pa' AND p.left_service_on IS NULL"
            " GROUP BY s.id ORDER BY COUNT(*) DESC, s.id LIMIT 1"
        ).fetchall()
        [(manager_id,)] = connection.execute(
            "SELECT id FROM staff WHERE role = 'manager' AND team_id = ? ORDER BY id LIMIT 1", (team_id,)
        ).fetchall()
        people = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM young_people WHERE pa_id = ? AND left_service_on IS NULL ORDER BY id",
                (pa_id,),
            )
        ]
        connection.execute(
            "UPDATE staff SET telegram_user_id = 2000000 + id WHERE id IN (?, ?)", (pa_id, manager_id)
        )
        connection.executemany(
            "UPDATE young_people SET telegram_user_id = 1000000 + id WHERE id = ?",
            [(person,) for person in people],
        )
    return {
        "database": str(database),
        "leavers": [1_000_000 + person for person in people],
        "person_ids": people,
        "pa": 2_000_000 + pa_id,
        "manager": 2_000_000 + manager_id,
    }


def measure(tree: Path, cast: dict, folder: Path) -> dict:
    path = folder / "cast.json"
    path.write_text(json.dumps(cast))
    argv = [sys.executable, str(ROOT / "bench" / "updates_measure.py"), str(path)]
    return json.loads(checked(run_process(argv, tree=tree), f"updates ({tree})").stdout)


def rows_for(options: Options) -> list[Row]:
    size = QUICK_SIZE if options.quick else SIZE
    found = {}
    with scratch() as name:
        folder = Path(name)
        for label, tree in options.trees():
            database = copy_of(seeded(options, size), folder)  # the bot writes: a fresh copy each
            cast = link_a_caseload(database)
            cast |= {"cycles": QUICK_CYCLES if options.quick else CYCLES, "rounds": options.rounds}
            found[label] = measure(tree, cast, folder)
    return _rows(found, size, options)


def _rate(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f}/s"


def _rows(found: dict, size: int, options: Options) -> list[Row]:
    after = found["after"]
    where = f"{size_label(size)} young people"
    ours, echo = statistics.median(after["ours"]["all"]), statistics.median(after["echo"]["all"])
    table = [Row(BENCH, "bare python-telegram-bot echo bot, same updates", _rate(after["echo"]["all"]))]
    mixed = Row(
        BENCH, f"our Application, the mix, {where}", f"{_rate(after['ours']['all'])}, {ours / echo:.2f}x echo"
    )
    if not options.quick:
        mixed.target, mixed.met = f"≥ {SHARE_OF_ECHO}x echo", ours >= SHARE_OF_ECHO * echo
    table.append(mixed)
    for kind in after["ours"]:
        if kind != "all":
            table.append(Row(BENCH, f"our Application, {kind} alone", _rate(after["ours"][kind])))
    limited = Row(
        BENCH,
        "our Application as deployed (Telegram's limits kept)",
        _rate(after["ours, rate-limited"]["all"]),
    )
    limited.note = "Telegram's ceilings, not ours: one message a second in a chat binds first (14 chats)"
    table.append(limited)
    if "before" in found:
        before = found["before"]
        for row, figures in zip(table, [before["echo"]["all"], before["ours"]["all"]], strict=False):
            row.before = _rate(figures)
        for row in table[2:-1]:
            kind = row.step.removeprefix("our Application, ").removesuffix(" alone")
            row.before = _rate(before["ours"][kind])
        before_share = statistics.median(before["ours"]["all"]) / statistics.median(before["echo"]["all"])
        table[1].before += f", {before_share:.2f}x echo"
        table[-1].before = _rate(before["ours, rate-limited"]["all"])
    return table


if __name__ == "__main__":
    from bench.__main__ import main

    main(["--only", BENCH, *sys.argv[1:]])
