"""
Fashion-MNIST as in models/training/data.ts (28x28 padded by 2 to 32x32 with background 0,
scaled to [-1, 1]), and the bench's PSNR (bench/latent.ts meanQuality ->
main/engine/ops/latent/invert-job.ts domainQuality), replicated bit for bit in spirit:
values -> 8-bit grey with round-half-up (JS Math.round), PSNR on all 32x32 pixels with
peak 255, capped at 99 (domainQuality) and then 60 (meanQuality), averaged over images.
"""
from __future__ import annotations

import gzip
import os
import struct
from typing import Optional

import numpy as np

SYSTEM_DIR = "/usr/share/datasets/fashion-mnist"
# Where device-run.sh's carried copy lives (the GPU machine has no Debian dataset package).
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DEVDATA_DIR = os.path.join(REPO_ROOT, ".devdata")
SIDE = 32
PAD = 2


def data_dir(explicit: Optional[str] = None) -> str:
    for d in ([explicit] if explicit else []) + [SYSTEM_DIR, DEVDATA_DIR]:
        if d and os.path.exists(os.path.join(d, "t10k-images-idx3-ubyte.gz")):
            return d
    raise FileNotFoundError(f"Fashion-MNIST idx.gz files not found in {explicit or ''} {SYSTEM_DIR} {DEVDATA_DIR}")


def _idx(path: str) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        buf = f.read()
    magic = struct.unpack(">I", buf[:4])[0]
    rank = magic & 0xFF
    if magic >> 8 != 0x08 or not 1 <= rank <= 3:
        raise ValueError(f"{path}: not an unsigned-byte idx file")
    dims = struct.unpack(">" + "I" * rank, buf[4:4 + 4 * rank])
    return np.frombuffer(buf, dtype=np.uint8, offset=4 + 4 * rank, count=int(np.prod(dims))).reshape(dims)


def load_pixels(split: str, directory: Optional[str] = None, limit: Optional[int] = None) -> np.ndarray:
    """uint8 [N, 32, 32], 0 = background, as data.ts's loadFashion."""
    images = _idx(os.path.join(data_dir(directory), f"{split}-images-idx3-ubyte.gz"))
    if images.shape[1:] != (28, 28):
        raise ValueError("unexpected Fashion-MNIST shapes")
    if limit is not None:
        images = images[:limit]
    out = np.zeros((images.shape[0], SIDE, SIDE), dtype=np.uint8)
    out[:, PAD:PAD + 28, PAD:PAD + 28] = images
    return out


def load_labels(split: str, directory: Optional[str] = None, limit: Optional[int] = None) -> np.ndarray:
    """uint8 [N] class indices, in load_pixels' order."""
    labels = _idx(os.path.join(data_dir(directory), f"{split}-labels-idx1-ubyte.gz"))
    return labels if limit is None else labels[:limit]


def to_float(pixels: np.ndarray) -> np.ndarray:
    """uint8 -> float32 in [-1, 1], the same float32 values as data.ts's toFloat (p / 127.5 - 1)."""
    return (pixels.astype(np.float64) / 127.5 - 1.0).astype(np.float32)


def to_bytes(values: np.ndarray) -> np.ndarray:
    """codec.ts toBytes for range [-1, 1]: JS Math.round is round-half-up, i.e. floor(x + 0.5)."""
    unit = (values.astype(np.float32).astype(np.float64) + 1.0) / 2.0
    return np.floor(np.clip(unit, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def bench_psnr(recon: np.ndarray, target: np.ndarray) -> float:
    """Mean PSNR (dB) over images, as bench/latent.ts meanQuality. Arrays [N, ...] in [-1, 1]."""
    n = recon.shape[0]
    a = to_bytes(recon.reshape(n, -1)).astype(np.float64)
    b = to_bytes(target.reshape(n, -1)).astype(np.float64)
    mse = ((a - b) ** 2).mean(axis=1)
    with np.errstate(divide="ignore"):
        p = np.where(mse == 0, np.inf, 10.0 * np.log10(255.0 * 255.0 / np.maximum(mse, 1e-300)))
    return float(np.minimum(np.minimum(p, 99.0), 60.0).mean())
