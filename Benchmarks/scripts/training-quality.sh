#!/usr/bin/env bash
# Learning quality (issue figures): train each panel distribution for at most 5 minutes on the CPU, then
# evaluate the per-token KL to the oracle and, at K = L/2, the teacher-forced total error of every schedule
# against the schedule's exact oracle error. Usage: bash Benchmarks/scripts/training-quality.sh [OUT [SPEC...]]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-out/training-quality}
shift || true
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=("rs:q=7,n=6,k=3" "markov:L=16,q=4,stay=0.8" "dirichlet:L=8,q=3,alpha=0.5,seed=1")
dlm=Cli/bin/Release/net10.0/dlm
mkdir -p "$out"
for spec in "${specs[@]}"; do
  name=$(echo "$spec" | tr ':,=' '___')
  rm -rf "$out/$name"
  "$dlm" train --dist "$spec" --out "$out/$name" --steps "${STEPS:-8000}" --minutes 5 --batch 128 --device cpu --seed 1 ${MODEL_OPTIONS:-} 2>"$out/$name.train.log" | tail -1
  length=$(echo "$spec" | sed -E 's/.*(L|n)=([0-9]+).*/\2/')
  for schedule in fixed cosine linear adaptive-tc adaptive-dtc adaptive-both hedged optimal; do
    "$dlm" evaluate --model "$out/$name" --dist "$spec" --schedule "$schedule" --steps $((length / 2)) --draws 2000 --samples 0 --device cpu --json \
      > "$out/$name.$schedule.json"
  done
  echo "$spec done"
done
