"""The summary as text: HTML for the chat, plain for the terminal. Every figure says its period.

One renderer for both, so the chat and ``carebot summary`` can never disagree.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.models_leaver import HandoffKind
from bot.summaries.alerts import AlertFigures, AnswerTimes
from bot.summaries.caseloads import Caseloads
from bot.summaries.deadline_counts import DeadlineFigures
from bot.summaries.outcomes import BandFigures, LeftOut
from bot.summaries.passport import PassportFigures
from bot.summaries.rhi import RhiComparison, RhiFigures
from bot.summaries.summary import ScopeKind, Summary, TeamLine
from bot.summaries.voices import VoiceFigures
from bot.wording import manager as alert_words
from bot.wording.manager import KIND_LABELS, KINDS
from bot.wording.pa import RISKS
from content.schema import Risk
from scheduler.deadlines import DeadlineKind

MAX_PA_LINES = 30
MAX_TEAM_LINES = 10


@dataclass(frozen=True)
class Markup:
    bold: Callable[[str], str]
    escape: Callable[[str], str]


HTML = Markup(bold=lambda text: f"<b>{text}</b>", escape=html.escape)
PLAIN = Markup(bold=lambda text: text, escape=lambda text: text)


def percent(count: int, of: int) -> str:
    """A whole percentage, halves rounded up (exact integer arithmetic, so 62.5% shows as 63%)."""
    return f"{(200 * count + of) // (2 * of)}%" if of else "n/a"


def people(count: int) -> str:
    return f"{count} young person" if count == 1 else f"{count} young people"


def pas(count: int) -> str:
    return "1 PA" if count == 1 else f"{count} PAs"


def share(count: int, of: int) -> str:
    return f"{count} of {of} ({percent(count, of)})" if of else "none to count"


def recorded_share(what: str, count: int, recorded: int, of: int) -> str:
    """A share of those with something recorded, saying how many have nothing recorded: never a 0% made
    of missing data. ``of`` is everyone asked about."""
    missing = of - recorded
    if not recorded:
        return f"{what} not recorded for {of}"
    if not missing:
        return f"{what} {share(count, recorded)}"
    return f"{what} {count} of {recorded} recorded ({percent(count, recorded)}), not recorded for {missing}"


def who_died(count: int) -> str:
    return "1 who died" if count == 1 else f"{count} who died"


def when(instant: datetime, tz: ZoneInfo) -> str:
    return f"{instant.astimezone(tz):%a %d %b %Y, %H:%M}"


def day(instant: datetime, tz: ZoneInfo) -> str:
    return f"{instant.astimezone(tz):%d %b %Y}".lstrip("0")


def span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """Dates a half-open period covers, as people say them: the end day is the last day inside."""
    return f"{day(start, tz)} to {day(end - timedelta(microseconds=1), tz)}"


def render(summary: Summary, markup: Markup = HTML) -> str:
    tz = ZoneInfo(summary.timezone)
    title = {
        ScopeKind.TEAM: f"Summary: {markup.escape(summary.scope.name)}",
        ScopeKind.SERVICE: "Summary: all teams",
        ScopeKind.CASELOAD: f"Summary: {markup.escape(summary.scope.name)}'s caseload",
    }[summary.scope.kind]
    sections = [
        f"{markup.bold(title)}\nAs of {when(summary.as_of, tz)} ({summary.timezone})",
        _caseloads(summary, markup),
        _deadlines(summary.deadlines, tz, markup),
        *([_alerts(summary.alerts, tz, markup)] if summary.alerts is not None else []),
        _rhi(summary, tz, markup),
        _outcomes(summary.outcomes, summary.outcomes_left_out, markup),
        _passport(summary.passport, markup),
    ]
    if summary.voice is not None:
        sections.append(_voice(summary.voice, tz, markup))
    return "\n\n".join(sections)


def _caseloads(summary: Summary, markup: Markup) -> str:
    figures: Caseloads = summary.caseloads
    head = f"{markup.bold('Caseloads')} now, target {figures.target} per PA"
    if summary.scope.kind is ScopeKind.CASELOAD:
        pa = figures.pas[0] if figures.pas else None
        count = pa.young_people if pa else 0
        flag = " (above target)" if pa and pa.above_target else ""
        died = f" Not counted: {who_died(figures.died)}." if figures.died else ""
        return f"{head}\nYou have {people(count)}{flag}.{died}"
    lines = [head]
    if summary.scope.kind is ScopeKind.SERVICE:
        lines += _team_lines(summary.teams, markup)
    else:
        for pa in figures.pas[:MAX_PA_LINES]:
            if pa.has_left:
                lines.append(f"• {markup.escape(pa.name)} (has left): {pa.young_people}, need a new PA")
                continue
            flag = ", above target" if pa.above_target else ""
            lines.append(f"• {markup.escape(pa.name)}: {pa.young_people}{flag}")
        if len(figures.pas) > MAX_PA_LINES:
            lines.append(f"• and {len(figures.pas) - MAX_PA_LINES} more PAs (see /export)")
    average = f"{figures.average:.1f}" if figures.average is not None else "n/a (no PAs)"
    died = f" Not counted: {who_died(figures.died)}." if figures.died else ""
    left = f" ({figures.pa_left} whose PA has left)" if figures.pa_left else ""
    lines.append(
        f"{people(figures.young_people)}, {pas(figures.working)}, average {average} per PA. "
        f"PAs above target: {figures.above_target}. With no PA: {people(figures.without_pa)}{left}.{died}"
    )
    return "\n".join(lines)


def _team_lines(lines: list[TeamLine], markup: Markup) -> list[str]:
    busiest = sorted(lines, key=lambda line: (-(line.average or 0), line.name))[:MAX_TEAM_LINES]
    out = [f"Highest average caseloads ({len(busiest)} of {len(lines)} teams):"]
    for line in busiest:
        average = f"{line.average:.1f}" if line.average is not None else "n/a"
        name = markup.escape(line.name)
        out.append(f"• {name}: average {average} over {pas(line.pas)}, {line.above_target} above target")
    out.append("Send /summary followed by a team's name for one team.")
    return out


def _deadlines(figures: DeadlineFigures, tz: ZoneInfo, markup: Markup) -> str:
    lines = [f"{markup.bold('Deadlines')} now; 'due' means due before {when(figures.week_ends, tz)}"]
    for row in figures.kinds:
        if row.kind is DeadlineKind.REPEAT_MISSING:  # a flag for the manager: open, never overdue
            lines.append(f"• {KIND_LABELS[row.kind]}: {row.due_this_week} flagged")
        else:
            lines.append(f"• {KIND_LABELS[row.kind]}: {row.overdue} overdue, {row.due_this_week} due")
    return "\n".join(lines)


def _rhi_line(label: str, figures: RhiFigures, hours: int, tz: ZoneInfo) -> str:
    period = f"{label} ({span(figures.start, figures.end, tz)})"
    if not figures.returned:
        return f"{period}: none this period."
    within = (
        f"{share(figures.within, figures.decided)} offered within {hours} h"
        if figures.decided
        else "no outcome known yet"
    )
    return (
        f"{period}: {figures.returned} returned; {within}; "
        f"{figures.late} late ({figures.offered_late} offered late, {figures.not_offered_late} not offered); "
        f"{figures.running} still open, time left to offer; {figures.declined} declined."
    )


def _rhi_comparison(
    label: str, previous_label: str, comparison: RhiComparison, hours: int, tz: ZoneInfo
) -> str:
    current, previous = comparison.current, comparison.previous
    line = _rhi_line(label, current, hours, tz)
    before = (
        f"{share(previous.within, previous.decided)} within {hours} h"
        if previous.decided
        else "none to compare"
    )
    return f"{line}\n  {previous_label} ({span(previous.start, previous.end, tz)}): {before}."


def _rhi(summary: Summary, tz: ZoneInfo, markup: Markup) -> str:
    rules = summary.rhi_rules
    who = "all ages" if rules.for_adults else "under 18s"
    after = "missing or away" if rules.for_away else "missing (not away)"
    hours = rules.hours
    return "\n".join(
        [
            f"{markup.bold('Return home interviews')} for {who} back from being {after}, by return date",
            _rhi_comparison("Last 30 days", "Previous 30 days", summary.rhi_last_30_days, hours, tz),
            _rhi_comparison("This quarter", "Previous quarter", summary.rhi_quarter, hours, tz),
            f"Still missing now: {summary.still_missing}.",
        ]
    )


def _outcomes(bands: list[BandFigures], left_out: LeftOut, markup: Markup) -> str:
    heading = markup.bold("In touch, accommodation, education, employment or training (EET)")
    lines = [f"{heading} now, by age, from the DfE codes recorded"]
    for band in bands:
        if not band.young_people:
            lines.append(f"• {band.label}: nobody this age.")
            continue
        in_touch = recorded_share("in touch", band.in_touch, band.in_touch_recorded, band.young_people)
        if not band.measured:  # from 22 only those in touch are measured, and nobody is recorded in touch
            lines.append(f"• {band.label}, {people(band.young_people)}: {in_touch}.")
            continue
        among = " of those in touch," if band.youngest >= 22 else ""
        accommodation = recorded_share(
            "suitable accommodation", band.suitable, band.accommodation_recorded, band.measured
        )
        activity = recorded_share("EET", band.eet, band.activity_recorded, band.measured)
        lines.append(
            f"• {band.label}, {people(band.young_people)}: {in_touch};{among} {accommodation}; {activity}."
        )
    left = [
        f"{people(left_out.younger)} under {left_out.youngest_band} (the DfE's figures start at "
        f"{left_out.youngest_band})"
        if left_out.younger
        else "",
        f"{people(left_out.older)} over {left_out.oldest_band}" if left_out.older else "",
        who_died(left_out.died) if left_out.died else "",
    ]
    if any(left):
        lines.append(f"Not in these bands: {'; '.join(part for part in left if part)}.")
    return "\n".join(lines)


def _passport(figures: PassportFigures, markup: Markup) -> str:
    lines = [f"{markup.bold('Passport to independence')} since it began, as of now"]
    lines.append(f"Started: {share(figures.started, figures.young_people)}.")
    if figures.median_done is not None:
        median = f"{figures.median_done:g}"
        if figures.median_percent is not None:
            median += f" of {figures.checklist_items} ({figures.median_percent:.0f}%)"
        lines.append(f"Median items done by those who started: {median}.")
    if figures.most_help:
        asked = ", ".join(f"{markup.escape(item.text)} ({item.young_people})" for item in figures.most_help)
        lines.append(f"Most asked for help: {asked}.")
    else:
        lines.append("Nobody has asked for help with an item.")
    return "\n".join(lines)


def _voice(figures: VoiceFigures, tz: ZoneInfo, markup: Markup) -> str:
    lines = [f"{markup.bold('What young people said')} ({span(figures.start, figures.end, tz)}, no names)"]
    answered = figures.helped_yes + figures.helped_no
    lines.append(
        f"Did this help? Yes {share(figures.helped_yes, answered)}."
        if answered
        else "Did this help? No answers."
    )
    readiness = sum(figures.readiness)
    if figures.readiness_average is not None:
        lines.append(
            f"How ready they feel (1 to 5): average {figures.readiness_average:.1f} from {readiness} answers."
        )
    else:
        lines.append("How ready they feel: no answers.")
    return "\n".join(lines)


def duration(minutes: float) -> str:
    """A wait as managers say it: "12 min", "3 h 10 min", "2 days 4 h"."""
    whole = int(minutes)
    if whole < 60:
        return f"{whole} min"
    if whole < 48 * 60:
        return f"{whole // 60} h {whole % 60} min"
    return f"{whole // (24 * 60)} days {whole % (24 * 60) // 60} h"


def _answer_time(times: AnswerTimes) -> str:
    if not times.raised:
        return alert_words.ALERTS_NONE_RAISED
    if times.median_minutes is None:
        return alert_words.ALERTS_NONE_ANSWERED.format(raised=times.raised)
    return alert_words.ALERTS_ANSWER_TIME.format(
        time=duration(times.median_minutes), answered=times.answered, raised=times.raised
    )


def _alerts(figures: AlertFigures, tz: ZoneInfo, markup: Markup) -> str:
    """Counts by kind and state, how fast the first answer came, and the oldest nobody has answered."""
    days = round((figures.end - figures.start).total_seconds() / 86400)
    period = alert_words.ALERTS_PERIOD.format(days=days, span=span(figures.start, figures.end, tz))
    crisis = figures.by_kind[HandoffKind.CRISIS]
    risks = ", ".join(
        f"{RISKS[Risk(risk)] if risk in set(Risk) else risk} {count}"
        for risk, count in sorted(figures.crisis_by_risk.items(), key=lambda item: (-item[1], item[0]))
    )
    requests = ", ".join(
        f"{label} {figures.by_kind[kind]}" for kind, label in alert_words.REQUEST_LABELS.items()
    )
    states = ", ".join(
        f"{label} {figures.by_state[state]}" for state, label in alert_words.STATE_LABELS.items()
    )
    lines = [
        f"{markup.bold(alert_words.ALERTS_TITLE)} {period}",
        alert_words.ALERTS_CRISIS.format(
            count=crisis, danger=figures.danger_now, risks=f" ({risks})" if risks else ""
        ),
        alert_words.ALERTS_REQUESTS.format(kinds=requests),
        alert_words.ALERTS_STATES.format(states=states),
        alert_words.ALERTS_ANSWERED.format(
            crisis=_answer_time(figures.crisis_answers), requests=_answer_time(figures.request_answers)
        ),
    ]
    if figures.oldest_unanswered is None or figures.oldest_unanswered_kind is None:
        lines.append(alert_words.ALERTS_NONE_WAITING)
    else:
        lines.append(
            alert_words.ALERTS_WAITING.format(
                count=figures.unanswered_now,
                age=duration(figures.oldest_unanswered.total_seconds() / 60),
                kind=KINDS[figures.oldest_unanswered_kind],
            )
        )
    return "\n".join(lines)
