/** Source text kept as `--` comment lines (for statements that are not translated). */
export function sourceAsComment(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => `-- ${line}`.trimEnd())
    .join('\n');
}
