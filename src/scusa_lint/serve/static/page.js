// scusa-lint's page for agents: the draft goes to this server's /v2/check (LanguageTool's API) and
// the answer is shown in place. Offsets are UTF-16 units, which is what JavaScript strings count,
// so a match's offset indexes the textarea's value directly. No framework, no build step.
"use strict";

const TEXTS = {
  it: {
    skip: "Vai alla bozza", tagline: "Controlli la bozza di una scusa prima di inviarla.",
    draftLabel: "Bozza del messaggio",
    draftHelp: "Incolli o scriva la bozza; i segnaposto come {{ nome }} o {nome} vanno bene. Ctrl+Invio per controllare.",
    languageLabel: "Lingua", auto: "rileva", channelLabel: "Canale", email: "e-mail o lettera", sms: "SMS",
    chat: "chat o social", notice: "avviso a molti clienti", review: "risposta a una recensione",
    check: "Controlla", keyLabel: "Chiave API del server", results: "Risultato", score: "Punteggio",
    checklist: "Le parti di una vera scusa", findings: "Nel testo", none: "Nessun problema nel testo.",
    footer: "Il testo resta su questo server: scusa-lint non lo invia altrove, salvo un LanguageTool configurato.",
    checking: "Controllo in corso…", stale: "Il testo è cambiato: controllo di nuovo…",
    done: (n) => n === 0 ? "Nessun problema nel testo." : n === 1 ? "1 problema nel testo." : `${n} problemi nel testo.`,
    failed: "Controllo non riuscito: ", needKey: "Il server chiede una chiave API: la scriva qui sotto e controlli di nuovo.",
    show: "Mostra nel testo", apply: (r) => `Sostituisci con «${r}»`, remove: "Elimini il passaggio",
    levels: { error: "errore", warning: "avviso", info: "suggerimento" },
    parts: { apology: "Scuse esplicite", ownership: "Responsabilità", what_happened: "Cosa è successo",
      fix: "Come si rimedia", prevention: "Come non succederà più", empathy: "Empatia per il disagio" },
    states: { present: "presente", missing: "manca", "not required": "non richiesta", "not checked": "non controllata" },
    roles: { apology: "una scusa", routine: "messaggio di servizio (non una scusa)", fragment: "frammento" },
    noScore: "non è una scusa: nessun punteggio", upstreamDown: "LanguageTool non risponde: solo i controlli di scusa-lint.",
    other: "English", otherLang: "en",
  },
  en: {
    skip: "Skip to the draft", tagline: "Check an apology draft before you send it.",
    draftLabel: "Message draft",
    draftHelp: "Paste or type the draft; placeholders such as {{ name }} or {name} are fine. Ctrl+Enter to check.",
    languageLabel: "Language", auto: "detect", channelLabel: "Channel", email: "e-mail or letter", sms: "SMS",
    chat: "chat or social", notice: "notice to many customers", review: "reply to a review",
    check: "Check", keyLabel: "Server API key", results: "Result", score: "Score",
    checklist: "The parts of a real apology", findings: "In the text", none: "No problems in the text.",
    footer: "The text stays on this server: scusa-lint sends it nowhere else, except to a configured LanguageTool.",
    checking: "Checking…", stale: "The text changed: checking again…",
    done: (n) => n === 0 ? "No problems in the text." : n === 1 ? "1 problem in the text." : `${n} problems in the text.`,
    failed: "The check failed: ", needKey: "The server asks for an API key: type it below and check again.",
    show: "Show in the text", apply: (r) => `Replace with “${r}”`, remove: "Delete the passage",
    levels: { error: "error", warning: "warning", info: "suggestion" },
    parts: { apology: "Explicit apology", ownership: "Ownership", what_happened: "What happened",
      fix: "How it is fixed", prevention: "How it won't happen again", empathy: "Empathy for the trouble" },
    states: { present: "present", missing: "missing", "not required": "not required", "not checked": "not checked" },
    roles: { apology: "an apology", routine: "a routine message (not an apology)", fragment: "a fragment" },
    noScore: "not an apology: no score", upstreamDown: "LanguageTool is not answering: scusa-lint's checks only.",
    other: "Italiano", otherLang: "it",
  },
};

const $ = (id) => document.getElementById(id);
const state = { ui: "it", checked: null, matches: [], summary: null, timer: null, seq: 0 };

function t(key) { return TEXTS[state.ui][key]; }

function setUi(language) {
  state.ui = language;
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll("[data-t]")) {
    const value = TEXTS[language][node.dataset.t];
    if (typeof value === "string") node.textContent = value;
  }
  const toggle = $("ui-language");
  toggle.textContent = t("other");
  toggle.lang = t("otherLang");
  try { localStorage.setItem("scusa-lint-ui", language); } catch (e) { /* storage may be off */ }
  if (state.summary) render();
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function spanMatches() {
  return state.matches.filter((m) => !(m.scusaLint && m.scusaLint.wholeMessage));
}

function levelOf(match) {
  if (match.scusaLint) return match.scusaLint.level;
  return match.rule.issueType === "misspelling" ? "error" : "warning"; // a LanguageTool match (upstream)
}

// The backdrop repeats the text with <mark>s where the matches are (overlaps: the earlier one wins).
function paintBackdrop() {
  const text = $("draft").value;
  const backdrop = $("backdrop");
  if (state.checked !== text) { backdrop.innerHTML = escapeHtml(text) + "\n"; return; }
  let html = "", at = 0;
  spanMatches().forEach((m, index) => {
    const start = m.offset, end = m.offset + m.length;
    if (start < at || end > text.length) return;
    html += escapeHtml(text.slice(at, start));
    html += `<mark class="${levelOf(m)}" data-index="${index}">${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  });
  backdrop.innerHTML = html + escapeHtml(text.slice(at)) + "\n";
  backdrop.scrollTop = $("draft").scrollTop;
}

function render() {
  const summary = state.summary || {};
  $("score").textContent = summary.score === null || summary.score === undefined ? "–" : String(summary.score);
  const roles = t("roles");
  $("role").textContent = summary.role ? `(${summary.score === null ? t("noScore") : roles[summary.role] || summary.role})` : "";
  const checklist = $("checklist");
  checklist.innerHTML = "";
  for (const [part, status] of Object.entries(summary.parts || {})) {
    const item = document.createElement("li");
    item.className = status.replace(" ", "-");
    item.dataset.part = part;
    item.textContent = `${t("parts")[part] || part}: ${t("states")[status] || status}`;
    checklist.appendChild(item);
  }
  const missing = $("missing");
  missing.innerHTML = "";
  for (const m of state.matches.filter((m) => m.scusaLint && m.scusaLint.wholeMessage)) {
    const item = document.createElement("li");
    item.dataset.rule = m.rule.id;
    item.textContent = `${m.message} (${m.rule.id})`;
    missing.appendChild(item);
  }
  const list = $("findings");
  list.innerHTML = "";
  const spans = spanMatches();
  $("no-findings").hidden = spans.length > 0 || state.checked === null;
  spans.forEach((m, index) => list.appendChild(findingItem(m, index)));
  paintBackdrop();
}

function findingItem(match, index) {
  const item = document.createElement("li");
  item.className = "finding";
  item.dataset.rule = match.rule.id;
  item.dataset.index = String(index);
  const level = levelOf(match);
  const text = state.checked.slice(match.offset, match.offset + match.length);
  const head = document.createElement("p");
  head.innerHTML = `<span class="level ${level}">${escapeHtml(t("levels")[level] || level)}</span>` +
    `<span class="quote">${escapeHtml(text)}</span> — ${escapeHtml(match.message)} ` +
    `<span class="code">${escapeHtml(match.rule.id)}</span>`;
  head.style.margin = "0";
  item.appendChild(head);
  const advice = match.scusaLint ? match.scusaLint.suggestions.filter((s) => !s.replacement).map((s) => s.text) : [];
  for (const line of advice.slice(1)) {
    const p = document.createElement("p");
    p.className = "advice";
    p.textContent = line;
    item.appendChild(p);
  }
  const actions = document.createElement("div");
  actions.className = "actions";
  const show = document.createElement("button");
  show.type = "button";
  show.className = "show";
  show.textContent = t("show");
  show.addEventListener("click", () => select(match, index));
  actions.appendChild(show);
  for (const replacement of match.replacements.slice(0, 4)) {
    const apply = document.createElement("button");
    apply.type = "button";
    apply.className = "apply";
    apply.dataset.replacement = replacement.value;
    apply.textContent = replacement.value === "" ? t("remove") : t("apply")(replacement.value);
    apply.addEventListener("click", () => applyReplacement(match, replacement.value));
    actions.appendChild(apply);
  }
  item.appendChild(actions);
  return item;
}

function select(match, index) {
  const draft = $("draft");
  draft.focus();
  draft.setSelectionRange(match.offset, match.offset + match.length);
  for (const mark of document.querySelectorAll("#backdrop mark")) {
    mark.classList.toggle("current", mark.dataset.index === String(index));
  }
}

function applyReplacement(match, value) {
  const draft = $("draft");
  if (draft.value !== state.checked) { schedule(0); return; } // offsets belong to the checked text
  const text = draft.value;
  draft.value = text.slice(0, match.offset) + value + text.slice(match.offset + match.length);
  draft.focus();
  const caret = match.offset + value.length;
  draft.setSelectionRange(caret, caret);
  check();
}

async function check() {
  const draft = $("draft");
  const text = draft.value;
  const seq = ++state.seq;
  if (!text.trim()) {
    state.checked = null; state.matches = []; state.summary = null;
    $("status").textContent = "";
    render();
    return;
  }
  $("status").textContent = t("checking");
  const body = new URLSearchParams({ text, language: $("language").value, channel: $("channel").value, level: "picky" });
  const headers = { "Content-Type": "application/x-www-form-urlencoded" };
  const key = $("api-key").value.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  let response;
  try {
    response = await fetch("/v2/check", { method: "POST", body, headers });
  } catch (error) {
    if (seq === state.seq) $("status").textContent = t("failed") + error;
    return;
  }
  if (seq !== state.seq) return; // a newer check is on its way
  if (response.status === 401) {
    $("key-box").hidden = false;
    $("status").textContent = t("needKey");
    $("api-key").focus();
    return;
  }
  if (!response.ok) { $("status").textContent = t("failed") + (await response.text()); return; }
  const answer = await response.json();
  if (seq !== state.seq) return;
  state.checked = text;
  state.matches = answer.matches;
  state.summary = answer.scusaLint || {};
  const upstreamDown = state.summary.upstream && !state.summary.upstream.ok;
  $("status").textContent = t("done")(spanMatches().length) + (upstreamDown ? " " + t("upstreamDown") : "");
  render();
}

function schedule(delay) {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, delay);
}

function start() {
  let ui = "it";
  try { ui = localStorage.getItem("scusa-lint-ui") || ""; } catch (e) { ui = ""; }
  if (!TEXTS[ui]) ui = (navigator.language || "it").toLowerCase().startsWith("it") ? "it" : "en";
  setUi(ui);
  const draft = $("draft");
  draft.addEventListener("input", () => {
    paintBackdrop();
    if (state.checked !== null) $("status").textContent = t("stale");
    schedule(600);
  });
  draft.addEventListener("scroll", () => { $("backdrop").scrollTop = draft.scrollTop; });
  draft.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); schedule(0); }
  });
  $("check").addEventListener("click", () => schedule(0));
  $("language").addEventListener("change", () => schedule(0));
  $("channel").addEventListener("change", () => schedule(0));
  $("ui-language").addEventListener("click", () => setUi(t("otherLang")));
}

document.addEventListener("DOMContentLoaded", start);
