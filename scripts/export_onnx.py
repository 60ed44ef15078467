#!/usr/bin/env python3
"""Export a dlm checkpoint (either network) to ONNX with the signature of masked-diffusion LM exports.

    input_ids  int64 [batch, L]      token ids; the mask id is q
    logits     float [batch, L, V]   V = q + 1: the q symbols, then the mask id, whose logit is -inf

The ONNX model carries the metadata dlm.mask_id = q, so dlm needs no --mask-id, and dlm.seed (the run's seed, which
split its data); a text model's also carries dlm.text, its characters as a JSON list. With --expected FILE the script also
writes PyTorch's laws (the softmax over the q symbols) on a few fixed masked inputs, for the tests that pin ONNX
Runtime and TorchSharp against PyTorch.

Needs only PyTorch and onnx (Debian 12: apt-get install python3-torch python3-onnx). CI never runs it.

    python3 scripts/export_onnx.py runs/markov model.onnx [--expected expected.json] [--batch-examples 4]
"""
import argparse
import json
import math
import os
import struct

import numpy as np
import onnx
import torch
import torch.nn.functional as F

DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}


def read_safetensors(path):
    """The tensors of a safetensors file, by name (the format: an 8-byte header length, a JSON header, the data)."""
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def load_checkpoint(directory):
    """The run's config.json and the weights of its latest checkpoint."""
    with open(os.path.join(directory, "config.json")) as f:
        config = json.load(f)
    with open(os.path.join(directory, "latest")) as f:
        step = f.read().strip()
    return config, read_safetensors(os.path.join(directory, step, "weights.safetensors"))


class Transformer(torch.nn.Module):
    """dlm's MaskedTransformer: embeddings and positions, pre-norm encoder blocks, a head of q logits."""

    def __init__(self, model, w):
        super().__init__()
        self.w, self.length, self.heads = w, model["Length"], model["Heads"]
        self.layers = model["Layers"]

    def forward(self, input_ids):
        w, length = self.w, self.length
        x = w["tokens.weight"][input_ids] + w["positions"]
        width = w["norm.weight"].shape[0]
        head = width // self.heads
        for i in range(self.layers):
            p = lambda name: w[f"blocks.{i}.{name}"]
            h = F.layer_norm(x, (width,), p("ln1.weight"), p("ln1.bias"))
            qkv = F.linear(h, p("qkv.weight"), p("qkv.bias")).reshape(-1, length, 3, self.heads, head)
            qkv = qkv.permute(2, 0, 3, 1, 4)
            scores = torch.matmul(qkv[0], qkv[1].transpose(-2, -1)) / math.sqrt(head)
            attended = torch.matmul(torch.softmax(scores, dim=-1), qkv[2]).transpose(1, 2).reshape(-1, length, width)
            x = x + F.linear(attended, p("proj.weight"), p("proj.bias"))
            h = F.layer_norm(x, (width,), p("ln2.weight"), p("ln2.bias"))
            x = x + F.linear(F.gelu(F.linear(h, p("fc.weight"), p("fc.bias"))), p("fc_out.weight"), p("fc_out.bias"))
        x = F.layer_norm(x, (width,), w["norm.weight"], w["norm.bias"])
        return F.linear(x, w["head.weight"], w["head.bias"])


class Mlp(torch.nn.Module):
    """dlm's AnyOrderMlp: an embedding of every (position, symbol) pair summed, residual MLP blocks, one head."""

    def __init__(self, model, w):
        super().__init__()
        self.w, self.length, self.alphabet = w, model["Length"], model["Alphabet"]
        self.layers = model["Layers"]
        self.offsets = torch.arange(self.length, dtype=torch.int64) * (self.alphabet + 1)

    def forward(self, input_ids):
        w = self.w
        h = w["pairs.weight"][input_ids + self.offsets].sum(1) + w["bias"]
        width = w["norm.weight"].shape[0]
        for i in range(self.layers):
            p = lambda name: w[f"blocks.{i}.{name}"]
            u = F.layer_norm(h, (width,), p("ln.weight"), p("ln.bias"))
            h = h + F.linear(F.gelu(F.linear(u, p("fc.weight"), p("fc.bias"))), p("fc_out.weight"), p("fc_out.bias"))
        h = F.layer_norm(h, (width,), w["norm.weight"], w["norm.bias"])
        return F.linear(h, w["head.weight"], w["head.bias"]).reshape(-1, self.length, self.alphabet)


class WithMaskColumn(torch.nn.Module):
    """The network's q logits, then a -inf column for the mask id: V = q + 1, as exports of masked LMs have it."""

    def __init__(self, network):
        super().__init__()
        self.network = network

    def forward(self, input_ids):
        logits = self.network(input_ids)
        return torch.cat([logits, logits[..., :1] * 0 - float("inf")], dim=-1)


def build(directory):
    config, weights = load_checkpoint(directory)
    model = config["Model"]
    network = Mlp(model, weights) if model["Architecture"] == "Mlp" else Transformer(model, weights)
    return config, WithMaskColumn(network).eval()


def examples(model, count, seed):
    """Fixed masked inputs: a uniform number of masked positions, uniform positions and symbols."""
    generator = np.random.default_rng(seed)
    length, alphabet = model["Length"], model["Alphabet"]
    rows = []
    for _ in range(count):
        row = generator.integers(0, alphabet, size=length)
        row[generator.permutation(length)[: generator.integers(1, length + 1)]] = alphabet
        rows.append(row.tolist())
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", help="a dlm train directory")
    parser.add_argument("output", help="the .onnx file to write")
    parser.add_argument("--expected", help="also write PyTorch's laws on fixed inputs to this JSON file")
    parser.add_argument("--batch-examples", type=int, default=8, help="how many fixed inputs (default 8)")
    parser.add_argument("--seed", type=int, default=0, help="the seed of the fixed inputs (default 0)")
    args = parser.parse_args()

    config, network = build(args.checkpoint)
    model = config["Model"]
    length, alphabet = model["Length"], model["Alphabet"]
    dummy = torch.full((2, length), alphabet, dtype=torch.int64)
    torch.onnx.export(
        network,
        dummy,
        args.output,
        input_names=["input_ids"],
        output_names=["logits"],
        opset_version=14,
        dynamic_axes={"input_ids": {0: "batch"}, "logits": {0: "batch"}},
    )
    exported = onnx.load(args.output)
    metadata = {"dlm.mask_id": str(alphabet), "dlm.seed": str(config["Options"]["Seed"])}
    if config.get("Text"):
        metadata["dlm.text"] = json.dumps(config["Text"]["Symbols"], ensure_ascii=False)
    for key, value in metadata.items():
        entry = exported.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(exported, args.output)

    if args.expected:
        inputs = examples(model, args.batch_examples, args.seed)
        with torch.no_grad():
            logits = network(torch.tensor(inputs, dtype=torch.int64)).double()
        laws = torch.softmax(logits[..., :alphabet], dim=-1)
        with open(args.expected, "w") as f:
            json.dump({"L": length, "q": alphabet, "inputs": inputs, "laws": laws.tolist()}, f)
            f.write("\n")


if __name__ == "__main__":
    main()
