;; A block's `{ ... }` body folds, and so does a scenario's.

(body) @fold

(scenario_body) @fold
