#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the examples and the UI tests.
# Usage: fuzz/seed.sh [TARGET...]   (default: every target)
# Files are named by their content's hash, so seeding twice adds nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(check fmt build_outputs diff lsp)
fi
for target in "${targets[@]}"; do
    if [ "$target" = lsp ]; then
        # The lsp target reads protocol streams: one editing session per canvas.
        corpus="$here/corpus/lsp"
        mkdir -p "$corpus"
        find "$root/examples" "$root/tests/ui" -name '*.canvas' -type f -print0 |
            python3 "$here/lsp-sessions.py" "$corpus"
        continue
    fi
    corpus="$here/corpus/$target"
    mkdir -p "$corpus"
    count=0
    while IFS= read -r -d '' file; do
        hash="$(sha1sum "$file" | cut -c1-40)"
        cp "$file" "$corpus/seed-$hash"
        count=$((count + 1))
    done < <(find "$root/examples" "$root/tests/ui" -name '*.canvas' -type f -print0)
    echo "$target: $count seeds in $corpus"
done
