/** Source pattern languages → PostgreSQL's: SQLite GLOB → a POSIX regular expression, JSON paths → key paths. */

/** SQLite GLOB pattern → an anchored POSIX regular expression. */
export function globToRegex(glob: string): string {
  let out = '^';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith('^')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (/[.+(){}|^$\\]/.test(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return `${out}$`;
}

/** `$.a.b[0]` → ['a', 'b', '0']; null when the path uses more than keys and indexes. */
export function jsonPath(path: string): string[] | null {
  const parts: string[] = [];
  const re = /\.("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/y;
  let i = 1;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) return null;
    const key = m[1] !== undefined ? m[1].replace(/^"|"$/g, '') : (m[2] as string);
    if (/[,{}"\\\s]/.test(key)) parts.push(`"${key.replace(/["\\]/g, '\\$&')}"`);
    else parts.push(key);
    i = re.lastIndex;
  }
  return parts;
}
