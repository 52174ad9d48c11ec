"""The deadline rules: pure functions of recorded facts, the time (``now``) and the rules config.

No I/O and no clock: the sweep, the CLI and the PA's lists load the facts and pass ``now`` in. Each rule's
docstring names the rule and its source in domain.md. The rules run for many young people at once (the
whole service after an import), so they work on plain slotted dataclasses and compare calendar days, and
the shared pydantic ``Deadline`` is only built (``Due.as_deadline``) where a caller asks for it.

``PersonFacts`` and ``Due`` are not frozen: a frozen dataclass sets each field through
``object.__setattr__`` (five to seven times slower than plain slots), which cost about 0.4 s of the 3 s the
rules took for 100,000 young people. Treat them as read-only all the same: a changed copy is
``dataclasses.replace``.

Day-based deadlines fall due at midnight at the start of the due day in the service's timezone: ``due``
all that day, ``overdue`` from the next. An RHI deadline is an exact instant: ``due`` from the return,
``overdue`` once the hours have run out. A transition is ``due`` from its notice day until the birthday,
and ``overdue`` only if the birthday comes before it is recorded as planned. One function decides every
status (``scheduler.deadlines.deadline_status``); each ``Due`` carries the instant it becomes overdue.
"""

from calendar import isleap, monthrange
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.config import RuleSettings
from bot.facts import EpisodeFacts, FactWindow, PersonFacts
from bot.models import age_on
from bot.wording.staff import ordinal
from scheduler.deadlines import Deadline, DeadlineKind, DeadlineStatus, deadline_status

OLDEST_SUPPORTED_AGE = 25
TRANSITION_AGES = {
    18: DeadlineKind.TRANSITION_18,
    21: DeadlineKind.TRANSITION_21,
    25: DeadlineKind.TRANSITION_25,
}
PLANNED_CATEGORIES = frozenset({"eligible", "relevant", "former_relevant"})
NONE_RECORDED = "none"


class _Once(dict):
    """Answers worked out once per distinct key: 100,000 young people share a few thousand birthdays and
    days of last contact or review, so each day's answer is worked out once, not once a person."""

    def __init__(self, work: Callable[[Hashable], object]) -> None:
        super().__init__()
        self._work = work

    def __missing__(self, key: Hashable) -> object:
        value = self[key] = self._work(key)
        return value


@dataclass(frozen=True, slots=True)
class RuleContext:
    """The moment the rules are asked about, worked out once per sweep rather than once per person.

    It also keeps what the rules work out from a single day at this moment (an age, a due day's start,
    end and status, the transitions of a birthday), each once per distinct day: see ``_Once``.
    """

    now: datetime
    today: date
    tz: ZoneInfo
    rules: RuleSettings
    age_by_birth: _Once = field(init=False, repr=False, compare=False)
    on_day: _Once = field(init=False, repr=False, compare=False)
    transition_by_birth: _Once = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        today = self.today
        object.__setattr__(self, "age_by_birth", _Once(lambda born: age_on(born, today)))
        object.__setattr__(self, "on_day", _Once(self._day_answer))
        object.__setattr__(
            self, "transition_by_birth", _Once(lambda born: _open_transition(born, frozenset(), self))
        )

    @classmethod
    def at(cls, now: datetime, rules: RuleSettings, tz: ZoneInfo) -> "RuleContext":
        if now.tzinfo is None:
            raise ValueError("now needs a timezone")
        return cls(now=now.astimezone(UTC), today=now.astimezone(tz).date(), tz=tz, rules=rules)

    def _day_answer(self, day: date) -> tuple[datetime, DeadlineStatus, datetime, str]:
        """A due day's start (midnight in the service's timezone, as UTC), its status now, the start of
        the next day, when it becomes overdue, and the day as ISO text for the deadline's subject
        (writing it costs as much as the rest of this look-up, and a whole service shares a few
        thousand due days)."""
        starts, ends = start_of_day(day, self.tz), start_of_day(day + ONE_DAY, self.tz)
        return starts, deadline_status(starts, ends, self.now), ends, day.isoformat()


@dataclass(slots=True)
class Due:
    """An open deadline in the light form the sweep works with. ``day`` is the due day for day-based
    kinds (the notice day for a transition) and None for an exact instant (RHI, repeat missing).
    ``overdue_at`` is when it becomes overdue (None: a flag, never overdue)."""

    kind: DeadlineKind
    subject: str
    person: PersonFacts
    due_at: datetime
    status: DeadlineStatus
    rule: str
    day: date | None = None
    overdue_at: datetime | None = None

    def as_deadline(self) -> Deadline:
        # The fields are already checked (due_at is an aware UTC instant): skip pydantic's validation.
        return Deadline.model_construct(
            kind=self.kind,
            subject=self.subject,
            young_person_id=self.person.id,
            case_ref=self.person.case_ref,
            pa_id=self.person.pa_id,
            team_id=self.person.team_id,
            due_at=self.due_at,
            status=self.status,
            rule=self.rule,
            overdue_at=self.overdue_at,
        )


ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=8192)
def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    """Midnight at the start of ``day`` in ``tz``, as a UTC instant (GMT or BST as the day has it)."""
    return datetime.combine(day, time(), tz).astimezone(UTC)


@lru_cache(maxsize=64)
def day_span(days: int) -> timedelta:
    """``days`` as a timedelta, built once per count: building one costs as much as the rest of a contact
    rule, and the contact and transition rules add a span of days for every young person."""
    return timedelta(days=days)


@lru_cache(maxsize=16384)
def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's end: 31 Aug + 6 = 28 Feb (29 Feb in a leap year).

    Every month has a 28th, so only the 29th to the 31st need the month's length: the sweep adds months
    for most young people, and most days need no clamping.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if day.day <= 28:
        return date(year, month, day.day)
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@lru_cache(maxsize=16384)
def birthday(date_of_birth: date, years: int) -> date:
    """The day someone turns ``years``; born on 29 February, 1 March in other years (as ``age_on``)."""
    year, month, day = date_of_birth.year + years, date_of_birth.month, date_of_birth.day
    if month == 2 and day == 29 and not isleap(year):
        return date(year, 3, 1)
    return date(year, month, day)


def _on_day(
    kind: DeadlineKind, person: PersonFacts, day: date, rule: str, context: RuleContext, marker: str = ""
) -> Due:
    """A deadline due on ``day``, its subject ``<kind>:<person id>:<due day>`` (``marker`` in place of the
    day when there is one, as ``none`` when nothing is recorded and it is due today)."""
    due_at, status, overdue_at, iso_day = context.on_day[day]
    subject = f"{_SUBJECT_STEMS[kind]}{person.id}:{marker or iso_day}"
    return Due(kind, subject, person, due_at, status, rule, day, overdue_at)


# The start of each kind's subject, written once: formatting a StrEnum costs more than looking it up.
_SUBJECT_STEMS = {kind: f"{kind.value}:" for kind in DeadlineKind}


def rhi_deadline(episode: EpisodeFacts, person: PersonFacts, context: RuleContext) -> Due | None:
    """Return home interview: offered within 72 clock hours of return (DfE statutory guidance on children
    who run away or go missing from home or care, 2014 [G1][G2][G5]; domain.md section 4).

    Only after a *missing* episode (whereabouts unknown): an *away* episode (whereabouts known, SSDA903
    code A) starts no clock unless ``rhi_for_away``. Only for a child under 18 on the day of return unless
    ``rhi_for_adults`` (no statutory RHI for adults was found). No deadline while the episode is open. A
    return known only by its date counts from the start of that day. Done, or offered and declined,
    closes it.
    """
    rules = context.rules
    if episode.returned_at is None or episode.rhi_completed_at or episode.rhi_declined_at:
        return None
    if episode.kind != "missing" and not rules.rhi_for_away:
        return None
    returned_local = episode.returned_at.astimezone(context.tz)
    if not rules.rhi_for_adults and age_on(person.date_of_birth, returned_local.date()) >= 18:
        return None
    if episode.return_time_known:
        returned = episode.returned_at.astimezone(UTC)
    else:
        returned = start_of_day(returned_local.date(), context.tz)
    # Clock hours: add in UTC, so a change to or from summer time neither adds nor loses an hour.
    due_at = returned + timedelta(hours=rules.rhi_hours)
    status = deadline_status(returned, due_at, context.now)
    rule = f"DfE missing children guidance 2014: RHI offered within {rules.rhi_hours} h of return"
    return Due(DeadlineKind.RHI, f"rhi:{episode.id}", person, due_at, status, rule, None, due_at)


def repeat_missing_flag(
    episodes: list[EpisodeFacts], person: PersonFacts, context: RuleContext
) -> Due | None:
    """Repeat missing: 3 or more missing episodes starting within 30 days flags the team manager.

    Thresholds are set locally (domain.md section 4: for example Derbyshire, 3+ in 30 days leads to a
    strategy meeting; national and Tees thresholds UNCONFIRMED), so both numbers are config. The flag is
    raised by the episode that reaches the count and stays open for the length of the window.
    """
    rules = context.rules
    window = timedelta(days=rules.repeat_missing_days)
    starts = sorted(
        (episode.started_at, episode.id)
        for episode in episodes
        if episode.kind == "missing" and episode.started_at <= context.now
    )
    trigger = None
    first = 0
    reached_before = False
    for index, (started_at, episode_id) in enumerate(starts):
        while started_at - starts[first][0] > window:
            first += 1
        reached = index - first + 1 >= rules.repeat_missing_episodes
        if reached and not reached_before:
            trigger = (started_at, episode_id)
        reached_before = reached
    if trigger is None or context.now - trigger[0] > window:
        return None
    count, days = rules.repeat_missing_episodes, rules.repeat_missing_days
    rule = f"Local trigger: {count}+ missing episodes in {days} days"
    return Due(
        DeadlineKind.REPEAT_MISSING,
        f"repeat_missing:{person.id}:{trigger[1]}",
        person,
        trigger[0].astimezone(UTC),
        deadline_status(trigger[0], None, context.now),
        rule,
    )


def pathway_review_deadline(person: PersonFacts, context: RuleContext) -> Due | None:
    """Pathway-plan review at least every 6 calendar months (CL(E) Regs 2010 reg 7 [L1]; domain.md
    section 2), for eligible, relevant and former relevant young people. No recorded review: due now."""
    if person.category not in PLANNED_CATEGORIES:
        return None
    months = context.rules.pathway_review_months
    rule = _review_rule(months)
    if person.last_review_on is None:
        return _on_day(DeadlineKind.PATHWAY_REVIEW, person, context.today, rule, context, NONE_RECORDED)
    return _on_day(
        DeadlineKind.PATHWAY_REVIEW, person, add_months(person.last_review_on, months), rule, context
    )


@lru_cache(maxsize=64)
def _review_rule(months: int) -> str:
    return f"CL(E) reg 7: pathway plan reviewed at least every {months} months"


def needs_assessment_deadline(person: PersonFacts, context: RuleContext) -> Due | None:
    """Needs assessment of an eligible young person no more than 3 months after their 16th birthday, or
    after becoming eligible if later (CPPCR Regs 2010 reg 42(1) [L2]; domain.md section 2).

    Recorded as done (a milestone) closes it. So does a pathway plan review recorded since the later of
    those days: the first plan follows the assessment (reg 43).
    """
    if person.category != "eligible" or DeadlineKind.NEEDS_ASSESSMENT in person.done:
        return None
    start = birthday(person.date_of_birth, 16)
    if person.eligible_since is not None and person.eligible_since > start:
        start = person.eligible_since
    if person.last_review_on is not None and person.last_review_on >= start:
        return None
    months = context.rules.needs_assessment_months
    day = add_months(start, months)
    rule = f"CPPCR reg 42(1): needs assessment within {months} months of turning 16 or becoming eligible"
    return _on_day(DeadlineKind.NEEDS_ASSESSMENT, person, day, rule, context)


def contact_deadline(person: PersonFacts, context: RuleContext) -> Due:
    """PA contact: one contact interval after the last contact; no recorded contact is due now.

    The interval is the young person's own (set in their pathway plan: CL(E) Sch 1 para 1), else the
    longer stepped-back interval for those 21+ who have stepped back (local standard, domain.md
    section 3), else the service's standard. Where the council provides the accommodation, the PA also
    visits within 7 days of the move and then every 2 months or less (CL(E) reg 8(2) [L1]); the earlier
    of the two applies.
    """
    rules = context.rules
    if person.contact_interval_days is not None:
        interval = person.contact_interval_days
        rule = _contact_rule("Pathway plan", interval)
    elif person.stepped_back and context.age_by_birth[person.date_of_birth] >= 21:
        interval = rules.stepped_back_contact_interval_days
        rule = _contact_rule("Stepped back at 21+", interval)
    else:
        interval = rules.contact_interval_days
        rule = _contact_rule("Local standard", interval)
    if person.last_contact_on is None:
        day, marker = context.today, NONE_RECORDED
    else:
        day, marker = person.last_contact_on + day_span(interval), ""

    moved_on = person.accommodation_started_on
    if person.council_provided_accommodation and moved_on is not None:
        if person.last_visit_on is None or person.last_visit_on < moved_on:
            days = rules.council_accommodation_first_visit_days
            visit_day = moved_on + timedelta(days=days)
            visit_rule = f"CL(E) reg 8(2): visit within {days} days of the move to council accommodation"
        else:
            months = rules.council_accommodation_visit_months
            visit_day = add_months(person.last_visit_on, months)
            visit_rule = f"CL(E) reg 8(2): visit council accommodation every {months} months or less"
        if visit_day < day:
            day, marker, rule = visit_day, "", visit_rule
    return _on_day(DeadlineKind.CONTACT, person, day, rule, context, marker)


@lru_cache(maxsize=64)
def _contact_rule(source: str, interval: int) -> str:
    return f"{source}: contact every {interval} days"


def transition_deadline(person: PersonFacts, context: RuleContext) -> Due | None:
    """The next transition not yet planned: at 18 (housing plan, adult-services referral, DWP benefits
    pre-claim appointment), at 21 (support continues to 25 on request: CSWA 2017 s3) and at 25 (PA support
    ends) (domain.md sections 1 and 5).

    Due from ``transition_notice_days`` before the birthday until the birthday; recorded as planned (a
    milestone) closes it. Overdue only once the birthday comes unplanned, and then for
    ``transition_overdue_days``: past that it is no longer planning for that birthday, and the next
    transition is the one shown.
    """
    if not person.done:  # most people: the answer depends on the birthday alone
        found = context.transition_by_birth[person.date_of_birth]
    else:
        found = _open_transition(person.date_of_birth, person.done, context)
    if found is None:
        return None
    kind, stem, day, due_at, status, overdue_at, rule = found
    return Due(kind, f"{stem}{person.id}", person, due_at, status, rule, day, overdue_at)


def _open_transition(born: date, done: frozenset[str], context: RuleContext) -> tuple | None:
    """The first transition not planned and not long past, as (kind, subject stem, notice day, opening
    instant, status now, overdue instant (the birthday), rule), or None. ``transition_by_birth`` keeps
    the answer for each birthday when nothing is planned (most people)."""
    rules, today = context.rules, context.today
    for age, kind in TRANSITION_AGES.items():
        turns = birthday(born, age)
        if kind in done or today >= turns + day_span(rules.transition_overdue_days):
            continue
        day = turns - day_span(rules.transition_notice_days)
        opens, overdue_at = start_of_day(day, context.tz), start_of_day(turns, context.tz)
        status = deadline_status(opens, overdue_at, context.now)
        rule = _transition_rule(age, rules.transition_notice_days, rules.transition_overdue_days)
        return kind, f"{kind.value}:", day, opens, status, overdue_at, rule
    return None


@lru_cache(maxsize=64)
def _transition_rule(age: int, notice: int, late: int) -> str:
    return (
        f"Transition planning: planned in the {notice} days before the {ordinal(age)} birthday "
        f"(overdue from the birthday, shown for {late} days)"
    )


def deadlines_for(person: PersonFacts, episodes: list[EpisodeFacts], context: RuleContext) -> list[Due]:
    """Every open deadline of one young person: none once they have left the service, turned 25 or died
    (SSDA903 in-touch code DIED: a reminder to contact them would only hurt)."""
    if person.died or (person.left_service_on is not None and person.left_service_on <= context.today):
        return []
    if context.age_by_birth[person.date_of_birth] >= OLDEST_SUPPORTED_AGE:
        return []
    found: list[Due] = []
    for episode in episodes:
        rhi = rhi_deadline(episode, person, context)
        if rhi is not None:
            found.append(rhi)
    if episodes:
        flag = repeat_missing_flag(episodes, person, context)
        if flag is not None:
            found.append(flag)
    assessment = needs_assessment_deadline(person, context)
    if assessment is not None:
        found.append(assessment)
    else:  # until the needs assessment is done there is no plan to review
        review = pathway_review_deadline(person, context)
        if review is not None:
            found.append(review)
    found.append(contact_deadline(person, context))
    transition = transition_deadline(person, context)
    if transition is not None:
        found.append(transition)
    return found


# Two days' slack so a 29 February birthday is never cut by the query: the rules decide the exact age.
_AGE_SLACK = timedelta(days=2)


def fact_window(context: RuleContext) -> FactWindow:
    """What the rules at ``context.now`` need read: nobody past the oldest age a deadline can have, and
    episodes back two repeat-missing windows (a flag stays open for one window after the episode that
    raised it, and that episode counts the ones in the window before it)."""
    today = context.today
    born_after = today.replace(year=today.year - OLDEST_SUPPORTED_AGE, day=1) - _AGE_SLACK
    window_start = context.now - 2 * timedelta(days=context.rules.repeat_missing_days)
    return FactWindow(today=today, born_after=born_after, window_start=window_start)
