"""Python's garbage collector over the app's launch.

Nearly everything a launch makes (modules, classes, styles, then the database code) lives as
long as the app, yet the collector scans it again and again while it grows: about 10 ms
before the first frame and 10 ms more before the Now screen's data, measured on a 2-core
machine. So a launch pauses the collector until its first frame, then freezes what exists
(later collections skip it) and lets it run; once the launch is over, what it added is
frozen too. Only `run_app` pauses it: an app run any other way (tests) is left alone."""

from __future__ import annotations

import gc


class _Launch:
    # Paused by this launch, not yet resumed; frozen at its first frame.
    paused = False
    frozen = False


def pause() -> None:
    """Before the app is imported. A collector someone else turned off is left off."""
    _Launch.paused = gc.isenabled()
    gc.disable()


def first_frame() -> None:
    if _Launch.paused:
        _Launch.paused = False
        _Launch.frozen = True
        gc.freeze()
        gc.enable()


def launched() -> None:
    if _Launch.frozen:
        gc.freeze()


def resume() -> None:
    """Once the app has closed, however it closed: the collector as it was found."""
    if _Launch.paused:
        gc.enable()
    _Launch.paused = _Launch.frozen = False
