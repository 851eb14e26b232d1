"""The export document: its plain form is the file's shape, and a break record reads as a break."""

import json
from datetime import UTC, datetime, timedelta

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.document import (
    AnswerRecord,
    BreakRecord,
    Document,
    EntryRecord,
    SlipRecord,
    as_plain,
)
from breakwell.domain.entries import EntryKind
from breakwell.domain.prompts import Phase, PromptKind

NOW = datetime(2026, 11, 23, 20, tzinfo=UTC)

BREAK = BreakRecord(
    id=3,
    status=BreakStatus.ENDED_EARLY,
    mode=Mode.WATCH,
    strictness=Strictness.FIRM,
    starts_at=NOW,
    ends_at=NOW + timedelta(hours=2),
    started_at=NOW,
    ended_at=NOW + timedelta(hours=1),
    end_requested_at=None,
    reflected_at=None,
    intention="read instead",
    end_reason="a call",
    plan_id=None,
    created_at=NOW,
    updated_at=NOW,
    platforms=("x", "reddit"),
    answers=(AnswerRecord("mood_before", Phase.BEFORE, PromptKind.SCALE, "How?", "3", NOW),),
    slips=(SlipRecord(NOW, "x", None),),
)
ENTRY = EntryRecord(
    id=1,
    created_at=NOW,
    updated_at=NOW,
    kind=EntryKind.SLIP,
    text="gave in",
    break_id=3,
    platform_id="x",
    mood=None,
    tags=("first",),
    people=(),
)


def test_the_plain_form_has_the_files_sections_and_fields_in_order() -> None:
    plain = as_plain(Document(breaks=(BREAK,), entries=(ENTRY,)))
    assert list(plain) == [
        "platforms",
        "prompts",
        "plans",
        "breaks",
        "entries",
        "commitments",
        "people",
    ]
    [item] = plain["breaks"]
    assert list(item)[:4] == ["id", "status", "mode", "strictness"]
    assert list(item)[-3:] == ["platforms", "answers", "slips"]
    assert item["status"] == "ended_early" and type(item["status"]) is str
    assert item["platforms"] == ["x", "reddit"]
    assert item["answers"][0] == {
        "prompt_key": "mood_before",
        "phase": "before",
        "kind": "scale",
        "question": "How?",
        "value": "3",
        "answered_at": NOW,
    }
    assert plain["entries"][0]["tags"] == ["first"] and plain["entries"][0]["people"] == []
    # Plain enough for JSON once the times are spelled.
    assert '"kind": "slip"' in json.dumps(plain, default=datetime.isoformat)


def test_a_break_record_reads_as_the_break_it_describes() -> None:
    item = BREAK.as_break()
    assert (item.id, item.status, item.mode, item.strictness) == (
        3,
        BreakStatus.ENDED_EARLY,
        Mode.WATCH,
        Strictness.FIRM,
    )
    assert item.platforms == ("x", "reddit")
    assert (item.ended_at, item.end_reason) == (NOW + timedelta(hours=1), "a call")
