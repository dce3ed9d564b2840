"""Real-like text, side by side with the peers (issue 12): what bench.py prints after the clean corpus.

    python benchmarks/realtext.py --messages 1000            # quick: about two minutes
    python benchmarks/realtext.py --messages 1000 10000      # the issue's two sizes
    python benchmarks/bench.py --real-messages 1000 10000    # the same, after the clean corpus

For each size, the seed-window corpus (seedwindow.py: 120 consecutive words of the seed articles,
or a generated fallback with the same share of unknown words; the table says which) is linted by:
- proselint (`proselint check DIR`), the Python peer;
- textlint with textlint-rule-write-good, the Node peer, installed by this script with npm into
  benchmarks/out/textlint (gitignored); when npm or the install fails, the row says why;
- bare nlp.pipe of the same texts through scusa-lint's pipeline (bench.py's floor): no rule, no
  output; proselint's time over it is the most any spaCy-based linter could reach here;
- scusa-lint cold (empty cache), warm (the cache the cold run filled), with --no-cache, and from
  5,000 messages with --no-cache --jobs 2 (two workers on two cores: wall time falls, CPU does not).
Then a 10,000-entry .po catalog (catalogs.py) cold and warm, and one draft against the floor
`import spacy; spacy.blank("it")` in the same Python: cold (--no-cache), and new to a cache that
earlier runs filled (its results removed before each run; the packs' parses kept), as a user's next
draft is linted. Repetitions are round-robin; medians are quoted.
Targets (issue 12): >= 1.5x proselint's speed at 1,000 messages, >= 3x at 10,000; warm <= 10% of
cold; one draft <= 1.4x the floor; peak memory at 10,000 messages <= 255 MB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import catalogs  # noqa: E402
import seedwindow  # noqa: E402
from processes import PYTHON, SCUSA  # noqa: E402

FLOOR = 'import spacy; spacy.blank("it")'
PEAK_MB = 255
# Workers pay off from MIN_PER_WORKER messages each (run.py): --jobs 2 is measured from twice that.
MIN_JOBS_SIZE = 5000
# Removes the stored results of a cache folder and keeps the rest (the packs' parses).
FORGET_RESULTS = """
import pathlib, sys
for segment in pathlib.Path(sys.argv[1]).glob("v*/*/segment-*.json"):
    segment.unlink()
"""


def textlint(out: Path) -> tuple[Path | None, str]:
    """The textlint binary (installed here with npm on first use), or None and the reason."""
    folder = out / "textlint"
    binary = folder / "node_modules" / ".bin" / "textlint"
    if binary.is_file() and (folder / "node_modules" / "textlint-rule-write-good").is_dir():
        return binary, "installed"
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    command = [npm, "install", "--no-audit", "--no-fund", "--silent", "textlint", "textlint-rule-write-good"]
    try:
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"npm install failed: {exc}"
    if done.returncode != 0 or not binary.is_file():
        return None, f"npm install failed ({done.returncode}): {done.stderr.strip()[-300:]}"
    return binary, "installed now"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def measure(out: Path, sizes: list[int], repeat: int, po_entries: int = 10_000) -> dict[str, object]:
    from bench import NLP_PIPE, Contender, measure_all

    out = out.resolve()
    proselint = shutil.which("proselint", path=str(Path(PYTHON).parent)) or shutil.which("proselint")
    proselint_note = "installed" if proselint else "not installed: pip install '.[bench]' (its ratio rows are left out)"
    print(f"proselint: {proselint_note}", file=sys.stderr)
    textlint_bin, textlint_note = textlint(out)
    print(f"textlint: {textlint_note}", file=sys.stderr)
    data: dict[str, object] = {"proselint": proselint_note, "textlint": textlint_note, "sizes": {}}
    sizes_data: dict[str, object] = {}
    origin = ""
    for size in sizes:
        corpus = out / f"seedwindow-{size}"
        paths, origin = seedwindow.build(corpus, size)
        cache = out / f"seedwindow-cache-{size}"
        lint = [*SCUSA, str(corpus), "--isolated", "--output-format", "concise", "--exit-zero"]
        clean = [*SCUSA, "clean", "--cache-dir", str(cache)]
        print(f"seed-window corpus: {len(paths)} files ({origin})", file=sys.stderr)
        contenders = []
        if proselint:
            contenders.append(Contender("proselint", [proselint, "check", str(corpus), "-o", "compact"]))
        if textlint_bin:
            contenders.append(
                Contender(
                    "textlint (write-good)", [str(textlint_bin), "--rule", "write-good", "-f", "compact", str(corpus)]
                )
            )
        contenders += [
            Contender("bare nlp.pipe (floor)", [PYTHON, "-c", NLP_PIPE, str(corpus)]),
            Contender("scusa-lint cold", [*lint, "--cache-dir", str(cache)], clean),
            Contender("scusa-lint warm", [*lint, "--cache-dir", str(cache)]),
            Contender("scusa-lint --no-cache", [*lint, "--no-cache"]),
        ]
        if size >= MIN_JOBS_SIZE:
            contenders.append(Contender("scusa-lint --no-cache --jobs 2", [*lint, "--no-cache", "--jobs", "2"]))
        cwd = out / "textlint" if textlint_bin else out  # textlint finds its rule in node_modules there
        results = measure_all(contenders, cwd, repeat)
        sizes_data[str(size)] = {name: vars(m) for name, m in results.items()}
    data["sizes"] = sizes_data
    data["origin"] = origin

    po_folder = out / "catalogs"
    po_folder.mkdir(parents=True, exist_ok=True)
    po = po_folder / f"catalog-{po_entries}.po"
    catalogs.write_po(po, po_entries)
    po_cache = po_folder / f"cache-real-{po_entries}"
    po_lint = [*SCUSA, str(po), "--isolated", "--output-format", "concise", "--exit-zero", "--cache-dir", str(po_cache)]
    draft = sorted((out / f"seedwindow-{sizes[0]}").glob("*.txt"))[0]
    draft_cache = po_folder / "draft-cache"
    other = sorted((out / f"seedwindow-{sizes[0]}").glob("*.txt"))[1]
    subprocess.run([*SCUSA, str(other), "--isolated", "--exit-zero", "--cache-dir", str(draft_cache)],
                   check=True, capture_output=True)  # fmt: skip
    results = measure_all(
        [
            Contender(".po cold", po_lint, [*SCUSA, "clean", "--cache-dir", str(po_cache)]),
            Contender(".po warm", po_lint),
            Contender("spaCy import floor", [PYTHON, "-c", FLOOR]),
            Contender("one draft cold", [*SCUSA, str(draft), "--isolated", "--no-cache", "--exit-zero"]),
            # A draft never linted, in a cache that earlier runs filled (the packs' parses are kept there):
            # the results are removed before each run, so the draft is linted every time.
            Contender(
                "one new draft, cache of earlier runs",
                [*SCUSA, str(draft), "--isolated", "--exit-zero", "--cache-dir", str(draft_cache)],
                [PYTHON, "-c", FORGET_RESULTS, str(draft_cache)],
            ),
        ],
        out,
        repeat,
    )
    data["po"] = {name: vars(m) for name, m in results.items()}
    data["po_entries"] = po_entries
    return data


def rows(data: dict[str, object]) -> list[tuple[str, str, str, str]]:
    """(what, value, target, verdict)."""
    out: list[tuple[str, str, str, str]] = []
    sizes = data["sizes"]
    assert isinstance(sizes, dict)
    peak = 0.0
    for size, m in sizes.items():
        n = int(size)
        cold = m["scusa-lint cold"]
        target = 3.0 if n >= 10_000 else 1.5
        for peer in ("proselint", "textlint (write-good)"):
            if peer in m:
                wall, cpu = _ratio(m[peer]["wall"], cold["wall"]), _ratio(m[peer]["cpu"], cold["cpu"])
                goal = f">= {target:g}x" if peer == "proselint" else "ahead (> 1x)"
                met = (wall or 0) >= (target if peer == "proselint" else 1.0)
                out.append((f"{n:,} real-like: {peer} time / scusa-lint cold (wall; cpu)",
                            f"{wall:.2f}x; {cpu:.2f}x", goal, "met" if met else "missed"))  # fmt: skip
        if "proselint" in m and "bare nlp.pipe (floor)" in m:  # what spaCy alone allows
            floor = m["bare nlp.pipe (floor)"]
            bound = _ratio(m["proselint"]["wall"], floor["wall"]), _ratio(m["proselint"]["cpu"], floor["cpu"])
            out.append((f"{n:,} real-like: proselint time / bare nlp.pipe (the bound spaCy sets; wall; cpu)",
                        f"{bound[0]:.2f}x; {bound[1]:.2f}x", "-", "-"))  # fmt: skip
        if "proselint" in m and "scusa-lint --no-cache --jobs 2" in m:
            jobs = m["scusa-lint --no-cache --jobs 2"]
            wall, cpu = _ratio(m["proselint"]["wall"], jobs["wall"]), _ratio(m["proselint"]["cpu"], jobs["cpu"])
            verdict = "met" if (wall or 0) >= target else "missed"
            out.append((f"{n:,} real-like: proselint time / scusa-lint --no-cache --jobs 2 (wall; cpu)",
                        f"{wall:.2f}x; {cpu:.2f}x", f">= {target:g}x", verdict))  # fmt: skip
        warm = _ratio(m["scusa-lint warm"]["wall"], cold["wall"]) or 0
        out.append((f"{n:,} real-like: warm / cold (folder)", f"{100 * warm:.0f}%", "<= 10%",
                    "met" if warm <= 0.10 else "missed"))  # fmt: skip
        if n >= 10_000 or n == max(int(s) for s in sizes):
            peak = max(v["rss_mb"] for k, v in m.items() if k.startswith("scusa-lint"))
            verdict = ("met" if peak <= PEAK_MB else "missed") + ("" if n >= 10_000 else f" (at {n:,} only)")
            out.append((f"{n:,} real-like: peak memory of scusa-lint", f"{peak:.0f} MB", f"<= {PEAK_MB} MB", verdict))
    po = data["po"]
    assert isinstance(po, dict)
    warm = _ratio(po[".po warm"]["wall"], po[".po cold"]["wall"]) or 0
    out.append((f"{int(str(data['po_entries'])):,}-entry .po: warm / cold", f"{100 * warm:.0f}%", "<= 10%",
                "met" if warm <= 0.10 else "missed"))  # fmt: skip
    for draft in ("one draft cold", "one new draft, cache of earlier runs"):
        if draft not in po:
            continue
        floor = _ratio(po[draft]["wall"], po["spaCy import floor"]["wall"]) or 0
        out.append((f"{draft} / `import spacy; spacy.blank(\"it\")`",
                    f"{floor:.2f}x ({po[draft]['wall']:.2f} s / {po['spaCy import floor']['wall']:.2f} s)",
                    "<= 1.4x", "met" if floor <= 1.4 else "missed"))  # fmt: skip
    return out


def markdown(data: dict[str, object]) -> str:
    peers = f"proselint: {data.get('proselint', 'installed')}. textlint: {data['textlint']}."
    lines = [f"Real-like corpus: {data['origin']}. {peers}", "",
             "| corpus | contender | wall s | CPU s | peak MB |", "|---|---|---:|---:|---:|"]  # fmt: skip
    sizes = data["sizes"]
    assert isinstance(sizes, dict)
    for size, m in sizes.items():
        for name, v in m.items():
            lines.append(f"| {int(size):,} real-like | {name} | {v['wall']:.2f} | {v['cpu']:.2f} | {v['rss_mb']:.0f} |")
    po = data["po"]
    assert isinstance(po, dict)
    for name, v in po.items():
        lines.append(f"| - | {name} | {v['wall']:.2f} | {v['cpu']:.2f} | {v['rss_mb']:.0f} |")
    lines += ["", "| ratio | value | target | |", "|---|---:|---:|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows(data)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, nargs="+", default=[1000], help="corpus sizes (default 1000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--po-entries", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    data = measure(args.out, args.messages, args.repeat, args.po_entries)
    print(markdown(data))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
