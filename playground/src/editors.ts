/**
 * CodeMirror 6 editors: the source (SQLite or DuckDB SQL, editable, with
 * lint markers) and the read-only outputs (PostgreSQL, TypeScript, Mermaid).
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { PostgreSQL, SQLite, StandardSQL, sql } from '@codemirror/lang-sql';
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';

export type { CmDiagnostic };

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace', lineHeight: '1.45' },
  '.cm-content': { padding: '6px 0' },
  '.cm-gutters': { backgroundColor: '#f6f7f9', borderRight: '1px solid #e3e5e8', color: '#8a9099' },
  '.cm-diagnosticText code': { fontWeight: '600' },
  '.cm-diagnostic .sp-hint': { display: 'block', color: '#555d66', marginTop: '2px' },
});

function common(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    foldGutter(),
    drawSelection(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    highlightSelectionMatches(),
    keymap.of([...defaultKeymap, ...searchKeymap, ...lintKeymap]),
    theme,
  ];
}

export interface SourceEditor {
  view: EditorView;
  setDialect(dialect: 'sqlite' | 'duckdb'): void;
  setText(text: string): void;
  setDiagnostics(diagnostics: CmDiagnostic[]): void;
}

export function sourceEditor(parent: HTMLElement, text: string, onChange: () => void): SourceEditor {
  const language = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        ...common(),
        history(),
        indentOnInput(),
        rectangularSelection(),
        crosshairCursor(),
        highlightActiveLine(),
        lintGutter(),
        keymap.of([...historyKeymap, indentWithTab]),
        language.of(sql({ dialect: SQLite, upperCaseKeywords: true })),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange();
        }),
        EditorView.contentAttributes.of({ 'aria-label': 'Source schema (SQLite or DuckDB)' }),
      ],
    }),
  });
  let current: 'sqlite' | 'duckdb' = 'sqlite';
  return {
    view,
    setDialect(dialect) {
      if (dialect === current) return; // reconfiguring re-parses the whole document
      current = dialect;
      view.dispatch({ effects: language.reconfigure(sql({ dialect: dialect === 'duckdb' ? StandardSQL : SQLite, upperCaseKeywords: true })) });
    },
    setText(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    setDiagnostics(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
  };
}

export interface OutputEditor {
  view: EditorView;
  readonly text: string;
  setText(text: string): void;
  setDiagnostics(diagnostics: CmDiagnostic[]): void;
}

export function outputEditor(parent: HTMLElement, kind: 'postgres' | 'typescript' | 'text', label: string): OutputEditor {
  const lang = kind === 'postgres' ? [sql({ dialect: PostgreSQL })] : kind === 'typescript' ? [javascript({ typescript: true })] : [];
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        ...common(),
        ...lang,
        lintGutter(),
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
      ],
    }),
  });
  return {
    view,
    get text() {
      return view.state.doc.toString();
    },
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setDiagnostics(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
  };
}
