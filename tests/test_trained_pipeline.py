"""A trained spaCy pipeline switched on by `pipeline = PATH`: capabilities, dependency rules, CLI.

The official it_core_news_* models cannot be installed here, so the test trains a tiny
pipeline (morphologizer + parser) on a few sentences annotated by hand in UD style, saves
it to disk and loads it the way a user's it_core_news_lg would be loaded. The dependency
kind is then checked on documents carrying those gold parses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

from conftest import run_cli
from scusa_lint.analysis.pipeline import DEP, POS, load_pipeline
from scusa_lint.engine.phrases import PhraseIndex
from scusa_lint.kinds import KINDS
from scusa_lint.kinds.base import BuildContext
from scusa_lint.linter import find
from scusa_lint.registry import Registry
from scusa_lint.scoping import RuleScope
from scusa_lint.settings import Settings
from scusa_lint.source import Source

# (words, POS, heads as absolute indices, dependency labels, lemmas), annotated by hand in UD style.
GOLD = [
    (
        ["È", "stato", "commesso", "un", "errore", "nella", "Sua", "pratica", "."],
        ["AUX", "AUX", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
        [2, 2, 2, 4, 2, 7, 7, 2, 2],
        ["aux", "aux:pass", "ROOT", "det", "nsubj:pass", "case", "det:poss", "obl", "punct"],
        ["essere", "essere", "commettere", "uno", "errore", "in", "suo", "pratica", "."],
    ),
    (
        ["Abbiamo", "commesso", "un", "errore", "nella", "Sua", "pratica", "."],
        ["AUX", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
        [1, 1, 3, 1, 6, 6, 1, 1],
        ["aux", "ROOT", "det", "obj", "case", "det:poss", "obl", "punct"],
        ["avere", "commettere", "uno", "errore", "in", "suo", "pratica", "."],
    ),
    (
        ["È", "stato", "fatto", "un", "errore", "nella", "spedizione", "."],
        ["AUX", "AUX", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"],
        [2, 2, 2, 4, 2, 6, 2, 2],
        ["aux", "aux:pass", "ROOT", "det", "nsubj:pass", "case", "obl", "punct"],
        ["essere", "essere", "fare", "uno", "errore", "in", "spedizione", "."],
    ),
    (
        ["Il", "pacco", "è", "stato", "spedito", "oggi", "."],
        ["DET", "NOUN", "AUX", "AUX", "VERB", "ADV", "PUNCT"],
        [1, 4, 4, 4, 4, 4, 4],
        ["det", "nsubj:pass", "aux", "aux:pass", "ROOT", "advmod", "punct"],
        ["il", "pacco", "essere", "essere", "spedire", "oggi", "."],
    ),
    (
        ["Ci", "scusiamo", "per", "il", "ritardo", "."],
        ["PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
        [1, 1, 4, 4, 1, 1],
        ["expl", "ROOT", "case", "det", "obl", "punct"],
        ["ci", "scusare", "per", "il", "ritardo", "."],
    ),
]


@pytest.fixture(scope="module")
def trained_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nlp = spacy.blank("it")
    nlp.add_pipe("morphologizer")
    parser = nlp.add_pipe("parser")
    # Labels are declared up front: with so little data the parser does not infer them reliably.
    for label in sorted({dep for _, _, _, deps, _ in GOLD for dep in deps} - {"ROOT"}):
        parser.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(" ".join(words)), {"words": words, "pos": pos, "heads": heads, "deps": deps})
        for words, pos, heads, deps, _ in GOLD
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer)
    path = tmp_path_factory.mktemp("pipelines") / "it_tiny_test"
    nlp.to_disk(path)
    return path


def gold_doc(vocab: spacy.vocab.Vocab, index: int) -> Doc:
    words, pos, heads, deps, lemmas = GOLD[index]
    return Doc(vocab, words=words, pos=pos, heads=heads, deps=deps, lemmas=lemmas)


def test_trained_pipeline_loads_from_a_path_with_pos_and_dep(trained_pipeline: Path) -> None:
    pipeline = load_pipeline("it", str(trained_pipeline))
    assert {POS, DEP} <= pipeline.capabilities
    assert str(trained_pipeline) in pipeline.description
    doc = pipeline.nlp("Il pacco è stato spedito oggi.")
    assert doc.has_annotation("DEP") and doc.has_annotation("POS")
    assert all(token.lemma_ for token in doc)  # our lemmatizer fills what the pipeline lacks


def test_dependency_rule_fires_on_an_agentless_passive_only() -> None:
    spec = next(s for s in Registry.load().rules("it") if s.kind == "dependency")
    nlp = spacy.blank("it")
    rule = KINDS[spec.kind].build(spec, nlp, BuildContext(Settings(), "it", PhraseIndex(nlp.vocab)))
    passive = gold_doc(nlp.vocab, 0)
    active = gold_doc(nlp.vocab, 1)
    source = Source.from_text(passive.text)
    findings, _ = find([rule], passive, source, RuleScope())
    assert [f.code for f in findings] == [spec.code]
    matched = source.text[findings[0].start or 0 : findings[0].end or 0]
    assert "commesso" in matched and "errore" in matched
    assert find([rule], active, Source.from_text(active.text), RuleScope()) == ((), ())
    # A passive without an error noun ("il pacco è stato spedito") is not evasion.
    shipped = gold_doc(nlp.vocab, 3)
    assert find([rule], shipped, Source.from_text(shipped.text), RuleScope()) == ((), ())


def test_cli_runs_dependency_rules_with_a_trained_pipeline(trained_pipeline: Path, tmp_path: Path) -> None:
    draft = tmp_path / "bozza.txt"
    draft.write_text("È stato commesso un errore nella Sua pratica.", encoding="utf-8")
    default = json.loads(run_cli(str(draft), "--output-format", "json").stdout)
    assert any(s["code"] == "SC320" for s in default["skipped_rules"])
    trained = json.loads(run_cli(str(draft), "--output-format", "json", "--pipeline", str(trained_pipeline)).stdout)
    assert not any(s["code"] == "SC320" for s in trained["skipped_rules"])
    assert str(trained_pipeline) in trained["files"][0]["pipeline"]


def test_missing_pipeline_is_a_clear_error(tmp_path: Path) -> None:
    draft = tmp_path / "bozza.txt"
    draft.write_text("Ci scusiamo.", encoding="utf-8")
    result = run_cli(str(draft), "--pipeline", "it_core_news_lg")
    assert result.returncode == 2
    assert "it_core_news_lg" in result.stderr and "Traceback" not in result.stderr
    result = run_cli(str(draft), "--pipeline", str(tmp_path / "nessuna"))
    assert result.returncode == 2 and "not found" in result.stderr
