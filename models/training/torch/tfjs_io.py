"""
Read and write tfjs layers-models (model.json + weights.bin) as numpy arrays by weight name.

Why by hand: no tensorflowjs/TF on the GPU machine, and the format is simple. The weight
data is the concatenation of every manifest group's shards, in order; inside it each
weight is a raw little-endian float32 array in manifest order. Writing keeps the source
model.json (topology and manifest order) and only rewrites the bytes, so the result loads
exactly where the original did.
"""
from __future__ import annotations

import copy
import json
import os
from typing import Dict

import numpy as np

WEIGHTS_FILE = "weights.bin"


def _manifest(model_json: dict) -> list:
    return [w for group in model_json["weightsManifest"] for w in group["weights"]]


def read_model_json(model_dir: str) -> dict:
    with open(os.path.join(model_dir, "model.json"), "r", encoding="utf-8") as f:
        return json.load(f)


def read_weights(model_dir: str) -> Dict[str, np.ndarray]:
    """All weights of a layers-model, name -> float32 array in tfjs layout."""
    mj = read_model_json(model_dir)
    blobs = []
    for group in mj["weightsManifest"]:
        for p in group["paths"]:
            with open(os.path.join(model_dir, p), "rb") as f:
                blobs.append(f.read())
    data = b"".join(blobs)
    out: Dict[str, np.ndarray] = {}
    offset = 0
    for spec in _manifest(mj):
        if spec.get("dtype", "float32") != "float32" or "quantization" in spec:
            raise ValueError(f"{model_dir}: {spec['name']} is not plain float32")
        shape = tuple(int(s) for s in spec["shape"])
        count = int(np.prod(shape)) if shape else 1
        end = offset + 4 * count
        if end > len(data):
            raise ValueError(f"{model_dir}: weights data truncated at {spec['name']}")
        out[spec["name"]] = np.frombuffer(data, dtype="<f4", count=count, offset=offset).reshape(shape).copy()
        offset = end
    if offset != len(data):
        raise ValueError(f"{model_dir}: {len(data) - offset} trailing bytes after the manifest's weights")
    return out


def write_model(src_dir: str, dst_dir: str, weights: Dict[str, np.ndarray]) -> None:
    """
    Writes dst_dir/model.json (src's topology and manifest, one shard) and dst_dir/weights.bin
    with `weights` in the manifest's order. Every manifest weight must be given with its exact
    shape, and no extra names: a silent partial write would ship a half-old model.
    """
    mj = copy.deepcopy(read_model_json(src_dir))
    specs = _manifest(mj)
    names = [s["name"] for s in specs]
    extra = sorted(set(weights) - set(names))
    missing = [n for n in names if n not in weights]
    if extra or missing:
        raise ValueError(f"weights do not match the manifest: missing {missing}, extra {extra}")
    parts = []
    for spec in specs:
        arr = np.asarray(weights[spec["name"]])
        shape = tuple(int(s) for s in spec["shape"])
        if tuple(arr.shape) != shape:
            raise ValueError(f"{spec['name']}: shape {tuple(arr.shape)} != manifest {shape}")
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{spec['name']}: non-finite values")
        parts.append(np.ascontiguousarray(arr, dtype="<f4").tobytes())
    mj["weightsManifest"] = [{"paths": [WEIGHTS_FILE], "weights": specs}]
    os.makedirs(dst_dir, exist_ok=True)
    text = json.dumps(mj, separators=(",", ":"), ensure_ascii=False)  # JSON.stringify's spacing
    # temp + rename: a killed run never leaves a half-written model behind.
    _write_atomic(os.path.join(dst_dir, WEIGHTS_FILE), b"".join(parts))
    _write_atomic(os.path.join(dst_dir, "model.json"), text.encode("utf-8"))


def _write_atomic(path: str, payload: bytes) -> None:
    with open(path + ".tmp", "wb") as f:
        f.write(payload)
    os.replace(path + ".tmp", path)
