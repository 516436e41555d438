/** `--help` of the command and of every subcommand it lists shows examples; an unknown option of any of them exits 2. */
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, ROOT } from './support/workflow.js';

beforeAll(() => ensureBuilt(), 300_000);

describe('--help', () => {
  it('lists examples for the main command and every subcommand', () => {
    const main = cli(['--help'], ROOT);
    expect(main.status).toBe(0);
    expect(main.stdout).toContain('Examples:');
    const commands = [...(main.stdout.split('Commands:')[1] ?? '').matchAll(/^ {2}([a-z][\w-]*)\b/gm)].map((m) => m[1] ?? '').filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['types', 'check', 'generate', 'explain']));
    for (const command of commands) {
      const help = cli([command, '--help'], ROOT);
      expect(help.status, command).toBe(0);
      expect(help.stdout, `schema-port ${command} --help`).toMatch(/Examples:\n {2}schema-port /);
      // An unknown option is a usage error: exit 2, as for the main command, and nothing on stdout.
      const bogus = cli([command, '--no-such-option'], ROOT);
      expect(bogus.status, `schema-port ${command} --no-such-option`).toBe(2);
      expect(bogus.stderr, command).toContain("unknown option '--no-such-option'");
      expect(bogus.stdout, command).toBe('');
    }
    expect(cli(['--no-such-option'], ROOT).status).toBe(2);
  });
});
