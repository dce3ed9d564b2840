"""Large catalogs are linear: the cost per message of a 10,000-entry .po and YAML catalog against a 100-entry one.

    python benchmarks/catalogs.py                     # 100 and 10,000 entries, .po and YAML, cold and warm
    python benchmarks/catalogs.py --sizes 100 2000    # quicker
    python benchmarks/bench.py --catalogs             # the same, after the main benchmark

Each catalog is generated (seeded) from the benchmark's own sentence templates (corpus.py): every
entry is two sentences of a template with a translator comment and a source reference, as shop
catalogs have, so that the file holds about three comments per message. Each size is linted as a
subprocess, as a user runs it, cold (empty cache) and warm (the cache filled by the cold run); the
figure is milliseconds per message net of start-up: the time of the same run on a 1-entry
catalog (Python, imports, pipeline and packs, about 1.5 s cold) is subtracted first, since with it
the small catalog's figure would be dominated by start-up and the comparison would say nothing.
The target: the 10,000-entry catalog costs at most 1.5x per message what the 100-entry one costs.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from processes import SCUSA, timed  # noqa: E402

from corpus import make_message  # noqa: E402

TARGET = 1.5


def _entries(count: int, seed: int) -> list[str]:
    """`count` short messages: the first two sentences of generated templates."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = " ".join(make_message(rng).split())
        sentences = re.split(r"(?<=[.!?])\s+", text)
        out.append(" ".join(sentences[:2]))
    return out


def write_po(path: Path, count: int, seed: int = 7) -> None:
    lines = ['msgid ""', 'msgstr ""', '"Language: it\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for index, text in enumerate(_entries(count, seed)):
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        lines += [
            f"#. Sent when order {index} is late",
            f"#: templates/mails/late_{index:05d}.html:{index % 90 + 1}",
            "#, python-format",
            f'msgctxt "mails.late_{index:05d}.body"',
            f'msgid "late {index}"',
            f'msgstr "{escaped}"',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_yaml(path: Path, count: int, seed: int = 7) -> None:
    lines = ["it:", "  mails:"]
    for index, text in enumerate(_entries(count, seed)):
        quoted = text.replace("'", "''")
        lines += [
            f"    # Sent when order {index} is late (templates/mails/late_{index:05d}.html)",
            f"    late_{index:05d}:",
            f"      body: '{quoted}'  # reviewed by the support team",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(folder: Path, sizes: list[int], repeat: int) -> list[dict[str, object]]:
    """One row per (format, size): cold and warm wall seconds (best of `repeat`) and ms per message."""
    rows: list[dict[str, object]] = []
    for suffix, writer in ((".po", write_po), (".yml", write_yaml)):
        base_cold = base_warm = 0.0
        for size in [1, *sizes]:
            path = folder / f"catalog-{size}{suffix}"
            writer(path, size)
            cache = folder / f"cache-{size}{suffix.strip('.')}"
            lint = [*SCUSA, str(path), "--isolated", "--output-format", "concise", "--exit-zero",
                    "--cache-dir", str(cache)]  # fmt: skip
            colds, warms = [], []
            for _ in range(repeat):
                shutil.rmtree(cache, ignore_errors=True)
                colds.append(timed(lint, folder)[0])
                warms.append(timed(lint, folder)[0])
            cold, warm = min(colds), min(warms)
            if size == 1:  # start-up: subtracted from the others
                base_cold, base_warm = cold, warm
                print(f"  {suffix:4} start-up (1 entry): cold {cold:.2f} s, warm {warm:.2f} s", file=sys.stderr)
                continue
            row = {"format": suffix, "entries": size, "cold_s": cold, "warm_s": warm,
                   "cold_ms": 1000 * max(0.0, cold - base_cold) / (size - 1),
                   "warm_ms": 1000 * max(0.0, warm - base_warm) / (size - 1),
                   "startup_cold_s": base_cold, "startup_warm_s": base_warm}  # fmt: skip
            rows.append(row)
            print(f"  {suffix:4} {size:>6} entries: cold {cold:6.2f} s ({row['cold_ms']:.2f} ms/msg), "
                  f"warm {warm:6.2f} s ({row['warm_ms']:.2f} ms/msg)", file=sys.stderr)  # fmt: skip
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    lines = ["| catalog | entries | cold s | cold ms/message (net) | warm s | warm ms/message (net) "
             "| start-up cold / warm s |", "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for r in rows:
        lines.append(f"| {r['format']} | {r['entries']:,} | {r['cold_s']:.2f} | {r['cold_ms']:.2f} | "
                     f"{r['warm_s']:.2f} | {r['warm_ms']:.2f} | "
                     f"{r['startup_cold_s']:.2f} / {r['startup_warm_s']:.2f} |")  # fmt: skip
    lines += ["", "| ratio (largest / smallest catalog, per message) | cold | warm | target |", "|---|---:|---:|---|"]
    for suffix in (".po", ".yml"):
        mine = sorted((r for r in rows if r["format"] == suffix), key=lambda r: int(str(r["entries"])))
        if len(mine) < 2:
            continue
        small, large = mine[0], mine[-1]
        if not (float(str(small["cold_ms"])) > 0 and float(str(small["warm_ms"])) > 0):
            # On a busy machine the 1-entry start-up can take longer than the small catalog: no ratio to give.
            lines.append(f"| {suffix} {large['entries']:,} / {small['entries']:,} | — | — | "
                         "not measured: start-up varied more than the small catalog cost; --repeat 3 |")  # fmt: skip
            continue
        cold = float(str(large["cold_ms"])) / float(str(small["cold_ms"]))
        warm = float(str(large["warm_ms"])) / float(str(small["warm_ms"]))
        verdict = "met" if max(cold, warm) <= TARGET else "missed"
        lines.append(f"| {suffix} {large['entries']:,} / {small['entries']:,} | {cold:.2f}x | {warm:.2f}x | "
                     f"<= {TARGET}x: {verdict} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is reported")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "catalogs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(markdown(measure(args.out.resolve(), sorted(args.sizes), args.repeat)))


if __name__ == "__main__":
    main()
