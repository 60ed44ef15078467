#!/usr/bin/env bash
# Solves the exact designs that baselines/designs/ commits: every (L, K) of the reproduction's panels and of the
# guarantee table up to L = 255, on min, TC and DTC. About 5 minutes on 2 cores; run it after a change to the
# design's mathematics, then review the diff of baselines/bounds.json (dlm bounds --update-baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Cli -c Release --nologo -v q
dlm() { dotnet Cli/bin/Release/net10.0/dlm.dll "$@"; }
mkdir -p baselines/designs
solve() {
  local length=$1 steps=$2
  for objective in min tc dtc; do
    local file="baselines/designs/L$length-K$steps-$objective.json"
    dlm design --exact --objective "$objective" --length "$length" --steps "$steps" --out "$file" > /dev/null
    echo "$file"
  done
}
for steps in 2 4 8; do solve 16 "$steps"; done
for steps in 4 8 16 32; do solve 64 "$steps"; done
for steps in 4 8 16 32 64 128; do solve 255 "$steps"; done
