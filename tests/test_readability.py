"""Everything a young person reads: reading age (Flesch-Kincaid grade 7 or below) and Telegram's limit.

Scored per message as rendered (HTML tags removed), and per content item on its own, so one hard item
can't hide inside an easy message. Button labels are not scored: a grade formula means nothing on two
words, and they are checked by eye in the handler tests.
"""

import re
from datetime import UTC, datetime

import pytest
import textstat

from bot.models import PassportStatus, Role
from bot.models_leaver import Handoff, HandoffKind, Told
from bot.services.handoff import HandedOff
from bot.services.passport import SectionProgress
from content.crisis import lines_for
from content.loader import council_folder, load
from content.personalise import Profile, general_offer, offer_for
from content.schema import Activity, Category, CouncilContent, Need, Risk
from content.search import QuestionIndex
from content.understand import understand
from handlers import leaver_texts as texts
from handlers import leaver_views as views
from handlers import public_texts, public_views, question_views, safety_views
from handlers import texts as common_texts
from handlers.views import MAX_MESSAGE

MAX_GRADE = 7
CONTENT = load(council_folder("middlesbrough"))
TZ = __import__("zoneinfo").ZoneInfo("Europe/London")
DAY, NIGHT = datetime(2026, 11, 23, 11, 0, tzinfo=UTC), datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
NAME = "Kai"
INDEX = QuestionIndex(CONTENT)
MENU = views.menu_button()


def plain(html_text: str) -> str:
    """Tags removed, and each line ending a sentence: a heading or a list line is read as a unit."""
    text = re.sub(r"<[^>]+>", "", html_text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".?!:" else f"{line}." for line in lines)


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(plain(text))


def handed(told: Told, in_hours: bool) -> HandedOff:
    record = Handoff(young_person_id=1, kind=HandoffKind.CONTACT, told=told, created_at=DAY)
    return HandedOff(record, told, "Robin", [], in_hours, None if in_hours else DAY, None)


def messages() -> dict[str, str]:
    """Every message the young person can be sent, rendered with realistic values."""
    found: dict[str, str] = {
        "welcome": views.welcome(NAME).text,
        "welcome without a name": views.welcome(None).text,
        "ask name": views.ask_name().text,
        "named": views.named(NAME).text,
        "name skipped": views.name_skipped().text,
        **{f"name refused {reason}": views.name_refused(reason, 30).text for reason in texts.NAME_REFUSED},
        "menu": views.main_menu(NAME).text,
        "help": common_texts.ROLE_HELP[Role.LEAVER],
        "money menu": views.money_menu().text,
        "no match": views.no_match().text,
        "readiness": views.readiness().text,
        "stop": views.stop_confirm().text,
        "stopped": texts.STOPPED,
        "stopped and deleted": texts.STOPPED_AND_DELETED,
        "pa reasons": views.pa_reasons().text,
        "pa times": views.pa_times("money").text,
        "only text": views.main_menu(NAME, note=texts.ONLY_TEXT).text,
        "unknown command": views.main_menu(NAME, note=texts.UNKNOWN_COMMAND).text,
        "public only text": public_views.main_menu(public_texts.ONLY_TEXT).text,
        "public unknown command": public_views.main_menu(public_texts.UNKNOWN_COMMAND).text,
        "only in a private chat": common_texts.ONLY_PRIVATE.format(bot="carebot"),
    }
    for item in CONTENT.entitlements:
        found[f"entitlement {item.id}"] = views.entitlement(item).text
    for need in Need:
        found[f"need {need.value}"] = views.need(CONTENT, need).text
    for section in CONTENT.passport:
        progress = SectionProgress(section, {item.id: PassportStatus.DONE for item in section.items})
        found[f"section {section.id}"] = views.section(progress, texts.HELP_ASKED).text
        found[f"finished {section.id}"] = views.section_finished(section.title, section.id).text
        for item in section.items:
            found[f"passport {item.id}"] = views.passport_item(progress, item).text
    for risk in [*Risk, None]:
        for when, moment in (("day", DAY), ("night", NIGHT)):
            lines = lines_for(risk, CONTENT, moment.astimezone(TZ), working_day=True)
            found[f"crisis {risk} {when}"] = safety_views.crisis(lines, risk)
            found[f"danger now {risk} {when}"] = safety_views.crisis(lines, risk, danger_now=True)
            found[f"friend {risk} {when}"] = safety_views.friend(lines, MENU).text
    found["check in"] = safety_views.check_in(joined=True).text
    found["glad safe"] = safety_views.glad_safe(MENU).text
    found["stranger told duty"] = safety_views.stranger_told("the duty team", MENU).text
    found["stranger told nobody"] = safety_views.stranger_told(None, MENU).text
    for category, age in [
        (Category.ELIGIBLE, 16),
        (Category.RELEVANT, 17),
        (Category.FORMER_RELEVANT, 19),
        (Category.FORMER_RELEVANT, 23),
        (Category.QUALIFYING, 18),
    ]:
        for profile in (Profile(category, age), Profile(category, age, True, Activity.EDUCATION, True, True)):
            found[f"offer {profile}"] = views.offer(offer_for(profile, CONTENT), CONTENT).text
    for question in ("gas meter ran out", "money for a sofa", "council tax", "I'm skint", "how do i budget"):
        parts = understand(question, INDEX).parts
        found[f"answer {question}"] = question_views.answer(parts, CONTENT, question_views.LEAVER).text
        found[f"general answer {question}"] = question_views.answer(
            parts, CONTENT, question_views.PUBLIC
        ).text
    for item in CONTENT.money_help:
        found[f"money item {item.id}"] = views.money_item(item).text
    found["council office"] = views.council_number(CONTENT.council.office).text
    found["public welcome"] = public_views.welcome("Pathways").text
    found["public menu"] = public_views.main_menu(public_texts.HELLO).text
    found["public offer"] = public_views.offer(general_offer(CONTENT), 0).text
    for item in general_offer(CONTENT):
        found[f"public entitlement {item.id}"] = public_views.entitlement(item, 0).text
    for need in Need:
        found[f"public need {need.value}"] = public_views.need(CONTENT, need).text
    for maker in (public_views.numbers, public_views.join, public_views.pa_not_yet, public_views.dont_know):
        found[f"public {maker.__name__}"] = maker(CONTENT.council).text
    for told in Told:
        for in_hours in (True, False):
            found[f"handed {told} {in_hours}"] = views.handed_off(handed(told, in_hours), CONTENT, TZ).text
            found[f"crisis told {told} {in_hours}"] = safety_views.crisis_told(
                handed(told, in_hours), "the duty team", TZ, MENU
            ).text
    found["crisis told stranger"] = safety_views.crisis_told(None, "the duty team", TZ, MENU).text
    return found


MESSAGES = messages()


def content_items(content: CouncilContent) -> dict[str, str]:
    return {
        **{f"{item.id}": views.entitlement_text(item) for item in content.entitlements},
        **{f"{item.id}": views.money_text(item) for item in content.money_help},
        **{
            f"{item.id}": f"{item.text}. {item.tip}" for section in content.passport for item in section.items
        },
        **{f"{contact.id}": f"{contact.name}: {contact.how}" for contact in content.crisis},
    }


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_every_message_reads_at_grade_7_or_below_and_fits(name: str) -> None:
    text = MESSAGES[name]
    assert len(text) <= MAX_MESSAGE
    assert grade(text) <= MAX_GRADE, f"grade {grade(text)}: {plain(text)[:200]}"


@pytest.mark.parametrize(("name", "text"), sorted(content_items(CONTENT).items()))
def test_every_content_item_reads_at_grade_7_or_below(name: str, text: str) -> None:
    assert grade(text) <= MAX_GRADE, f"grade {grade(text)}: {plain(text)}"


def test_the_grade_check_can_fail() -> None:
    hard = (
        "Notwithstanding the aforementioned considerations, eligibility determinations necessitate "
        "comprehensive documentation."
    )
    assert grade(hard) > MAX_GRADE
