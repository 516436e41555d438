// Compiles grammars/*.peggy into src/syntax/generated/*.ts (not committed).
// The output is plain JavaScript behind `// @ts-nocheck`; src/syntax/parse.ts gives it types.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import peggy from 'peggy';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/syntax/generated');
mkdirSync(outDir, { recursive: true });

const grammarFile = join(root, 'grammars/sql.peggy');
const source = peggy.generate(readFileSync(grammarFile, 'utf8'), {
  output: 'source',
  format: 'es',
  grammarSource: 'grammars/sql.peggy',
  allowedStartRules: ['Script', 'ScriptItem', 'Expr'],
});

/**
 * Two hot paths of the generated parser, rewritten (each must match exactly
 * once per site, or the build fails rather than silently skip it):
 *
 * - `_` (whitespace and comments) runs before nearly every token, and again
 *   at the same position after every failed alternative. Peggy's code builds
 *   an array per character; here it is a loop over char codes that remembers
 *   where the last run ended, so a long comment or run of spaces is scanned
 *   once, not once per alternative (a 100 KB comment cost seconds).
 * - A keyword (`"CREATE"i`) was matched by slicing the input and lower-casing
 *   the slice: two strings per attempt, and parsing tries many keywords at
 *   each position. Compared char by char (ASCII letters only, as SQLite and
 *   DuckDB do: the KELVIN SIGN no longer reads as a K).
 *
 * Both keep the grammar's meaning: the same input matches, with the same
 * result, the same comments recorded and the same error positions.
 */
function optimize(code) {
  const fail = (what) => {
    throw new Error(`build-grammars: the generated parser changed shape (${what}); update optimize() in scripts/build-grammars.mjs`);
  };

  const start = code.indexOf('  function peg$parse_() {');
  const end = code.indexOf('\n  }\n', start);
  if (start === -1 || end === -1 || code.indexOf('  function peg$parse_() {', start + 1) !== -1) fail('rule _');
  const original = code.slice(start, end);
  // The rule as written in grammars/sql.peggy: ([ \t\r\n\f\uFEFF]+ / Comment)*, silent.
  if (!original.includes('peg$parseComment()') || !original.includes('peg$silentFails++')) fail('rule _ body');
  const whitespace = `  // Hand-written by scripts/build-grammars.mjs: ([ \\t\\r\\n\\f\\uFEFF]+ / Comment)*
  let peg$wsFrom = -1;
  let peg$wsTo = -1;
  const peg$wsResult = Object.freeze([]);
  function peg$parse_() {
    if (peg$currPos === peg$wsFrom) {
      peg$currPos = peg$wsTo;
      return peg$wsResult;
    }
    const from = peg$currPos;
    peg$silentFails++;
    for (;;) {
      const c = input.charCodeAt(peg$currPos);
      if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xfeff) peg$currPos++;
      else if ((c === 45 || c === 47) && peg$parseComment() !== peg$FAILED) continue;
      else break;
    }
    peg$silentFails--;
    peg$wsFrom = from;
    peg$wsTo = peg$currPos;
    return peg$wsResult;`;
  code = code.slice(0, start) + whitespace + code.slice(end);

  let keywords = 0;
  code = code.replace(
    /(s\d+) = input\.substr\(peg\$currPos, (\d+)\);\n(\s*)if \(\1\.toLowerCase\(\) === (peg\$c\d+)\) \{/g,
    (_, variable, length, indent, constant) => {
      keywords++;
      return `${variable} = peg$matchKeyword(${constant}, ${length});\n${indent}if (${variable} !== peg$FAILED) {`;
    },
  );
  if (keywords === 0 || code.includes('.toLowerCase() === peg$c')) fail('case-insensitive literals');
  for (const [, text] of code.matchAll(/const peg\$c\d+ = ("(?:[^"\\]|\\.)*");/g)) {
    if ([...JSON.parse(text)].some((ch) => ch.charCodeAt(0) > 0x7f)) fail('a non-ASCII literal');
  }
  const anchor = '  function peg$parse_() {';
  code = code.replace(
    '  // Hand-written by scripts/build-grammars.mjs',
    `  // Hand-written by scripts/build-grammars.mjs: a case-insensitive literal (\`lower\` is lower case).
  function peg$matchKeyword(lower, length) {
    if (peg$currPos + length > input.length) return peg$FAILED;
    for (let i = 0; i < length; i++) {
      let c = input.charCodeAt(peg$currPos + i);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== lower.charCodeAt(i)) return peg$FAILED;
    }
    return input.substr(peg$currPos, length);
  }

  // Hand-written by scripts/build-grammars.mjs`,
  );
  if (!code.includes(anchor) || !code.includes('function peg$matchKeyword')) fail('helpers');

  // The first pass of src/syntax/parse.ts sets peg$silentFails (no expectations recorded).
  if (!code.includes('let peg$silentFails = options.peg$silentFails | 0;')) fail('options.peg$silentFails');

  // IdentStart and IdentPart, tested before nearly every word and after every letter of one: char codes, not a regex on a one-char string.
  const classes = {
    IdentStart: ['^[A-Za-z_\\x80-\\uFFFF]', '(c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80'],
    IdentPart: ['^[A-Za-z0-9_$\\x80-\\uFFFF]', '(c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 0x80'],
  };
  for (const [rule, [regex, test]] of Object.entries(classes)) {
    const pattern = new RegExp(`(  function peg\\$parse${rule}\\(\\) \\{\\n    let s0;\\n\\n    s0 = input\\.charAt\\(peg\\$currPos\\);\\n    )if \\((peg\\$r\\d+)\\.test\\(s0\\)\\) \\{`);
    const match = pattern.exec(code);
    if (!match || !code.includes(`const ${match[2]} = /${regex}/;`)) fail(`rule ${rule}`);
    code = code.replace(pattern, `$1const c = input.charCodeAt(peg$currPos);\n    if (${test}) {`);
  }

  // $(IdentStart IdentPart*) (a word, as text): Peggy collects every letter into an array that $ throws away.
  const starts = code.split('peg$parseIdentStart();').length - 1;
  let words = 0;
  code = code.replace(
    /(s\d+) = peg\$parseIdentStart\(\);\n(\s*)if \(\1 !== peg\$FAILED\) \{\n\s*(s\d+) = \[\];\n\s*(s\d+) = peg\$parseIdentPart\(\);\n\s*while \(\4 !== peg\$FAILED\) \{\n\s*\3\.push\(\4\);\n\s*\4 = peg\$parseIdentPart\(\);\n\s*\}\n\s*\1 = \[\1, \3\];\n\s*(s\d+) = \1;\n(\s*\} else \{\n\s*peg\$currPos = \5;\n\s*\5 = peg\$FAILED;\n\s*\}\n\s*if \(\5 !== peg\$FAILED\) \{\n\s*s\d+ = input\.substring\()/g,
    (_, start, indent, _list, _part, seq, rest) => {
      words++;
      return `${start} = peg$parseIdentStart();\n${indent}if (${start} !== peg$FAILED) {\n${indent}  while (peg$parseIdentPart() !== peg$FAILED);\n${indent}  ${seq} = ${start};\n${rest}`;
    },
  );
  if (words === 0 || words !== starts) fail(`$(IdentStart IdentPart*): ${words} of ${starts} sites`);

  // sp() (every node's span) read range(), an object made to be copied: the span is made directly.
  const span = '  function sp() { const r = range(); return { start: r.start, end: r.end }; }';
  if (code.split(span).length !== 2 || !code.includes('      start: peg$savedPos,\n      end: peg$currPos,\n')) fail('sp()');
  code = code.replace(span, '  function sp() { return { start: peg$savedPos, end: peg$currPos }; }');

  return reusable(stringLiteral(comment(code, fail), fail), fail);
}

/**
 * A named rule's generated function, for the rewrites below: where it is, its
 * text, the constants it uses (`constant('peg$c3')` → the literal's source),
 * its actions on the matched body (in order) and the expectation it reports
 * when it fails (a named rule reports only its own).
 */
function namedRule(code, rule, fail) {
  const start = code.indexOf(`  function peg$parse${rule}() {`);
  const end = code.indexOf('\n  }\n', start);
  if (start === -1 || end === -1) fail(`rule ${rule}`);
  const original = code.slice(start, end);
  const constant = (name) => new RegExp(`const ${name.replace('$', '\\$')} = (.*);`).exec(code)?.[1];
  const actions = [...original.matchAll(/peg\$savedPos = s0;\n\s*s0 = (peg\$f\d+)\(s2\);/g)].map((m) => m[1]);
  const expectation = /peg\$silentFails--;\n\s*if \(s0 === peg\$FAILED\) \{\n\s*s1 = peg\$FAILED;\n\s*if \(peg\$silentFails === 0\) \{ peg\$fail\((peg\$e\d+)\); \}\n\s*\}\n\n\s*return s0;$/.exec(original)?.[1];
  return { start, end, original, constant, actions, expectation };
}

/**
 * Comment (`--` to the end of the line, or a slash-star block): Peggy
 * collects every character of the body into arrays that $ throws away. It
 * is a named rule, so nothing inside it reports an expectation: the body is
 * found with indexOf, the same actions run on the same text, and a failure
 * reports the rule's own expectation, as before.
 */
function comment(code, fail) {
  const { start, end, original, constant, actions, expectation } = namedRule(code, 'Comment', fail);
  const literals = [...original.matchAll(/input\.substr\(peg\$currPos, 2\) === (peg\$c\d+)/g)].map((m) => constant(m[1]));
  const lineClass = /(peg\$r\d+)\.test\(s4\)/.exec(original)?.[1];
  if (literals.join(' ') !== '"--" "/*" "*/" "*/" "*/"') fail(`rule Comment literals ${literals.join(' ')}`);
  if (!lineClass || constant(lineClass) !== '/^[^\\n]/') fail('rule Comment line class');
  if (actions.length !== 2 || !expectation) fail('rule Comment actions');
  if (!original.startsWith('  function peg$parseComment() {\n    let s0, s1, s2, s3, s4, s5, s6;\n\n    peg$silentFails++;\n')) fail('rule Comment start');
  const [lineAction, blockAction] = actions;
  const written = `  // Hand-written by scripts/build-grammars.mjs: "--" $[^\\n]* / "/*" $(!"*/" .)* "*/"
  function peg$parseComment() {
    let s0 = peg$FAILED;
    const from = peg$currPos;
    const first = input.charCodeAt(from);
    if (first === 45 && input.charCodeAt(from + 1) === 45) {
      let to = input.indexOf('\\n', from + 2);
      if (to === -1) to = input.length;
      peg$currPos = to;
      peg$savedPos = from;
      s0 = ${lineAction}(input.substring(from + 2, to));
    } else if (first === 47 && input.charCodeAt(from + 1) === 42) {
      const to = input.indexOf('*/', from + 2);
      if (to !== -1) {
        peg$currPos = to + 2;
        peg$savedPos = from;
        s0 = ${blockAction}(input.substring(from + 2, to));
      }
    }
    if (s0 === peg$FAILED && peg$silentFails === 0) peg$fail(${expectation});
    return s0;`;
  return code.slice(0, start) + written + code.slice(end);
}

/**
 * StringLiteral ('…', a quote doubled inside): a named rule too, so the
 * closing quote is found with indexOf instead of collecting every character
 * into arrays that $ throws away.
 */
function stringLiteral(code, fail) {
  const { start, end, original, constant, actions, expectation } = namedRule(code, 'StringLiteral', fail);
  const pair = /input\.substr\(peg\$currPos, 2\) === (peg\$c\d+)/.exec(original)?.[1];
  const other = /(peg\$r\d+)\.test\(s4\)/.exec(original)?.[1];
  if (!pair || constant(pair) !== `"''"` || !other || constant(other) !== "/^[^']/" || actions.length !== 1 || !expectation) fail('rule StringLiteral body');
  if (original.split('input.charCodeAt(peg$currPos) === 39').length !== 3) fail('rule StringLiteral quotes');
  if (!original.startsWith('  function peg$parseStringLiteral() {\n    let s0, s1, s2, s3, s4;\n\n    peg$silentFails++;\n')) fail('rule StringLiteral start');
  const written = `  // Hand-written by scripts/build-grammars.mjs: "'" $("''" / [^'])* "'"
  function peg$parseStringLiteral() {
    const from = peg$currPos;
    if (input.charCodeAt(from) === 39) {
      let quote = input.indexOf("'", from + 1);
      while (quote !== -1 && input.charCodeAt(quote + 1) === 39) quote = input.indexOf("'", quote + 2);
      if (quote !== -1) {
        peg$currPos = quote + 1;
        peg$savedPos = from;
        return ${actions[0]}(input.substring(from + 1, quote));
      }
    }
    if (peg$silentFails === 0) peg$fail(${expectation});
    return peg$FAILED;`;
  return code.slice(0, start) + written + code.slice(end);
}

/**
 * Peggy declares every rule function inside `peg$parse(input, options)`, so
 * each parse makes some 1,500 new closures. V8's optimized code for a rule
 * calls the previous parse's closures directly: on the next parse every rule
 * deoptimizes ("wrong call target") and is optimized again, and a warm
 * parse cost three times what it should (2,000 tables: 400 ms instead of
 * 130). Here the closures are made once, with the module: `peg$parse` is the
 * same function with the same signature, and it resets the parse state
 * (positions, expectations, the whitespace memo, the grammar's per-parse
 * initializer) before each run and drops the input after it. The parser is
 * not re-entrant, which it never was asked to be: actions do not parse.
 *
 * One option is added: `partial` (with Peggy's `peg$currPos`, where to start)
 * lets the start rule end before the input does and returns `{ value, end }`:
 * src/syntax/parse.ts reads a script one ScriptItem at a time with it.
 */
function reusable(code, fail) {
  const header = 'function peg$parse(input, options) {\n  options = options !== undefined ? options : {};\n';
  if (code.split(header).length !== 2) fail('peg$parse header');
  code = code.replace(header, 'function peg$createParser() {\n  let input;\n  let options;\n');

  const replaceOnce = (from, to, what) => {
    if (code.split(from).length !== 2) fail(what);
    code = code.replace(from, to);
  };
  replaceOnce('  const peg$source = options.grammarSource;\n', '  let peg$source;\n', 'peg$source');
  replaceOnce('  let peg$startRuleFunction = peg$parseScript;\n', '  let peg$startRuleFunction;\n', 'peg$startRuleFunction');
  const state = `  let peg$currPos = options.peg$currPos | 0;
  let peg$savedPos = peg$currPos;
  const peg$posDetailsCache = [{ line: 1, column: 1 }];
  let peg$maxFailPos = peg$currPos;
  let peg$maxFailExpected = options.peg$maxFailExpected || [];
  let peg$silentFails = options.peg$silentFails | 0;

  let peg$result;

  if (options.startRule) {
    if (!(options.startRule in peg$startRuleFunctions)) {
      throw new Error("Can't start parsing from rule \\"" + options.startRule + "\\".");
    }

    peg$startRuleFunction = peg$startRuleFunctions[options.startRule];
  }
`;
  replaceOnce(state, '  let peg$currPos, peg$savedPos, peg$posDetailsCache, peg$maxFailPos, peg$maxFailExpected, peg$silentFails, peg$result;\n', 'parse state');

  // The grammar's per-parse initializer: its constants become variables set at the start of each parse.
  const run = '\n  peg$result = peg$startRuleFunction();\n';
  const runAt = code.indexOf(run);
  const initAt = code.lastIndexOf('\n  }\n\n', runAt);
  if (runAt === -1 || initAt === -1 || code.indexOf(run, runAt + 1) !== -1) fail('start rule call');
  const initializer = code.slice(initAt + 4, runAt).split('\n');
  const perParse = [];
  const kept = initializer.map((line) => {
    const constant = /^ {2}const ([A-Za-z_$][\w$]*) = (.*);$/.exec(line);
    if (constant) {
      perParse.push(`    ${constant[1]} = ${constant[2]};`);
      return `  let ${constant[1]};`;
    }
    if (line === '' || /^ {2}function [A-Za-z_$][\w$]*\(.*\) \{.*\}$/.test(line)) return line;
    return fail(`per-parse initializer line ${JSON.stringify(line)}`);
  });
  const end = code.indexOf('\n}\n', runAt);
  if (end === -1) fail('end of peg$parse');
  const tail = code.slice(runAt + 1, end).split('\n').map((line) => (line === '' ? line : `  ${line}`)).join('\n');
  const parse = `
  return function peg$parse(input_, options_) {
    input = input_;
    options = options_ !== undefined ? options_ : {};
    // Peggy's own test hook returns a closure over this parse's state, which ends with the call here.
    if (options.peg$library) throw new Error('peg$library is not supported by this parser');
    peg$source = options.grammarSource;
    peg$startRuleFunction = peg$parseScript;
    if (options.startRule) {
      if (!(options.startRule in peg$startRuleFunctions)) {
        throw new Error("Can't start parsing from rule \\"" + options.startRule + "\\".");
      }
      peg$startRuleFunction = peg$startRuleFunctions[options.startRule];
    }
    peg$currPos = options.peg$currPos | 0;
    peg$savedPos = peg$currPos;
    peg$posDetailsCache = [{ line: 1, column: 1 }];
    peg$maxFailPos = peg$currPos;
    peg$maxFailExpected = options.peg$maxFailExpected || [];
    peg$silentFails = options.peg$silentFails | 0;
    peg$result = undefined;
    peg$wsFrom = -1;
    peg$wsTo = -1;
${perParse.join('\n')}
    try {
      peg$result = peg$startRuleFunction();
      // \`partial\`: the start rule may end before the input does; the result comes with where it ended.
      if (options.partial && peg$result !== peg$FAILED) return { value: peg$result, end: peg$currPos };
${tail.replace(/^ *peg\$result = peg\$startRuleFunction\(\);\n\n/, '').split('\n').map((line) => (line === '' ? line : `  ${line}`)).join('\n')}
    } finally {
      // Nothing of this parse stays reachable from the parser.
      input = undefined;
      options = undefined;
      peg$posDetailsCache = undefined;
      peg$maxFailExpected = undefined;
      peg$result = undefined;
${perParse.map((line) => line.replace(/ = .*;$/, ' = undefined;')).join('\n').replace(/^ {4}/gm, '      ')}
    }
  };
}

const peg$parse = peg$createParser();
`;
  code = code.slice(0, initAt + 4) + kept.join('\n') + parse + code.slice(end + 3);
  if (!code.includes('let peg$wsFrom = -1;')) fail('whitespace memo');
  return code;
}

writeFileSync(
  join(outDir, 'sql-parser.ts'),
  `// @ts-nocheck\n// Generated from grammars/sql.peggy by scripts/build-grammars.mjs. Do not edit.\n${optimize(source)}`,
);
console.log('grammar: src/syntax/generated/sql-parser.ts');
