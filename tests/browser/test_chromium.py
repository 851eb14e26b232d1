"""The companion in Debian's Chromium, against a real journal and `breakwell browser-host`:
a watch break lets pages load and refuses posting, an unplug break shows the block page, and
slips and notes written in the browser land in the journal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from breakwell.domain.breaks import Break, Mode
from breakwell.domain.entries import EntryKind, EntryQuery
from breakwell.services import Services
from tests.browser.chromium import ORIGIN, Chromium
from tests.browser.server import Sites

pytestmark = pytest.mark.slow

# A post, as x.com's web app sends one, and a read of the timeline.
POST = "/i/api/graphql/Tv2vSp4xXHzQ0pI1F5QjuA/CreateTweet"
READ = "/i/api/graphql/7cVIy4uN0mKv5MGnEv4gQA/HomeTimeline?variables=%7B%22count%22%3A20%7D"
INTENTION = "Read the book on my desk instead"
SUBMIT = (
    "const form = document.createElement('form');"
    "form.method = 'post'; form.action = arguments[0];"
    "document.body.append(form); form.submit();"
)
TEXT = "return document.body ? document.body.innerText : ''"


def start(services: Services, mode: Mode, platform: str) -> Break:
    proposed = services.breaks.plan(
        timedelta(hours=2), platforms=[platform], mode=mode, intention=INTENTION
    )
    started = services.breaks.start(proposed)
    assert started.id is not None
    return started


def enforced(companion: Chromium, item: Break) -> dict[str, object]:
    assert item.id is not None
    return companion.wait_for_break(item.id, item.ends_at)


def banner_text(companion: Chromium) -> str | None:
    shown = companion.driver.execute_script(
        "const b = document.querySelector('#breakwell-companion .bw-label');"
        "return b ? b.textContent : null;"
    )
    return None if shown is None else str(shown)


def test_a_watch_break_lets_reading_through_and_refuses_posting_until_it_ends(
    companion: Chromium, live: Services, sites: Sites
) -> None:
    item = start(live, Mode.WATCH, "x")
    enforced(companion, item)
    refusing = [r for r in companion.rules() if r["action"]["type"] == "block"]
    assert any(re.search(r["condition"]["regexFilter"], f"https://x.com{POST}") for r in refusing)

    companion.open("https://x.com/home")
    banner = companion.wait(lambda: banner_text(companion), "the watch banner")
    assert banner.startswith(f"watching — break #{item.id} until ")
    assert companion.probe("GET", READ) == "answered 200"
    assert sites.seen("GET", READ)

    outcome = companion.probe("POST", POST)
    assert outcome.startswith("refused"), outcome
    assert not sites.seen("POST", POST)
    assert "ERR_BLOCKED_BY_CLIENT" in companion.console()

    # A form's submission is refused too: the tab shows the browser's error page instead.
    form = f"{POST}?from=form"
    companion.driver.execute_script(SUBMIT, form)
    companion.wait(
        lambda: "ERR_BLOCKED_BY_CLIENT" in companion.driver.execute_script(TEXT), "error page"
    )
    assert not sites.seen("POST", form)
    companion.open("https://x.com/home")
    companion.wait(lambda: banner_text(companion), "the watch banner again")

    assert item.id is not None
    live.breaks.stop(break_id=item.id)
    companion.wait_for_no_break(item.id)
    companion.wait(lambda: banner_text(companion) is None, "the banner to go")
    assert companion.rules() == []
    assert companion.probe("POST", POST) == "answered 200"
    assert sites.seen("POST", POST)


def test_an_unplug_break_shows_the_block_page_and_saves_what_pulled_you_there(
    companion: Chromium, live: Services, sites: Sites
) -> None:
    item = start(live, Mode.UNPLUG, "instagram")
    seen = enforced(companion, item)
    asked = "https://www.instagram.com/explore/"

    companion.open(asked)
    companion.wait(lambda: companion.current_url().startswith(f"{ORIGIN}block.html"), "block page")
    assert not sites.seen("GET", "/explore/")
    driver = companion.driver
    text = companion.wait(
        lambda: driver.execute_script(
            "const s = document.getElementById('summary').textContent;"
            "return s.includes('#') ? document.body.innerText : null;"
        ),
        "the break's details",
    )
    assert "Instagram is closed for now" in text
    assert f"Break #{item.id} (unplug, gentle) runs until {seen['ends_text']}" in text
    assert INTENTION in text
    assert asked in text

    driver.find_element("id", "slip-text").send_keys("a friend's message about a reel #habit")
    driver.find_element("id", "slip-save").click()
    result = companion.wait(
        lambda: (
            (text := driver.find_element("id", "result").text).startswith(("Saved", "Not")) and text
        ),
        "the slip's confirmation",
    )
    assert result == f"Saved in your journal as a slip on break #{item.id}."

    assert item.id is not None
    slips = live.journal.search(EntryQuery(break_id=item.id, kind=EntryKind.SLIP))
    assert [s.text.splitlines()[0] for s in slips] == ["a friend's message about a reel #habit"]
    assert slips[0].tags == ("habit",)
    assert live.breaks.detail(item.id).slips == 1


def test_a_note_from_the_banner_lands_in_the_journal_with_the_page_and_the_quote(
    companion: Chromium, live: Services
) -> None:
    item = start(live, Mode.WATCH, "x")
    enforced(companion, item)
    page = "https://x.com/someone/status/12345"
    companion.open(page)
    companion.wait(lambda: banner_text(companion), "the watch banner")
    driver = companion.driver
    driver.execute_script(
        "const range = document.createRange();"
        "range.selectNodeContents(document.getElementById('words'));"
        "getSelection().removeAllRanges(); getSelection().addRange(range);"
    )
    driver.find_element("css selector", "#breakwell-companion .bw-note").click()
    area = driver.find_element("css selector", "#breakwell-companion .bw-text")
    quote = driver.find_element("css selector", "#breakwell-companion .bw-quote").text
    assert quote == "Who leads here, and who only follows?"
    area.send_keys("@alice replies to everyone, nobody replies to her #followers")
    driver.find_element("css selector", "#breakwell-companion .bw-save").click()
    status = companion.wait(
        lambda: (
            driver.find_element("css selector", "#breakwell-companion .bw-status").text
            == "note saved to your journal"
        ),
        "the note's confirmation",
    )
    assert status

    assert item.id is not None
    [note] = live.journal.search(EntryQuery(break_id=item.id))
    assert note.text.startswith("@alice replies to everyone, nobody replies to her #followers")
    assert note.platform == "x"
    assert note.tags == ("followers",)
    assert note.people == ("alice",)
    assert page in note.text
    assert quote in note.text
