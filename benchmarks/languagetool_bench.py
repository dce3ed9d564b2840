"""LanguageTool's cost: server start and memory, messages per second by request strategy, and scusa-lint end to end.

    python scripts/languagetool.py fetch                  # once: the jars
    python benchmarks/languagetool_bench.py               # 1,000 messages (a few minutes)
    python benchmarks/languagetool_bench.py --messages 200 --markdown benchmarks/out/lt.md

It starts its own servers with scripts/languagetool.py (and stops them):
1. one with LanguageTool's result cache off, to compare request strategies on the same 1,000
   generated Italian messages (benchmarks/corpus.py): one request per message, batched requests
   (--batch messages joined by blank lines, matches split back by offset), and --workers
   concurrent requests of one message each; the batched and concurrent matches are compared
   with the one-per-message ones (agreement);
2. one with the cache on (as scusa-lint's script starts it), for the end-to-end runs:
   `scusa-lint check` over the same messages with Hunspell, with LanguageTool (no result cache),
   and a warm second run of each with scusa-lint's result cache.
Server start is the time until /v2/languages answers, then until one check per language has
answered (warm-up); memory is the JVM's resident set after warm-up and its peak (VmHWM) at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402  (benchmarks/corpus.py)
from scusa_lint.spelling.languagetool import LanguageToolClient, annotation  # noqa: E402

NO_CACHE = "cacheSize=0\npipelineCaching=true\n"


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("languagetool_script", ROOT / "scripts" / "languagetool.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) MB of a process, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_one(client: LanguageToolClient, text: str) -> list[tuple[int, int, str]]:
    options = {"data": json.dumps({"annotation": annotation(text, [])})}
    matches, _ = client.check(text, "it-IT", options)
    return [(m["offset"], m["length"], m["rule"]["id"]) for m in matches]


def check_batch(client: LanguageToolClient, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """One request for several messages, joined by blank lines; each match goes back to its message."""
    separator = "\n\n"
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += utf16_len(text) + utf16_len(separator)
    joined = separator.join(texts)
    matches, _ = client.check(joined, "it-IT", {"data": json.dumps({"annotation": annotation(joined, [])})})
    found: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    for match in matches:
        index = max(i for i, start in enumerate(starts) if start <= match["offset"])
        found[index].append((match["offset"] - starts[index], match["length"], match["rule"]["id"]))
    return found


def timed(label: str, work: Callable[[], list[list[tuple[int, int, str]]]]) -> tuple[float, list[Any]]:
    began = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - began
    print(f"  {label:<40} {seconds:7.2f} s", file=sys.stderr)
    return seconds, result


def agreement(reference: list[list[Any]], other: list[list[Any]]) -> float:
    same = sum(1 for a, b in zip(reference, other, strict=True) if sorted(a) == sorted(b))
    return same / len(reference)


def strategies(url: str, texts: list[str], batch: int, workers: int) -> list[dict[str, Any]]:
    client = LanguageToolClient(url, timeout=120)
    rows = []
    one_s, reference = timed("one request per message", lambda: [check_one(client, t) for t in texts])
    rows.append({"strategy": "one request per message", "seconds": one_s, "agreement": 1.0})

    def batched() -> list[list[tuple[int, int, str]]]:
        out: list[list[tuple[int, int, str]]] = []
        for i in range(0, len(texts), batch):
            out.extend(check_batch(client, texts[i : i + batch]))
        return out

    batch_s, batch_found = timed(f"batched, {batch} messages a request", batched)
    rows.append(
        {"strategy": f"batched ({batch} a request)", "seconds": batch_s, "agreement": agreement(reference, batch_found)}
    )

    def concurrent() -> list[list[tuple[int, int, str]]]:
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(lambda t: check_one(client, t), texts))

    conc_s, conc_found = timed(f"concurrent, {workers} in flight", concurrent)
    rows.append(
        {
            "strategy": f"concurrent ({workers} in flight)",
            "seconds": conc_s,
            "agreement": agreement(reference, conc_found),
        }
    )

    def both() -> list[list[tuple[int, int, str]]]:
        chunks = [texts[i : i + batch] for i in range(0, len(texts), batch)]
        with ThreadPoolExecutor(workers) as pool:
            return [m for chunk in pool.map(lambda c: check_batch(client, c), chunks) for m in chunk]

    both_s, both_found = timed("batched and concurrent", both)
    rows.append(
        {"strategy": "batched and concurrent", "seconds": both_s, "agreement": agreement(reference, both_found)}
    )
    for row in rows:
        row["messages_per_s"] = len(texts) / row["seconds"]
    return rows


def end_to_end(url: str, folder: Path, cache: Path) -> list[dict[str, Any]]:
    """`scusa-lint check` over the folder: Hunspell vs LanguageTool, cold (no result cache) and warm."""
    base = [sys.executable, "-m", "scusa_lint", "check", str(folder), "--isolated", "--output-format", "concise"]
    base += ["--exit-zero", "--cache-dir", str(cache)]
    lt = ["--spelling", "languagetool", "--languagetool-url", url]
    runs = [
        ("Hunspell, cold", ["--spelling", "hunspell"], True),
        ("Hunspell, warm (result cache)", ["--spelling", "hunspell"], False),
        ("LanguageTool, cold", lt, True),
        ("LanguageTool, warm (result cache)", lt, False),
    ]
    rows = []
    files = sum(1 for _ in folder.rglob("*.txt"))
    for label, extra, clean in runs:
        if clean:
            subprocess.run(
                [sys.executable, "-m", "scusa_lint", "clean", "--cache-dir", str(cache)], capture_output=True
            )
        began = time.perf_counter()
        done = subprocess.run([*base, *extra], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
        seconds = time.perf_counter() - began
        findings = sum(1 for line in done.stdout.splitlines() if ": SC" in line)
        grammar = sum(1 for line in done.stdout.splitlines() if ": SC902" in line)
        print(f"  {label:<40} {seconds:7.2f} s  {findings} findings ({grammar} SC902)", file=sys.stderr)
        rows.append(
            {
                "run": label,
                "seconds": seconds,
                "messages_per_s": files / seconds,
                "findings": findings,
                "sc902": grammar,
            }
        )
    return rows


def markdown(data: dict[str, Any]) -> str:
    start = data["start"]
    lines = [
        f"LanguageTool {data['version']}, {data['messages']} messages, {data['machine']}",
        "",
        "| server | seconds / MB |",
        "|---|---:|",
        f"| start until /v2/languages answers | {start['answered_s']:.1f} s |",
        f"| warm-up (first check of it-IT, en-US, en-GB) | {start['warm_up_s']:.1f} s |",
        f"| resident memory after warm-up | {start['rss_mb']:.0f} MB |",
        f"| peak resident memory (end of the benchmark) | {data['peak_mb']:.0f} MB |",
        "",
        "| request strategy (LanguageTool's cache off) | s | messages/s | same matches as one-per-message |",
        "|---|---:|---:|---:|",
        *(
            f"| {r['strategy']} | {r['seconds']:.1f} | {r['messages_per_s']:.0f} | {r['agreement']:.1%} |"
            for r in data["strategies"]
        ),
        "",
        "| `scusa-lint check` (LanguageTool's cache on) | s | messages/s | findings | SC902 |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {r['run']} | {r['seconds']:.1f} | {r['messages_per_s']:.0f} | {r['findings']} | {r['sc902']} |"
            for r in data["end_to_end"]
        ),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    script = _script()
    jars = script.jars_dir()
    work = Path(tempfile.mkdtemp(prefix="lt-bench-"))
    folder = work / "corpus"
    paths = corpus.build(folder, args.messages)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    data: dict[str, Any] = {
        "messages": args.messages,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    state = work / "nocache.json"
    print("server without result cache: request strategies", file=sys.stderr)
    started = script.start(jars, state, properties=NO_CACHE)
    try:
        rss, _ = memory_mb(started.pid)
        data["start"] = {"answered_s": started.start_seconds, "warm_up_s": started.warm_up_seconds, "rss_mb": rss}
        data["version"] = script.check_version(started.url)
        data["strategies"] = strategies(started.url, texts, args.batch, args.workers)
        data["peak_mb"] = memory_mb(started.pid)[1]
    finally:
        script.stop(state)
    state = work / "cache.json"
    print("server with result cache: scusa-lint end to end", file=sys.stderr)
    started = script.start(jars, state)
    try:
        data["end_to_end"] = end_to_end(started.url, folder, work / "cache")
        data["peak_mb"] = max(data["peak_mb"], memory_mb(started.pid)[1])
    finally:
        script.stop(state)
    text = markdown(data)
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text, encoding="utf-8")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
