"""`breakwell export` and `breakwell import`: the whole journal out, other journals in."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from breakwell.cli.context import current
from breakwell.cli.enforcer import keep_enforced_if_needed
from breakwell.cli.params import ID
from breakwell.cli.progress import TerminalProgress
from breakwell.domain.errors import InvalidInput
from breakwell.domain.when import parse_when

FORMATS = ("json", "md", "csv", "ics")
TABLES = ("breaks", "entries")


def _write(path: Path, data: str | bytes) -> None:
    from breakwell.private_files import PRIVATE_FILE, ensure_private_file

    # An export holds the private journal: it gets the journal's own permissions, also when
    # it replaces a file anyone could read. A pipe or device (/dev/stdout) is left as it is.
    try:
        ensure_private_file(path)
        if path.is_file():
            path.chmod(PRIVATE_FILE)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror}") from None


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
    with TerminalProgress("Exporting") as progress:
        files = cli.services.transfer.export(ExportFormat(fmt), selection, progress, table)
    if output is None:
        [data] = files.values()
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            click.echo(data, nl=False)
        return
    if fmt == "csv" and table is None:
        for name, path in _targets(output, list(files)).items():
            _write(path, files[name])
            click.echo(f"Wrote {path}", err=True)
        return
    [data] = files.values()
    _write(output, data)
    click.echo(f"Wrote {output}", err=True)


def _read(file: str) -> tuple[str, str]:
    if file == "-":
        raw, what = sys.stdin.buffer.read(), "standard input"
    else:
        what = file
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise InvalidInput(f"cannot read {file}: {error.strerror}") from None
    try:
        return raw.decode("utf-8-sig"), what
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{what} is not UTF-8 text (byte {error.start})") from None


def _count(n: int, kind: str) -> str:
    """3 entries, 1 entry; the kinds are named in the plural."""
    if n != 1:
        return f"{n} {kind}"
    return f"1 {kind[:-3] + 'y' if kind.endswith('ies') else kind.removesuffix('s')}"


@click.command("import")
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

    text, what = _read(file)
    with TerminalProgress("Importing") as progress:
        found, merged = current().services.transfer.import_text(
            text, ImportFormat(fmt) if fmt else None, what, progress
        )
    added = ", ".join(_count(n, kind) for kind, n in merged.added.items() if n) or "nothing new"
    present = sum(merged.present.values())
    again = f" ({present} already there)" if present else ""
    click.echo(f"Imported from {found.value}: {added}{again}.")
    if merged.added.get("breaks") or merged.added.get("plans"):
        # Imported breaks and plans are kept on time like those made here.
        keep_enforced_if_needed(current())
