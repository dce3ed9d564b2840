"""The page for agents, end to end in headless Chromium (Debian's, driven by Playwright: no browser download).

Type a bad draft, see the highlights, the checklist and the score, apply a spelling suggestion
with one click, and see that finding go away. Skips, saying why, where Chromium or Playwright is
missing (`apt-get install -y chromium`; Playwright comes with the `test` extra).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no system Chromium: install it with `apt-get install -y chromium`"
)

DRAFT = (
    "Gentile cliente, ci scusiamo se il ritarddo della consegna le ha creato problemi. "
    "Il ritardo è colpa del corriere. {{ firma_operatore }}"
)


@pytest.fixture(scope="module")
def page(serve_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(locale="it-IT")
        tab = context.new_page()
        tab.goto(serve_url + "/")
        yield tab
        browser.close()


def test_a_bad_draft_is_highlighted_scored_and_a_suggestion_fixes_it(page: Any) -> None:
    page.select_option("#language", "it")
    page.focus("#draft")  # keyboard only: focus the draft, type, Ctrl+Enter
    page.keyboard.type(DRAFT)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#findings li.finding[data-rule='SC901']")
    marks = page.eval_on_selector_all("#backdrop mark", "marks => marks.map(m => m.textContent)")
    assert "colpa del corriere" in marks
    assert "ritarddo" in marks
    assert not any("firma_operatore" in mark for mark in marks)  # a placeholder is never flagged
    score = page.text_content("#score")
    assert score is not None and score.strip().isdigit()
    assert page.get_attribute("#checklist li[data-part='apology']", "class") == "present"

    typo = page.locator("#findings li.finding[data-rule='SC901']")
    apply = typo.locator("button.apply[data-replacement='ritardo']")
    apply.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector(\"#findings li.finding[data-rule='SC901']\")")
    value = page.input_value("#draft")
    assert "ritarddo" not in value and "il ritardo della consegna" in value
    assert page.locator("#findings li.finding[data-rule='SC101']").count() == 1  # the blame is still there


def test_the_interface_switches_to_english(page: Any) -> None:
    page.click("#ui-language")
    assert page.text_content("#check") == "Check"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("#ui-language")
    assert page.text_content("#check") == "Controlla"
