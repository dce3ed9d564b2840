"""Load test of `scusa-lint serve`: 500 requests from 8 concurrent clients on 127.0.0.1, bounded in count and time.

Starts the server as a user does (a subprocess, --isolated, on a free loopback port), waits until it
answers, then sends a 120-word Italian draft (written for this benchmark) to /v2/check from N
client threads, each with its own keep-alive connection. Prints p50/p95/p99 latency, throughput and
the server's memory after the run (resident and peak, from /proc). With --languagetool-url the
server merges an upstream LanguageTool's matches, so the figures include its round trip.

    .venv/bin/python benchmarks/serve_load.py                      # 500 requests, 8 clients
    .venv/bin/python benchmarks/serve_load.py --languagetool-url http://localhost:8010
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

# 120 words: greeting, a conditional apology, blame, a coupon with a deadline, a demand, a typo.
DRAFT = (
    "Gentile cliente, ci scusiamo se la consegna del suo ordine numero 4821 è arrivata con tre giorni di "
    "ritardo rispetto alla data promessa. Purtroppo il ritardo è colpa del corriere, che ha avuto problemi "
    "nel magazzino di Bologna durante la settimana. Sappiamo che aspettava il pacco per il compleanno di sua "
    "figlia e capiamo la delusione. Per farci perdonare le offriamo un buono del dieci per cento, valido solo "
    "fino a domenica prossima. La invitiamo a rispondere a questa email entro 48 ore per confermare il suo "
    "indirizzo. Abbiamo già parlato con il corriere e da oggi controlleremo ogni spedizione prima della "
    "partenza, così che non succeda più. Restiamo a disposizione per qualsiasi chiarimento. "
    "Cordiali saluti, Giulia del servizio clienti"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def memory(pid: int) -> dict[str, float]:
    """The server's resident and peak memory in MB (Linux /proc)."""
    found: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="the server's --workers")
    parser.add_argument("--languagetool-url", help="the server's upstream LanguageTool")
    parser.add_argument("--time-limit", type=float, default=300.0, help="stop sending after this many seconds")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    port = free_port()
    command = [sys.executable, "-m", "scusa_lint", "serve", "--isolated", "--port", str(port)]
    command += ["--workers", str(args.workers), "--queue", str(args.clients * 2)]
    if args.languagetool_url:
        command += ["--languagetool-url", args.languagetool_url]
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                requests.get(f"{url}/v2/languages", timeout=2)
                break
            except requests.ConnectionError:
                if server.poll() is not None or time.perf_counter() - started > 120:
                    print("the server did not start", file=sys.stderr)
                    return 2
                time.sleep(0.2)
        start_up = time.perf_counter() - started
        words = len(DRAFT.split())
        latencies: list[float] = []
        failures: list[str] = []
        lock = threading.Lock()
        remaining = iter(range(args.requests))
        deadline = time.perf_counter() + args.time_limit

        def client() -> None:
            session = requests.Session()
            while time.perf_counter() < deadline:
                with lock:
                    if next(remaining, None) is None:
                        return
                begun = time.perf_counter()
                response = session.post(f"{url}/v2/check", data={"text": DRAFT, "language": "it"}, timeout=30)
                elapsed = (time.perf_counter() - begun) * 1000
                with lock:
                    if response.status_code == 200 and response.json()["matches"]:
                        latencies.append(elapsed)
                    else:
                        failures.append(f"{response.status_code} {response.text[:80]}")

        session = requests.Session()  # one warm request, as an agent's first check after start-up
        session.post(f"{url}/v2/check", data={"text": DRAFT, "language": "it"}, timeout=30)
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        run_started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - run_started
        figures = {
            "requests": len(latencies),
            "failures": len(failures),
            "clients": args.clients,
            "workers": args.workers,
            "words": words,
            "upstream": args.languagetool_url,
            "start_up_s": round(start_up, 2),
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "mean_ms": round(statistics.fmean(latencies), 1),
            "requests_per_s": round(len(latencies) / wall, 1),
            **{("rss_mb" if k == "VmRSS" else "peak_rss_mb"): round(v, 1) for k, v in memory(server.pid).items()},
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
    for key, value in figures.items():
        print(f"{key:16} {value}")
    if failures:
        print("first failures:", *failures[:5], sep="\n  ")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
