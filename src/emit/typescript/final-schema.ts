/**
 * The schema as it is after the whole script: tables, views and types as
 * created, then changed by the migration steps (ALTER TABLE, DROP) in order.
 * Types describe what a query sees once the script has run.
 */
import type { PgColumn, PgScript, PgTable, PgView } from '../../passes/postgres-model.js';

function key(schema: string | null, name: string): string {
  return `${schema ?? ''}.${name}`;
}

export function finalSchema(script: PgScript): PgScript {
  const created = new Map<PgTable, PgTable>(script.tables.map((t) => [t, { ...t, columns: [...t.columns], primaryKey: [...t.primaryKey] }]));
  const viewQueues = new Map<string, PgView[]>();
  for (const v of script.views) viewQueues.set(key(v.schema, v.name), [...(viewQueues.get(key(v.schema, v.name)) ?? []), v]);

  let tables: PgTable[] = [];
  let views: PgView[] = [];
  const droppedTypes = new Set<string>();
  const listed = new Set<PgTable>();
  const find = (schema: string | null, name: string) => tables.find((t) => t.schema === schema && t.name === name);

  for (const s of script.statements) {
    if (s.table || s.kind === 'table') {
      const source = s.table ?? script.tables.find((t) => !listed.has(t) && s.provides.includes(key(t.schema, t.name).toLowerCase()));
      const table = source ? created.get(source) : undefined;
      if (source && table && !listed.has(source)) {
        listed.add(source);
        tables = tables.filter((t) => !(t.schema === table.schema && t.name === table.name));
        tables.push(table);
      }
    }
    if (s.kind === 'view') {
      const k = s.provides[0];
      const entry = [...viewQueues.entries()].find(([name]) => name.toLowerCase() === k);
      const view = entry?.[1].shift();
      if (view) views = [...views.filter((v) => !(v.schema === view.schema && v.name === view.name)), view];
    }
    const c = s.change;
    if (!c) continue;
    if (c.kind === 'drop') {
      if (c.what === 'TABLE') tables = tables.filter((t) => !(t.schema === c.schema && t.name === c.name));
      else if (c.what === 'VIEW') views = views.filter((v) => !(v.schema === c.schema && v.name === c.name));
      else droppedTypes.add(c.name);
      continue;
    }
    const t = find(c.schema, c.table);
    if (!t) continue;
    switch (c.kind) {
      case 'add-column':
        if (!t.columns.some((col) => col.name === c.column.name)) t.columns.push(c.column);
        break;
      case 'drop-column':
        t.columns = t.columns.filter((col) => col.name !== c.column);
        t.primaryKey = t.primaryKey.filter((p) => p !== c.column);
        break;
      case 'rename-column':
        t.columns = t.columns.map((col): PgColumn => (col.name === c.from ? { ...col, name: c.to } : col));
        t.primaryKey = t.primaryKey.map((p) => (p === c.from ? c.to : p));
        break;
      case 'rename-table':
        t.name = c.to;
        break;
    }
  }
  // Tables and views no statement accounts for (a model built by hand) are kept, in their order.
  for (const t of script.tables) if (!listed.has(t)) tables.push(created.get(t) ?? t);
  for (const queue of viewQueues.values()) views.push(...queue);
  return {
    ...script,
    tables,
    views,
    enums: script.enums.filter((e) => !droppedTypes.has(e.name)),
    composites: script.composites.filter((c) => !droppedTypes.has(c.name)),
  };
}
