import type { Expression } from './ast.js';

/**
 * Visits every syntax node below `root` (any object with a string `kind`),
 * depth first, in property order. The tree is plain data, so one generic
 * walker serves every pass that only needs to find nodes.
 */
export function forEachNode(root: unknown, visit: (node: { kind: string; span?: { start: number; end: number } }) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string') visit(record as { kind: string });
    const keys = Object.keys(record);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      if (key !== 'span') stack.push(record[key]);
    }
  }
}

/** All expressions of one kind below `root`. */
export function findAll<K extends Expression['kind']>(root: unknown, kind: K): Extract<Expression, { kind: K }>[] {
  const out: Extract<Expression, { kind: K }>[] = [];
  forEachNode(root, (n) => {
    if (n.kind === kind) out.push(n as Extract<Expression, { kind: K }>);
  });
  return out;
}
