"""A real-like corpus: N files of 120 consecutive words drawn at random (seeded) from the seed articles.

Real messages carry names, brands, product codes, foreign words and typos, which the generated
corpus (corpus.py) does not: there every word is in the dictionary. The seed articles
(``shared/seeds/*.txt`` beside the checkout, real Italian prose) have them, so each file here is a
window of 120 consecutive words of one article, at a seeded random place.

Where the seed articles are absent, a fallback is generated from corpus.py's messages: the same
windows of 120 words, with words the dictionary does not know (invented surnames, brands, product
codes, English words and one-letter typos of common words) put in at UNKNOWN_RATE, the share of
words Hunspell does not know in the seed articles (measured with `--rate`), so that the speller
does as much work per message.

    python benchmarks/seedwindow.py benchmarks/out/seedwindow-1000 --messages 1000
    python benchmarks/seedwindow.py --rate          # the share of unknown words in both corpora
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_message  # noqa: E402

WINDOW = 120
# Chosen so that the fallback has the share of words Hunspell (it_IT + en_US) does not know that the seed
# articles have (`--rate`: 1.72% and 1.83%; some inserted words, the English ones, are known to en_US).
UNKNOWN_RATE = 0.0275

# Words that no dictionary knows, of the kinds real messages carry.
_SURNAMES = ["Brambillaschi", "Zanfretti", "Colacurcio", "Pettenuzzo", "Scarabottolo", "Lorenzetti-Vaj"]
_BRANDS = ["Spedify", "Bollettix", "Fibrasat", "Kasaluce", "Tuttofono", "Pagalesto"]
_CODES = ["XR-4471B", "IT00Q77", "AX9-KL2", "ZB4400T", "K7R2M", "RMA-88213"]
_ENGLISH = ["tracking", "voucher", "ticketing", "refund", "chatbot", "onboarding"]


def seed_folder(start: Path = HERE.parent) -> Path | None:
    """The `shared/seeds` folder beside the checkout (or beside the folder that holds worktrees)."""
    for base in (start.parent, start.parent.parent):
        folder = base / "shared" / "seeds"
        if folder.is_dir() and any(folder.glob("*.txt")):
            return folder
    return None


def _typo(word: str, rng: random.Random) -> str:
    """A one-letter slip of a word (swap two inner letters, or double one)."""
    if len(word) < 5:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def _unknown(rng: random.Random, neighbour: str) -> str:
    kind = rng.randrange(5)
    if kind == 4 and neighbour.isalpha():
        return _typo(neighbour, rng)
    return rng.choice((_SURNAMES, _BRANDS, _CODES, _ENGLISH, _ENGLISH)[kind])


def _fallback_words(rng: random.Random, count: int) -> list[str]:
    words: list[str] = []
    while len(words) < count:
        for word in make_message(rng).split():
            words.append(_unknown(rng, word) if rng.random() < UNKNOWN_RATE else word)
    return words


def _windows(source: list[list[str]], messages: int, rng: random.Random) -> list[str]:
    texts = []
    for _ in range(messages):
        article = rng.choice(source)
        start = rng.randrange(max(1, len(article) - WINDOW + 1))
        texts.append(" ".join(article[start : start + WINDOW]))
    return texts


def build(folder: Path, messages: int, seed: int = 11) -> tuple[list[Path], str]:
    """Write the corpus; (the files, which source was used: "seed articles in ..." or "fallback ...")."""
    rng = random.Random(seed)
    seeds = seed_folder()
    if seeds is not None:
        source = [p.read_text(encoding="utf-8").split() for p in sorted(seeds.glob("*.txt"))]
        origin = f"seed articles in {seeds} ({len(source)} files)"
    else:
        source = [_fallback_words(rng, 2000) for _ in range(5)]
        origin = (
            f"fallback (no shared/seeds found): generated messages with a word put in at {UNKNOWN_RATE:.2%} of "
            "places, 1.83% of words unknown to Hunspell against the seed articles' 1.72% (--rate)"
        )
    marker = folder / ".origin"
    if marker.is_file() and marker.read_text(encoding="utf-8") == f"{origin} {messages} {seed}":
        return sorted(folder.glob("*.txt")), origin
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paths = []
    for index, text in enumerate(_windows(source, messages, rng)):
        path = folder / f"window-{index:05d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    marker.write_text(f"{origin} {messages} {seed}", encoding="utf-8")
    return paths, origin


def unknown_rate(texts: list[str]) -> float:
    """The share of words the offline speller (Hunspell it_IT with en_US) does not know."""
    from scusa_lint.spelling.hunspell import HunspellChecker
    from scusa_lint.spelling.words import words

    checker = HunspellChecker("it")
    total = unknown = 0
    for text in texts:
        for word in words(text, (), frozenset()):
            total += 1
            unknown += not checker.known(word.text)
    return unknown / max(1, total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--rate", action="store_true", help="print the share of unknown words of both sources")
    args = parser.parse_args()
    if args.rate:
        rng = random.Random(args.seed)
        seeds = seed_folder()
        if seeds is not None:
            real = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
            print(f"seed articles: {unknown_rate(real):.2%} unknown words")
        fallback = [" ".join(_fallback_words(rng, 2000)) for _ in range(5)]
        print(f"fallback: {unknown_rate(fallback):.2%} unknown words")
        return
    if args.folder is None:
        parser.error("a folder is needed (or --rate)")
    paths, origin = build(args.folder, args.messages, args.seed)
    print(f"{len(paths)} files in {args.folder}; source: {origin}")


if __name__ == "__main__":
    main()
