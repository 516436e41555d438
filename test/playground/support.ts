/**
 * Support of the browser tests: build the playground, serve the static site
 * (recording every request, so a test can tell what the page loaded and
 * when), and start Debian's Chromium through playwright-core.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Screenshots and the built site; the folder ignores itself (a `*` .gitignore inside). */
export const ARTIFACTS = join(REPO, 'test-artifacts');

export function artifactsDir(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const ignore = join(ARTIFACTS, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
  return ARTIFACTS;
}

/** Builds the playground with its own Vite config into `outDir`. */
export async function buildPlayground(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(REPO, 'playground/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (a free port), as a static host would. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    requests.push(path);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    // .tar.gz extension bundles are served as bytes, never with Content-Encoding.
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface SiteSize {
  /** The JavaScript index.html loads up front (its module script and preloads). */
  initialJs: { files: string[]; bytes: number; gzip: number };
  /** Every file of the site. */
  total: { files: number; bytes: number; gzip: number };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

export function siteSize(dir: string): SiteSize {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1] as string);
  const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
  const all = filesUnder(dir);
  return {
    initialJs: {
      files: initial,
      bytes: initial.reduce((n, f) => n + statSync(join(dir, f)).size, 0),
      gzip: initial.reduce((n, f) => n + gz(join(dir, f)), 0),
    },
    total: {
      files: all.length,
      bytes: all.reduce((n, f) => n + statSync(f).size, 0),
      // Already compressed files (.gz extension bundles) count as they are.
      gzip: all.reduce((n, f) => n + (f.endsWith('.gz') ? statSync(f).size : gz(f)), 0),
    },
  };
}

export function relativeToRepo(path: string): string {
  return relative(REPO, path);
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
