import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Reads a file, or standard input for `-`. */
export function readInput(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

/**
 * An input file (`-`: standard input) and the name diagnostics give it; null
 * once `report` has been told why it cannot be read (the caller exits 2).
 */
export function readInputFile(
  file: string,
  command = 'schema-port',
  report: (text: string) => void = (text) => void process.stderr.write(text),
): { fileName: string; text: string } | null {
  const fileName = file === '-' ? '<stdin>' : file;
  try {
    return { fileName, text: readInput(file) };
  } catch (error) {
    report(`${command}: cannot read ${fileName}: ${(error as Error).message}\n`);
    return null;
  }
}

/**
 * Writes a file atomically: a temporary file in the same folder, then a
 * rename, so a reader never sees half a file and a killed run leaves the old one.
 */
export function writeAtomic(file: string, content: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content);
    // Test hook: die between write and rename, to prove a killed run leaves the old file (test/workflow-generate.test.ts).
    if (process.env.SCHEMA_PORT_FAULT === 'before-rename') process.kill(process.pid, 'SIGKILL');
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
