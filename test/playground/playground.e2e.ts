/**
 * The playground in a real browser (Debian's Chromium via playwright-core),
 * as a person uses it: paste a schema, read the PostgreSQL and TypeScript
 * panes and a diagnostic marker, Verify on PostgreSQL (PGlite) and see
 * success, break the schema and see PostgreSQL's error at the right source
 * line, query the result, share the state in the URL, draw the ER diagram.
 * Also measured: the page's load size, that PGlite is not fetched before
 * Verify, and keystroke-to-output time for a 100-table schema.
 *
 * Run with `npm run test:browser`. Screenshots: test-artifacts/playground*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, artifactsDir, buildPlayground, kb, launchChromium, relativeToRepo, serveStatic, siteSize, type StaticServer } from './support.js';

const SCHEMA = `-- A library, as SQLite would have it.
CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT
);

CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  price NUMERIC(8, 2) CHECK (price >= 0),
  published DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE VIEW cheap_books AS
  SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id
  WHERE b.title LIKE 'the%' AND b.price < 10;
`;

/** 1-based line of `title TEXT NOT NULL,` in SCHEMA: the line the broken schema breaks. */
const TITLE_LINE = SCHEMA.split('\n').findIndex((line) => line.includes('title TEXT NOT NULL,')) + 1;

interface Timing {
  run: number;
  translateMs: number;
  workMs: number;
  paneMs: number;
  diagnosticsMs: number;
  markersMs: number;
  keystrokeMs: number | null;
  tables: number;
}

interface Probe {
  timings: Timing[];
  typesRuns: number;
  typesMs: number | null;
  verifyRuns: number;
  diagramRuns: number;
}

const probe = (page: Page): Promise<Probe> =>
  page.evaluate(() => {
    const p = (window as unknown as { __playground: Probe }).__playground;
    return { timings: p.timings, typesRuns: p.typesRuns, typesMs: p.typesMs, verifyRuns: p.verifyRuns, diagramRuns: p.diagramRuns };
  });
const lastRun = async (page: Page): Promise<number> => (await probe(page)).timings.at(-1)?.run ?? 0;

/** Pastes `text` over the whole source editor, as Ctrl+A then Ctrl+V would. */
async function pasteSource(page: Page, text: string): Promise<void> {
  const before = await lastRun(page);
  await page.click('#source-editor .cm-content');
  await page.keyboard.press('ControlOrMeta+a');
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const target = document.querySelector('#source-editor .cm-content');
    target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction((n) => ((window as unknown as { __playground: Probe }).__playground.timings.at(-1)?.run ?? 0) > n, before);
}

/** The full text of an editor: CodeMirror renders only the lines in view, so the page hands it over. */
function editorText(page: Page, editor: 'source' | 'sql' | 'ts' | 'diagram'): Promise<string> {
  return page.evaluate((name) => (window as unknown as { __playground: { text(e: string): string } }).__playground.text(name), editor);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

describe('playground (Chromium)', () => {
  let site: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // Built outside the work tree: linters and git have nothing to look at there.
    site = mkdtempSync(join(tmpdir(), 'schema-port-playground-'));
    await buildPlayground(site);
    server = await serveStatic(site);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('loads small, without PGlite, and translates the default example', async () => {
    const size = siteSize(site);
    console.log(
      `[playground] initial JS: ${size.initialJs.files.join(', ')} — ${kb(size.initialJs.bytes)} (${kb(size.initialJs.gzip)} gzip); ` +
        `whole site: ${size.total.files} files, ${kb(size.total.bytes)} (${kb(size.total.gzip)} gzip)`,
    );
    expect(size.initialJs.files.length).toBeGreaterThan(0);
    expect(size.initialJs.gzip).toBeLessThan(400 * 1024);

    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { __playground?: Probe }).__playground?.timings.length);
    expect(await editorText(page, 'sql')).toContain('CREATE TABLE users (');
    const loaded = server.requests.filter((path) => path.endsWith('.js'));
    console.log(`[playground] JS requested on load: ${loaded.join(', ')}`);
    // Nothing heavy before it is asked for: PGlite (Verify), ts-morph (TypeScript tab), Mermaid (ER diagram tab).
    expect(server.requests.some((path) => /pglite|ts-morph|mermaid|\.wasm$|\.data$/i.test(path))).toBe(false);
  });

  it('translates a pasted schema: PostgreSQL, TypeScript and diagnostic markers', async () => {
    await pasteSource(page, SCHEMA);
    expect(await editorText(page, 'source')).toContain('CREATE TABLE books (');
    const sql = await editorText(page, 'sql');
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS citext;');
    expect(sql).toContain('  email citext NOT NULL UNIQUE,');
    expect(sql).toContain('  author_id bigint NOT NULL REFERENCES authors (id) ON DELETE CASCADE,');
    expect(await page.textContent('#detected')).toBe('detected: SQLite');

    // Copy and download the PostgreSQL output.
    await page.click('#copy');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sql);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('schema.pg.sql');
    expect(readFileSync(await download.path(), 'utf8')).toBe(sql);

    // TypeScript pane
    await page.click('#tab-ts');
    await page.waitForFunction(() => {
      const content = document.querySelector('#panel-ts .cm-content');
      return (content?.textContent ?? '').includes('books');
    }, undefined, { timeout: 120_000 });
    const ts = await editorText(page, 'ts');
    expect(ts).toMatch(/export interface \w*Book\w*Row \{/);
    expect(ts).toMatch(/title: string;/);
    expect(ts).toMatch(/published: Date \| null;/);
    const [types] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(types.suggestedFilename()).toBe('schema.types.ts');
    expect(readFileSync(await types.path(), 'utf8')).toBe(ts);

    // A warning marker in the source: SP205 (LIKE) on the view's WHERE line, with code, message and hint.
    const marker = page.locator('#source-editor .cm-lintRange-warning', { hasText: "LIKE 'the%'" });
    await expect.poll(() => marker.count()).toBeGreaterThan(0);
    await marker.first().hover();
    const tooltip = page.locator('.cm-tooltip-lint').first();
    await tooltip.waitFor({ timeout: 10_000 });
    const tip = (await tooltip.textContent()) ?? '';
    expect(tip).toContain('SP205');
    expect(tip).toContain('LIKE ignores ASCII case');
    expect(tip).toContain('hint:');
    await page.mouse.move(5, 5);
    expect(await page.locator('#source-editor .cm-lint-marker-warning').count()).toBeGreaterThan(0);
    expect(await page.locator('#diagnostic-list li.warning[data-code="SP205"] .where').textContent()).toBe(`${SCHEMA.split('\n').findIndex((l) => l.includes("LIKE 'the%'")) + 1}:9`);
    await page.click('#tab-sql');
  });

  it('verifies on PostgreSQL (PGlite loaded only now), and queries the result', async () => {
    expect(server.requests.some((path) => /pglite/i.test(path))).toBe(false);
    const requestsBefore = server.requests.length;
    await page.click('#verify');
    await page.waitForSelector('#verify-status.ok', { timeout: 120_000 });
    const fetched = server.requests.slice(requestsBefore);
    expect(fetched.some((path) => /\/assets\/pglite-[\w-]+\.js$/.test(path))).toBe(true);
    expect(fetched.some((path) => /\.wasm$/.test(path))).toBe(true);
    const message = (await page.textContent('#verify-message')) ?? '';
    expect(message).toMatch(/All 4 statements ran on PostgreSQL \d+/);
    expect(message).toContain('rolled back');

    await page.fill('#query', "INSERT INTO authors (email, name) VALUES ('Ada@example.com', 'Ada');\nSELECT name FROM authors WHERE email = 'ada@EXAMPLE.com';");
    await page.click('#run-query');
    await page.waitForFunction(() => document.querySelector('#query-result td')?.textContent === 'Ada', undefined, { timeout: 60_000 });
    expect(await page.textContent('#query-result')).toContain('1 row');
    await page.fill('#query', "INSERT INTO authors (email, name) VALUES ('Bob@example.com', 'Bob');\nSELECT count(*) AS n FROM authors;");
    await page.click('#run-query');
    await page.waitForFunction(() => document.querySelector('#query-result td')?.textContent === '1', undefined, { timeout: 60_000 });

    // A query that ends the transaction itself leaves nothing behind either: the next run starts afresh.
    await page.fill('#query', 'COMMIT;\nSELECT 42 AS answer;');
    await page.click('#run-query');
    await page.waitForFunction(() => document.querySelector('#query-result td')?.textContent === '42', undefined, { timeout: 60_000 });
    const runs = (await probe(page)).verifyRuns;
    await page.click('#verify');
    await page.waitForFunction((n) => (window as unknown as { __playground: Probe }).__playground.verifyRuns > n, runs, { timeout: 120_000 });
    expect(await page.getAttribute('#verify-status', 'class')).toContain('ok');
    await page.fill('#query', "INSERT INTO authors (email, name) VALUES ('Ada@example.com', 'Ada');\nSELECT name FROM authors WHERE email = 'ada@EXAMPLE.com';");
    await page.click('#run-query');
    await page.waitForFunction(() => document.querySelector('#query-result td')?.textContent === 'Ada', undefined, { timeout: 60_000 });

    const shot = join(artifactsDir(), 'playground.png');
    await page.screenshot({ path: shot });
    console.log(`[playground] screenshot: ${relativeToRepo(shot)}`);
  });

  it('shows PostgreSQL’s error at the source line it came from', async () => {
    const broken = SCHEMA.replace('  title TEXT NOT NULL,', '  title TEXT NOT NULL DEFAULT (make_title()),');
    await pasteSource(page, broken);
    expect(await page.textContent('#verify-status')).toContain('source changed');
    await page.click('#verify');
    await page.waitForSelector('#verify-status.failed', { timeout: 60_000 });
    expect(await page.textContent('#verify-status')).toBe(`✗ error at source line ${TITLE_LINE}`);
    const message = (await page.textContent('#verify-message')) ?? '';
    expect(message).toContain('function make_title() does not exist');
    expect(message).toContain(`source line ${TITLE_LINE}`);
    // The marker sits on that line of the source, and on the statement's line in the PostgreSQL pane.
    const errorLine = page.locator('#source-editor .cm-line', { has: page.locator('.cm-lintRange-error') });
    await expect.poll(() => errorLine.count()).toBe(1);
    expect(await errorLine.textContent()).toContain('make_title()');
    const lineNumbers = await page.$$eval('#source-editor .cm-lineNumbers .cm-gutterElement', (els) => els.map((e) => e.textContent));
    expect(lineNumbers).toContain(String(TITLE_LINE));
    expect(await page.locator('#panel-sql .cm-lintRange-error').textContent()).toContain('make_title()');
    await page.screenshot({ path: join(artifactsDir(), 'playground-error.png') });

    // Fixing the line and verifying again succeeds: nothing was left behind by the failed run.
    await pasteSource(page, SCHEMA);
    await page.click('#verify');
    await page.waitForSelector('#verify-status.ok', { timeout: 60_000 });
    expect(await page.locator('#source-editor .cm-lintRange-error').count()).toBe(0);
  });

  it('keeps the state in a shareable URL fragment', async () => {
    await page.selectOption('#option-identifiers', 'snake');
    await page.selectOption('#option-flavor', 'kysely');
    const url = page.url();
    expect(url).toMatch(/#s=[\w+$-]+/);
    const other = await page.context().newPage();
    await other.goto(url);
    await other.waitForFunction(() => (window as unknown as { __playground?: Probe }).__playground?.timings.length);
    expect(await other.inputValue('#option-identifiers')).toBe('snake');
    expect(await other.inputValue('#option-flavor')).toBe('kysely');
    expect(await editorText(other, 'sql')).toContain('CREATE TABLE books (');
    await other.close();
    await page.selectOption('#option-identifiers', 'preserve');
    await page.selectOption('#option-flavor', 'plain');
  });

  it('draws the ER diagram with Mermaid', async () => {
    await page.click('#tab-diagram');
    await page.waitForSelector('#diagram-view svg', { timeout: 60_000 });
    const svgText = (await page.textContent('#diagram-view svg')) ?? '';
    expect(svgText).toContain('authors');
    expect(svgText).toContain('books');
    expect(svgText).toContain('author_id');
    await page.screenshot({ path: join(artifactsDir(), 'playground-diagram.png') });

    // Schema-qualified names (quoted entities) draw too.
    await page.selectOption('#examples', 'duckdb-schemas');
    await page.waitForFunction(() => (document.querySelector('#diagram-view svg')?.textContent ?? '').includes('sales.orders'), undefined, { timeout: 60_000 });
    expect(await page.locator('#diagram-view .error').count()).toBe(0);
    await page.click('#tab-sql');
  });

  it('translates a 100-table schema on every keystroke and reports the time per keystroke', async () => {
    const big = execFileSync(process.execPath, [join(REPO, 'scripts/synthetic-schema.mjs'), 'sqlite', '100'], { encoding: 'utf8' });
    await page.selectOption('#dialect', 'auto');
    await pasteSource(page, big);
    expect((await probe(page)).timings.at(-1)?.tables).toBe(100);
    const firstLineEnd = big.indexOf('\n');

    // 1. Keystrokes as a person types them (at the end of the first line, a comment), each waited for:
    //    wall-clock time from the key to the PostgreSQL pane, throttling included.
    await page.click('#source-editor .cm-content');
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('End');
    const typed: Timing[] = [];
    for (const [i, key] of [...' typed'].entries()) {
      const before = await lastRun(page);
      await page.keyboard.type(key);
      await page.waitForFunction((n) => ((window as unknown as { __playground: Probe }).__playground.timings.at(-1)?.run ?? 0) > n, before);
      if (i > 0) typed.push((await probe(page)).timings.at(-1) as Timing);
    }
    expect(await editorText(page, 'source')).toMatch(/^-- Synthetic sqlite schema: 100 tables\. typed\n/);

    // 2. The same work back to back (typeAndTranslate: a CodeMirror transaction per key, translated at once).
    //    The main thread's CPU time over the batch (Chromium's ThreadTime, in thread ticks) is the cost of a
    //    keystroke whatever else the machine runs; wall-clock times on a busy machine include the time other
    //    processes held the CPU.
    const rounds = [' measured', ' keystrokes', ' back to back'];
    let at = firstLineEnd + ' typed'.length;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const threadTime = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
    };
    const batch: Timing[] = [];
    /** Main-thread CPU time per keystroke of each round; the least is the cost with the least interference. */
    const cpuRounds: number[] = [];
    for (const keys of rounds) {
      const cpuBefore = await threadTime();
      const timings = await page.evaluate(
        ([text, from]) => (window as unknown as { __playground: { typeAndTranslate(t: string, at: number): Timing[] } }).__playground.typeAndTranslate(text as string, from as number),
        [keys, at] as const,
      );
      cpuRounds.push(((await threadTime()) - cpuBefore) / keys.length);
      batch.push(...timings);
      at += keys.length;
    }
    const cpuPerKeystroke = Math.min(...cpuRounds);
    await cdp.detach();
    expect(await editorText(page, 'source')).toMatch(/^-- Synthetic sqlite schema: 100 tables\. typed measured keystrokes back to back\n/);
    expect(batch.every((t) => t.tables === 100)).toBe(true);

    const ms = (values: number[]) => `${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;
    const os = await import('node:os');
    console.log(
      [
        `[playground] 100 tables (${big.length} characters); machine load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores; median (min, max):`,
        `  typed, ${typed.length} keystrokes: keystroke to PostgreSQL pane ${ms(typed.map((t) => t.keystrokeMs ?? Number.NaN))}`,
        `    translate() ${ms(typed.map((t) => t.translateMs))}, pane ${ms(typed.map((t) => t.paneMs))}, diagnostics ${ms(typed.map((t) => t.diagnosticsMs))}`,
        `  back to back, ${batch.length} keystrokes: translate() + PostgreSQL pane + diagnostics ${ms(batch.map((t) => t.workMs))}`,
        `    translate() ${ms(batch.map((t) => t.translateMs))}, pane ${ms(batch.map((t) => t.paneMs))}, ` +
          `diagnostics ${ms(batch.map((t) => t.diagnosticsMs))} (markers ${ms(batch.map((t) => t.markersMs))})`,
        `    main-thread CPU time per keystroke: ${cpuPerKeystroke.toFixed(1)} ms (rounds: ${cpuRounds.map((c) => c.toFixed(1)).join(', ')} ms)`,
      ].join('\n'),
    );
    const typesBefore = (await probe(page)).typesRuns;
    await page.click('#tab-ts');
    await page.waitForFunction((n) => (window as unknown as { __playground: Probe }).__playground.typesRuns > n, typesBefore);
    expect(await editorText(page, 'ts')).toContain('t99');
    console.log(`[playground] 100 tables: TypeScript pane (ts-morph, while its tab is open) ${((await probe(page)).typesMs ?? Number.NaN).toFixed(0)} ms, after the PostgreSQL pane`);
    await page.click('#tab-sql');
    // The 50 ms budget is a measurement, not a timed assertion (timings on a shared CI machine measure
    // the neighbours too): the figures above are printed on every run. PLAYGROUND_BUDGET=cpu checks the
    // main thread's CPU time per keystroke against PLAYGROUND_BUDGET_MS (default 50), PLAYGROUND_BUDGET=wall
    // the median wall-clock work, for a run on an idle machine.
    const budget = Number(process.env.PLAYGROUND_BUDGET_MS ?? 50);
    if (process.env.PLAYGROUND_BUDGET === 'wall') expect(median(batch.map((t) => t.workMs))).toBeLessThan(budget);
    if (process.env.PLAYGROUND_BUDGET === 'cpu') expect(cpuPerKeystroke).toBeLessThan(budget);
  });

  it('logged no errors to the console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
