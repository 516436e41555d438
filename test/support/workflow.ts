/**
 * End-to-end helpers for the workflow tests: temporary repositories (a config
 * and SQL inputs in a mkdtemp folder) and the built CLI, run as a user would.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/cli/main.js');

/** Builds dist/ when the CLI (or its workflow commands) is missing; the lead's `npm run build` keeps it current. */
export function ensureBuilt(): void {
  if (existsSync(CLI) && existsSync(join(ROOT, 'dist/cli/commands/check.js'))) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
}

export interface Repo {
  dir: string;
  path(rel: string): string;
  write(rel: string, content: string): void;
  read(rel: string): string;
  exists(rel: string): boolean;
  remove(): void;
}

/** A temporary repository with the given files (objects are written as JSON). */
export function makeRepo(files: Record<string, string | object>): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'schema-port-workflow-'));
  const repo: Repo = {
    dir,
    path: (rel) => join(dir, rel),
    write(rel, content) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    },
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    exists: (rel) => existsSync(join(dir, rel)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, content] of Object.entries(files)) repo.write(rel, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return repo;
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment without the CI's GitHub variables (tests opt in to them). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.GITHUB_ACTIONS;
  delete env.GITHUB_WORKSPACE;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs the built CLI in `cwd`. */
export function cli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: cleanEnv(env), timeout: 60_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the built CLI in the background (watch mode). */
export function startCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
  return Object.assign(child, { output: () => output });
}

/** Waits until `test` holds (polling), or fails with `what` after `timeoutMs`. */
export async function until(test: () => boolean, what: () => string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const USERS_SQL = `CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
`;

export const POSTS_SQL = `CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  title TEXT NOT NULL
);
`;
