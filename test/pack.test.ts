/**
 * Packaging: `npm pack` gives a tarball of the built files and docs only,
 * which installs into an empty project (dependencies from the registry, or
 * the npm cache: --prefer-offline), whose bin runs (`check`, `generate` with
 * TypeScript output) and whose API imports and type-checks.
 *
 * Needs dist/ (built when missing) and npm; takes ~20-60 s. SKIP_PACK_TEST=1 skips it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, ROOT, USERS_SQL } from './support/workflow.js';

const skip = process.env.SKIP_PACK_TEST === '1';

describe.runIf(skip)('npm pack', () => {
  it('skipped because SKIP_PACK_TEST=1 (unset it to pack, install and run the tarball)', () => {
    expect(skip).toBe(true);
  });
});

describe.skipIf(skip)('npm pack (SKIP_PACK_TEST=1 skips this)', () => {
  let work: string;
  let tarball: string;
  let files: string[];
  let app: string;

  const npm = (args: string[], cwd: string, timeout = 120_000): string =>
    execFileSync('npm', args, { cwd, encoding: 'utf8', timeout, env: cleanEnv({ npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' }), stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(() => {
    ensureBuilt();
    work = mkdtempSync(join(tmpdir(), 'schema-port-pack-'));
    // dist/ is already built: no prepare script (it would rebuild the checkout others are editing).
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
    const entry = packed[0];
    if (!entry) throw new Error('npm pack printed nothing');
    tarball = join(work, entry.filename);
    files = entry.files.map((f) => f.path);
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], app, 180_000);
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('publishes only the built files and docs', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/core.js');
    expect(files).toContain('dist/core.d.ts');
    expect(files).toContain('dist/config/index.d.ts');
    const stray = files.filter((f) => !(f === 'package.json' || f === 'README.md' || f === 'LICENSE' || f.startsWith('dist/') || f.startsWith('docs/')));
    expect(stray).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') || f.endsWith('.test.js'))).toEqual([]);
  });

  it('installs into an empty project whose bin runs check and generate', () => {
    const bin = join(app, 'node_modules/.bin/schema-port');
    const run = (args: string[]) => spawnSync(bin, args, { cwd: app, encoding: 'utf8', env: cleanEnv(), timeout: 60_000 });
    const help = run(['--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('schema-port check');

    mkdirSync(join(app, 'db'));
    writeFileSync(join(app, 'db/schema.sql'), USERS_SQL);
    writeFileSync(join(app, 'schema-port.config.json'), JSON.stringify({ jobs: [{ input: 'db/schema.sql', output: 'db/schema.pg.sql', typescript: 'src/db.ts', dialect: 'sqlite' }] }));
    expect(run(['check', '-q', '--no-diff']).status).toBe(1);
    const generated = run(['generate']);
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout).toBe('wrote db/schema.pg.sql\nwrote src/db.ts\n');
    expect(readFileSync(join(app, 'src/db.ts'), 'utf8')).toContain('export interface');
    expect(run(['check']).status).toBe(0);
  });

  it('exports a typed API', () => {
    writeFileSync(
      join(app, 'use.ts'),
      `import { translate, defineConfig, type SchemaPortConfig, type TranslateResult } from 'schema-port';
import { translate as translateInBrowser, erDiagram } from 'schema-port/core';
const core = translateInBrowser('CREATE TABLE u (id INTEGER PRIMARY KEY);', { from: 'sqlite' });
const diagram: string = core.postgres ? erDiagram(core.postgres) : '';
const result: TranslateResult = translate('CREATE TABLE t (id INTEGER PRIMARY KEY);', { from: 'sqlite' });
const config: SchemaPortConfig = defineConfig({ jobs: [{ input: 'a.sql', output: 'a.pg.sql' }] });
// @ts-expect-error: not a dialect
defineConfig({ jobs: [{ input: 'a.sql', output: 'b.sql', dialect: 'mysql' }] });
console.log(result.sql?.includes('CREATE TABLE t') && config.jobs.length === 1 && diagram.length > 0 ? 'ok' : 'bad');
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['use.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const script = `import { translate } from 'schema-port'; import { erDiagram, translate as core } from 'schema-port/core'; const r = core('CREATE TABLE u (id INTEGER PRIMARY KEY);', { from: 'sqlite' }); console.log(translate('CREATE TABLE t (id INTEGER PRIMARY KEY);', { from: 'sqlite' }).sql?.includes('CREATE TABLE t') && erDiagram(r.postgres).startsWith('erDiagram') ? 'ok' : 'bad');`;
    const imported = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(imported.stdout.trim(), imported.stderr).toBe('ok');
  });
});
