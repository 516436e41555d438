/**
 * GitHub Actions annotations: workflow commands
 * (`::error file=…,line=…,col=…,title=SP304::message`) that the runner turns
 * into annotations on the pull request's diff. Written when GITHUB_ACTIONS=true.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { SourceText } from '../source/source-text.js';
import type { Diagnostic } from './diagnostic.js';

/** Levels of workflow commands: schema-port's `info` is `notice`. */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** Where an annotation points, and its title. */
export interface AnnotationProperties {
  file?: string;
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
}

/** True when running as a GitHub Actions step. */
export function inGitHubActions(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Escapes a command's message, as @actions/core does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command's property value (also `:` and `,`, which delimit properties). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line (with its line break). */
export function annotation(level: AnnotationLevel, message: string, properties: AnnotationProperties = {}): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${level}${props ? ` ${props}` : ''}::${escapeData(message)}\n`;
}

/**
 * A file name as GitHub wants it: relative to the workspace (the repository
 * root), with forward slashes; undefined for standard input.
 */
export function annotationFile(fileName: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  if (fileName === '<stdin>' || fileName === '<input>') return undefined;
  let file = fileName;
  const workspace = env.GITHUB_WORKSPACE;
  if (isAbsolute(file) && workspace) file = relative(workspace, file);
  return file.split(sep).join('/');
}

const LEVELS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * The annotations of the diagnostics: errors always, warnings unless
 * `quiet`, notes (as notices) only when `verbose` — as the pretty format
 * shows them.
 */
export function githubAnnotations(
  items: readonly { diagnostics: readonly Diagnostic[]; source: SourceText }[],
  options: { quiet?: boolean; verbose?: boolean } = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  let out = '';
  for (const { diagnostics, source } of items) {
    for (const d of diagnostics) {
      if (d.severity === 'warning' && options.quiet) continue;
      if (d.severity === 'info' && !options.verbose) continue;
      const props: AnnotationProperties = { file: annotationFile(source.fileName, env) };
      if (d.span) {
        const start = source.positionOf(d.span.start);
        const end = source.positionOf(d.span.end);
        props.line = start.line;
        props.col = start.column;
        // The runner rejects a column range across lines, or one that ends before it starts.
        if (end.line === start.line && end.column > start.column) {
          props.endLine = end.line;
          props.endColumn = end.column;
        }
      }
      props.title = d.code;
      out += annotation(LEVELS[d.severity], `${d.message}\nhint: ${d.hint}`, props);
    }
  }
  return out;
}
