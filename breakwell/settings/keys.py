"""The ids of the app's key bindings: what `[keys]` in the config may give other keys.

The config is checked without loading the app, so the ids live here, in plain text; a test
holds them equal to the ids the app's bindings carry.
"""

from __future__ import annotations

BINDING_IDS: tuple[str, ...] = (
    # Everywhere.
    "go.now",
    "go.journal",
    "go.plan",
    "go.review",
    "go.people",
    "help",
    "quit",
    "reload",
    # Now.
    "break.start",
    "entry.write",
    "break.slip",
    "break.extend",
    "break.end",
    "break.reflect",
    "commitment.add",
    "commitment.archive",
    # Journal, and the dialogs that write an entry.
    "entry.save",
    "journal.search",
    "journal.write",
    "journal.clear",
    "journal.list",
    "journal.edit",
    "journal.delete",
    "journal.undo",
    "entry.close",
    # Plan.
    "plan.add",
    "plan.edit",
    "plan.pause",
    "plan.remove",
    "plan.cancel",
    "plan.save",
    # Review.
    "review.breaks",
    "review.week",
    "review.earlier",
    "review.later",
    "review.trends",
    "review.learned",
    "detail.back",
    "review.questions",
    # Your questions, and the form that adds or rewords one.
    "questions.back",
    "questions.add",
    "questions.word",
    "questions.up",
    "questions.down",
    "questions.retire",
    "question.cancel",
    "question.save",
    # People.
    "people.why",
    "people.journal",
    # Dialogs.
    "form.cancel",
    "form.start",
    "end.keep",
    "reflect.later",
    "reflect.save",
    "dialog.close",
    "confirm.no",
    "confirm.yes",
    "help.close",
    "why.save",
    "commitment.save",
)
