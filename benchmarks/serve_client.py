"""`check --server` against linting here (issue 12): CPU of the client AND of the server during its requests.

    python benchmarks/serve_client.py              # one draft and the 1,000-file seed-window corpus, 5 rounds
    python benchmarks/serve_client.py --repeat 9
    python benchmarks/serve_client.py --po 10000   # also a 10,000-entry .po catalog (catalogs.py)

A client that hands its messages to a running `scusa-lint serve` skips spaCy's import, simplemma's
dictionary, the packs and the rules; the server does the linting. Quoting the client's CPU alone would
hide that work, so every row adds the server's: its utime + stime from /proc/<pid>/stat, read before
and after the client runs (nothing else talks to this server). The server is started here (--isolated,
in benchmarks/out, as the clients run) and warmed up; its start-up and warm-up are paid once per
session, and are quoted on their own, as is the first batch, which builds the rules for the client's
settings (the output format turns suggestions off: other settings than the server's own). Every run
is --no-cache (cold: every message is linted), round-robin, medians quoted. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import catalogs  # noqa: E402
import seedwindow  # noqa: E402
from processes import PYTHON, SCUSA, ensure_bytecode, timed  # noqa: E402

FLOOR = 'import spacy; spacy.blank("it")'
DRAFT = """Gentile signora Bianchi,
ci scusiamo per il ritardo nella consegna del suo ordine. Il corriere ha avuto un guasto al magazzino
di Bologna e il pacco è partito solo ieri. Le abbiamo rimborsato le spese di spedizione e il pacco
arriverà entro venerdì; se preferisce, può annullare l'ordine rispondendo a questa email.
Grazie per la pazienza,
Marta, servizio clienti
"""
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_of(pid: int) -> float:
    """User + system CPU seconds a process has used (fields 14 and 15 of /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def start_server(cwd: Path) -> tuple[subprocess.Popen[bytes], str, float, float]:
    """A warmed-up server; (process, URL, wall s and CPU s until it answered)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    command = [*SCUSA, "serve", "--isolated", "--port", str(port)]
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{url}/v2/languages", timeout=2):
                break
        except OSError:
            if process.poll() is not None:
                raise SystemExit("scusa-lint serve did not start") from None
            time.sleep(0.2)
    return process, url, time.perf_counter() - started, cpu_of(process.pid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--po", type=int, default=0, metavar="ENTRIES", help="also a .po catalog of this size")
    args = parser.parse_args()
    out = HERE / "out"
    corpus = out / f"seedwindow-{args.messages}"
    if not corpus.is_dir():
        seedwindow.build(corpus, args.messages)
    draft = out / "serve-draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    ensure_bytecode()
    server, url, up_wall, up_cpu = start_server(out)
    lint = ["--isolated", "--no-cache", "--output-format", "concise", "--exit-zero"]
    try:
        before = cpu_of(server.pid)
        first = timed([*SCUSA, "check", str(draft), *lint, "--server", url], out)
        first_server = cpu_of(server.pid) - before
        contenders = {
            "spaCy import floor": [PYTHON, "-c", FLOOR],
            "one draft, here": [*SCUSA, "check", str(draft), *lint],
            "one draft, via the server": [*SCUSA, "check", str(draft), *lint, "--server", url],
            f"{args.messages:,} files, here": [*SCUSA, "check", str(corpus), *lint],
            f"{args.messages:,} files, via the server": [*SCUSA, "check", str(corpus), *lint, "--server", url],
        }
        if args.po:
            po = out / "catalogs" / f"catalog-{args.po}.po"
            po.parent.mkdir(parents=True, exist_ok=True)
            catalogs.write_po(po, args.po)
            contenders[f"{args.po:,}-entry .po, here"] = [*SCUSA, "check", str(po), *lint]
            contenders[f"{args.po:,}-entry .po, via the server"] = [*SCUSA, "check", str(po), *lint, "--server", url]
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in contenders}
        for repetition in range(args.repeat):
            for name, command in contenders.items():
                before = cpu_of(server.pid)
                wall, cpu, _, _ = timed(command, out)
                served = cpu_of(server.pid) - before
                runs[name].append((wall, cpu, served))
                print(f"  [{repetition + 1}/{args.repeat}] {name:<30} {wall:6.2f} s wall  {cpu:6.2f} s client CPU"
                      f"  {served:6.2f} s server CPU", file=sys.stderr)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"server start-up and warm-up: {up_wall:.2f} s wall, {up_cpu:.2f} s CPU (once per session)")
    print(f"first batch (builds the rules for the client's settings): client {first[1]:.2f} s CPU, "
          f"server {first_server:.2f} s CPU, {first[0]:.2f} s wall")  # fmt: skip
    print("\n| run (--no-cache, concise) | wall s | client CPU s | server CPU s | total CPU s |")
    print("|---|---:|---:|---:|---:|")
    for name, timings in runs.items():
        wall, cpu, served = (statistics.median(t[i] for t in timings) for i in range(3))
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {served:.2f} | {cpu + served:.2f} |")


if __name__ == "__main__":
    main()
