#!/usr/bin/env bash
# Regenerates IntegrationTests/Fixtures: two small dlm checkpoints trained on markov:L=8,q=3,stay=0.8 (the any-order MLP
# and the transformer), their ONNX exports (scripts/export_onnx.py) and PyTorch's laws on fixed inputs. Needs the .NET
# SDK and Debian's python3-torch and python3-onnx; CI only reads the committed files.
set -euo pipefail
cd "$(dirname "$0")/.."
out=IntegrationTests/Fixtures
dlm="dotnet run --project Cli -c Release --"
export OMP_NUM_THREADS=1
rm -rf "$out" && mkdir -p "$out"
common="--dist markov:L=8,q=3,stay=0.8 --d-model 32 --train-steps 1500 --checkpoint-every 1500 --device cpu"
$dlm train $common --arch mlp --out "$out/markov-mlp"
$dlm train $common --arch transformer --heads 2 --mlp-ratio 2 --out "$out/markov-transformer"
for net in mlp transformer; do
  rm -f "$out/markov-$net/curve.png" "$out/markov-$net/metrics.csv" "$out/markov-$net/validation.csv"
  /usr/bin/python3 scripts/export_onnx.py "$out/markov-$net" "$out/markov-$net.onnx" \
    --expected "$out/markov-$net.expected.json"
done
# A model of the wrong rank, for the test of that error: input_ids int64 [batch] → logits float [batch].
/usr/bin/python3 - "$out/wrong-rank.onnx" <<'PY'
import sys
import onnx
from onnx import TensorProto, helper

graph = helper.make_graph(
    [helper.make_node("Cast", ["input_ids"], ["logits"], to=TensorProto.FLOAT)],
    "wrong_rank",
    [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch"])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch"])],
)
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)]), sys.argv[1])
PY
