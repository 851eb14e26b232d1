"""`breakwell export` and `breakwell import`: the whole journal out, other journals in."""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, TextIO

import click

from breakwell.cli.context import current
from breakwell.cli.enforcer import keep_enforced_if_needed
from breakwell.cli.params import ID, NumberFriendlyCommand
from breakwell.cli.progress import TerminalProgress
from breakwell.domain.errors import InvalidInput
from breakwell.domain.when import parse_when

FORMATS = ("json", "md", "csv", "ics")
TABLES = ("breaks", "entries")


def _write(path: Path, data: bytes) -> None:
    with _Files() as files:
        files.to(path).write(data.decode("utf-8"))


class _Files:
    """Where an export's files go. Each is written to a private file beside its target, renamed
    over it once the whole export is written: a failed or interrupted export leaves no half
    file under the name asked for, and an export holds the private journal, so it gets the
    journal's own permissions, also when it replaces a file anyone could read. A pipe or
    device (/dev/stdout) is written as it is, as the text comes."""

    def __init__(self) -> None:
        self._open: list[tuple[Path, Path | None, TextIO]] = []

    def to(self, path: Path) -> TextIO:
        from breakwell.private_files import ensure_private_dir

        try:
            final = _final(path)
            if final.exists() and not final.is_file() and not final.is_dir():
                file = final.open("w", encoding="utf-8", newline="")
                self._open.append((path, None, file))
                return file
            ensure_private_dir(final.parent)
            # A short name of its own, so any name the target may have, its temporary file may.
            fd, name = tempfile.mkstemp(dir=final.parent, prefix=".breakwell-", suffix=".part")
        except OSError as error:
            raise InvalidInput(f"cannot write {path}: {error.strerror}") from None
        file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._open.append((path, Path(name), file))
        return file

    def __enter__(self) -> _Files:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self._clean()
            return
        for path, part, file in self._open:
            try:
                file.close()
                if part is not None:
                    part.replace(_final(path))
            except OSError as error:
                self._clean()
                raise InvalidInput(f"cannot write {path}: {error.strerror}") from None
        for path, _part, _file in self._open:
            click.echo(f"Wrote {path}", err=True)

    def _clean(self) -> None:
        for _, part, file in self._open:
            file.close()
            if part is not None:
                part.unlink(missing_ok=True)


def _final(path: Path) -> Path:
    """The file written: a link is followed, so the file it names is the one replaced."""
    return path.resolve() if path.is_symlink() else path


class _Echo(io.StringIO):
    """Standard output, written through click as the text comes, a piece at a time."""

    def write(self, text: str) -> int:
        written = super().write(text)
        if self.tell() >= 1 << 16:
            self.send()
        return written

    def send(self) -> None:
        click.echo(self.getvalue(), nl=False)
        self.seek(0)
        self.truncate()


def _targets(output: Path, names: list[str]) -> dict[str, Path]:
    """Where each CSV table goes: beside a file name given, or into a folder."""
    if output.suffix.lower() == ".csv":
        return {name: output.with_name(f"{output.stem}-{name}.csv") for name in names}
    if output.exists() and not output.is_dir():
        raise InvalidInput(f"{output} is a file; give a folder or a name ending in .csv")
    return {name: output / f"{name}.csv" for name in names}


@click.command("export")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(FORMATS), default="json", show_default=True
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write here, not to stdout.")
@click.option("--since", metavar="WHEN", help="Only from this time on: 30d, 2026-01-01.")
@click.option("--until", metavar="WHEN", help="Only before this time.")
@click.option("--break", "break_id", type=ID, metavar="ID", help="Only this break.")
@click.option("--table", type=click.Choice(TABLES), help="For csv: only this table.")
def export(
    *,
    fmt: str,
    output: Path | None,
    since: str | None,
    until: str | None,
    break_id: int | None,
    table: str | None,
) -> None:
    """Take the journal out as json (everything), md, csv or ics.

    CSV has two tables: choose one with --table, or give -o a folder (or a name ending in
    .csv) for both.
    """
    from breakwell.services.transfer import ExportFormat, Selection

    if table is not None and fmt != "csv":
        raise InvalidInput("--table is for --format csv")
    if fmt == "csv" and table is None and output is None:
        raise InvalidInput("csv has two tables: choose one with --table, or give -o a folder")
    cli = current()
    now = cli.clock.now()
    selection = Selection(
        since=parse_when(since, now, past=True) if since else None,
        until=parse_when(until, now, past=True) if until else None,
        break_id=break_id,
    )
    cli.services.settle()
    if fmt == "ics":
        [data] = cli.services.transfer.export(ExportFormat(fmt), selection).values()
        assert isinstance(data, bytes)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            _write(output, data)
        return
    if output is None:
        out = _Echo()
        with TerminalProgress("Exporting") as progress:
            cli.services.transfer.export_into(
                ExportFormat(fmt), selection, lambda _: out, progress, table
            )
        out.send()
        return
    both = fmt == "csv" and table is None
    targets = _targets(output, ["breaks", "entries"]) if both else {}
    with _Files() as files, TerminalProgress("Exporting") as progress:
        try:
            cli.services.transfer.export_into(
                ExportFormat(fmt),
                selection,
                lambda name: files.to(targets.get(name, output)),
                progress,
                table,
            )
        except OSError as error:  # the disk filled up, or the folder went away
            raise InvalidInput(f"cannot write {output}: {error.strerror}") from None


def _source(file: str) -> BinaryIO:
    """The file to import, open to be read more than once: standard input, or a pipe, is
    kept first in a private temporary file, unnamed, gone when closed."""
    if file == "-":
        given: BinaryIO = sys.stdin.buffer
    else:
        try:
            given = Path(file).open("rb")  # noqa: SIM115 (the caller closes it)
        except OSError as error:
            raise InvalidInput(f"cannot read {file}: {error.strerror}") from None
        if given.seekable():
            return given
    kept = tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it)
    try:
        shutil.copyfileobj(given, kept)
    except OSError as error:
        kept.close()
        raise InvalidInput(f"cannot read {file}: {error.strerror}") from None
    finally:
        if given is not sys.stdin.buffer:
            given.close()
    return kept


def _count(n: int, kind: str) -> str:
    """3 entries, 1 entry; the kinds are named in the plural."""
    if n != 1:
        return f"{n} {kind}"
    return f"1 {kind[:-3] + 'y' if kind.endswith('ies') else kind.removesuffix('s')}"


@click.command("import", cls=NumberFriendlyCommand)
@click.argument("file", metavar="FILE")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["breakwell", "jrnl"]),
    help="breakwell (an export of breakwell's own) or jrnl (jrnl --format json). "
    "Found from the file when not given.",
)
def import_(file: str, fmt: str | None) -> None:
    """Bring a journal in from FILE ('-' for standard input).

    The whole file is checked first: if any of it is wrong, nothing is imported. What is
    already in the journal is recognised and not added twice.
    """
    from breakwell.services.transfer import ImportFormat

    what = "standard input" if file == "-" else file
    with _source(file) as source, TerminalProgress("Importing") as progress:
        found, merged = current().services.transfer.import_file(
            source, ImportFormat(fmt) if fmt else None, what, progress
        )
    added = ", ".join(_count(n, kind) for kind, n in merged.added.items() if n) or "nothing new"
    present = sum(merged.present.values())
    again = f" ({present} already there)" if present else ""
    click.echo(f"Imported from {found.value}: {added}{again}.")
    if merged.added.get("breaks") or merged.added.get("plans"):
        # Imported breaks and plans are kept on time like those made here.
        keep_enforced_if_needed(current())
