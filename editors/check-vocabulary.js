#!/usr/bin/env node
// Checks that the editor integrations know the language's words: block kinds,
// statement keywords, enumeration values, rate periods and rule codes, as
// canvasc itself lists them in editors/vocabulary.json (generated from its
// statement table, kept current by `cargo test`). Each editor keeps its own copy of the lists, because its
// highlighter needs them at load time; this script fails when a copy is
// missing a word or holds one the language no longer has.
//
//   node editors/check-vocabulary.js      (from the repository root or anywhere)
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const failures = [];
let checks = 0;

/** Compares two sets of words and records what one lacks or has too many. */
function same(what, expected, actual) {
  checks += 1;
  const want = new Set(expected);
  const have = new Set(actual);
  const missing = [...want].filter((word) => !have.has(word));
  const extra = [...have].filter((word) => !want.has(word));
  if (missing.length || extra.length) {
    failures.push(
      `${what}:` +
        (missing.length ? ` missing ${missing.join(', ')};` : '') +
        (extra.length ? ` not in the language: ${extra.join(', ')}` : ''),
    );
  }
}

/** Records a failure unless `ok`. */
function check(what, ok) {
  checks += 1;
  if (!ok) failures.push(what);
}

// --- The language, from editors/vocabulary.json ----------------------------

// canvasc writes the file from its statement table, and `cargo test` fails
// when it is out of date, so this script never reads Rust.
const vocabulary = JSON.parse(read('editors/vocabulary.json'));
const header = [vocabulary.header];
const blocks = vocabulary.blocks;
const statements = [...new Set(Object.values(vocabulary.statements).flat())];
const periods = vocabulary.periods;
const values = [...new Set(Object.values(vocabulary.enumerations).flat())];
const codes = vocabulary.codes;

check('found the block kinds in editors/vocabulary.json', blocks.length === 9 && header[0] === 'canvas');
check('found the statements in editors/vocabulary.json', statements.includes('type') && statements.includes('allow'));
check('found the enumerations in editors/vocabulary.json', values.includes('niche') && periods && periods.includes('month'));
check('found the rule codes in editors/vocabulary.json', codes.includes('syntax') && codes.includes('unmet-need'));

// --- VS Code: the TextMate grammar and the snippets ------------------------

const tm = JSON.parse(read('editors/vscode/syntaxes/canvas.tmLanguage.json'));
// Oniguruma's syntax here is also JavaScript's, with the `u` flag.
const regex = (source) => new RegExp(source, 'u');
/** The words of the alternation that follows `opening` (which ends with `(` or `(?:`) in a pattern. */
function alternation(source, opening) {
  const start = source.indexOf(opening);
  if (start < 0) return [];
  const body = source.slice(start + opening.length);
  return body.slice(0, body.indexOf(')')).split('|');
}
const repo = tm.repository;
same('VS Code grammar: enumeration values', values, alternation(repo['enum-value'].match, '(?<![\\p{L}\\p{M}0-9_-])(?:'));
same('VS Code grammar: rule codes', codes, alternation(repo.code.match, '(?<![\\p{L}\\p{M}0-9_-])(?:'));
same('VS Code grammar: block kinds', blocks, alternation(repo['block-header'].match, '\\s*('));
check('VS Code grammar: `canvas` is the header', regex(repo.header.match).test('canvas "T"'));
const statementRules = repo.statement.patterns.filter((rule) => rule.beginCaptures[1].name.startsWith('keyword.'));
same(
  'VS Code grammar: statement keywords',
  statements,
  statementRules.flatMap((rule) => alternation(rule.begin, '\\s*(')),
);
for (const period of [...periods, 'customer']) {
  check(`VS Code grammar: the rate unit \`per ${period}\``, regex(repo.amount.patterns[1].match).test(`per ${period}`));
}
const snippets = JSON.parse(read('editors/vscode/snippets/canvas.json'));
same(
  'VS Code snippets: one per block kind and allow',
  [...header, ...blocks, 'allow'],
  Object.values(snippets).map((snippet) => snippet.prefix),
);
const choices = Object.values(snippets).flatMap((snippet) =>
  [...snippet.body.join('\n').matchAll(/\$\{\d+\|([^|]*)\|\}/g)].flatMap((m) => m[1].split(',')),
);
const unknownChoices = choices.filter((choice) => !values.includes(choice) && !periods.includes(choice));
check(`VS Code snippets: choices that are no enumeration value: ${unknownChoices.join(', ')}`, unknownChoices.length === 0);

// --- Tree-sitter: grammar.js and the highlight query -----------------------

const grammarJs = read('editors/tree-sitter-canvas/grammar.js');
const kinds = grammarJs.slice(grammarJs.indexOf('BLOCK_KINDS = ['), grammarJs.indexOf('];'));
same('tree-sitter grammar: block kinds', blocks, [...kinds.matchAll(/'([^']+)'/g)].map((m) => m[1]));
const highlights = read('editors/tree-sitter-canvas/queries/highlights.scm');
/** The strings of the first predicate `(#PREDICATE @capture "a" "b" ...)` after `marker`. */
function predicateWords(marker, predicate) {
  const start = highlights.indexOf(marker);
  if (start < 0) return [];
  const from = highlights.indexOf(predicate, start);
  const body = highlights.slice(from + predicate.length, highlights.indexOf(')', from));
  return [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}
same(
  'tree-sitter highlights: statement keywords',
  statements.filter((word) => word !== 'allow'),
  predicateWords('; Statements the language defines', '(#any-of? @keyword'),
);
same('tree-sitter highlights: enumeration values', values, predicateWords('; Enumeration values.', '(#any-of? @constant.builtin'));
same('tree-sitter highlights: rate units', [...periods, 'customer'], predicateWords('; Money and rates', '(#any-of? @type.builtin'));
same(
  'tree-sitter highlights: names that are no reference',
  values,
  predicateWords('; Names in a reference statement', '(#not-any-of? @variable'),
);

// --- Vim: the syntax file --------------------------------------------------

const vim = read('editors/vim/syntax/canvas.vim');
/** The words of `let s:NAME = 'a\|b' . 'c\|d'` in the syntax file. */
function vimList(name) {
  const lines = vim.split('\n');
  const first = lines.findIndex((line) => line.startsWith(`let s:${name} =`));
  if (first < 0) return [];
  let last = first;
  while (/^\s*\\/.test(lines[last + 1])) last += 1; // continuation lines start with a backslash
  const literals = [...lines.slice(first, last + 1).join('\n').matchAll(/'([^']*)'/g)].map((m) => m[1]);
  return literals.join('').split('\\|').filter(Boolean);
}
same('Vim syntax: block kinds', blocks, vimList('blocks'));
same(
  'Vim syntax: statement keywords (attribute and allow have their own items)',
  statements.filter((word) => word !== 'attribute' && word !== 'allow'),
  vimList('statements'),
);
same('Vim syntax: enumeration values', values, vimList('values'));
same('Vim syntax: rule codes', codes, vimList('codes'));
check('Vim syntax: rate units', vim.includes(`per\\s\\+\\%(customer\\|${periods.join('\\|')}\\)`));

// --- Report ----------------------------------------------------------------

for (const failure of failures) console.error(`FAIL ${failure}`);
console.log(`vocabulary: ${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
