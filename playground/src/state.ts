/**
 * The playground's state (source text, translation options, TypeScript
 * options, the open output tab) and its shareable form in the URL fragment:
 * `#s=<lz-string of the JSON>`, holding only what differs from the defaults.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { DEFAULT_OPTIONS, OPTION_CHOICES, type TranslateOptions } from '../../src/options.js';
import { DEFAULT_TS_OPTIONS, TS_OPTION_CHOICES, type TypeScriptOptions } from '../../src/emit/typescript/options.js';

export type OutputTab = 'sql' | 'ts' | 'diagram';

/** The translation options the page offers: every enumerated CLI option, and --strict. */
export type PageOptions = Pick<TranslateOptions, keyof typeof OPTION_CHOICES | 'strict'>;
export type PageTsOptions = Pick<TypeScriptOptions, keyof typeof TS_OPTION_CHOICES>;

export interface PlaygroundState {
  source: string;
  options: PageOptions;
  ts: PageTsOptions;
  tab: OutputTab;
}

export function defaultOptions(): PageOptions {
  const options: Record<string, unknown> = { strict: DEFAULT_OPTIONS.strict };
  for (const key of Object.keys(OPTION_CHOICES)) options[key] = DEFAULT_OPTIONS[key as keyof TranslateOptions];
  return options as unknown as PageOptions;
}

export function defaultTsOptions(): PageTsOptions {
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(TS_OPTION_CHOICES)) options[key] = DEFAULT_TS_OPTIONS[key as keyof TypeScriptOptions];
  return options as unknown as PageTsOptions;
}

interface Shared {
  v: 1;
  s: string;
  o?: Record<string, unknown>;
  t?: Record<string, unknown>;
  tab?: OutputTab;
}

function changed<T extends object>(value: T, defaults: T): Record<string, unknown> | undefined {
  const diff: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== (defaults as Record<string, unknown>)[key]) diff[key] = v;
  return Object.keys(diff).length > 0 ? diff : undefined;
}

/** Keeps the known keys whose value is one of the choices (a link may be old or hand-edited). */
function pick<T extends object>(defaults: T, choices: Record<string, readonly string[]>, given: unknown): T {
  const result: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  if (typeof given !== 'object' || given === null) return result as T;
  for (const [key, value] of Object.entries(given)) {
    if (!(key in result)) continue;
    const allowed = choices[key];
    if (key === 'strict' && typeof value === 'boolean') result[key] = value;
    else if (key === 'targetVersion' && allowed?.includes(String(value))) result[key] = Number(value);
    else if (allowed?.includes(String(value))) result[key] = value;
  }
  return result as T;
}

export function encodeState(state: PlaygroundState): string {
  const shared: Shared = { v: 1, s: state.source };
  const o = changed(state.options, defaultOptions());
  const t = changed(state.ts, defaultTsOptions());
  if (o) shared.o = o;
  if (t) shared.t = t;
  if (state.tab !== 'sql') shared.tab = state.tab;
  return `s=${compressToEncodedURIComponent(JSON.stringify(shared))}`;
}

/** The state in a URL fragment (without `#`), or null when there is none or it cannot be read. */
export function decodeState(fragment: string): PlaygroundState | null {
  const m = /(?:^|&)s=([^&]*)/.exec(fragment);
  if (!m?.[1]) return null;
  try {
    const json = decompressFromEncodedURIComponent(m[1]);
    if (!json) return null;
    const shared = JSON.parse(json) as Partial<Shared>;
    if (shared.v !== 1 || typeof shared.s !== 'string') return null;
    return {
      source: shared.s,
      options: pick(defaultOptions(), OPTION_CHOICES, shared.o),
      ts: pick(defaultTsOptions(), TS_OPTION_CHOICES, shared.t),
      tab: shared.tab === 'ts' || shared.tab === 'diagram' ? shared.tab : 'sql',
    };
  } catch {
    return null;
  }
}
