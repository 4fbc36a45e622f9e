/**
 * @file Tree-sitter grammar for the canvas language of canvasc (the Business
 * Model Canvas as plain text).
 * @license MIT
 *
 * It follows grammar/canvas.pest and the language reference (§2–3): a file is
 * a list of items (the `canvas` header, blocks, scenarios and top-level `allow` lines)
 * separated by line breaks or `;`; a block has a `{ }` body of statements, one
 * per line or separated by `;`. Line breaks are significant, so they are a
 * token of their own (`_newline`) and only spaces, tabs and comments are
 * extras. Which statements a block takes and which values an enumeration
 * allows are left to canvasc, as in the pest grammar: an unknown statement is
 * still a statement here.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const BLOCK_KINDS = [
  'segment',
  'proposition',
  'relationship',
  'channel',
  'revenue',
  'cost',
  'partner',
  'activity',
  'resource',
];

/**
 * One or more `rule`, separated by `separator`, with separators allowed
 * before, between and after them.
 *
 * @param {RuleOrLiteral} rule
 * @param {RuleOrLiteral} separator
 */
function separated(rule, separator) {
  return seq(
    repeat(separator),
    optional(seq(rule, repeat(seq(repeat1(separator), rule)), repeat(separator))),
  );
}

/**
 * A comma-separated list that may go on over line breaks after a comma.
 *
 * @param {GrammarSymbols<string>} $
 * @param {RuleOrLiteral} rule
 */
function commaList($, rule) {
  return seq(rule, repeat(seq(',', repeat($._newline), rule)));
}

module.exports = grammar({
  name: 'canvas',

  extras: ($) => [/[ \t]/, $.comment],

  word: ($) => $.name,

  rules: {
    source_file: ($) => seq(optional($._bom), separated($._item, $._separator)),

    _bom: (_) => '\uFEFF',

    _item: ($) => choice($.header, $.block, $.scenario, $.allow),

    _separator: ($) => choice($._newline, ';'),

    _newline: (_) => /\r?\n/,

    // canvas "Title" { description "..." }
    header: ($) =>
      seq('canvas', optional(seq(field('title', $.string), optional($._glued))), optional(field('body', $.body))),

    // segment young-women "Young women" { ... }
    // The identifier is required, as canvasc requires it (a block with none
    // is a syntax error there too).
    block: ($) =>
      seq(
        field('kind', $.block_kind),
        field('name', $.name),
        optional($._glued),
        optional(seq(field('label', $.string), optional($._glued))),
        optional(field('body', $.body)),
      ),

    block_kind: (_) => choice(...BLOCK_KINDS),

    // scenario pricier-ads "Ads cost more" { channel ads { cost 90 EUR per new customer } }
    scenario: ($) =>
      seq(
        'scenario',
        optional(seq(field('name', $.name), optional($._glued))),
        optional(seq(field('label', $.string), optional($._glued))),
        field('body', $.scenario_body),
      ),

    // Overrides nest one level: an override's body holds statements only.
    scenario_body: ($) => seq('{', separated($._scenario_entry, $._separator), '}'),

    _scenario_entry: ($) => choice($.override, $.statement, $.allow),

    override: ($) =>
      seq(
        field('kind', $.block_kind),
        optional(seq(field('name', $.name), optional($._glued))),
        optional(seq(field('label', $.string), optional($._glued))),
        optional(field('body', $.body)),
      ),

    // allow unmet-need, no-channel
    allow: ($) => seq('allow', commaList($, field('code', alias($.name, $.code)))),

    body: ($) => seq('{', separated($._statement, $._separator), '}'),

    _statement: ($) => choice($.statement, $.allow),

    // type niche / cost 1.50 EUR per customer per month / expects a, b
    statement: ($) =>
      seq(
        field('keyword', alias($.name, $.keyword)),
        optional($._glued),
        optional(field('arguments', $.arguments)),
      ),

    arguments: ($) => commaList($, $.argument),

    // A run of atoms: `12.50 EUR per customer per month`, `age "18-30"`.
    // canvasc needs a blank between two atoms: `1e5`, `"a"b` and `12EUR` are
    // syntax errors there. Extras hide blanks from the rules, so an atom
    // glued to the one before is lexed as `_glued` (it outranks `name`,
    // `number` and the opening quote when no blank came first), which nothing
    // can follow: the parser reports an error there, as canvasc does.
    argument: ($) => seq(repeat1(choice($.name, $.string, $.number)), optional($._glued)),

    _glued: ($) => seq(token.immediate(prec(10, /[\p{L}0-9"]/)), $._nothing),

    // Never written: NUL is not a character of the language outside strings.
    _nothing: (_) => token.immediate('\u0000'),

    // A letter, then letters, marks, digits, `-` or `_`.
    name: (_) => /[\p{L}][\p{L}\p{M}0-9_-]*/,

    // 120000, 120_000, 12.5, and the percentage 2.5%
    number: (_) => /[0-9][0-9_]*(\.[0-9][0-9_]*)?%?/,

    // A string on one line, with the escapes \" \\ \n \t \u{1F600}.
    string: ($) =>
      seq(
        '"',
        repeat(choice($.string_content, $.escape_sequence)),
        token.immediate('"'),
      ),

    // A carriage return is text unless a line feed follows, as in canvasc: a
    // `\r\n` still ends the run at its `\n`, leaving the string unclosed.
    string_content: (_) => token.immediate(prec(1, /[^"\\\n]+/)),

    // `\u{...}` takes 1 to 6 hex digits naming a Unicode scalar value: at most
    // 10FFFF and no surrogate (D800–DFFF). Any other backslash matches no
    // token, so the parser reports an error there, as canvasc does.
    escape_sequence: (_) =>
      token.immediate(
        prec(
          2,
          seq(
            '\\',
            choice(
              /["\\nt]/,
              seq(
                'u{',
                choice(
                  /[0-9A-Fa-f]{1,3}/,
                  /0?0?([0-9A-Ca-cE-Fe-f][0-9A-Fa-f]{3}|[Dd][0-7][0-9A-Fa-f]{2})/,
                  /0?[1-9A-Fa-f][0-9A-Fa-f]{4}/,
                  /10[0-9A-Fa-f]{4}/,
                ),
                '}',
              ),
            ),
          ),
        ),
      ),

    comment: (_) => token(seq('#', /[^\r\n]*/)),
  },
});
