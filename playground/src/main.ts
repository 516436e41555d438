/**
 * The schema-port playground: paste a SQLite or DuckDB schema, see the
 * PostgreSQL DDL, TypeScript types, diagnostics and an ER diagram, and check
 * the output on PostgreSQL in the page. It calls the same `translate` as the
 * CLI. Heavy parts load on demand: ts-morph (TypeScript pane), Mermaid (ER
 * diagram) and PGlite (Verify).
 */
import './style.css';
import type { StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { erDiagram } from '../../src/diagram/mermaid.js';
import { TS_OPTION_CHOICES } from '../../src/emit/typescript/options.js';
import { OPTION_CHOICES } from '../../src/options.js';
import { SourceText } from '../../src/source/source-text.js';
import type { Span } from '../../src/syntax/ast.js';
import { translate, type TranslateResult } from '../../src/translate.js';
import { mapError, planStatements, type PlannedStatement } from './apply-plan.js';
import { outputEditor, sourceEditor, type CmDiagnostic } from './editors.js';
import { DEFAULT_EXAMPLE, EXAMPLES } from './examples.js';
import { decodeState, defaultOptions, defaultTsOptions, encodeState, type OutputTab, type PageOptions, type PlaygroundState } from './state.js';
import type { VerifyOutcome } from './verify.js';

// ---- instrumentation (read by the browser test) -----------------------------

export interface Timing {
  /** Run number. */
  run: number;
  /** translate() alone. */
  translateMs: number;
  /** translate() and updating the PostgreSQL pane, diagnostics and markers. */
  workMs: number;
  /** Of workMs: the PostgreSQL pane, and the diagnostics (markers and list), of which the markers. */
  paneMs: number;
  diagnosticsMs: number;
  markersMs: number;
  /** From the edit (keystroke) to the PostgreSQL pane showing its result, throttling included; null for runs no edit started. */
  keystrokeMs: number | null;
  tables: number;
}

interface PlaygroundProbe {
  /** The full text of an editor (CodeMirror renders only the lines in view). */
  text(editor: 'source' | 'sql' | 'ts' | 'diagram'): string;
  timings: Timing[];
  typesRuns: number;
  typesMs: number | null;
  diagramRuns: number;
  verifyRuns: number;
  lastVerify: VerifyOutcome | null;
  /**
   * Types `text` into the source at `at`, one CodeMirror transaction per
   * character, each translated at once, without waiting for a frame: the work
   * of a keystroke, back to back, for a test to measure the page's CPU time
   * over. The TypeScript pane, the diagram and the URL follow once, afterwards.
   */
  typeAndTranslate(text: string, at: number): Timing[];
}

const probe: PlaygroundProbe = {
  text: () => '',
  timings: [],
  typesRuns: 0,
  typesMs: null,
  diagramRuns: 0,
  verifyRuns: 0,
  lastVerify: null,
  typeAndTranslate: () => [],
};
(window as unknown as { __playground: PlaygroundProbe }).__playground = probe;

// ---- DOM --------------------------------------------------------------------

function $(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

const dialectSelect = $('dialect') as HTMLSelectElement;
const examplesSelect = $('examples') as HTMLSelectElement;
const detected = $('detected');
const stats = $('stats');
const outputStatus = $('output-status');
const diagnosticList = $('diagnostic-list');
const diagnosticCounts = $('diagnostic-counts');
const showNotes = $('show-notes') as HTMLInputElement;
const verifyButton = $('verify') as HTMLButtonElement;
const verifyStatus = $('verify-status');
const verifyMessage = $('verify-message');
const queryInput = $('query') as HTMLTextAreaElement;
const runQueryButton = $('run-query') as HTMLButtonElement;
const queryResult = $('query-result');

// ---- state ------------------------------------------------------------------

const initial: PlaygroundState = decodeState(location.hash.slice(1)) ?? {
  source: DEFAULT_EXAMPLE.source,
  options: defaultOptions(),
  ts: defaultTsOptions(),
  tab: 'sql',
};
const state: PlaygroundState = { ...initial, options: { ...initial.options }, ts: { ...initial.ts } };
let result: TranslateResult | null = null;
let sourceText = new SourceText('schema.sql', state.source);
let verifyMarker: CmDiagnostic | null = null;

const source = sourceEditor($('source-editor'), state.source, onEdit);
const sqlPane = outputEditor($('panel-sql'), 'postgres', 'PostgreSQL output');
const tsPane = outputEditor($('panel-ts'), 'typescript', 'TypeScript output');
const diagramTextPane = outputEditor($('diagram-text'), 'text', 'Mermaid source');
probe.text = (editor) => (editor === 'source' ? source.view : editor === 'sql' ? sqlPane.view : editor === 'ts' ? tsPane.view : diagramTextPane.view).state.doc.toString();

// ---- options ----------------------------------------------------------------

const OPTION_LABELS: Record<string, [label: string, flag: string]> = {
  identifiers: ['Identifiers', '--identifiers: names as written, lower case or snake_case'],
  nocase: ['NOCASE', '--nocase: COLLATE NOCASE as citext or an ICU collation'],
  targetVersion: ['Version', '--target-version: PostgreSQL major version'],
  varchar: ['VARCHAR(n)', '--varchar: as text, or keep the length'],
  integers: ['Integers', '--integers: SQLite integers as 64-bit (faithful) or the declared width'],
  timestamps: ['Timestamps', '--timestamps: DATETIME/TIMESTAMP as timestamptz, timestamp or text'],
  json: ['JSON', '--json: as jsonb or json'],
  structs: ['STRUCT', '--structs: DuckDB STRUCT as a composite type or jsonb'],
  like: ['LIKE', 'LIKE stays LIKE (case-sensitive in PostgreSQL) or becomes ILIKE'],
  flavor: ['Flavour', '--flavor: plain interfaces, or kysely tables'],
  int8: ['int8', '--int8: TypeScript type of bigint columns'],
  numeric: ['numeric', '--numeric: TypeScript type of numeric columns'],
  date: ['Dates', '--date: TypeScript type of date and timestamp columns'],
  case: ['Properties', '--case: property names as the columns are named, or camelCase'],
};

function optionSelect(key: string, choices: readonly string[], value: string, onChange: (value: string) => void): HTMLElement {
  const [label, title] = OPTION_LABELS[key] ?? [key, key];
  const select = el('select', { id: `option-${key}`, name: key, title });
  for (const choice of choices) select.append(el('option', { value: choice }, choice));
  select.value = value;
  select.addEventListener('change', () => onChange(select.value));
  return el('label', { class: 'field', title }, el('span', {}, label), select);
}

function buildOptions(): void {
  const translateFields = $('translate-options');
  for (const [key, choices] of Object.entries(OPTION_CHOICES)) {
    if (key === 'from') continue; // the dialect picker
    const value = String((state.options as unknown as Record<string, unknown>)[key]);
    translateFields.append(
      optionSelect(key, choices, value, (v) => {
        (state.options as unknown as Record<string, unknown>)[key] = key === 'targetVersion' ? Number(v) : v;
        retranslate();
      }),
    );
  }
  const strict = el('input', { type: 'checkbox', id: 'option-strict', name: 'strict' });
  strict.checked = state.options.strict;
  strict.addEventListener('change', () => {
    state.options.strict = strict.checked;
    retranslate();
  });
  translateFields.append(el('label', { class: 'check', title: '--strict: warnings become errors' }, strict, 'strict'));

  const tsFields = $('ts-options');
  for (const [key, choices] of Object.entries(TS_OPTION_CHOICES)) {
    const value = String((state.ts as unknown as Record<string, unknown>)[key]);
    tsFields.append(
      optionSelect(key, choices, value, (v) => {
        (state.ts as unknown as Record<string, unknown>)[key] = v;
        scheduleTypes();
        saveState();
      }),
    );
  }
}

function syncOptionControls(): void {
  dialectSelect.value = state.options.from;
  for (const [key, value] of Object.entries({ ...state.options, ...state.ts })) {
    const control = document.getElementById(`option-${key}`);
    if (control instanceof HTMLSelectElement) control.value = String(value);
    if (control instanceof HTMLInputElement) control.checked = Boolean(value);
  }
}

// ---- translation ------------------------------------------------------------

let pendingSince: number | null = null;
/** A scheduled translation: it reads the document when it runs, so one run serves every edit before it. */
interface Scheduled {
  frame: number;
  /** In case no frame comes (a hidden tab): start anyway. */
  fallback: ReturnType<typeof setTimeout>;
  timer: ReturnType<typeof setTimeout> | null;
}
let scheduled: Scheduled | null = null;
let lastWorkMs = 10;
let lastRunEnd = 0;
let runCount = 0;

/**
 * Every edit is translated, throttled by the cost of a translation: the run
 * starts once the edit has been painted (the next frame) and the main thread
 * has been free for about as long as the last run took since it ended. While
 * someone types faster than that, edits coalesce into the next run.
 */
function onEdit(): void {
  pendingSince ??= performance.now();
  verifyMarker = null;
  markVerifyStale();
  if (scheduled) return;
  const job: Scheduled = { frame: 0, fallback: setTimeout(() => start(), 100), timer: null };
  const start = () => {
    if (job.timer !== null || scheduled !== job) return;
    cancelAnimationFrame(job.frame);
    clearTimeout(job.fallback);
    const idle = performance.now() - lastRunEnd;
    job.timer = setTimeout(runTranslation, Math.max(0, Math.min(250, lastWorkMs) - idle));
  };
  job.frame = requestAnimationFrame(start);
  scheduled = job;
}

function cancelScheduled(): void {
  if (!scheduled) return;
  cancelAnimationFrame(scheduled.frame);
  clearTimeout(scheduled.fallback);
  if (scheduled.timer !== null) clearTimeout(scheduled.timer);
  scheduled = null;
}

function retranslate(): void {
  runTranslation();
  saveState();
}

function tableCount(r: TranslateResult): number {
  return r.postgres?.tables.length ?? 0;
}

function runTranslation(): void {
  cancelScheduled();
  const started = performance.now();
  const text = source.view.state.doc.toString();
  state.source = text;
  let failure: string | null = null;
  let next: TranslateResult;
  try {
    next = translate(text, { ...state.options, fileName: 'schema.sql' });
  } catch (error) {
    // A bug, not a finding: say so rather than leave the page in its last state.
    failure = (error as Error).message ?? String(error);
    next = { sql: null, diagnostics: [], dialect: result?.dialect ?? 'sqlite', model: null, postgres: null };
  }
  const translated = performance.now();
  result = next;
  sourceText = new SourceText('schema.sql', text);
  source.setDialect(next.dialect === 'duckdb' ? 'duckdb' : 'sqlite');
  detected.textContent = state.options.from === 'auto' ? `detected: ${next.dialect === 'duckdb' ? 'DuckDB' : 'SQLite'}` : '';
  sqlPane.setText(
    failure !== null
      ? `-- schema-port failed on this input (a bug; please report it with the schema):\n-- ${failure.replace(/\n/g, '\n-- ')}\n`
      : (next.sql ?? '-- No PostgreSQL output: the translation has errors (see Diagnostics).\n'),
  );
  sqlPane.setDiagnostics([]);
  const paned = performance.now();
  showDiagnostics(next.diagnostics);
  verifyButton.disabled = next.sql === null;
  const done = performance.now();
  const timing: Timing = {
    run: ++runCount,
    translateMs: translated - started,
    workMs: done - started,
    paneMs: paned - translated,
    diagnosticsMs: done - paned,
    markersMs: lastMarkersMs,
    keystrokeMs: pendingSince === null ? null : done - pendingSince,
    tables: tableCount(next),
  };
  pendingSince = null;
  lastWorkMs = timing.workMs;
  lastRunEnd = performance.now();
  probe.timings.push(timing);
  if (probe.timings.length > 200) probe.timings.shift();
  stats.textContent = `${timing.tables} table${timing.tables === 1 ? '' : 's'} · translated in ${timing.translateMs.toFixed(1)} ms`;
  if (batch) return;
  scheduleTypes();
  if (state.tab === 'diagram') scheduleDiagram();
  saveStateSoon();
}

/** Set while typeAndTranslate runs: the follow-up work (types, diagram, URL) waits for the end of the batch. */
let batch = false;

probe.typeAndTranslate = (text, at) => {
  const timings: Timing[] = [];
  batch = true;
  try {
    for (const [i, char] of [...text].entries()) {
      source.view.dispatch({ changes: { from: at + i, insert: char }, selection: { anchor: at + i + 1 }, userEvent: 'input.type' });
      runTranslation();
      timings.push(probe.timings.at(-1) as Timing);
    }
  } finally {
    batch = false;
  }
  scheduleTypes();
  if (state.tab === 'diagram') scheduleDiagram();
  saveStateSoon();
  return timings;
};

// ---- diagnostics ------------------------------------------------------------

function clampSpan(span: Span | null, length: number): { from: number; to: number } {
  if (!span) return { from: 0, to: 0 };
  const from = Math.max(0, Math.min(span.start, length));
  return { from, to: Math.max(from, Math.min(span.end, length)) };
}

function renderDiagnostic(code: string, message: string, hint: string | null): () => Node {
  return () => {
    const node = el('span', {}, el('code', {}, code), ` ${message}`);
    if (hint) node.append(el('span', { class: 'sp-hint' }, `hint: ${hint}`));
    return node;
  };
}

function toCm(d: Diagnostic, length: number): CmDiagnostic {
  const { from, to } = clampSpan(d.span, length);
  return {
    from,
    to,
    severity: d.severity,
    message: `${d.code}: ${d.message} — hint: ${d.hint}`,
    renderMessage: renderDiagnostic(d.code, d.message, d.hint),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** The diagnostics shown in the list, by index (one click handler on the list reads it). */
let listed: readonly Diagnostic[] = [];

let lastMarkersMs = 0;

function showDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const markersStart = performance.now();
  const length = source.view.state.doc.length;
  const markers = diagnostics.filter((d) => d.span !== null).map((d) => toCm(d, length));
  source.setDiagnostics(verifyMarker ? [...markers, verifyMarker] : markers);
  lastMarkersMs = performance.now() - markersStart;

  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  listed = diagnostics;
  updateList(diagnostics.map(itemHtml));
  diagnosticCounts.replaceChildren(
    el('span', { class: 'error' }, `${counts.error} error${counts.error === 1 ? '' : 's'}`),
    el('span', { class: 'warning' }, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`),
    el('span', { class: 'info' }, `${counts.info} note${counts.info === 1 ? '' : 's'}`),
  );
}

/** Items of the diagnostics list added with the output; the rest follow when the page is idle. */
const LIST_FIRST = 60;
/** The HTML of each item in the list now. */
let shownItems: string[] = [];
let listRest: number | null = null;

const whenIdle = (task: () => void): number =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 500 }) : (setTimeout(task, 50) as unknown as number);
const cancelIdle = (handle: number): void => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : clearTimeout(handle));

/**
 * Brings the list to `items`, touching only the items that changed: a
 * 100-table schema has hundreds of notes, and a keystroke changes few of them
 * (a line's columns), so the list costs next to nothing on most keystrokes.
 */
function updateList(items: string[]): void {
  if (listRest !== null) cancelIdle(listRest);
  listRest = null;
  const children = diagnosticList.children;
  const common = Math.min(shownItems.length, items.length);
  for (let i = 0; i < common; i++) {
    if (shownItems[i] !== items[i]) (children[i] as HTMLElement).outerHTML = items[i] as string;
  }
  while (children.length > items.length) diagnosticList.lastElementChild?.remove();
  shownItems = items.slice(0, common);
  const append = (to: number) => {
    const from = shownItems.length;
    if (to <= from) return;
    diagnosticList.insertAdjacentHTML('beforeend', items.slice(from, to).join(''));
    shownItems.push(...items.slice(from, to));
  };
  append(Math.max(common, Math.min(items.length, LIST_FIRST)));
  if (items.length > shownItems.length) {
    listRest = whenIdle(() => {
      listRest = null;
      append(items.length);
    });
  }
}

function itemHtml(d: Diagnostic, i: number): string {
  const where = d.span ? sourceText.positionOf(d.span.start) : null;
  return (
    `<li class="${d.severity}" data-code="${d.code}" data-index="${i}"><span class="where">${where ? `${where.line}:${where.column}` : '—'}</span>` +
    `<span class="code">${d.severity === 'info' ? 'note' : d.severity} ${d.code}</span>` +
    `<span class="message">${escapeHtml(d.message)}<span class="hint">hint: ${escapeHtml(d.hint)}</span></span></li>`
  );
}

diagnosticList.addEventListener('click', (event) => {
  const item = (event.target as HTMLElement).closest('li');
  const span = listed[Number(item?.dataset.index)]?.span;
  if (span) reveal(span);
});

function reveal(span: Span): void {
  const { from, to } = clampSpan(span, source.view.state.doc.length);
  source.view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
  source.view.focus();
}

showNotes.addEventListener('change', () => diagnosticList.classList.toggle('hide-notes', !showNotes.checked));

// ---- TypeScript -------------------------------------------------------------

let typesTimer: ReturnType<typeof setTimeout> | null = null;
let typesSeq = 0;

/** The TypeScript pane no longer shows the current translation (it is updated while its tab is open, or when opened). */
let typesStale = true;

/** ts-morph is big (the TypeScript compiler): it is loaded when the TypeScript tab is first opened. */
function scheduleTypes(): void {
  typesStale = true;
  if (state.tab !== 'ts') return;
  if (typesTimer !== null) clearTimeout(typesTimer);
  typesTimer = setTimeout(() => void runTypes(), 30);
}

async function runTypes(): Promise<void> {
  typesTimer = null;
  typesStale = false;
  const current = result;
  const seq = ++typesSeq;
  if (!current?.postgres || current.sql === null) {
    tsPane.setText('// No TypeScript: the translation has errors (see Diagnostics).\n');
    return;
  }
  const started = performance.now();
  if (probe.typesRuns === 0) outputStatus.textContent = 'loading the TypeScript printer…';
  try {
    const { generateTypes } = await import('../../src/emit/typescript/index.js');
    const text = await generateTypes(current.postgres, {
      ...state.ts,
      fileName: 'schema.sql',
      dialect: current.dialect === 'duckdb' ? 'duckdb' : 'sqlite',
      targetVersion: state.options.targetVersion,
    });
    if (seq !== typesSeq) return;
    tsPane.setText(text);
    probe.typesRuns++;
    probe.typesMs = performance.now() - started;
    if (state.tab === 'ts' || outputStatus.textContent?.startsWith('loading the TypeScript')) updateOutputStatus();
  } catch (error) {
    if (seq !== typesSeq) return;
    tsPane.setText(`// The TypeScript emitter failed: ${(error as Error).message}\n`);
  }
}

// ---- ER diagram -------------------------------------------------------------

let diagramTimer: ReturnType<typeof setTimeout> | null = null;
let diagramSeq = 0;
let mermaidLoaded: Promise<typeof import('mermaid').default> | null = null;

function loadMermaid(): Promise<typeof import('mermaid').default> {
  mermaidLoaded ??= import('mermaid').then(({ default: mermaid }) => {
    mermaid.initialize({
      startOnLoad: false,
      theme: 'neutral',
      themeVariables: { fontSize: '13px' },
      securityLevel: 'strict',
      er: { useMaxWidth: false },
      maxTextSize: 1_000_000,
      maxEdges: 5000,
    });
    return mermaid;
  });
  return mermaidLoaded;
}

function scheduleDiagram(): void {
  if (diagramTimer !== null) clearTimeout(diagramTimer);
  diagramTimer = setTimeout(() => void runDiagram(), 150);
}

async function runDiagram(): Promise<void> {
  diagramTimer = null;
  const seq = ++diagramSeq;
  const view = $('diagram-view');
  if (!result?.postgres || result.sql === null) {
    diagramTextPane.setText('');
    view.replaceChildren(el('p', { class: 'muted' }, 'No diagram: the translation has errors.'));
    return;
  }
  const text = erDiagram(result.postgres);
  diagramTextPane.setText(text);
  if (result.postgres.tables.length === 0) {
    view.replaceChildren(el('p', { class: 'muted' }, 'No tables to draw.'));
    return;
  }
  try {
    const mermaid = await loadMermaid();
    const { svg } = await mermaid.render(`er-${seq}`, text);
    if (seq !== diagramSeq) return;
    view.innerHTML = svg;
    probe.diagramRuns++;
  } catch (error) {
    if (seq !== diagramSeq) return;
    view.replaceChildren(el('p', { class: 'error' }, `Mermaid could not draw the diagram: ${(error as Error).message}`));
  } finally {
    document.getElementById(`der-${seq}`)?.remove(); // Mermaid's scratch element after a failed render
  }
}

// ---- tabs, copy and download ------------------------------------------------

const TAB_FILES: Record<OutputTab, { name: string; type: string; text: () => string }> = {
  sql: { name: 'schema.pg.sql', type: 'application/sql', text: () => sqlPane.text },
  ts: { name: 'schema.types.ts', type: 'text/plain', text: () => tsPane.text },
  diagram: { name: 'schema.mmd', type: 'text/plain', text: () => diagramTextPane.text },
};

function updateOutputStatus(): void {
  if (state.tab === 'ts' && probe.typesMs !== null) outputStatus.textContent = `types in ${probe.typesMs.toFixed(0)} ms`;
  else outputStatus.textContent = '';
}

function selectTab(tab: OutputTab): void {
  state.tab = tab;
  for (const button of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    const selected = button.dataset.tab === tab;
    button.setAttribute('aria-selected', String(selected));
    $(`panel-${button.dataset.tab ?? ''}`).hidden = !selected;
  }
  const file = TAB_FILES[tab];
  $('copy').title = `Copy ${file.name} to the clipboard`;
  $('download').title = `Download ${file.name}`;
  updateOutputStatus();
  if (tab === 'diagram') scheduleDiagram();
  if (tab === 'ts' && typesStale) scheduleTypes();
  saveStateSoon();
}

for (const button of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
  button.addEventListener('click', () => selectTab(button.dataset.tab as OutputTab));
}

let toastTimer: ReturnType<typeof setTimeout> | null = null;
function toast(message: string): void {
  let node = document.querySelector<HTMLElement>('.toast');
  if (!node) {
    node = el('div', { class: 'toast', role: 'status' });
    document.body.append(node);
  }
  node.textContent = message;
  node.classList.add('shown');
  if (toastTimer !== null) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => node.classList.remove('shown'), 1800);
}

async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (an insecure origin, an iframe): the old way.
    const area = el('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast(`Copied ${what}`);
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

$('copy').addEventListener('click', () => {
  const file = TAB_FILES[state.tab];
  void copyText(file.text(), file.name);
});
$('download').addEventListener('click', () => {
  const file = TAB_FILES[state.tab];
  download(file.name, file.type, file.text());
});

// ---- shareable URL ------------------------------------------------------------

let saveTimer: ReturnType<typeof setTimeout> | null = null;

function saveState(): void {
  if (saveTimer !== null) clearTimeout(saveTimer);
  saveTimer = null;
  const hash = `#${encodeState(state)}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

function saveStateSoon(): void {
  if (saveTimer !== null) clearTimeout(saveTimer);
  saveTimer = setTimeout(saveState, 400);
}

$('share').addEventListener('click', () => {
  saveState();
  void copyText(location.href, 'a link to this schema');
});

window.addEventListener('hashchange', () => {
  const next = decodeState(location.hash.slice(1));
  if (!next || next.source === state.source && encodeState(next) === encodeState(state)) return;
  Object.assign(state.options, next.options);
  Object.assign(state.ts, next.ts);
  syncOptionControls();
  source.setText(next.source);
  selectTab(next.tab);
  retranslate();
});

// ---- examples and dialect ---------------------------------------------------

for (const example of EXAMPLES) examplesSelect.append(el('option', { value: example.id }, example.title));
examplesSelect.addEventListener('change', () => {
  const example = EXAMPLES.find((e) => e.id === examplesSelect.value);
  examplesSelect.value = '';
  if (!example) return;
  state.options.from = example.from;
  dialectSelect.value = example.from;
  source.setText(example.source);
  retranslate();
});

dialectSelect.addEventListener('change', () => {
  state.options.from = dialectSelect.value as PageOptions['from'];
  retranslate();
});

// ---- Verify and query ---------------------------------------------------------

let verifyModule: Promise<typeof import('./verify.js')> | null = null;

function markVerifyStale(): void {
  if (verifyStatus.classList.contains('ok') || verifyStatus.classList.contains('failed')) {
    setVerifyStatus('stale', 'source changed');
  }
}

function setVerifyStatus(kind: 'ok' | 'failed' | 'busy' | 'stale' | '', text: string): void {
  verifyStatus.className = `status ${kind}`;
  verifyStatus.textContent = text;
}

/** The statement's first line and, when PostgreSQL gave a position, the line it points at with a caret under it. */
function errorExcerpt(sql: string, offset: number, pointed: boolean): string {
  const lines = sql.split('\n');
  const clip = (line: string) => (line.length > 100 ? `${line.slice(0, 99)}…` : line);
  if (!pointed) return clip(lines[0] ?? sql);
  const lineStart = sql.lastIndexOf('\n', offset - 1) + 1;
  const index = sql.slice(0, lineStart).split('\n').length - 1;
  const excerpt = index > 0 ? [clip(lines[0] ?? ''), ...(index > 1 ? ['  …'] : [])] : [];
  excerpt.push(clip(lines[index] ?? ''), `${' '.repeat(Math.min(offset - lineStart, 99))}^`);
  return excerpt.join('\n');
}

async function runVerify(query: string | null): Promise<void> {
  const current = result;
  if (!current?.postgres || current.sql === null) return;
  const plan: PlannedStatement[] = planStatements(current.postgres.statements, current.sql);
  const text = sourceText;
  verifyButton.disabled = true;
  runQueryButton.disabled = true;
  setVerifyStatus('busy', verifyModule ? 'running…' : 'loading PostgreSQL…');
  try {
    verifyModule ??= import('./verify.js');
    const { verify } = await verifyModule;
    const outcome = await verify(plan, query);
    probe.verifyRuns++;
    probe.lastVerify = outcome;
    if (current !== result) {
      setVerifyStatus('stale', 'source changed');
      return;
    }
    showVerifyOutcome(outcome, plan, text);
  } catch (error) {
    verifyModule = null;
    setVerifyStatus('failed', 'could not start PostgreSQL');
    verifyMessage.className = 'verify-message failed';
    verifyMessage.textContent = `PGlite did not start: ${(error as Error).message}`;
  } finally {
    verifyButton.disabled = result?.sql === null;
    runQueryButton.disabled = false;
  }
}

function showVerifyOutcome(outcome: VerifyOutcome, plan: PlannedStatement[], text: SourceText): void {
  const postgres = `PostgreSQL ${outcome.version.split(' ')[0]}`;
  if (outcome.ok) {
    verifyMarker = null;
    setVerifyStatus('ok', '✓ applies cleanly');
    verifyMessage.className = 'verify-message ok';
    verifyMessage.replaceChildren(
      `✓ All ${outcome.applied} statement${outcome.applied === 1 ? '' : 's'} ran on ${postgres} (PGlite) in ${outcome.ms.toFixed(0)} ms, then were rolled back.`,
    );
    sqlPane.setDiagnostics([]);
    showDiagnostics(result?.diagnostics ?? []);
    if (outcome.query) showQueryResult(outcome.query);
    return;
  }
  const statement = plan[outcome.failed];
  if (!statement) return;
  const mapped = mapError(statement, outcome.error);
  const where = mapped.sourceSpan ? text.positionOf(mapped.sourceSpan.start) : null;
  const outputWhere = new SourceText('schema.pg.sql', sqlPane.text).positionOf(mapped.outputOffset);
  setVerifyStatus('failed', where ? `✗ error at source line ${where.line}` : '✗ error');
  verifyMessage.className = 'verify-message failed';
  const parts: (Node | string)[] = [
    `✗ ${postgres} rejected statement ${outcome.failed + 1} of ${plan.length}`,
    where ? ` (source line ${where.line}, output line ${outputWhere.line}): ` : ` (output line ${outputWhere.line}, added by the translation): `,
    el('b', {}, outcome.error.message),
    el('pre', {}, errorExcerpt(statement.sql, mapped.outputOffset - statement.outputStart, outcome.error.position !== undefined)),
  ];
  if (outcome.error.detail) parts.push(el('span', { class: 'detail' }, `detail: ${outcome.error.detail}`));
  if (outcome.error.hint) parts.push(el('span', { class: 'detail' }, `hint: ${outcome.error.hint}`));
  parts.push(el('span', { class: 'detail' }, `${outcome.applied} statement${outcome.applied === 1 ? '' : 's'} before it ran; everything was rolled back.`));
  verifyMessage.replaceChildren(...parts);
  queryResult.replaceChildren();

  const message = `PostgreSQL: ${outcome.error.message}`;
  const hint = outcome.error.hint ?? outcome.error.detail ?? null;
  if (mapped.sourceSpan) {
    const { from, to } = clampSpan(mapped.sourceSpan, source.view.state.doc.length);
    verifyMarker = { from, to, severity: 'error', source: 'PostgreSQL', message, renderMessage: renderDiagnostic(outcome.error.code ?? 'PostgreSQL', message, hint) };
    showDiagnostics(result?.diagnostics ?? []);
    source.view.dispatch({ effects: scrollTo(from) });
  }
  const outLine = sqlPane.view.state.doc.lineAt(Math.min(mapped.outputOffset, sqlPane.view.state.doc.length));
  sqlPane.setDiagnostics([{ from: outLine.from, to: outLine.to, severity: 'error', message, renderMessage: renderDiagnostic(outcome.error.code ?? 'PostgreSQL', message, hint) }]);
  sqlPane.view.dispatch({ effects: scrollTo(outLine.from) });
}

function scrollTo(position: number): StateEffect<unknown> {
  return EditorView.scrollIntoView(position, { y: 'center' });
}

function cell(value: unknown): HTMLElement {
  if (value === null || value === undefined) return el('td', { class: 'null' }, 'null');
  if (value instanceof Date) return el('td', {}, value.toISOString());
  if (value instanceof Uint8Array) return el('td', {}, `\\x${[...value].map((b) => b.toString(16).padStart(2, '0')).join('')}`);
  if (typeof value === 'object') return el('td', {}, JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  return el('td', {}, String(value));
}

const MAX_ROWS = 200;

function showQueryResult(query: NonNullable<Extract<VerifyOutcome, { ok: true }>['query']>): void {
  if (!query.ok) {
    queryResult.replaceChildren(el('div', { class: 'error' }, `Query failed: ${query.error.message}`));
    return;
  }
  const { columns, rows, command, rowCount } = query.result;
  if (columns.length === 0) {
    queryResult.replaceChildren(el('div', { class: 'muted' }, `${command ?? 'OK'}${rowCount !== null ? ` ${rowCount}` : ''}`));
    return;
  }
  const table = el('table', {}, el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', {}, c)))), el('tbody', {}, ...rows.slice(0, MAX_ROWS).map((row) => el('tr', {}, ...row.map(cell)))));
  const note = el('div', { class: 'muted' }, `${rows.length} row${rows.length === 1 ? '' : 's'}${rows.length > MAX_ROWS ? ` (first ${MAX_ROWS} shown)` : ''} · rolled back`);
  queryResult.replaceChildren(table, note);
}

verifyButton.addEventListener('click', () => void runVerify(null));
runQueryButton.addEventListener('click', () => void runVerify(queryInput.value));
queryInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void runVerify(queryInput.value);
  }
});

// ---- start ------------------------------------------------------------------

buildOptions();
syncOptionControls();
selectTab(state.tab);
runTranslation();
