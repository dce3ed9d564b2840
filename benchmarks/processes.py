"""Running a whole command as a benchmark does: wall time, CPU time and peak memory of the process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
SCUSA = [PYTHON, "-m", "scusa_lint"]


def timed(command: list[str], cwd: Path, stdout_path: Path | None = None) -> tuple[float, float, float, int]:
    """Run a command; (wall s, user+sys s, peak RSS MB, exit code) from perf_counter and wait4."""
    env = {**os.environ, "NO_COLOR": "1"}
    with open(stdout_path or os.devnull, "wb") as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode
