"""
Checks the PyTorch port (nets.py) against tfjs: G(z) and E(x) must match the tfjs outputs
in fixtures/parity.json (made by tfjs-parity.ts) to < 1e-4 max abs, and tfjs_io must
round-trip the weights bit for bit. Exit code 1 on any failure.

  python3 models/training/torch/parity.py [--device cuda] [--models models/fashion]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

import numpy as np
import torch

import fashion
from nets import Encoder, Generator, exact_fp32
from tfjs_io import read_weights, write_model

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = 1e-4


def default_fixture() -> str:
    # The committed fixture; .devdata/ holds a copy for the GPU machine's carried folder.
    tree = os.path.join(HERE, "fixtures", "parity.json")
    return tree if os.path.exists(tree) else os.path.join(fashion.DEVDATA_DIR, "parity.json")


def check(models: str, device: str, fixture: str) -> bool:
    exact_fp32()
    with open(fixture, "r", encoding="utf-8") as f:
        fix = json.load(f)
    G = Generator(os.path.join(models, "generator")).to(device)
    E = Encoder(os.path.join(models, "encoder")).to(device).eval()
    latent = fix["latent"]
    z = torch.tensor(fix["z"], dtype=torch.float32, device=device).view(-1, latent)
    idx = fix["imageIndices"]
    x = fashion.to_float(fashion.load_pixels("t10k")[idx])
    with torch.no_grad():
        g = G(z).permute(0, 2, 3, 1).reshape(-1).cpu().numpy()  # NHWC like tfjs
        e = E(torch.from_numpy(x).to(device).unsqueeze(1)).reshape(-1).cpu().numpy()
    dg = float(np.abs(g - np.asarray(fix["g"], dtype=np.float32)).max())
    de = float(np.abs(e - np.asarray(fix["e"], dtype=np.float32)).max())
    print(f"[parity] device={device} G(z) max|diff|={dg:.3g} over {z.shape[0]} codes; "
          f"E(x) max|diff|={de:.3g} over {len(idx)} images (tolerance {TOL:g})")

    # Round trip: read -> write -> read gives the same bytes, and the port's own export
    # (tfjs layout from PyTorch tensors) equals the shipped arrays exactly.
    src = os.path.join(models, "encoder")
    shipped = read_weights(src)
    with tempfile.TemporaryDirectory() as tmp:
        write_model(src, tmp, E.tfjs_weights())
        back = read_weights(tmp)
        same_json = open(os.path.join(src, "model.json"), "rb").read() == open(os.path.join(tmp, "model.json"), "rb").read()
        same_bin = open(os.path.join(src, "weights.bin"), "rb").read() == open(os.path.join(tmp, "weights.bin"), "rb").read()
    rt = max(float(np.abs(back[k] - shipped[k]).max()) for k in shipped)
    print(f"[parity] tfjs_io round trip: max|diff|={rt:g}, model.json identical={same_json}, weights.bin identical={same_bin}")
    return dg < TOL and de < TOL and rt == 0.0 and same_bin


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--models", default=os.path.join(fashion.REPO_ROOT, "models", "fashion"))
    ap.add_argument("--fixture", default=default_fixture())
    a = ap.parse_args()
    ok = check(a.models, a.device, a.fixture)
    print("[parity] PASS" if ok else "[parity] FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
