#!/usr/bin/env bash
# The learning figures of docs/training.md: for each distribution and each budget, `dlm train --minutes M` with no
# other flag (the defaults, on every core), then `dlm evaluate`; one line per run: steps, mean tokens/s, the ELBO
# next to H(X), and the per-token KL to the oracle with its 95% interval. Runs one at a time: a time budget
# measures the machine, so run nothing else beside it.
# Usage: bash Benchmarks/scripts/training-quality.sh [OUT [MINUTES...]]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-out/training-quality}
shift || true
budgets=("$@")
[ ${#budgets[@]} -gt 0 ] || budgets=(5 2 1)
# SPECS="spec spec …" replaces the five distributions of the docs.
specs=("rs:q=7,n=6,k=3" "dirichlet:L=8,q=3,alpha=0.5,seed=1" "markov:L=16,q=4,stay=0.8" "rs:q=8,n=7,k=3"
  "dirichlet:L=8,q=3,alpha=1,seed=7")
[ -z "${SPECS:-}" ] || read -r -a specs <<< "$SPECS"
dlm="dotnet Cli/bin/Release/net10.0/dlm.dll"
mkdir -p "$out"
for minutes in "${budgets[@]}"; do
  for spec in "${specs[@]}"; do
    run="$out/$(echo "$spec" | tr ':,=' '___')-$minutes"
    rm -rf "$run"
    $dlm train --dist "$spec" --out "$run" --minutes "$minutes" > "$run.log" 2>&1
    $dlm evaluate --model "$run" --dist "$spec" --draws 2000 --samples 500 --json > "$run.json"
    steps=$(tail -n +2 "$run/metrics.csv" | wc -l)
    rate=$(tail -n +2 "$run/metrics.csv" | awk -F, '{ s += $5; n++ } END { printf "%.0f", s / n }')
    echo "$spec, $minutes min: $steps steps, $rate tokens/s, $(jq -c '{elbo: .elbo.mean, H: .entropy,
      kl: .predictor_kl_per_token.mean, lower: .predictor_kl_per_token.lower, upper: .predictor_kl_per_token.upper}' "$run.json")"
  done
done
