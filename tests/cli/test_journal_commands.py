import json
from datetime import timedelta

from tests.conftest import Cli


def test_note_links_to_the_running_break_and_reports_tags_and_people(run: Cli) -> None:
    run("start", "1h", "--no-prompts")
    result = run("note", "@amy builds, @ben broadcasts #relationships", "-p", "ig")
    assert result.stdout == (
        "Saved observation #1, linked to break #1. Tags: #relationships. People: @amy, @ben.\n"
    )
    entry = json.loads(run("search", "--json").stdout)[0]
    assert entry["platform"] == "instagram"
    assert entry["people"] == ["amy", "ben"]


def test_note_outside_a_break_and_its_options(run: Cli) -> None:
    plain = json.loads(run("note", "a loose thought", "--json").stdout)
    assert (plain["kind"], plain["break_id"]) == ("note", None)
    run("start", "1h", "--no-prompts")
    detached = json.loads(run("note", "unrelated", "--no-break", "--json").stdout)
    assert detached["break_id"] is None
    typed = json.loads(
        run("note", "I feel calmer", "-k", "reflection", "--mood", "4", "--json").stdout
    )
    assert (typed["kind"], typed["mood"], typed["break_id"]) == ("reflection", 4, 1)


def test_note_dash_reads_standard_input(run: Cli) -> None:
    result = run("note", "-", "--json", input="written in my editor\nsecond line #draft\n")
    entry = json.loads(result.stdout)
    assert entry["text"] == "written in my editor\nsecond line #draft"
    assert entry["tags"] == ["draft"]


def test_slip_needs_a_break_and_is_logged_kindly(run: Cli) -> None:
    refused = run("slip", "scrolled")
    assert refused.exit_code == 1
    assert "no break is running" in refused.stderr
    run("start", "1h", "--no-prompts")
    logged = run("slip", "opened it at lunch", "-p", "x")
    assert logged.exit_code == 0
    assert "Slip logged" in logged.stdout
    assert run("slip").exit_code == 0
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["slips"] == 2
    assert [e["kind"] for e in shown["entries"]] == ["slip"]


def test_search_filters_and_human_output(run: Cli) -> None:
    run("start", "1h", "--no-prompts")
    run("note", "the loudest accounts set the tone #emulation", "-p", "x")
    run.clock.advance(timedelta(days=2))
    run("note", "quiet people reply to each other #connection", "-p", "reddit")
    run("note", "I miss nothing so far", "-k", "reflection")

    def texts(*args: str) -> list[str]:
        return [e["text"] for e in json.loads(run("search", *args, "--json").stdout)]

    assert texts("loudest") == ["the loudest accounts set the tone #emulation"]
    assert texts("-t", "connection") == ["quiet people reply to each other #connection"]
    assert texts("--platform", "twitter") == ["the loudest accounts set the tone #emulation"]
    assert texts("--kind", "reflection") == ["I miss nothing so far"]
    assert texts("--break", "1") == ["the loudest accounts set the tone #emulation"]
    assert texts("--since", "1d") == [
        "I miss nothing so far",
        "quiet people reply to each other #connection",
    ]
    assert texts("--until", "1d") == ["the loudest accounts set the tone #emulation"]
    assert texts("-n", "1") == ["I miss nothing so far"]
    human = run("search", "loudest").stdout
    assert "#1  Mon 23 Nov 20:00  observation  [break #1 · x]" in human
    assert "    the loudest accounts set the tone #emulation" in human
    assert run("search", "nothingmatches").stdout == "No entries match.\n"


def test_a_note_may_start_with_a_negative_number(run: Cli) -> None:
    entry = json.loads(run("note", "-3 followers today and I feel fine", "--json").stdout)
    assert entry["text"] == "-3 followers today and I feel fine"


def test_multi_line_entries_keep_their_lines_when_shown(run: Cli) -> None:
    run("note", "-", input="Three things:\n- who leads\n- who follows\n")
    shown = run("search").stdout
    assert "    Three things:\n    - who leads\n    - who follows" in shown


def test_note_and_slip_echo_the_people_picked_up_even_without_tags(run: Cli) -> None:
    only_people = run("note", "asked @sam@mastodon.social how she filters")
    assert only_people.stdout == "Saved note #1. People: @sam@mastodon.social.\n"
    assert run("note", "nothing picked up").stdout == "Saved note #2.\n"
    run("start", "1h", "--no-prompts")
    slipped = run("slip", "replied to @aunt_ruth #family")
    assert slipped.stdout == (
        "Slip logged. Tags: #family. People: @aunt_ruth. "
        "Noticing it is the point; the break goes on.\n"
    )
    assert run("slip").stdout == "Slip logged. Noticing it is the point; the break goes on.\n"
