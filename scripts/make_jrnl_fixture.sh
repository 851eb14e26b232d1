#!/usr/bin/env bash
# Regenerate the jrnl JSON export fixture used by breakwell's importer tests.
#
# Usage: scripts/make_jrnl_fixture.sh [JRNL_EXECUTABLE] [OUTPUT_FILE]
#   JRNL_EXECUTABLE  path to a jrnl executable (default: "jrnl" on PATH)
#   OUTPUT_FILE      where to write the export (default: tests/fixtures/jrnl/export.json)
#
# jrnl runs entirely inside a throwaway temp folder: HOME, XDG_CONFIG_HOME and
# XDG_DATA_HOME all point there, the config is passed explicitly, the journal
# is a plain unencrypted text file, and the editor is disabled. Nothing is
# read from or written to the real home folder. stdin is never a TTY, so jrnl
# never prompts.
#
# jrnl is NOT a breakwell dependency; install it in a separate venv, e.g.
#   python3 -m venv <venv> && <venv>/bin/pip install jrnl
#   scripts/make_jrnl_fixture.sh <venv>/bin/jrnl
set -euo pipefail

JRNL="${1:-jrnl}"
OUT="${2:-tests/fixtures/jrnl/export.json}"

if ! command -v "$JRNL" >/dev/null 2>&1; then
    echo "error: jrnl executable not found: $JRNL" >&2
    exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

export HOME="$WORK/home"
export XDG_CONFIG_HOME="$WORK/config"
export XDG_DATA_HOME="$WORK/data"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/jrnl" "$XDG_DATA_HOME"
unset EDITOR VISUAL || true
# jrnl stores an entry's tags in a Python set, so the order of "tags" lists
# (and of the top-level "tags" object) depends on string-hash randomisation.
# Pin the hash seed so the fixture is byte-for-byte reproducible.
export PYTHONHASHSEED=0
export PYTHONIOENCODING=utf-8

# "jrnl v4.6" -> "4.6"; written into the config so jrnl does not rewrite it.
VERSION="$("$JRNL" --version </dev/null | head -n 1 | awk '{print $2}')"
VERSION="${VERSION#v}"

JOURNAL="$WORK/journal.txt"
: >"$JOURNAL"

CONFIG="$XDG_CONFIG_HOME/jrnl/jrnl.yaml"
cat >"$CONFIG" <<EOF
version: '$VERSION'
journals:
  default:
    journal: $JOURNAL
editor: ""
encrypt: false
template: false
default_hour: 9
default_minute: 0
timeformat: "%Y-%m-%d %H:%M"
tagsymbols: "#@"
highlight: false
linewrap: 79
indent_character: "|"
colors:
  body: none
  date: none
  tags: none
  title: none
EOF

# Use --config-file when this jrnl has it; otherwise jrnl finds the config via
# XDG_CONFIG_HOME (same file), so both paths use the isolated config.
CONFIG_ARGS=()
if "$JRNL" --help </dev/null 2>/dev/null | grep -q -- '--config-file'; then
    CONFIG_ARGS=(--config-file "$CONFIG")
fi

# Add one entry given on the command line (stdin closed, so no prompt/editor).
add() {
    "$JRNL" "${CONFIG_ARGS[@]}" "$1" </dev/null
}

# Add one entry read from stdin (used for multi-line text).
add_stdin() {
    "$JRNL" "${CONFIG_ARGS[@]}"
}

# --- entries (explicit dates, 2019-2025) -----------------------------------

add "2019-06-14 08:30: Started a social media break. Deleted the apps from my phone and told @Sam about it. #break"

add "2020-01-02 21:05: New year, new limits. A 30-minute daily cap on #Break time; mixed-case tags: #Goals and @Phone."

add "2021-07-19 12:40: Café lunch without scrolling. Noticed the garçon's smile and felt présent. @café #offline #Été"

add "2022-11-03 07:45: Morning walk 🌅 before any screens! No phone until 09:00 🙌 #walk."

add_stdin <<'EOF'
2023-02-14 19:30: Long evening reflection.
First paragraph of the body: the urge to check feeds faded after a week.

Second paragraph, after a blank line, mentions @anna and #reflection.
  An indented third line.
EOF

add "2023-08-08 23:10: 今日は静かな一日。 Read a book instead of Twitter 📚 and wrote in 日記. #reading @本"

add "2024-03-01 09:15: Same-minute entry one. First of two notes written at 09:15. #twins"

add "2024-03-01 09:15: Same-minute entry two. Second note written in the same minute. #twins"

# Starred: a "*" at the very end of the entry's first line marks it starred.
add_stdin <<'EOF'
2024-05-20 18:00: Thirty days without feeds.*
Best month in years. #milestone
EOF

add "2024-12-31 23:59: Year in review. #break #goals #reading #walk #social-media @family @phone @anna"

add "2025-01-15 10:00: Plain entry with no tags at all. Just some text, and an address like someone@example.com which is not a tag."

add "2025-04-02 16:20: Short relapse check-in? Opened Instagram for five minutes, then closed it. #relapse"

# --- export ----------------------------------------------------------------

if "$JRNL" --help </dev/null 2>/dev/null | grep -q -- '--format'; then
    EXPORT_ARGS=(--format json)
else
    EXPORT_ARGS=(--export json)
fi

mkdir -p "$(dirname "$OUT")"
"$JRNL" "${CONFIG_ARGS[@]}" "${EXPORT_ARGS[@]}" </dev/null >"$WORK/export.json"
mv "$WORK/export.json" "$OUT"
echo "wrote $OUT with jrnl $VERSION" >&2
