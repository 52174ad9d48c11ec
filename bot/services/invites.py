"""Single-use, expiring invite codes that link a Telegram account to a young person or a staff member.

Only a SHA-256 hash of each code is stored: the codes are 128-bit random, so the hash cannot be reversed
by guessing, and someone who copies the database cannot use the invites in it.

Codes cannot be tried one by one either: a code that does not work gets the same answer whether it is
unknown, used or out of date, and after ``FREE_FAILURES`` such codes in a row a Telegram user waits before
the next is even looked at, twice as long each time (from ``FIRST_WAIT`` up to ``LONGEST_WAIT``). The
log says which user was refused and how often, never the code.

An invite issued again for someone already linked moves the account to whoever opens it; the account it
moved from is told, through the outbox, in case that was not them.
"""

import hashlib
import logging
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.models import Invite, OutboxMessage, Role
from bot.services import invite_texts as texts
from bot.services.identity import Identity, identify
from bot.store import Database, invite_attempts, invites, outbox, people, staff
from bot.store.invite_attempts import Attempts

log = logging.getLogger(__name__)

FREE_FAILURES = 5
"""Codes that may fail in a row before the waiting starts (a typo, an old link, a second tap)."""
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=24)
FORGET_AFTER = timedelta(hours=24)
"""A run of failures is forgotten after this long without another."""


class InviteError(Exception):
    """Why an invite can't be used, in words for the person holding it."""


@dataclass(frozen=True)
class NewInvite:
    code: str
    link: str
    expires_at: datetime


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


async def create_for_young_person(
    db: Database, case_ref: str, *, now: datetime, valid_for: timedelta, bot_username: str
) -> NewInvite:
    person = await people.by_case_ref(db.reader, case_ref)
    if person is None or person.left_service_on is not None:
        raise InviteError(f"no young person in the service has case reference {case_ref!r}")
    return await _create(db, Role.LEAVER, now, valid_for, bot_username, young_person_id=person.id)


async def create_for_staff(
    db: Database, staff_id: int, *, now: datetime, valid_for: timedelta, bot_username: str
) -> NewInvite:
    member = await staff.get(db.reader, staff_id)
    if member is None or not member.active:
        raise InviteError(f"no active staff member has id {staff_id}")
    return await _create(db, member.role, now, valid_for, bot_username, staff_id=member.id)


async def _create(
    db: Database,
    role: Role,
    now: datetime,
    valid_for: timedelta,
    bot_username: str,
    **subject: int | None,
) -> NewInvite:
    async with db.transaction() as tx:
        return await issue(tx, role, now, valid_for, bot_username, **subject)


async def issue(
    tx: aiosqlite.Connection,
    role: Role,
    now: datetime,
    valid_for: timedelta,
    bot_username: str,
    **subject: int | None,
) -> NewInvite:
    """A new invite inside the caller's transaction (so a staff member and their invite are made together)."""
    code = secrets.token_urlsafe(16)
    invite = Invite(
        code_hash=hash_code(code), role=role, created_at=now, expires_at=now + valid_for, **subject
    )
    await invites.add(tx, invite)
    return NewInvite(code=code, link=deep_link(bot_username, code), expires_at=invite.expires_at)


async def redeem(db: Database, code: str, telegram_user_id: int, *, now: datetime) -> Identity:
    """Link this Telegram user to the invite's subject and spend the invite; ``InviteError`` (with words
    for them) if it cannot be used. A failure is recorded before the error is raised."""
    async with db.transaction() as tx:
        refusal = await _redeem(tx, code, telegram_user_id, now)
    if refusal is not None:
        raise refusal
    return await identify(db, telegram_user_id)


async def _redeem(tx: aiosqlite.Connection, code: str, user: int, now: datetime) -> InviteError | None:
    attempts = await invite_attempts.get(tx, user)
    if attempts is not None and now - attempts.last_failed_at >= FORGET_AFTER:
        attempts = None
    if attempts is not None and attempts.wait_until is not None and now < attempts.wait_until:
        log.warning(
            "invite refused for user %s: waiting after %d codes that did not work", user, attempts.failures
        )
        minutes = math.ceil((attempts.wait_until - now).total_seconds() / 60)
        return InviteError(texts.WAIT.format(wait=texts.wait_words(minutes)))
    # Before the code is looked at, so this answer says nothing about the code.
    if await people.by_telegram_user(tx, user) or await staff.by_telegram_user(tx, user):
        return InviteError(texts.ALREADY_LINKED)
    invite = await invites.by_hash(tx, hash_code(code))
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        failures = (attempts.failures if attempts is not None else 0) + 1
        wait_until = now + _wait(failures) if failures >= FREE_FAILURES else None
        await invite_attempts.put(tx, user, Attempts(failures, now, wait_until))
        if wait_until is None:
            log.warning("invite code refused for user %s (%d in a row)", user, failures)
        else:
            log.warning(
                "invite code refused for user %s (%d in a row); the next is not read before %s",
                user,
                failures,
                wait_until.isoformat(timespec="seconds"),
            )
        return InviteError(texts.DOES_NOT_WORK)
    assert invite.id is not None
    await invites.mark_used(tx, invite.id, now)
    await invite_attempts.clear(tx, user)
    if invite.young_person_id is not None:
        person = await people.get(tx, invite.young_person_id)
        await people.link_telegram(tx, invite.young_person_id, user)
        moved_from = person.telegram_user_id if person is not None else None
        subject, text = f"person:{invite.young_person_id}", texts.MOVED_LEAVER
    else:
        assert invite.staff_id is not None
        member = await staff.get(tx, invite.staff_id)
        await staff.link_telegram(tx, invite.staff_id, user)
        moved_from = member.telegram_user_id if member is not None else None
        subject, text = f"staff:{invite.staff_id}", texts.MOVED_STAFF
    if moved_from is not None and moved_from != user:
        log.info("invite moved %s from one Telegram account to another; the old one is told", subject)
        await outbox.enqueue(
            tx,
            OutboxMessage(
                idempotency_key=f"account_moved:{subject}:{now.isoformat()}",
                kind="account_moved",
                chat_id=moved_from,
                text=text,
                due_at=now,
                created_at=now,
            ),
        )
    return None


def _wait(failures: int) -> timedelta:
    """How long to wait after this many codes in a row that did not work (``FREE_FAILURES`` or more)."""
    return min(FIRST_WAIT * 2 ** min(failures - FREE_FAILURES, 20), LONGEST_WAIT)
