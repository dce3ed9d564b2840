"""A long-lived Linter (the server's, lint_text's) lints thousands of texts without growing.

Nothing global may grow with the texts seen: not the phrase index (it belongs to the rule set),
not the pipeline's vocabulary for texts already seen, not notices, not rule sets. The check is
structural (counts that must not change) and a leak detector (tracemalloc's net growth between
two long stretches of the same work), not a speed or memory benchmark.
"""

from __future__ import annotations

import gc
import itertools
import tracemalloc

import scusa_lint
from scusa_lint import _default_linter, lint_text

TEXTS = [
    "Gentile cliente, il ritardo è colpa del corriere. Ci scusiamo per eventuali disagi.",
    "Ci scusiamo per il ritardo: abbiamo sbagliato noi. Da oggi controlliamo ogni pacco.",
    "Egreggio Cliento, la preghiamo di rispondere entro venerdì. Buono valido fino al 31 marzo.",
    "---\nchannel: sms\n---\nCi scusiamo, ma il sistema era lento.",
    "Gentile {{ nome }}, il Suo ordine {{ numero }} è stato spedito.",
]


def _lint(count: int) -> None:
    for text in itertools.islice(itertools.cycle(TEXTS), count):
        lint_text(text)


def test_lint_text_reuses_one_linter_and_grows_nothing() -> None:
    _lint(len(TEXTS) * 20)  # warm: every text seen, every rule set built
    linter = _default_linter("it")
    ruleset = linter.ruleset("it")
    vocabulary = ruleset.pipeline.nlp.vocab
    before = (len(vocabulary.strings), len(linter._rulesets), len(ruleset.rules), len(ruleset.notices))
    phrase_labels = [rule.matcher._phrases.labels for rule in ruleset.rules if getattr(rule, "matcher", None)
                     and rule.matcher._phrases is not None]  # fmt: skip
    gc.collect()
    tracemalloc.start()
    _lint(1000)
    gc.collect()
    first, _ = tracemalloc.get_traced_memory()
    _lint(3000)
    gc.collect()
    second, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert _default_linter("it") is linter
    after = (len(vocabulary.strings), len(linter._rulesets), len(ruleset.rules), len(ruleset.notices))
    assert after == before
    assert phrase_labels == [rule.matcher._phrases.labels for rule in ruleset.rules if getattr(rule, "matcher", None)
                             and rule.matcher._phrases is not None]  # fmt: skip
    # 3,000 more calls: a leak of even 300 bytes a call would show as 0.9 MB.
    assert second - first < 300_000, f"memory grew by {second - first:,} bytes over 3,000 calls"


def test_a_new_linter_per_call_adds_nothing_to_the_shared_pipeline() -> None:
    """Building rules again (a new Linter on the same cached pipeline) re-uses the phrase labels' strings."""
    from scusa_lint.linter import Linter
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source

    Linter(Settings()).lint([Source.from_text(TEXTS[0])])
    vocabulary = Linter(Settings()).ruleset("it").pipeline.nlp.vocab
    size = len(vocabulary.strings)
    for _ in range(5):
        Linter(Settings()).lint([Source.from_text(TEXTS[0])])
    assert len(vocabulary.strings) == size
    assert scusa_lint.lint_text(TEXTS[0])  # the public API still answers
