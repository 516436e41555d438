/**
 * Diagnostics as a SARIF 2.1.0 log, the format GitHub code scanning (and
 * other code-review tools) accept: one run, one rule per diagnostic code that
 * occurs, one result per diagnostic with its file and region.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceText } from '../source/source-text.js';
import { DIAGNOSTICS, type DiagnosticCode, type Severity } from './codes.js';
import type { Diagnostic } from './diagnostic.js';

/** The parts of a SARIF 2.1.0 log schema-port writes (see the OASIS specification for the rest). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

/** One run of one tool: its rules and results. */
export interface SarifRun {
  tool: { driver: { name: string; version?: string; informationUri?: string; rules: SarifRule[] } };
  originalUriBaseIds?: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}

/** A diagnostic code as a SARIF rule (`schema-port explain CODE` has the same text). */
export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
}

/** SARIF's levels: schema-port's `info` is `note`. */
export type SarifLevel = 'error' | 'warning' | 'note';

/** One diagnostic: its rule, level, message and where. */
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
  }[];
}

/** Options of `toSarif`. */
export interface SarifOptions {
  /** schema-port's version for `tool.driver.version` (default: read from package.json). */
  toolVersion?: string;
  /**
   * The folder relative file names are relative to, recorded as `%SRCROOT%`
   * (default: the current folder). Code scanning resolves them against the
   * repository root, so run schema-port there.
   */
  baseDir?: string;
}

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

function packageVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
    return pkg.name === 'schema-port' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** A message template with its placeholders elided: `{0} is …` → `… is …`. */
function template(text: string): string {
  return text.replace(/\{\d+\}/g, '…');
}

function rule(code: DiagnosticCode): SarifRule {
  const def = DIAGNOSTICS[code];
  return {
    id: code,
    shortDescription: { text: template(def.message) },
    fullDescription: { text: def.explanation },
    help: { text: `${def.explanation}\n\nRun \`schema-port explain ${code}\` for this text in a terminal.` },
    defaultConfiguration: { level: LEVELS[def.severity] },
  };
}

/** A file name as a SARIF URI: relative ones against `%SRCROOT%`, absolute ones as file: URLs. */
function artifactLocation(fileName: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(fileName)) return { uri: pathToFileURL(fileName).href };
  // Segment by segment: `#` and `?` in a file name must not start a fragment or a query.
  const uri = fileName.split(sep === '\\' ? /[\\/]/ : '/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

function location(d: Diagnostic, source: SourceText): SarifResult['locations'][number] {
  const artifact = artifactLocation(source.fileName);
  if (!d.span) return { physicalLocation: { artifactLocation: artifact, region: { startLine: 1 } } };
  const start = source.positionOf(d.span.start);
  const end = source.positionOf(d.span.end);
  const region: SarifResult['locations'][number]['physicalLocation']['region'] = { startLine: start.line, startColumn: start.column };
  if (d.span.end > d.span.start) {
    region.endLine = end.line;
    region.endColumn = end.column;
  }
  return { physicalLocation: { artifactLocation: artifact, region } };
}

/** The SARIF 2.1.0 log of the diagnostics of one or more inputs. */
export function toSarif(items: readonly { diagnostics: readonly Diagnostic[]; source: SourceText }[], options: SarifOptions = {}): SarifLog {
  const codes = [...new Set(items.flatMap(({ diagnostics }) => diagnostics.map((d) => d.code)))].sort();
  const index = new Map(codes.map((code, i) => [code, i]));
  const results: SarifResult[] = items.flatMap(({ diagnostics, source }) =>
    diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: index.get(d.code) ?? 0,
      level: LEVELS[d.severity],
      message: { text: `${d.message}\nhint: ${d.hint}` },
      locations: [location(d, source)],
    })),
  );
  const version = options.toolVersion ?? packageVersion();
  const baseDir = options.baseDir ?? process.cwd();
  const baseUri = pathToFileURL(baseDir.endsWith('/') ? baseDir : `${baseDir}/`).href;
  return {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'schema-port', ...(version ? { version } : {}), rules: codes.map(rule) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: baseUri } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
