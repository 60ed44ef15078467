#!/usr/bin/env bash
# Runs `dlm reproduce --full` as a Slurm job array of N shards, then merges them in a job that waits for all of them.
# Submit from the repository root, after `dotnet build Cli -c Release`:
#   sbatch --array=0-7 scripts/slurm-reproduce.sh            # 8 shards
#   sbatch --dependency=afterok:<array job id> --wrap "dotnet Cli/bin/Release/net10.0/dlm.dll merge shards/* --out out/reproduce"
# Every shard needs the same --seed and preset; the seeds of the cells make the shards independent (docs/cluster.md).
#SBATCH --job-name=dlm-reproduce
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=00:30:00
#SBATCH --output=shards/slurm-%A_%a.out
set -euo pipefail
shards=${SLURM_ARRAY_TASK_COUNT:?submit with sbatch --array=0-(N-1)}
index=${SLURM_ARRAY_TASK_ID:?submit with sbatch --array=0-(N-1)}
seed=${DLM_SEED:-0}
mkdir -p shards
dotnet Cli/bin/Release/net10.0/dlm.dll reproduce --full --seed "$seed" --shard "$index/$shards" --out "shards/$index"
