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


def ensure_bytecode() -> None:
    """Compile scusa-lint's modules to bytecode once, as `pip install` does for an installed package.

    An editable checkout run with PYTHONDONTWRITEBYTECODE (set on some machines, this one included)
    compiles every module from source on every run, about 0.1 s that no user of the installed
    package pays and that the peers, installed with pip, do not pay either.
    """
    import compileall

    import scusa_lint

    compileall.compile_dir(str(Path(scusa_lint.__file__).parent), quiet=1)


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
