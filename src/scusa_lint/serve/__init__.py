"""`scusa-lint serve`: apology findings over LanguageTool's HTTP API, and a page for agents.

Agents write apologies in a browser (a help-desk reply box, webmail, a CRM), where LanguageTool's
clients (browser add-ons, LTeX, language-tool-python) already show inline checks against a
configurable server URL. Answering LanguageTool's ``/v2`` API lets every one of them show
apology findings, with no new client.

    request -> protocol.parse_check (LanguageTool's parameters, 400 on a bad one)
            -> service.LintService (long-lived linters in a bounded worker pool, with a time limit)
            -> protocol.check_response (LanguageTool's JSON, UTF-16 offsets, an extra `scusaLint` field)
            -> upstream.merge (with --languagetool-url: LanguageTool's own matches, de-duplicated)

Modules: ``annotated`` (the `data` parameter: text with markup), ``protocol`` (parameters and
the response shape), ``detect`` (language `auto`), ``service`` (linting), ``upstream`` (a real
LanguageTool), ``app`` (the Starlette application and its safety limits), ``static/`` (the page).
"""
