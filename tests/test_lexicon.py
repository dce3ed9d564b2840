"""The shipped Italian lexicon: its format round-trips, it is what scripts/build_lexicon.py builds, and it reads right.

The rebuild runs when Java and the jars (language-it, morfologik-tools) are in the local Maven
repository (``python scripts/build_lexicon.py`` puts them there); otherwise it is skipped, saying so.
"""

from __future__ import annotations

import gzip
import importlib.util
import shutil
import sys
from types import ModuleType

import pytest

from conftest import ROOT
from scusa_lint.analysis import lexicon
from scusa_lint.analysis.morphit import read_tag
from scusa_lint.analysis.morphology import LEXICON_FILE, default_lexicon

SHIPPED = ROOT / "src" / "scusa_lint" / "lang" / "it" / LEXICON_FILE


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_lexicon", ROOT / "scripts" / "build_lexicon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lexicon"] = module
    spec.loader.exec_module(module)
    return module


def test_encode_round_trips_forms_lemmas_and_tags() -> None:
    entries = [
        ("consegnata", "consegnare", "VER:part+past+s+f"),
        ("la", "la", "ART-F:s"),
        ("la", "la", "PRO-PERS-CLI-3-F-S"),
        ("la", "la", "ART-F:s"),  # a duplicate is dropped
        ("ho", "avere", "AUX:ind+pres+1+s"),
        ("dell'", "dell'", "ARTPRE-F:s"),
    ]
    read = lexicon.Lexicon(lexicon.encode(entries, "test"))
    assert read.source == "test"
    assert len(read) == 4
    assert read.lookup("la") == (lexicon.Entry("la", "ART-F:s"), lexicon.Entry("la", "PRO-PERS-CLI-3-F-S"))
    assert read.lookup("consegnata") == (lexicon.Entry("consegnare", "VER:part+past+s+f"),)
    assert read.lookup("ho") == (lexicon.Entry("avere", "AUX:ind+pres+1+s"),)
    assert read.lookup("dell'") == (lexicon.Entry("dell'", "ARTPRE-F:s"),)
    assert read.lookup("l") == () and read.lookup("consegnat") == () and read.lookup("zzz") == ()
    assert lexicon.encode(entries, "test") == lexicon.encode(entries, "test")


def test_shipped_lexicon_is_what_the_build_script_produces() -> None:
    script = _script()
    source = script.SOURCES["it"]
    version = script.languagetool_version()
    jars = script.local_jars(source, version)
    if shutil.which("java") is None or jars is None:
        pytest.skip(
            f"needs java and {source.artifact}-{version}.jar + morfologik-tools in ~/.m2 "
            "(run `python scripts/build_lexicon.py` once to fetch them with Maven)"
        )
    built = script.build(source, version, jars)
    assert gzip.decompress(built) == gzip.decompress(SHIPPED.read_bytes())


def test_shipped_lexicon_names_its_source_and_licence() -> None:
    read = lexicon.load(str(default_lexicon("it")))
    assert "Morph-it!" in read.source and "CC BY-SA 2.0" in read.source
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "Morph-it!" in notice and "lexicon.tsv.gz" in notice


@pytest.mark.parametrize(
    ("form", "lemma", "tag"),
    [
        ("interruzione", "interruzione", "NOUN-F:s"),
        ("interruzioni", "interruzione", "NOUN-F:p"),
        ("problema", "problema", "NOUN-M:s"),
        ("città", "città", "NOUN-F:p"),
        ("questa", "questo", "DET-DEMO:f+s"),
        ("nostra", "nostro", "DET-POSS:f+s"),
        ("spiacenti", "spiacente", "ADJ:pos+f+p"),
        ("consegnate", "consegnare", "VER:part+past+p+f"),
        ("rimborseremo", "rimborsare", "VER:ind+fut+1+p"),
        ("scusarci", "scusare", "VER:inf+pres+ci"),
        ("hanno", "avere", "AUX:ind+pres+3+p"),
        ("è", "essere", "AUX:ind+pres+3+s"),
        ("lo", "il", "ART-M:s"),
        ("lo", "lo", "PRO-PERS-CLI-3-M-S"),
        ("previsto", "prevedere", "VER:part+past+s+m"),  # the supplement: Morph-it! has only «preveduto»
    ],
)
def test_shipped_lexicon_reads(form: str, lemma: str, tag: str) -> None:
    read = lexicon.load(str(default_lexicon("it")))
    assert lexicon.Entry(lemma, tag) in read.lookup(form)


def test_tags_read_as_ud_features() -> None:
    assert read_tag("NOUN-F:p").features() == {"Gender": "Fem", "Number": "Plur"}
    assert read_tag("VER:part+past+s+f").features() == {
        "Gender": "Fem",
        "Number": "Sing",
        "Tense": "Past",
        "VerbForm": "Part",
    }
    assert read_tag("VER:ind+impf+1+p").features() == {
        "Mood": "Ind",
        "Tense": "Imp",
        "Person": "1",
        "Number": "Plur",
        "VerbForm": "Fin",
    }
    assert read_tag("VER:cond+pres+3+s").features()["Mood"] == "Cnd"
    assert read_tag("VER:inf+pres+ci").clitic == "ci"
    clitic = read_tag("PRO-PERS-CLI-3-F-S")
    found = (clitic.pos, clitic.is_clitic, clitic.person, clitic.gender, clitic.number)
    assert found == ("PRON", True, "3", "Fem", "Sing")
    assert read_tag("ART-M:s").features() == {"Gender": "Masc", "Number": "Sing", "PronType": "Art"}
    assert read_tag("DET-POSS:f+p").features() == {"Gender": "Fem", "Number": "Plur", "PronType": "Prs", "Poss": "Yes"}
    assert read_tag("ARTPRE-F:s").pos == "ADP"
    assert read_tag("NPR").pos == "PROPN"
