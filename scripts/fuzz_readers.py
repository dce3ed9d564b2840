"""Fuzz every reader (and masking) with hostile inputs, each case under a time budget.

    python scripts/fuzz_readers.py [--cases 200] [--seed 1] [--budget 5]

For each reader (.txt, .j2, .md, .html, .eml, .po, .yaml, .json) it writes random hostile files
(long runs of one markup character, deep nesting, many placeholders, random bytes, alias bombs)
and reads them through the same path as a run (inputs.read_sources, then masking), each in a child
process killed after --budget seconds. A case fails if it raises anything but an InputError or runs
over the budget; the script prints the failures and the slowest case per reader, and exits 1 if
any case failed. Bounded: cases x readers runs, each at most --budget seconds.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path

SUFFIXES = (".txt", ".j2", ".md", ".html", ".eml", ".po", ".yaml", ".json")
MARKS = "`*_[]()%{}#<>&!\\~|\"':-=\n "
PIECES = ("{{ nome }}", "{{", "}}", "{% if x %}", "{% endif %}", "{#", "#}", "%s", "%(n)s", "${x}", "{0}",
          "{n, plural, one {#} other {# x}}", "<b>", "</b>", "<!--", "-->", "&amp;", "&#", "msgid \"", "msgstr \"",
          "key: ", "- ", "&a ", "*a ", '{"a": ', "[", "]", "Ci scusiamo per il ritardo. ")  # fmt: skip


def hostile(rng: random.Random) -> bytes:
    """One random hostile file."""
    shape = rng.choice(["run", "nest", "pieces", "bytes", "bomb", "mix"])
    size = rng.choice([100, 2_000, 20_000, 60_000])
    if shape == "run":
        text = "Ci scusiamo. " + rng.choice(MARKS) * size
    elif shape == "nest":
        opener, closer = rng.choice([("[", "]"), ("(", ")"), ("{", "}"), ("<b>", "</b>"), ("> ", ""), ("- ", "")])
        depth = size // 10
        text = opener * depth + "x" + closer * depth
    elif shape == "pieces":
        text = "".join(rng.choice(PIECES) for _ in range(size // 8))
    elif shape == "bytes":
        return bytes(rng.randrange(256) for _ in range(min(size, 5_000)))
    elif shape == "bomb":
        lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
        lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
        text = "\n".join(lines) + "\n"
    else:
        text = "".join(rng.choice([rng.choice(MARKS) * rng.randrange(1, 500), rng.choice(PIECES)]) for _ in range(200))
    return text.encode("utf-8", "surrogatepass")


def _read(path: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from scusa_lint.errors import InputError
    from scusa_lint.inputs import InputFile, read_sources

    try:
        read_sources(InputFile(path, path), None)
        queue.put("ok")
    except InputError:
        queue.put("input error")
    except Exception as exc:  # reported: a reader must not raise anything else
        queue.put(f"{type(exc).__name__}: {exc}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=50, help="cases per reader")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per case")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for suffix in SUFFIXES:
            slowest = (0.0, "")
            for number in range(args.cases):
                path = str(Path(folder) / f"case-{number}{suffix}")
                Path(path).write_bytes(hostile(rng))
                queue: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
                child = context.Process(target=_read, args=(path, queue))
                started = time.perf_counter()
                child.start()
                child.join(args.budget)
                took = time.perf_counter() - started
                if child.is_alive():
                    child.kill()
                    child.join()
                    kept = Path(folder).parent / f"fuzz-hang-{number}{suffix}"
                    kept.write_bytes(Path(path).read_bytes())
                    failures.append(f"{suffix} case {number}: over {args.budget} s (kept as {kept})")
                    continue
                outcome = queue.get() if not queue.empty() else f"child died ({child.exitcode})"
                if outcome not in ("ok", "input error"):
                    failures.append(f"{suffix} case {number}: {outcome}")
                slowest = max(slowest, (took, f"case {number} ({Path(path).stat().st_size:,} bytes)"))
            print(f"{suffix:6} {args.cases} cases, slowest {slowest[0]:.2f} s: {slowest[1]}")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
