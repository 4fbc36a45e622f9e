#!/usr/bin/env bash
# Writes queries/helix/highlights.scm from queries/highlights.scm: Helix names
# three captures differently (numbers, escapes, properties); the rest falls
# back the same way (`@keyword.type` to `keyword`, `@type.definition` to `type`).
#
#   bash helix-queries.sh [OUT]    (OUT defaults to queries/helix/highlights.scm)
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-queries/helix/highlights.scm}
mkdir -p "$(dirname "$out")"
{
  echo ';; Generated from ../highlights.scm by helix-queries.sh, with the capture'
  echo ';; names of Helix. Do not edit: edit ../highlights.scm and run the script.'
  echo
  sed -e 's/@number\b/@constant.numeric/g' \
    -e 's/@string\.escape\b/@constant.character.escape/g' \
    -e 's/@property\b/@variable.other.member/g' \
    queries/highlights.scm
} >"$out"
