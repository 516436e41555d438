import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceSections, updateReadme } from '../src/docs/reference.js';
import { cleanEnv, ensureBuilt, ROOT } from './support/workflow.js';

const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');

describe('README', () => {
  it('starts with the two commands a newcomer needs', () => {
    const firstBlock = readme.slice(readme.indexOf('```sh'), readme.indexOf('```', readme.indexOf('```sh') + 5));
    expect(firstBlock).toContain('npx schema-port examples/blog.sqlite.sql');
    expect(firstBlock).toContain('npm test');
  });

  it('its first command runs: npx runs the built bin (executable, as npm ci builds it) on the bundled example', () => {
    ensureBuilt();
    const run = spawnSync('npx', ['--no-install', 'schema-port', 'examples/blog.sqlite.sql'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv(), timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('CREATE TABLE users (');
  }, 120_000);

  it('has reference sections generated from the current mapping tables (run `npm run docs`)', () => {
    for (const s of referenceSections()) expect(readme).toContain(s.content);
    expect(updateReadme(readme)).toBe(readme);
  });
});
