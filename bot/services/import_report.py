"""The import report, in plain English, the same at the terminal and in the chat."""

from bot.services.import_plan import ImportPlan

FIELD_LABELS = {
    "preferred_name": "name",
    "date_of_birth": "date of birth",
    "category": "category",
    "pa_id": "PA",
    "team_id": "team",
    "in_touch": "in touch",
    "activity_code": "activity",
    "accommodation_code": "accommodation",
    "accommodation_suitable": "suitability",
    "accommodation_started_on": "accommodation start",
    "council_provided_accommodation": "council accommodation",
    "lives_in_area": "lives in area",
    "stepped_back": "stepped back",
    "contact_interval_days": "contact interval",
    "eligible_since": "eligible since",
    "left_service_on": "back in the service",
}


def render(
    plan: ImportPlan,
    *,
    applied: bool,
    limit: int | None = None,
    close_hint: str = "run the import again with --close-missing",
) -> str:
    """``limit`` caps each list (problems, updated, leaving) for the chat, saying how many were left out."""
    if not plan.ok:
        lines = [
            f"Nothing was changed. The import has {_count(len(plan.problems), 'problem')}. "
            "Fix them and import again:"
        ]
        lines += _capped([f"- {problem}" for problem in plan.problems], limit)
        return "\n".join(lines + _notes(plan))
    heading = (
        f"Import done (as of {plan.as_of:%d/%m/%Y})."
        if applied
        else f"Nothing is written yet. This import (as of {plan.as_of:%d/%m/%Y}) would make these changes:"
    )
    lines = [heading, f"Read: {', '.join(plan.tables_read) or 'nothing'}."]
    lines.append(
        f"Young people: {plan.count('new')} new, {plan.count('updated')} updated, "
        f"{plan.count('unchanged')} unchanged."
    )
    contacts = sum(change.contact_on is not None for change in plan.people)
    reviews = sum(change.review_on is not None for change in plan.people)
    if contacts or reviews:
        lines.append(f"History added: {_count(contacts, 'contact date')}, {_count(reviews, 'review date')}.")
    if plan.episodes:
        added = sum(change.is_new for change in plan.episodes)
        lines.append(f"Missing episodes: {added} new, {len(plan.episodes) - added} updated.")
    if plan.new_teams:
        lines.append(f"New teams: {', '.join(plan.new_teams)}.")
    if plan.new_staff:
        lines.append(f"New staff: {', '.join(record.name for record in plan.new_staff)}.")
    updated = [
        f"- {change.case_ref}: {', '.join(FIELD_LABELS.get(name, name) for name in change.changed)}"
        for change in plan.people
        if change.status == "updated" and change.changed
    ]
    if updated:
        lines.append("Updated:")
        lines += _capped(updated, limit)
    if plan.leaving:
        refs = [person.case_ref for person in plan.leaving]
        lines.append(f"{_count(len(refs), 'young person')} in the bot are not in this caseload file:")
        lines += _capped([f"- {ref}" for ref in refs], limit)
        if plan.close_missing and applied:
            lines.append(f"They are marked as having left the service on {plan.as_of:%d/%m/%Y}.")
        elif plan.close_missing:
            lines.append(f"They will be marked as having left the service on {plan.as_of:%d/%m/%Y}.")
        else:
            lines.append(f"They stay as they are. To mark them as having left the service, {close_hint}.")
    return "\n".join(lines + _notes(plan))


def _notes(plan: ImportPlan) -> list[str]:
    return ["Notes:", *[f"- {note}" for note in plan.notes]] if plan.notes else []


def _capped(lines: list[str], limit: int | None) -> list[str]:
    if limit is None or len(lines) <= limit:
        return lines
    return [*lines[:limit], f"... and {len(lines) - limit} more."]


def _count(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    plural = "young people" if noun == "young person" else f"{noun}s"
    return f"{number} {plural}"
