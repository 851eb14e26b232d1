"""Lines written without click look as click writes them, on a terminal and off it."""

from __future__ import annotations

import io

import click
import pytest

from breakwell.cli.output import say


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream_kind", [Terminal, io.StringIO])
@pytest.mark.parametrize("style", [{}, {"bold": True}, {"fg": "cyan"}, {"fg": "red", "bold": True}])
def test_say_writes_what_click_secho_writes(
    stream_kind: type[io.StringIO], style: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = stream_kind(), stream_kind()
    monkeypatch.setattr("sys.stdout", ours)
    say("Before · ünïcode", **style)  # type: ignore[arg-type]
    # The commands write plain lines with click.echo and styled ones with click.secho.
    if style:
        click.secho("Before · ünïcode", file=theirs, **style)  # type: ignore[arg-type]
    else:
        click.echo("Before · ünïcode", file=theirs)
    assert ours.getvalue() == theirs.getvalue()
    assert ("\x1b[" in ours.getvalue()) is (stream_kind is Terminal and bool(style))


def test_say_writes_errors_to_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    say("breakwell: no", err=True)
    assert capsys.readouterr() == ("", "breakwell: no\n")
