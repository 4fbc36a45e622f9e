;; A block's `{ ... }` body folds.

(body) @fold
