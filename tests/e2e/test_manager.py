"""A manager over HTTP through the local Bot API server: the summary, a list behind a count, charts as
photos and the export as documents."""

from datetime import timedelta

from tests.e2e.harness import Chat

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def test_a_manager_reads_the_summary_and_the_list_behind_a_count(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    await chat.leaver("Kai", pa=robin)
    await chat.leaver("Mia", pa=robin)
    dana = await chat.manager("Dana Khan")
    await dana.says("/summary")
    summary = await dana.next_reply()
    assert summary.text.startswith("Summary: Pathways Team\nAs of ")
    assert "• Robin Hall: 2" in summary.text
    assert summary.has_button("Contact: 2")  # nobody has had a contact recorded yet
    await dana.presses("Contact: 2", on=summary)
    listing = await dana.next_reply()
    assert "Robin Hall\n• Kai (CL" in listing.text and "• Mia (CL" in listing.text


async def test_charts_arrive_as_photos_and_the_export_as_files(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    await chat.leaver("Kai", pa=robin)
    dana = await chat.manager("Dana Khan")
    await dana.says("/charts")
    photos = await dana.replies(3)
    assert [reply.text for reply in photos] == [
        "Pathways Team: caseload per PA",
        "Pathways Team: return interviews within 72 h by month",
        "Pathways Team: overdue items, last 8 weeks",
    ]
    assert all(reply.photo is not None and dana.file(reply).startswith(PNG_SIGNATURE) for reply in photos)
    await dana.says("/export")
    files = await dana.replies(3)
    assert [reply.document["file_name"] for reply in files if reply.document] == [
        f"pathways-team-{chat.today().isoformat()}.xlsx",
        f"pathways-team-open-deadlines-{chat.today().isoformat()}.csv",
        f"pathways-team-caseloads-{chat.today().isoformat()}.csv",
    ]
    assert dana.file(files[0]).startswith(b"PK")


async def test_a_pa_gets_their_own_caseload_and_no_charts(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    await chat.leaver("Kai", pa=robin)
    await robin.says("/summary")
    assert (await robin.next_reply()).text.startswith("Summary: Robin Hall's caseload")
    await robin.says("/charts")
    assert (await robin.next_reply()).text.startswith("Charts and exports are for managers.")


async def test_the_weekly_digest_comes_through_the_tick_on_monday_morning(chat: Chat) -> None:
    robin = await chat.pa("Robin Hall")
    await chat.leaver("Kai", pa=robin)
    dana = await chat.manager("Dana Khan")
    await chat.time_passes(timedelta(minutes=1))  # Monday 23 November, after 08:00
    summary, *charts = await dana.replies(4, within=15)
    assert summary.text.startswith("Summary: Pathways Team\nAs of Mon 23 Nov 2026, 10:01")
    assert [chart.text for chart in charts] == [
        "Pathways Team: caseload per PA",
        "Pathways Team: return interviews within 72 h by month",
        "Pathways Team: overdue items, last 8 weeks",
    ]
    assert all(dana.file(chart).startswith(PNG_SIGNATURE) for chart in charts)
