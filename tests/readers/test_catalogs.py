"""Message catalogs (YAML, JSON, .po): one message per string, with its key path and exact position."""

from __future__ import annotations

from reader_helpers import FIXTURES, findings, lint, position, where

from scusa_lint.readers.catalog_json import read_json
from scusa_lint.readers.catalog_yaml import read_yaml
from scusa_lint.readers.po import read_po
from scusa_lint.source import Comment

YAML = FIXTURES / "catalog.yaml"
JSON = FIXTURES / "catalog.json"
PO = FIXTURES / "messages.po"


def _by_key(path, code):  # type: ignore[no-untyped-def]
    return {r.key: (f.match, where(f)) for r, f in findings(lint(path), code)}


def test_yaml_findings_carry_key_paths_and_exact_positions() -> None:
    text = YAML.read_text(encoding="utf-8")
    blame = _by_key(YAML, "SC101")
    assert blame == {
        "apology.delivery_late.body": ("colpa del corriere", position(text, "colpa del corriere")),
        "apology.wrong_item.body": ("colpa del magazzino", position(text, "colpa del magazzino")),
        "apology.billing[0]": ("colpa del fornitore", position(text, "colpa del fornitore")),
        "sms.short": ("colpa del corriere", position(text, "colpa del corriere", occurrence=1)),
    }
    malformed = _by_key(YAML, "SC001")
    assert malformed == {"apology.billing[1]": ("{{ nome", position(text, "{{ nome,"))}


def test_yaml_every_string_is_a_message_and_settings_are_not() -> None:
    text = YAML.read_text(encoding="utf-8")
    sources = read_yaml(str(YAML), text, None)
    assert [s.key for s in sources] == [
        "apology.delivery_late.subject",
        "apology.delivery_late.body",
        "apology.wrong_item.body",
        "apology.billing[0]",
        "apology.billing[1]",
        "sms.short",
    ]
    assert all(s.language == "it" for s in sources)
    subject = sources[0]
    assert subject.text == "Il Suo ordine {{ ordine }} è in ritardo"
    assert subject.file_offset(subject.text.index("è")) == text.index("\\u00e8")
    assert subject.file_offset(subject.text.index("in ritardo")) == text.index("in ritardo")
    quoted = sources[3]
    assert quoted.text.startswith("Ci scusiamo: l'addebito")
    assert quoted.file_offset(quoted.text.index("addebito")) == text.index("addebito")
    line = position(text, "# scusa-lint")[0]
    assert Comment("scusa-lint: disable=SC310", line, line) in subject.comments


def test_yaml_placeholders_are_masked_in_every_message() -> None:
    for source in read_yaml(str(YAML), YAML.read_text(encoding="utf-8"), None):
        for name in ("{{ nome }}", "{{ ordine }}", "{{ minuti }}"):
            if name in source.text:
                start = source.text.index(name)
                assert source.is_masked(start, start + len(name)), (source.key, name)


def test_json_positions_follow_escapes() -> None:
    text = JSON.read_text(encoding="utf-8")
    blame = _by_key(JSON, "SC101")
    assert blame == {
        "apology.delivery_late.body": ("colpa del corriere", position(text, "colpa del corriere")),
        "apology.billing[0]": ("colpa del fornitore", position(text, "colpa del fornitore")),
    }
    conditional = _by_key(JSON, "SC301")
    assert conditional == {
        "apology.delivery_late.body": ("ci scusiamo per eventuali disagi", position(text, "ci scusiamo per eventuali")),
    }
    sources = read_json(str(JSON), text, None)
    assert [s.key for s in sources] == [
        "apology.delivery_late.subject",
        "apology.delivery_late.body",
        "apology.billing[0]",
        "apology.billing[1]",
    ]
    body = sources[1]
    assert "\n" in body.text and "è colpa" in body.text
    assert body.file_offset(body.text.index("è colpa")) == text.index("\\u00e8 colpa")
    printf = sources[3]
    for name in ("%(nome)s", "{giorni}"):
        start = printf.text.index(name)
        assert printf.is_masked(start, start + len(name))


def test_po_lints_translations_with_context_keys() -> None:
    text = PO.read_text(encoding="utf-8")
    sources = read_po(str(PO), text, None)
    keys = [s.key for s in sources]
    assert keys == ["apology.delivery_late.subject", "apology.delivery_late.body", "One day late[0]", "One day late[1]"]
    assert all("rimborso" not in s.text for s in sources)  # the fuzzy entry is skipped
    body = sources[1]
    assert body.text == 'Gentile {name},\nci scusiamo per gli "eventuali" disagi: è colpa del corriere.'
    blame = _by_key(PO, "SC101")
    assert blame["apology.delivery_late.body"] == ("colpa del corriere", position(text, "colpa del corriere"))
    assert blame["One day late[0]"][1] == position(text, "colpa del corriere", occurrence=2)  # after the fuzzy one
    assert blame["One day late[1]"][1] == position(text, "colpa del corriere", occurrence=3)
    line = position(text, "# scusa-lint")[0]
    assert Comment("scusa-lint: disable=SC120", line, line) in body.comments
    subject = sources[0]
    start = subject.text.index("%(order)s")
    assert subject.is_masked(start, start + len("%(order)s"))


def test_po_without_translations_lints_its_msgids() -> None:
    text = 'msgid ""\nmsgstr ""\n\nmsgid "Ci scusiamo: è colpa del corriere."\nmsgstr ""\n'
    (source,) = read_po("it.po", text, None)
    assert source.key == "Ci scusiamo: è colpa del corriere."
    assert source.file_offset(source.text.index("colpa")) == text.index("colpa")
