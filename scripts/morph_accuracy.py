#!/usr/bin/env python3
"""Measure the analysis pipeline's part of speech, lemma and features against a UD treebank (CoNLL-U).

    python scripts/morph_accuracy.py /work/data/ud/it_valico-ud-test.conllu
    python scripts/morph_accuracy.py FILE --pipeline it_core_news_lg   # a trained pipeline instead

The treebank is not fetched here (only package registries are reachable from CI machines): give
the path of a CoNLL-U file, for example UD_Italian-Valico's ``it_valico-ud-test.conllu`` (CC BY-SA
4.0, learner Italian). Each sentence's ``# text`` is analysed as scusa-lint analyses a message; a
gold token is scored when our tokenizer produces exactly its span. Multi-word tokens (``al`` = a +
il) are not scored for POS and features (UD splits them, we keep one token), and neither are
tokens the tokenizer cuts differently; both counts are printed.

Per feature (Gender, Number, Person, Tense, Mood, VerbForm) a token counts when the gold or our
analysis gives the feature, and is right when both give the same value. The time is the
analysis of all sentences, after a warm-up.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

FEATURES = ("Gender", "Number", "Person", "Tense", "Mood", "VerbForm")


@dataclass
class Gold:
    """One scored unit of a treebank sentence: its surface form and, unless a multi-word token, its analysis."""

    form: str
    upos: str | None
    lemma: str | None
    feats: dict[str, str] = field(default_factory=dict)


def read_conllu(path: Path) -> list[tuple[str, list[Gold]]]:
    """(text, tokens) per sentence; a multi-word token is one Gold without an analysis."""
    sentences: list[tuple[str, list[Gold]]] = []
    text, tokens, skip_until = "", [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif not line.strip():
            if tokens:
                sentences.append((text, tokens))
            text, tokens, skip_until = "", [], 0
        elif not line.startswith("#"):
            columns = line.split("\t")
            ident = columns[0]
            if "-" in ident:
                end = ident.split("-")[1]
                skip_until = int(end)
                tokens.append(Gold(columns[1], None, None))
            elif "." in ident or int(ident) <= skip_until:
                continue
            else:
                feats = dict(f.split("=", 1) for f in columns[5].split("|") if "=" in f)
                tokens.append(Gold(columns[1], columns[3], columns[2], feats))
    if tokens:
        sentences.append((text, tokens))
    return sentences


def spans(text: str, tokens: list[Gold]) -> list[tuple[int, int, Gold]]:
    """Each gold token's character span in the sentence text (found in order)."""
    found, at = [], 0
    for token in tokens:
        start = text.find(token.form, at)
        if start < 0:
            continue
        found.append((start, start + len(token.form), token))
        at = start + len(token.form)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("conllu", type=Path)
    parser.add_argument("--language", default="it")
    parser.add_argument("--pipeline", default="default")
    parser.add_argument("--errors", type=int, default=0, help="print this many POS errors, most frequent first")
    args = parser.parse_args(argv)

    from scusa_lint.analysis.pipeline import load_pipeline

    pipeline = load_pipeline(args.language, args.pipeline)
    sentences = read_conllu(args.conllu)
    texts = [text for text, _ in sentences]
    list(pipeline.nlp.pipe(texts[:20]))
    started = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts))
    elapsed = time.perf_counter() - started

    counts: Counter[str] = Counter()
    right: Counter[str] = Counter()
    pos_errors: Counter[tuple[str, str, str]] = Counter()
    for (text, tokens), doc in zip(sentences, docs, strict=True):
        ours = {(t.idx, t.idx + len(t.text)): t for t in doc}
        for start, end, gold in spans(text, tokens):
            counts["gold tokens"] += 1
            token = ours.get((start, end))
            if token is None:
                counts["cut differently"] += 1
                continue
            if gold.upos is None:
                counts["multi-word"] += 1
                continue
            if gold.upos == "PUNCT":
                continue
            counts["scored"] += 1
            counts["POS"] += 1
            right["POS"] += token.pos_ == gold.upos
            if token.pos_ != gold.upos:
                pos_errors[(token.lower_, gold.upos, token.pos_)] += 1
            counts["lemma"] += 1
            right["lemma"] += token.lemma_.lower() == (gold.lemma or "").lower()
            predicted = token.morph.to_dict()
            for feature in FEATURES:
                if feature in gold.feats or feature in predicted:
                    counts[feature] += 1
                    right[feature] += gold.feats.get(feature) == predicted.get(feature)
    print(f"pipeline: {pipeline.description}")
    print(f"treebank: {args.conllu.name}, {len(sentences)} sentences, {counts['gold tokens']} tokens")
    print(
        f"scored {counts['scored']} words (punctuation, {counts['multi-word']} multi-word tokens and "
        f"{counts['cut differently']} tokens cut differently are not)"
    )
    for name in ("POS", "lemma", *FEATURES):
        if counts[name]:
            print(f"  {name:9} {right[name] / counts[name]:.3f}  ({right[name]}/{counts[name]})")
    per = elapsed / max(1, len(sentences)) * 1000
    print(f"time: {elapsed:.2f} s for {len(sentences)} sentences ({per:.2f} ms per sentence)")
    for (word, gold_pos, our_pos), n in pos_errors.most_common(args.errors):
        print(f"  {n:3}  {word}: gold {gold_pos}, ours {our_pos}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
