// The words of the canvas language, read from the TextMate grammar of the
// VS Code extension: the same lists editors/check-vocabulary.js keeps in step
// with canvasc's sources. esbuild bundles the grammar's JSON at build time,
// so the page's highlighting can never know other words than the editors do.
import grammar from '../../../editors/vscode/syntaxes/canvas.tmLanguage.json';

/** The words of the alternation that follows `opening` in a pattern. */
function alternation(source, opening) {
  const start = source.indexOf(opening);
  if (start < 0) return [];
  const body = source.slice(start + opening.length);
  return body.slice(0, body.indexOf(')')).split('|').filter(Boolean);
}

const repo = grammar.repository;
const wordStart = '(?<![\\p{L}\\p{M}0-9_-])(?:';

export const vocabulary = {
  header: alternation(repo.header.match, '\\s*('),
  blocks: alternation(repo['block-header'].match, '\\s*('),
  statements: [
    ...new Set(
      repo.statement.patterns
        .filter((rule) => rule.beginCaptures && rule.beginCaptures[1].name.startsWith('keyword.'))
        .flatMap((rule) => alternation(rule.begin, '\\s*(')),
    ),
  ],
  values: alternation(repo['enum-value'].match, wordStart),
  codes: alternation(repo.code.match, wordStart),
  units: alternation(repo.amount.patterns[1].match, '[ \\t]+('),
};

// A grammar whose shape changed would silently give an unhighlighted page:
// fail the build (bundle.mjs imports this module) instead.
for (const [what, words] of Object.entries(vocabulary)) {
  if (words.length === 0) throw new Error(`no ${what} found in canvas.tmLanguage.json`);
}
