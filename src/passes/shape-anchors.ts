/**
 * One small instance of each class a translation creates, kept for the life
 * of the process, so that consecutive translations in one process (watch
 * mode, `check` over several jobs, the playground, an API user) run the
 * optimized code the previous one warmed up.
 *
 * Why: V8 builds the hidden class ("map") of a class's instances field by
 * field from the constructor's initial map, and holds those maps weakly.
 * When every instance of a class has died — between two translations, once
 * a full garbage collection has run (V8's idle-time memory reducer runs one
 * in a process that waits between translations) — the maps are collected,
 * and V8 discards every optimized function that embedded them ("weak
 * objects" in `--trace-deopt`). The next translation then runs in the
 * interpreter until it warms up again. Measured on 2,000 SQLite tables
 * (`npm run bench`, a full GC before each run): about 150 functions were
 * optimized again on every run and lowering took ~195 ms instead of ~150.
 *
 * An anchor is built through the same constructors as the real instances,
 * so it goes through the same field transitions and keeps the same maps
 * alive. It holds no input: an empty model, an empty source.
 */
import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { ModelBuilder, type FrontEnd } from '../frontends/build-model.js';
import { CommentAttacher } from '../frontends/comments.js';
import type { Dialect } from '../model/schema.js';
import { resolveOptions } from '../options.js';
import { ExpressionTranslator } from './expressions/translate-expression.js';
import { Lowering } from './lowering/lowering.js';

const anchors: object[] = [];

/** Makes the anchors on the first translation (nothing is built at import: a CLI run that only prints help pays nothing). */
export function anchorShapes(frontEnds: Partial<Record<Dialect, FrontEnd>>): void {
  if (anchors.length > 0) return;
  for (const fe of Object.values(frontEnds)) {
    const bag = new DiagnosticBag();
    const options = resolveOptions({ from: fe.dialect });
    const lowering = new Lowering({ dialect: fe.dialect, elements: [] }, fe, options, bag);
    anchors.push(
      bag,
      lowering,
      lowering.query(),
      lowering.resetParameters(null),
      new ExpressionTranslator(lowering.tableContext(undefined, 'default')),
      new CommentAttacher('', []),
      new ModelBuilder('', fe, options, bag),
    );
  }
}
