"""Atomic file writes: a temporary file in the same folder, fsynced, then os.replace over the target.

A reader (or a crash, or SIGKILL) sees either the old file or the new one, never half of
each: os.replace is atomic on POSIX and Windows when both paths are on one file system,
which a temporary file in the same folder guarantees. The target keeps its permissions; a
symbolic link is written through; a read-only file is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

# Test hook: seconds to sleep after the temporary file is complete and before the replace,
# so a test can kill the process in that window and check the original is intact.
PAUSE_ENV = "SCUSA_LINT_TEST_PAUSE_BEFORE_REPLACE"


def write_atomic(path: Path | str, data: bytes) -> None:
    """Replace the content of `path` with `data` atomically (raises OSError on failure)."""
    target = Path(path)
    if target.is_symlink():  # write through the link: replacing it would turn it into a copy
        target = target.resolve()
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(target.stat().st_mode)
        # The rename would succeed (it needs only the folder), but a read-only file says "do not change me".
        if not mode & 0o222 or not os.access(target, os.W_OK):
            raise PermissionError(f"{path} is read-only")
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".scusa-lint.tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        else:  # a new file gets the usual permissions (mkstemp creates it 0600)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
        pause = os.environ.get(PAUSE_ENV)
        if pause:
            time.sleep(float(pause))
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
