/**
 * Watch mode (`schema-port generate --watch`, `schema-port --watch`):
 * regenerate when an input (or the config) changes, debounced, one run at a
 * time. An input that does not parse is reported and watching goes on.
 * chokidar is imported only here, only when watching.
 */
import { resolve } from 'node:path';
import { selectJobs } from '../config/jobs.js';
import type { LoadedConfig } from '../config/types.js';
import { EXIT_OK, EXIT_USAGE, loadConfigOrReport, shown, stderr } from './commands/common.js';
import { generateJobs, type GenerateOptions } from './commands/generate.js';

export interface WatchOptions {
  /** Milliseconds to wait after the last change before running. */
  debounce: number;
  /** Resolves when watching should stop (default: SIGINT or SIGTERM). */
  until?: Promise<void>;
}

function stopSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function time(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * Watches `paths`; after changes settle, calls `handle` with the changed
 * paths (absolute) and watches the paths it returns from then on.
 */
export async function watchLoop(paths: readonly string[], handle: (changed: string[]) => Promise<readonly string[]>, options: WatchOptions): Promise<number> {
  const { watch } = await import('chokidar');
  let watched = new Set(paths.map((p) => resolve(p)));
  const watcher = watch([...watched], { ignoreInitial: true, persistent: true });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), options.debounce);
  };
  const flush = async (): Promise<void> => {
    if (running) return; // the run in progress schedules another when it ends
    running = true;
    const changed = [...pending];
    pending = new Set();
    try {
      stderr(`[${time()}] ${changed.map(shown).join(', ')} changed\n`);
      const next = new Set((await handle(changed)).map((p) => resolve(p)));
      const added = [...next].filter((p) => !watched.has(p));
      const removed = [...watched].filter((p) => !next.has(p));
      if (added.length > 0) watcher.add(added);
      if (removed.length > 0) watcher.unwatch(removed);
      watched = next;
    } catch (error) {
      stderr(`schema-port: ${(error as Error).stack ?? String(error)}\n`);
    } finally {
      running = false;
      if (pending.size > 0) schedule();
    }
  };

  watcher.on('all', (_event, path) => {
    pending.add(resolve(path));
    schedule();
  });
  watcher.on('error', (error) => stderr(`schema-port: watch error: ${(error as Error).message}\n`));
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  stderr(`schema-port: watching ${watched.size} file${watched.size === 1 ? '' : 's'} (Ctrl-C to stop)\n`);
  await (options.until ?? stopSignal());
  clearTimeout(timer);
  await watcher.close();
  return EXIT_OK;
}

function debounceOf(value: string | number | undefined): number | null {
  const n = Number(value ?? 100);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** `generate --watch`: the config's jobs (those `files` feed, or all), then again on every change. */
export async function watchJobs(files: readonly string[], o: GenerateOptions): Promise<number> {
  const debounce = debounceOf(o.debounce);
  if (debounce === null) {
    stderr(`schema-port: --debounce wants a number of milliseconds, got '${o.debounce}'\n`);
    return EXIT_USAGE;
  }
  let config = await loadConfigOrReport(o);
  if (!config) return EXIT_USAGE;
  const configPath = config.filepath;
  const jobsOf = (c: LoadedConfig) => selectJobs(c, files);
  const pathsOf = (c: LoadedConfig) => [c.filepath, ...new Set(jobsOf(c).flatMap((j) => j.inputs))];
  await generateJobs(jobsOf(config), o);
  return watchLoop(
    pathsOf(config),
    async (changed) => {
      if (changed.includes(configPath)) {
        const next = await loadConfigOrReport({ config: configPath });
        if (next) {
          config = next;
          await generateJobs(jobsOf(config), o);
        } else stderr('schema-port: keeping the previous config until this one is fixed\n');
      } else if (config) {
        const jobs = jobsOf(config).filter((j) => j.inputs.some((i) => changed.includes(i)));
        if (jobs.length > 0) await generateJobs(jobs, o);
      }
      return config ? pathsOf(config) : [configPath];
    },
    { debounce },
  );
}

/** `schema-port --watch file…`: runs the command once, then again whenever one of the files changes. */
export async function watchFiles(files: readonly string[], rerun: () => Promise<number>, o: { debounce?: string | number }): Promise<number> {
  const debounce = debounceOf(o.debounce);
  if (debounce === null) {
    stderr(`schema-port: --debounce wants a number of milliseconds, got '${String(o.debounce)}'\n`);
    return EXIT_USAGE;
  }
  const paths = files.filter((f) => f !== '-');
  if (paths.length === 0) {
    stderr('schema-port: --watch needs files (standard input cannot be watched), or a config (schema-port generate --watch)\n');
    return EXIT_USAGE;
  }
  await rerun();
  return watchLoop(
    paths,
    async () => {
      await rerun();
      return paths;
    },
    { debounce },
  );
}

/**
 * `schema-port --watch`: with files, re-runs the main command on them (use
 * -o/--ts to write files); without, `generate --watch` on the config's jobs.
 */
export async function watchRoot(
  files: readonly string[],
  o: { format: GenerateOptions['format']; strict?: boolean; quiet?: boolean; verbose?: boolean; debounce?: string },
  rerun: () => Promise<number>,
): Promise<number> {
  const debounce = o.debounce ?? '100';
  if (files.length === 0) return watchJobs([], { format: o.format, strict: Boolean(o.strict), quiet: Boolean(o.quiet), verbose: Boolean(o.verbose), debounce });
  return watchFiles(files, rerun, { debounce });
}
