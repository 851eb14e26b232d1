"""Where the privileged helper lives, and whether it is installed as only root can leave it.

Apart from how it is granted (enforce/privilege.py): `status` and `doctor` ask this on every
run and need none of the granting.
"""

from __future__ import annotations

from pathlib import Path

HELPER_PATH = Path("/usr/local/libexec/breakwell-hosts")
GRANT_COMMAND = "breakwell blocking grant --print"


def helper_installed(helper: Path = HELPER_PATH) -> bool:
    try:
        info = helper.stat()
    except OSError:
        return False
    return info.st_uid == 0 and not info.st_mode & 0o022
