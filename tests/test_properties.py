"""Properties that hold for any input: no crash, findings point inside the text at their match, determinism."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scusa_lint
from scusa_lint.errors import InputError, ScusaError
from scusa_lint.finding import MessageResult
from scusa_lint.inputs import InputFile, read_sources
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings
from scusa_lint.source import Source

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words and marks the Italian rules react to, so that generated texts do produce findings.
WORDS = [
    *[
        "ci",
        "scusiamo",
        "per",
        "eventuali",
        "disagi",
        "colpa",
        "del",
        "corriere",
        "ma",
        "la",
        "preghiamo",
        "di",
        "rispondere",
    ],
    *[
        "buono",
        "sconto",
        "valido",
        "fino",
        "al",
        "31",
        "marzo",
        "Sig.ra",
        "Rossi",
        "abbiamo",
        "sbagliato",
        "noi",
        "da",
        "oggi",
        "pacco",
        "è",
        "È",
    ],
]
PIECES = st.sampled_from([*WORDS, " ", "  ", "\n", "\n\n", "\r\n", ".", ",", "!", "?", "…", "«", "»", "'", "\t", "---"])
PROSE = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=80).map(" ".join)
ANY_TEXT = st.one_of(st.text(), PROSE)


@functools.cache
def linter() -> Linter:
    return Linter(Settings())


def lint(text: str, path: str = "<text>") -> MessageResult:
    return linter().lint([Source.from_text(text, path=path, language="it")])[0]


def check_spans(text: str, result: MessageResult) -> None:
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        if finding.match is None:
            assert (finding.start, finding.end) == (0, 0)
        else:
            assert text[finding.start : finding.end] == finding.match
            assert finding.match.strip()
        line_start = text.rfind("\n", 0, finding.start) + 1
        assert finding.begin.line == text.count("\n", 0, finding.start) + 1
        assert finding.begin.column == finding.start - line_start + 1


@FAST
@given(ANY_TEXT)
def test_any_text_lints_and_every_span_is_its_match(text: str) -> None:
    try:
        result = lint(text)
    except InputError:
        assert text.lstrip("\ufeff").startswith("---")  # only a malformed front matter may refuse a text
        return
    check_spans(text, result)


@settings(max_examples=15, deadline=None)
@given(PROSE)
def test_public_lint_text_is_deterministic(text: str) -> None:
    first = scusa_lint.lint_text(text)
    assert first == scusa_lint.lint_text(text)
    assert first == list(lint(text).findings)


@FAST
@given(st.lists(ANY_TEXT, min_size=2, max_size=5))
def test_a_message_gets_the_same_findings_whatever_it_is_linted_with(texts: list[str]) -> None:
    """Batching (nlp.pipe), the cache and --jobs rely on this: a result depends only on its own message."""
    sources = [Source.from_text(t, path=f"m{i}", language="it") for i, t in enumerate(texts) if not t.startswith("---")]
    together = linter().lint(sources)
    alone = [linter().lint([s])[0] for s in reversed(sources)][::-1]
    assert together == alone


@FAST
@given(
    st.binary(max_size=400) | PROSE.map(lambda t: t.encode("utf-8")) | PROSE.map(lambda t: t.encode("cp1252", "ignore"))
)
def test_any_bytes_through_the_reading_path_lint_or_give_an_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "messaggio.txt"
        path.write_bytes(data)
        try:
            sources = read_sources(InputFile(str(path), str(path)), None)
        except ScusaError as error:
            assert isinstance(error, InputError) and error.path == str(path)
            return
    for source in sources:
        result = linter().lint([source])[0]
        check_spans(source.file_text, result)


# Adversarial shapes (issue 15): long runs of one markup character, deep nesting, many placeholders.
MARKUP = st.sampled_from(["`", "*", "_", "[", "]", "(", ")", "%", "{", "}", "#", "<", ">", "&", "!", "\\", "~", "|"])
RUNS = st.builds(lambda ch, n: ch * n, MARKUP, st.integers(1, 3000))
NESTED = st.builds(lambda o, c, n: o * n + "x" + c * n, st.sampled_from(["[", "(", "{", "<b>", "*", "> "]),
                   st.sampled_from(["]", ")", "}", "</b>", "*", ""]), st.integers(1, 2000))  # fmt: skip
PLACEHOLDERS = st.lists(
    st.sampled_from(["{{ nome }}", "{{", "}}", "{% if x %}", "{% endif %}", "{#", "#}", "%s", "%(n)s", "${x}", "{0}",
                     "{n, plural, one {#} other {# x}}", "{n, plural,", "{{{x}}}", " ", "\n"]),
    max_size=400,
).map("".join)  # fmt: skip
HOSTILE = st.lists(st.one_of(RUNS, NESTED, PLACEHOLDERS, PROSE), min_size=1, max_size=4).map("".join)


@FAST
@given(HOSTILE)
def test_masking_hostile_text_keeps_length_and_line_breaks(text: str) -> None:
    from scusa_lint.masking import mask_all

    masking = mask_all(text)
    assert len(masking.analysis) == len(text)
    assert [i for i, ch in enumerate(masking.analysis) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]
    assert all(0 <= start <= end <= len(text) for start, end in masking.masked)


@FAST
@given(HOSTILE, st.sampled_from([".md", ".html", ".txt", ".j2", ".po", ".yaml", ".json", ".eml"]))
def test_every_reader_takes_hostile_text_or_gives_an_input_error(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"messaggio{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            sources = read_sources(InputFile(str(path), str(path)), None)
        except ScusaError as error:
            assert isinstance(error, InputError) and error.path == str(path)
            return
    for source in sources:
        assert len(source.analysis_text) == len(source.text)
        for finding in linter().lint([source])[0].findings:
            assert 0 <= finding.start <= finding.end <= len(source.file_text)  # offsets in the file
