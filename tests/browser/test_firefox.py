"""The companion in Firefox ESR, driven over WebDriver BiDi, against a real journal and
`breakwell browser-host`: the same extension and the same cases as in Chromium. A watch break
lets pages load and refuses posting until it ends, an unplug break shows the block page and
saves a slip, and a note from the banner lands in the journal."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path

import pytest

from breakwell.domain.break_kinds import Mode
from breakwell.domain.breaks import Break
from breakwell.domain.entries import EntryKind, EntryQuery
from breakwell.services import Services
from tests.browser.bidi import BiDiError
from tests.browser.firefox import BANNER, ORIGIN, SITES_PORT, FirefoxCompanion, firefox
from tests.browser.missing import missing
from tests.browser.server import Sites, Unavailable
from tests.browser.watched_page import DRIVE, LISTEN, LOOK

pytestmark = pytest.mark.slow

# A post, as x.com's web app sends one, and a read of the timeline.
POST = "/i/api/graphql/Tv2vSp4xXHzQ0pI1F5QjuA/CreateTweet"
READ = "/i/api/graphql/7cVIy4uN0mKv5MGnEv4gQA/HomeTimeline?variables=%7B%22count%22%3A20%7D"
INTENTION = "Read the book on my desk instead"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """The test sites on port 443, where Firefox looks for them."""
    try:
        server = Sites(tmp_path_factory.mktemp("sites"), port=SITES_PORT)
    except Unavailable as reason:
        missing(str(reason))
    except OSError as error:
        missing(f"the test sites cannot listen on 127.0.0.1:{SITES_PORT}: {error}")
    yield server
    server.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, sites: Sites) -> Iterator[FirefoxCompanion]:
    with firefox(tmp_path_factory.mktemp("firefox")) as started:
        yield started


@pytest.fixture
def companion(browser: FirefoxCompanion, home: Path) -> FirefoxCompanion:
    """The shared browser, its extension connected to a host in this test's home."""
    browser.attach(os.environ)
    return browser


def start(services: Services, mode: Mode, platform: str) -> Break:
    proposed = services.breaks.plan(
        timedelta(hours=2), platforms=[platform], mode=mode, intention=INTENTION
    )
    started = services.breaks.start(proposed)
    assert started.id is not None
    return started


def enforced(companion: FirefoxCompanion, item: Break) -> dict[str, object]:
    assert item.id is not None
    return companion.wait_for_break(item.id, item.ends_at)


def banner_text(companion: FirefoxCompanion) -> str | None:
    """The banner's line, or None while the page shows no banner."""
    try:
        shown = companion.in_frame(
            "document.getElementById('banner').hidden"
            " ? null : document.getElementById('label').textContent"
        )
    except (AssertionError, BiDiError):
        return None
    return None if not shown else str(shown)


def watching_x(companion: FirefoxCompanion, live: Services) -> Break:
    """A watch break on X, enforced, with x.com open and its banner shown."""
    item = start(live, Mode.WATCH, "x")
    enforced(companion, item)
    companion.open("https://x.com/home")
    companion.wait(lambda: banner_text(companion), "the watch banner")
    return item


def status(companion: FirefoxCompanion) -> str:
    return str(companion.in_frame("document.getElementById('status').textContent"))


def test_a_watch_break_lets_reading_through_and_refuses_posting_until_it_ends(
    companion: FirefoxCompanion, live: Services, sites: Sites
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

    assert item.id is not None
    live.breaks.stop(break_id=item.id)
    companion.wait_for_no_break(item.id)
    companion.wait(lambda: banner_text(companion) is None, "the banner to go")
    assert companion.rules() == []
    assert companion.probe("POST", POST) == "answered 200"
    assert sites.seen("POST", POST)


def test_an_unplug_break_shows_the_block_page_and_saves_what_pulled_you_there(
    companion: FirefoxCompanion, live: Services, sites: Sites
) -> None:
    item = start(live, Mode.UNPLUG, "instagram")
    seen = enforced(companion, item)
    asked = "https://www.instagram.com/explore/"

    companion.open(asked)
    companion.wait(lambda: companion.current_url().startswith(f"{ORIGIN}block.html"), "block page")
    assert not sites.seen("GET", "/explore/")
    text = companion.wait(
        lambda: companion.run(
            """() => document.getElementById('summary').textContent.includes('#')
                ? document.body.innerText : null"""
        ),
        "the break's details",
    )
    assert "Instagram is closed for now" in text
    assert f"Break #{item.id} (unplug, gentle) runs until {seen['ends_text']}" in text
    assert INTENTION in text
    assert asked in text

    companion.run(
        """(text) => {
          const area = document.getElementById('slip-text');
          area.value = text;
          area.dispatchEvent(new Event('input', {bubbles: true}));
          document.getElementById('slip-save').click();
        }""",
        "a friend's message about a reel #habit",
    )
    result = companion.wait(
        lambda: (
            (
                shown := str(companion.run("() => document.getElementById('result').textContent"))
            ).startswith(("Saved", "Not"))
            and shown
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
    companion: FirefoxCompanion, live: Services
) -> None:
    item = start(live, Mode.WATCH, "x")
    enforced(companion, item)
    page = "https://x.com/someone/status/12345"
    companion.open(page)
    companion.wait(lambda: banner_text(companion), "the watch banner")
    companion.run(
        """() => {
          const range = document.createRange();
          range.selectNodeContents(document.getElementById('words'));
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }"""
    )
    companion.click_in_banner("note")
    quote = companion.wait(
        lambda: companion.in_frame("document.getElementById('quote').textContent || null"),
        "the quote",
    )
    assert quote == "Who leads here, and who only follows?"
    companion.type("@alice replies to everyone, nobody replies to her #followers")
    companion.click_in_banner("save")
    companion.wait(lambda: status(companion) == "note saved to your journal", "the confirmation")

    assert item.id is not None
    [note] = live.journal.search(EntryQuery(break_id=item.id))
    assert note.text.startswith("@alice replies to everyone, nobody replies to her #followers")
    assert note.platform == "x"
    assert note.tags == ("followers",)
    assert note.people == ("alice",)
    assert page in note.text
    assert quote in note.text


def test_the_watched_page_can_neither_read_the_note_form_nor_write_a_note(
    companion: FirefoxCompanion, live: Services
) -> None:
    item = watching_x(companion, live)
    companion.run(LISTEN)
    secret = "only for my journal #private"
    companion.click_in_banner("note")
    companion.type(secret)
    companion.wait(
        lambda: companion.in_frame("document.getElementById('text').value") == secret,
        "the words in the form",
    )

    seen = companion.run(LOOK)
    assert seen["heard"] == []
    assert secret not in seen["text"]
    assert "#private" not in seen["text"]
    assert seen["controls"] == 0
    assert seen["frames"] == 0
    assert seen["open_shadows"] == 0

    companion.run(DRIVE, BANNER)
    assert companion.in_frame("document.getElementById('text').value") == secret
    companion.click_in_banner("save")
    companion.wait(lambda: status(companion) == "note saved to your journal", "the confirmation")
    # Anything the page had managed to send would have reached the host before the person's
    # own note, over the same connection: the journal holds that one note alone.
    assert item.id is not None
    notes = live.journal.search(EntryQuery(break_id=item.id))
    assert [n.text.splitlines()[0] for n in notes] == [secret]


def test_a_block_page_framed_by_another_site_offers_no_slip(
    companion: FirefoxCompanion, live: Services, sites: Sites
) -> None:
    item = start(live, Mode.UNPLUG, "instagram")
    enforced(companion, item)
    companion.open("https://x.com/home")
    companion.run(
        """() => {
          const frame = document.createElement('iframe');
          frame.src = 'https://www.instagram.com/embed/';
          document.body.append(frame);
        }"""
    )
    shown = companion.wait(
        lambda: companion.in_frame(
            """document.getElementById('summary').textContent.includes('#')
               && {framed: !document.getElementById('framed').hidden,
                   slip: !document.getElementById('slip').hidden,
                   intention: !document.getElementById('intention').hidden,
                   text: document.body.innerText}""",
            f"{ORIGIN}block.html",
        ),
        "the block page in the frame",
    )
    assert not sites.seen("GET", "/embed/")
    assert shown["framed"]
    assert not shown["slip"]
    assert not shown["intention"]
    assert INTENTION not in shown["text"]
    assert "Instagram is closed for now" in shown["text"]


def test_slips_and_notes_come_only_from_the_pages_made_for_them(
    companion: FirefoxCompanion, live: Services
) -> None:
    item = watching_x(companion, live)
    slip = {"type": "slip", "break_id": item.id, "text": "from the banner", "url": "https://x.com/"}
    note = {"type": "note", "text": "a note", "quote": None}

    def sent(where: str, message: Mapping[str, object]) -> dict[str, object]:
        script = f"browser.runtime.sendMessage({json.dumps(message)})"
        if where == "banner":
            return dict(companion.in_frame(script))
        return dict(companion.browser.evaluate(companion.extension_tab, script))

    assert sent("banner", slip) == {
        "type": "error",
        "message": "slips are written on the block page",
    }
    assert sent("banner", {**note, "token": "not the one it was given"})["type"] == "error"
    # The block page (the extension's tab here) is not the banner: no token of a tab's banner.
    assert sent("block page", note)["type"] == "error"
    assert item.id is not None
    assert live.journal.search(EntryQuery(break_id=item.id)) == []
