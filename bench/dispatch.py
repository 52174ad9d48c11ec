"""Sending at Telegram's limit: a backlog of due reminders through the real ``carebot run``.

    python -m bench.dispatch [--quick] [--before REF]

A new database with 3,000 reminders due now for 1,000 chats (three each; 300 for 100 chats with --quick),
and ``carebot run`` against the local Bot API stand-in (``bot/localapi/``) with Telegram's flood limits
(more than 30 messages in a second, or two to one chat within a second, are answered 429) and an 80 ms
round trip per call, as from a server in the UK; the tick every second. Measured at the stand-in, from the
first message to the last: messages a second and the share of Telegram's 30; the 429s; reminders lost or
sent twice, checked by key; and the commits the bot's log gives for them.

When a third of the backlog has gone, urgent alerts are queued (crisis alerts and hand-offs, to chats of
their own) and timed from the moment they are committed to the moment Telegram has them, with how many
routine reminders went in between: they must not wait for the backlog queued before them.
"""

import asyncio
import re
import sqlite3
import statistics
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.harness import Options, Row, carebot, carebot_run, checked, run_process, scratch

BENCH = "dispatch"
TOKEN = "123456:BENCH"
ROUND_TRIP = 0.08
LIMIT = 30  # Telegram's messages a second for one bot
SHARE_TARGET = 0.95
CHATS, QUICK_CHATS = 1000, 100
EACH = 3  # reminders to each chat
URGENT = 10  # alerts queued once a third of the backlog has gone
URGENT_KINDS = ("crisis_duty", "handoff_crisis")
URGENT_CHATS = 900_000  # their chats are apart from the reminders'
_KEY = re.compile(r"\[(?P<key>[a-z]+:\d+)\]")
_COMMITS = re.compile(r"dispatch: (?P<sent>\d+) messages sent.*?(?P<commits>\d+) commits")


def _row(key: str, kind: str, chat: int, now: datetime, columns: set[str]) -> dict:
    """An outbox row as the code being measured stores it (the code before a change may lack a column)."""
    row = {
        "idempotency_key": key,
        "kind": kind,
        "chat_id": chat,
        "text": f"Bench message [{key}]",
        "due_at": (now - timedelta(minutes=1)).isoformat(),
        "created_at": now.isoformat(),
        "attempts": 0,
        "urgent": int(kind in URGENT_KINDS),
    }
    return {name: value for name, value in row.items() if name in columns}


def _insert(database: Path, rows: list[dict]) -> float:
    """Queue ``rows``; returns the moment they were committed (``time.monotonic``)."""
    with closing(sqlite3.connect(database, timeout=30)) as connection:
        with connection:
            names = list(rows[0])
            connection.executemany(
                f"INSERT INTO outbox ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [tuple(row[name] for name in names) for row in rows],
            )
        return time.monotonic()


def _columns(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as connection:
        return {row[1] for row in connection.execute("PRAGMA table_info(outbox)")}


def _unsent(database: Path) -> int:
    with closing(sqlite3.connect(database, timeout=30)) as connection:
        [(count,)] = connection.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchall()
    return count


@dataclass
class Sends:
    """Every sendMessage the stand-in answered: when (``time.monotonic``), with what status, and the key."""

    seen: list[tuple[float, int, str]] = field(default_factory=list)

    def delivered(self) -> list[tuple[float, str]]:
        return [(at, key) for at, status, key in self.seen if status == 200]

    def floods(self) -> int:
        return sum(1 for _, status, _ in self.seen if status == 429)


async def _run(database: Path, tree: Path, chats: int) -> dict:
    from bot.localapi import LocalBotApi

    sends = Sends()

    class Watched(LocalBotApi):
        async def _carry_out(self, request):  # type: ignore[no-untyped-def]
            answer = await super()._carry_out(request)
            if request.match_info["method"] == "sendMessage":
                call = self.calls[-1] if self.calls and self.calls[-1].method == "sendMessage" else None
                key = _KEY.search(call.params.get("text", "")) if call else None
                sends.seen.append((time.monotonic(), answer.status, key["key"] if key else "?"))
            return answer

    now = datetime.now(UTC)
    columns = _columns(database)
    routine = [
        _row(f"routine:{n}", "reminder:contact", 1 + n % chats, now, columns) for n in range(chats * EACH)
    ]
    _insert(database, routine)
    urgent = [_row(f"urgent:{n}", URGENT_KINDS[n % 2], URGENT_CHATS + n, now, columns) for n in range(URGENT)]
    async with Watched(TOKEN, flood_limits=True, round_trip=ROUND_TRIP) as server:
        for chat in [*range(1, chats + 1), *range(URGENT_CHATS, URGENT_CHATS + URGENT)]:
            server.world.user_chat(chat)
        async with carebot_run(tree, database, server, TOKEN) as running:
            bot = running.process
            total = len(routine) + len(urgent)
            deadline = time.monotonic() + 60 + total / 5
            urgent_at, backlog = None, 0
            while len({key for _, key in sends.delivered()}) < total:
                if bot.returncode is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the bot stopped or stalled ({len(sends.delivered())} of {total} sent)"
                    )
                if urgent_at is None and len(sends.delivered()) >= len(routine) // 3:
                    backlog = await asyncio.to_thread(_unsent, database)
                    urgent_at = await asyncio.to_thread(_insert, database, urgent)
                await asyncio.sleep(0.05)
            await asyncio.sleep(1)  # anything sent twice would come now
        stderr = running.log.result().decode(errors="replace")
    return _figures(sends, routine, urgent, urgent_at, backlog, stderr)


def _figures(
    sends: Sends, routine: list, urgent: list, urgent_at: float | None, backlog: int, log: str
) -> dict:
    delivered = sends.delivered()
    counts: dict[str, int] = {}
    for _, key in delivered:
        counts[key] = counts.get(key, 0) + 1
    keys = [row["idempotency_key"] for row in routine + urgent]
    moments = sorted(at for at, _ in delivered)
    urgent_keys = {row["idempotency_key"] for row in urgent}
    waits, routine_between = [], []
    if urgent_at is not None:
        for key in urgent_keys:
            [sent_at] = [at for at, found in delivered if found == key][:1] or [None]
            if sent_at is not None:
                waits.append(sent_at - urgent_at)
                routine_between.append(
                    sum(1 for at, found in delivered if found not in urgent_keys and urgent_at < at < sent_at)
                )
    found = [_COMMITS.search(line) for line in log.splitlines()]
    commits = [(int(match["sent"]), int(match["commits"])) for match in found if match]
    return {
        "messages": len(moments),
        "rate": (len(moments) - 1) / (moments[-1] - moments[0]) if len(moments) > 1 else 0.0,
        "floods": sends.floods(),
        "lost": sum(1 for key in keys if key not in counts),
        "twice": sum(1 for count in counts.values() if count > 1),
        "urgent_waits": waits,
        "routine_between": routine_between,
        "backlog": backlog,
        "commits": sum(count for _, count in commits) if commits else None,
        "logged_sent": sum(count for count, _ in commits),
    }


def _upgraded(folder: Path, tree: Path, label: str) -> Path:
    database = folder / f"dispatch-{label}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    checked(run_process(carebot("db", "upgrade", "--db", str(database)), tree=tree), "db upgrade")
    return database


def rows_for(options: Options) -> list[Row]:
    chats = QUICK_CHATS if options.quick else CHATS
    found: dict[str, dict] = {}
    with scratch() as folder:
        for label, tree in options.trees():
            found[label] = asyncio.run(_run(_upgraded(Path(folder), tree, label), tree, chats))
    return _rows(found, chats, options)


def _speed(figures: dict) -> str:
    return f"{figures['rate']:.1f}/s, {figures['rate'] / LIMIT:.0%} of {LIMIT}/s"


def _faults(figures: dict) -> str:
    return f"{figures['floods']} 429s, {figures['lost']} lost, {figures['twice']} sent twice"


def _commits(figures: dict) -> str:
    if figures["commits"] is None:
        return "not logged"
    per = figures["commits"] / max(figures["logged_sent"], 1)
    return f"{per:.2f} a message ({figures['commits']:,} for {figures['logged_sent']:,})"


def _urgent(figures: dict) -> str:
    waits = figures["urgent_waits"]
    if not waits:
        return "none sent"
    return (
        f"{len(waits)} alerts queued behind {figures['backlog']:,} reminders: sent within {max(waits):.1f} s"
        f" (median {statistics.median(waits):.1f} s),"
        f" after at most {max(figures['routine_between'])} reminders"
    )


def _rows(found: dict[str, dict], chats: int, options: Options) -> list[Row]:
    after = found["after"]
    where = f"{chats * EACH:,} reminders to {chats:,} chats, {ROUND_TRIP * 1000:.0f} ms round trip"
    speed = Row(BENCH, f"carebot run: {where}", _speed(after))
    faults = Row(BENCH, "carebot run: 429s, reminders lost, sent twice (by key)", _faults(after))
    commits = Row(BENCH, "carebot run: commits (claims and marks)", _commits(after))
    urgent = Row(BENCH, "carebot run: urgent alerts queued mid-backlog", _urgent(after))
    faults.target, faults.met = "none", after["floods"] == after["lost"] == after["twice"] == 0
    commits.target = "< 1 a message"
    commits.met = after["commits"] is not None and after["commits"] < after["logged_sent"]
    if not options.quick:
        speed.target, speed.met = f"≥ {SHARE_TARGET:.0%} of {LIMIT}/s", after["rate"] >= SHARE_TARGET * LIMIT
    if "before" in found:
        before = found["before"]
        speed.before, faults.before = _speed(before), _faults(before)
        commits.before, urgent.before = _commits(before), _urgent(before)
    return [speed, faults, commits, urgent]


if __name__ == "__main__":
    from bench.__main__ import main

    main(["--only", BENCH, *sys.argv[1:]])
