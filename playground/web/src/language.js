// Highlighting of the canvas language for CodeMirror 6: a stream tokenizer
// over the vocabulary of the editor integrations (./vocabulary.js). It
// follows the TextMate grammar's scopes: keywords only where a statement or
// item starts, block names after a block keyword, enumeration values, rule
// codes, money and rates, numbers, strings and comments.
import { StreamLanguage } from '@codemirror/language';
import { vocabulary } from './vocabulary.js';

const header = new Set(vocabulary.header);
const blocks = new Set(vocabulary.blocks);
const statements = new Set(vocabulary.statements);
const values = new Set(vocabulary.values);
const codes = new Set(vocabulary.codes);
const units = new Set(vocabulary.units);

const WORD = /^[\p{L}\p{M}0-9_-]+/u;
const NUMBER = /^\d[\d_]*(?:\.\d[\d_]*)?(?![\p{L}\p{M}0-9_-])/u;
const CURRENCY = /^[A-Z]{3}$/;

export const canvasLanguage = StreamLanguage.define({
  name: 'canvas',
  startState: () => ({ depth: 0, atStatement: true, afterBlock: false, afterPer: false }),
  copyState: (state) => ({ ...state }),
  token(stream, state) {
    if (stream.sol() && !state.continued) state.atStatement = true;
    if (stream.eatSpace()) return null;
    const atStatement = state.atStatement;
    state.continued = false;
    if (stream.peek() === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.eat('"')) {
      let escaped = false;
      let ch;
      while ((ch = stream.next()) != null) {
        if (ch === '"' && !escaped) break;
        escaped = !escaped && ch === '\\';
      }
      state.atStatement = false;
      return 'string';
    }
    if (stream.eat('{')) {
      state.depth += 1;
      state.atStatement = true;
      state.afterBlock = false;
      return 'brace';
    }
    if (stream.eat('}')) {
      state.depth = Math.max(0, state.depth - 1);
      state.atStatement = true;
      return 'brace';
    }
    if (stream.eat(';')) {
      state.atStatement = true;
      return 'punctuation';
    }
    if (stream.eat(',')) {
      // A list goes on after a trailing comma: the next line starts no statement.
      state.continued = stream.match(/^[ \t]*(?:#.*)?$/, false);
      return 'punctuation';
    }
    const number = stream.match(NUMBER);
    if (number) {
      state.atStatement = false;
      return 'number';
    }
    const word = stream.match(WORD);
    if (!word) {
      stream.next();
      return null;
    }
    const text = word[0];
    state.atStatement = false;
    const afterBlock = state.afterBlock;
    const afterPer = state.afterPer;
    state.afterBlock = false;
    state.afterPer = false;
    if (atStatement && state.depth === 0) {
      if (blocks.has(text)) {
        state.afterBlock = true;
        return 'keyword';
      }
      if (header.has(text) || text === 'allow') return 'keyword';
    }
    if (atStatement && state.depth > 0 && statements.has(text)) return 'keyword';
    if (afterBlock) return 'def';
    if (text === 'per') {
      state.afterPer = true;
      return 'unit';
    }
    if (afterPer && units.has(text)) return 'unit';
    if (CURRENCY.test(text)) return 'unit';
    if (codes.has(text)) return 'labelName';
    if (values.has(text)) return 'atom';
    return 'variableName';
  },
  languageData: { commentTokens: { line: '#' } },
});
