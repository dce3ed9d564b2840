#!/usr/bin/env python3
"""Build the morphological lexicon shipped in src/scusa_lint/lang/<code>/lexicon.tsv.gz.

Where the data comes from: LanguageTool's language module on Maven Central carries a tagging
dictionary as a morfologik automaton (Italian: Morph-it! by Marco Baroni and Eros Zanchetta,
CC BY-SA 2.0 / LGPL). This script, run once by a maintainer (never at install or run time):

1. copies the language jar and morfologik-tools (BSD) with Maven into a work folder;
2. extracts the dictionary and its .info (which names the encoding) from the jar;
3. decompiles it with ``morfologik.tools.DictDecompile`` (Java) into ``lemma_form_TAG`` lines;
4. writes the package-data file with ``scusa_lint.analysis.lexicon.encode``.

    python scripts/build_lexicon.py                 # Italian, LanguageTool 6.8, writes the shipped file
    python scripts/build_lexicon.py --check         # exit 1 if the shipped file differs from a fresh build
    python scripts/build_lexicon.py --jars DIR      # use jars already copied into DIR (no Maven)

tests/test_lexicon.py runs steps 2-4 when the jars are in the local Maven repository.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from scusa_lint.analysis.lexicon import Lexicon, encode  # noqa: E402

MORFOLOGIK = ("org.carrot2", "morfologik-tools", "2.1.9")
M2 = Path.home() / ".m2" / "repository"


@dataclass(frozen=True)
class Source:
    """One language's dictionary inside a LanguageTool jar."""

    code: str
    artifact: str  # Maven artifact id in group org.languagetool
    resource: str  # the dictionary's path inside the jar, without .dict
    name: str  # what the lexicon file says it is


SOURCES = {
    "it": Source("it", "language-it", "org/languagetool/resource/it/italian", "Morph-it! (Baroni and Zanchetta)"),
}


def languagetool_version() -> str:
    """The LanguageTool version the project uses (languagetool/pom.xml), so both stay in step."""
    text = (ROOT / "languagetool" / "pom.xml").read_text(encoding="utf-8")
    found = re.search(r"<languagetool.version>([^<]+)</languagetool.version>", text)
    return found.group(1) if found else "6.8"


def copy_jars(source: Source, version: str, folder: Path) -> None:
    """Copy the language jar (without its dependencies) and morfologik-tools (with its own) into ``folder``."""
    group, artifact, tools_version = MORFOLOGIK
    pom = f"""<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>org.scusa-lint</groupId><artifactId>lexicon-build</artifactId><version>1</version><packaging>pom</packaging>
<dependencies>
<dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{tools_version}</version></dependency>
<dependency><groupId>org.languagetool</groupId><artifactId>{source.artifact}</artifactId><version>{version}</version>
<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>
</dependencies></project>
"""
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "pom.xml").write_text(pom, encoding="utf-8")
        command = ["mvn", "-q", "-B", "-f", str(Path(work) / "pom.xml"), "dependency:copy-dependencies"]
        subprocess.run([*command, f"-DoutputDirectory={folder}"], check=True)


def local_jars(source: Source, version: str) -> list[Path] | None:
    """The jars decompiling needs, from the local Maven repository, or None when one is missing."""
    group, _, tools_version = MORFOLOGIK
    wanted = [
        M2 / "org" / "languagetool" / source.artifact / version / f"{source.artifact}-{version}.jar",
        *(
            M2 / group.replace(".", "/") / name / tools_version / f"{name}-{tools_version}.jar"
            for name in ("morfologik-tools", "morfologik-fsa", "morfologik-fsa-builders", "morfologik-stemming")
        ),
    ]
    others = [*M2.glob("com/carrotsearch/hppc/0.7.2/hppc-0.7.2.jar"), *M2.glob("com/beust/jcommander/*/*.jar")]
    if not all(path.is_file() for path in wanted) or len(others) < 2:
        return None
    return [*wanted, *others]


def decompile(source: Source, jars: list[Path]) -> list[str]:
    """The dictionary's entries as ``lemma_form_TAG`` lines, decoded with the encoding its .info names."""
    language_jar = next(j for j in jars if j.name.startswith(source.artifact))
    with tempfile.TemporaryDirectory() as work, zipfile.ZipFile(language_jar) as jar:
        folder = Path(work)
        (folder / "lexicon.dict").write_bytes(jar.read(source.resource + ".dict"))
        info = jar.read(source.resource + ".info").decode("latin-1")
        (folder / "lexicon.info").write_text(info, encoding="latin-1")
        encoding = re.search(r"fsa\.dict\.encoding\s*=\s*(\S+)", info)
        classpath = ":".join(str(j) for j in jars)
        command = ["java", "-cp", classpath, "morfologik.tools.DictDecompile"]
        subprocess.run(
            [*command, "-i", str(folder / "lexicon.dict"), "-o", str(folder / "out.txt")],
            check=True,
            capture_output=True,
        )
        raw = (folder / "out.txt").read_bytes()
    return raw.decode(encoding.group(1) if encoding else "utf-8").splitlines()


def entries(lines: list[str]) -> Iterator[tuple[str, str, str]]:
    """(form, lemma, tag) from ``lemma_form_TAG`` lines (the morfologik separator is ``_``), with the supplement."""
    for line in lines:
        if not line:
            continue
        lemma, form, tag = line.split("_")
        yield form, lemma, tag
        yield from supplement(form, lemma, tag)


def supplement(form: str, lemma: str, tag: str) -> Iterator[tuple[str, str, str]]:
    """Readings Morph-it! 0.4.8 lacks, derived from ones it has (each gap was found measuring on UD Valico).

    - «vedere» and its compounds have only the participle «veduto»: add «visto» («previsto», «rivisto»),
      the common form, with the same features.
    """
    if lemma.endswith("vedere") and tag.startswith("VER:part+past") and "vedut" in form:
        yield form.replace("vedut", "vist"), lemma, tag


def build(source: Source, version: str, jars: list[Path]) -> bytes:
    """The lexicon file's bytes for this language and LanguageTool version."""
    lines = decompile(source, jars)
    described = f"{source.name}, from LanguageTool {source.artifact} {version}; CC BY-SA 2.0 / LGPL"
    return encode(entries(lines), described)


def target(code: str) -> Path:
    """Where the lexicon of language ``code`` is shipped."""
    return ROOT / "src" / "scusa_lint" / "lang" / code / "lexicon.tsv.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--language", default="it", choices=sorted(SOURCES))
    parser.add_argument("--version", default=languagetool_version(), help="LanguageTool version (languagetool/pom.xml)")
    parser.add_argument("--jars", type=Path, help="folder with the jars already copied (skips Maven)")
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = parser.parse_args(argv)
    source = SOURCES[args.language]
    if shutil.which("java") is None:
        parser.error("java is needed to decompile the dictionary")
    with tempfile.TemporaryDirectory() as work:
        jars_folder = args.jars or Path(work)
        if args.jars is None:
            jars = local_jars(source, args.version)
            if jars is None:
                copy_jars(source, args.version, jars_folder)
                jars = sorted(jars_folder.glob("*.jar"))
        else:
            jars = sorted(jars_folder.glob("*.jar"))
        data = build(source, args.version, jars)
    out = target(args.language)
    if args.check:
        same = out.is_file() and gzip.decompress(out.read_bytes()) == gzip.decompress(data)
        print(f"{out.relative_to(ROOT)}: {'up to date' if same else 'DIFFERS from a fresh build'}")
        return 0 if same else 1
    out.write_bytes(data)
    started = time.perf_counter()
    lexicon = Lexicon(out.read_bytes())
    elapsed = time.perf_counter() - started
    print(f"wrote {out.relative_to(ROOT)}: {len(lexicon):,} forms, {len(data) / 1e6:.2f} MB, loads in {elapsed:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
