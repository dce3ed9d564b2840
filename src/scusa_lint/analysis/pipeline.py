"""Build the spaCy pipeline for a language, once per run: the default one or a trained one.

``pipeline`` setting:
- ``default``: spaCy's blank pipeline of the language (its ``language.toml`` names the spaCy
  code, the abbreviations the tokenizer must keep whole, and the lemmatizer), our sentence
  splitter and the simplemma lemmatizer; when the language folder has a lexicon (lexicon.tsv.gz),
  also POS, MORPH, TAG and the lexicon's lemmas (analysis/morphology.py).
- the name of an installed spaCy package (``it_core_news_lg``) or a path to a pipeline
  directory: loaded with ``spacy.load``; adds POS, MORPH and DEP when the pipeline has them.
Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scusa_lint.errors import PipelineError

if TYPE_CHECKING:
    from spacy.language import Language

# What a pipeline can give rules; rule kinds declare which of these they need.
LEMMA = "lemma"
SENTENCES = "sentences"
POS = "pos"
MORPH = "morph"
DEP = "dep"
CAPABILITIES = (LEMMA, SENTENCES, POS, MORPH, DEP)


@dataclass(frozen=True)
class AnalysisPipeline:
    """A ready spaCy pipeline and what it can give rules.

    name (str): "default" or the package name / path it was loaded from.
    description (str): what ran, for verbose and JSON output ("spacy.blank('it') + simplemma").
    capabilities (frozenset[str]): the subset of CAPABILITIES this pipeline fills in.
    """

    nlp: Language
    language: str
    name: str
    description: str
    capabilities: frozenset[str]


@functools.lru_cache(maxsize=8)
def load_pipeline(language: str, spec: str = "default") -> AnalysisPipeline:
    """Build (once, then cached) the pipeline for ``language`` as the ``pipeline`` setting says."""
    import spacy
    import spacy.about

    from scusa_lint import lang
    from scusa_lint.analysis import components, morphology  # noqa: F401  (registers our factories)
    from scusa_lint.analysis.morphology import LEXICON_FILE

    if spec == "default":
        described = lang.get(language)
        nlp = spacy.blank(described.spacy)
        _add_abbreviations(nlp, described.abbreviations)
        _add_elision_marks(nlp, described.elision_marks)
        nlp.add_pipe("scusa_sentences")
        description = f"spacy.blank('{described.spacy}') {spacy.about.__version__}"
        capabilities = {SENTENCES}
        if described.lemmatizer == "simplemma":
            import simplemma

            nlp.add_pipe("scusa_lemmatizer", config={"language": language})
            description += f" + simplemma {getattr(simplemma, '__version__', '?')}"
            capabilities.add(LEMMA)
        lexicon = described.data_file(LEXICON_FILE)
        if lexicon.is_file():
            nlp.add_pipe("scusa_morphology", config={"lexicon": str(lexicon)})
            description += f" + lexicon {lexicon.name}"
            capabilities |= {POS, MORPH, LEMMA}
        return AnalysisPipeline(
            nlp=nlp,
            language=language,
            name="default",
            description=description,
            capabilities=frozenset(capabilities),
        )
    return _load_trained(language, spec)


def _load_trained(language: str, spec: str) -> AnalysisPipeline:
    import spacy
    import spacy.about

    target: str | Path = spec
    if "/" in spec or "\\" in spec or spec.startswith("."):
        target = Path(spec).expanduser()
        if not Path(target).is_dir():
            raise PipelineError(f"spaCy pipeline directory not found: {spec}")
    try:
        nlp = spacy.load(target)
    except OSError as exc:
        raise PipelineError(
            f"cannot load spaCy pipeline {spec!r}: install it first (for example "
            f"`pip install {spec}` from a wheel you have, or `python -m spacy download {spec}`) "
            f'or set pipeline = "default" ({exc})'
        ) from exc
    if nlp.lang != language:
        raise PipelineError(f"spaCy pipeline {spec!r} is for language {nlp.lang!r}, not {language!r}")
    names = set(nlp.pipe_names)
    capabilities = {LEMMA, SENTENCES}
    if names & {"tagger", "morphologizer"}:
        capabilities |= {POS, MORPH}
    if "parser" in names:
        capabilities.add(DEP)
    if "lemmatizer" not in names:
        nlp.add_pipe("scusa_lemmatizer", config={"language": language})
    if not names & {"parser", "senter", "sentencizer"}:
        nlp.add_pipe("scusa_sentences", first=True)
    meta = nlp.meta
    description = f"{meta.get('lang', language)}_{meta.get('name', '?')} {meta.get('version', '?')} ({spec})"
    return AnalysisPipeline(
        nlp=nlp,
        language=language,
        name=spec,
        description=description,
        capabilities=frozenset(capabilities),
    )


def _add_elision_marks(nlp: Language, marks: tuple[str, ...]) -> None:
    """Split after an elision written with another mark, as spaCy splits after ' and ’ («l‘immagine»).

    Only between letters: an opening quotation mark after a space («‘ciao’») stays punctuation.
    """
    if not marks:
        return
    import re

    from spacy.lang.char_classes import ALPHA
    from spacy.util import compile_infix_regex

    tokenizer: Any = nlp.tokenizer
    defaults: list[Any] = list(nlp.Defaults.infixes or ())
    infixes = [*defaults, rf"(?<=[{ALPHA}][{re.escape(''.join(marks))}])(?=[{ALPHA}])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _add_abbreviations(nlp: Language, abbreviations: tuple[str, ...]) -> None:
    from spacy.symbols import ORTH

    tokenizer: Any = nlp.tokenizer
    for abbreviation in abbreviations:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        capitalised = abbreviation[:1].upper() + abbreviation[1:]
        if capitalised != abbreviation:
            tokenizer.add_special_case(capitalised, [{ORTH: capitalised}])
