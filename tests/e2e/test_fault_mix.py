"""A burst of reminders against a Telegram that fails in every way it can: flood waits (429), gateway
errors (5xx), and timeouts both before a message is sent and after (the message arrives but the answer is
lost). Nothing may be lost; a message is sent twice only when Telegram's answer to it was lost, and the
test counts those.

The figures are printed (run with ``-s`` to see them):
``fault mix: 60 messages ... lost 0, sent twice 2``.
"""

from collections import Counter
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta

from bot.localapi import Fault, LocalBotApi
from bot.models import Category, Contact, ContactMethod, PathwayReview, Role, Staff, YoungPerson
from bot.retrying_request import RetryingRequest
from bot.store import contacts, outbox, people, reviews, staff
from tests.e2e.harness import Chat

PAS = 15
FIRST_PA_CHAT = 6000
READ_TIMEOUT = 0.4
HANG = 1.5  # longer than the read timeout: the bot gives up waiting


def the_mix() -> list[Fault]:
    """A timeline of sendMessage calls: each fault lets ``calls_first`` calls through, then fails."""
    return [
        Fault("sendMessage", status=429, retry_after=1, calls_first=2),
        Fault("sendMessage", status=502, times=2, calls_first=3),
        Fault("sendMessage", hang=HANG, calls_first=3),
        Fault("sendMessage", hang_after_sending=HANG, calls_first=3),
        Fault("sendMessage", status=503, times=4, calls_first=2),
        Fault("sendMessage", status=429, retry_after=1, times=4, calls_first=2),
        Fault("sendMessage", hang_after_sending=HANG, calls_first=4),
        Fault("sendMessage", status=500, calls_first=2),
        Fault("sendMessage", hang=HANG, calls_first=2),
    ]


@pytest.fixture
def bot_request() -> RetryingRequest:
    return RetryingRequest(read_timeout=READ_TIMEOUT, first_delay=0.05, connection_pool_size=64)


async def a_burst_of_reminders(chat: Chat) -> None:
    """Fifteen PAs, each with a young person whose contact and pathway-plan review both fall due today,
    so the first tick queues their morning digests and two reminders each."""
    team = await chat.team()
    today = chat.today()
    review_months = chat.runtime.settings.rules.pathway_review_months
    async with chat.db.transaction() as tx:
        for number in range(PAS):
            user_id = FIRST_PA_CHAT + number
            chat.server.world.user_chat(user_id, f"PA {number}")
            pa = await staff.add(
                tx, Staff(name=f"PA {number}", role=Role.PA, team_id=team.id, telegram_user_id=user_id)
            )
            person = await people.add(
                tx,
                YoungPerson(
                    case_ref=f"CL{number:04d}",
                    preferred_name=f"Young person {number}",
                    date_of_birth=today - timedelta(days=19 * 365 + 100),
                    category=Category.FORMER_RELEVANT,
                    pa_id=pa.id,
                    team_id=team.id,
                ),
            )
            assert person.id is not None
            await contacts.add(
                tx,
                Contact(
                    young_person_id=person.id,
                    contacted_on=today - timedelta(days=chat.runtime.settings.rules.contact_interval_days),
                    staff_id=pa.id,
                    method=ContactMethod.VISIT,
                    in_person=True,
                ),
            )
            await reviews.add(
                tx,
                PathwayReview(
                    young_person_id=person.id,
                    reviewed_on=today - relativedelta(months=review_months),
                ),
            )


def kind_of(fault: Fault) -> str:
    if fault.hang_after_sending:
        return "lost answer"
    if fault.hang:
        return "timeout"
    return f"{str(fault.status)[0]}xx"


async def unsent(chat: Chat) -> int:
    return len(await outbox.pending(chat.db.reader, chat.clock() + timedelta(days=365), limit=10_000))


async def test_a_burst_of_reminders_through_every_kind_of_fault_loses_nothing(
    chat: Chat, local_api: LocalBotApi
) -> None:
    await a_burst_of_reminders(chat)
    mix = the_mix()
    planned: Counter[str] = Counter()
    for fault in mix:
        kind = (
            "lost answer"
            if fault.hang_after_sending
            else "timeout"
            if fault.hang
            else str(fault.status)[0] + "xx"
        )
        planned[kind] += fault.times
        local_api.inject(fault)

    await chat.time_passes(timedelta(0))
    for _ in range(30):  # each round: the retry back-off has passed, and the tick sends what is due
        if not await unsent(chat):
            break
        await chat.time_passes(timedelta(minutes=10))
    assert await unsent(chat) == 0
    assert local_api.faults == [], "the burst met every fault in the mix"

    rows = await chat.db.reader.execute_fetchall(
        "SELECT chat_id, text FROM outbox WHERE sent_at IS NOT NULL AND cancelled_at IS NULL"
    )
    delivered = Counter(
        (user_id, message.get("text", ""))
        for user_id in range(FIRST_PA_CHAT, FIRST_PA_CHAT + PAS)
        for message in local_api.world.bot_messages(user_id)
    )
    arrivals = [delivered[(row["chat_id"], row["text"])] for row in rows]
    lost = sum(1 for count in arrivals if count == 0)
    twice = sum(count - 1 for count in arrivals if count > 1)
    print(
        f"\nfault mix: {len(rows)} messages to {PAS} PAs in {len(local_api.calls_of('sendMessage'))}"
        f" sendMessage calls: {planned['4xx']} answered 429, {planned['5xx']} answered 5xx,"
        f" {planned['timeout']} timed out before sending, {planned['lost answer']} after sending;"
        f" lost {lost}, sent twice {twice}"
    )
    assert len(rows) >= 3 * PAS, "every PA got a digest and two reminders"
    assert lost == 0
    assert twice <= planned["lost answer"], "only a message whose answer was lost can arrive twice"
    assert sum(arrivals) == len(rows) + twice
