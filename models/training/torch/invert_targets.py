"""
Optimised latent codes z* of Fashion-MNIST training images, for distilling into the encoder.

Why: hybrid inversion (E's code as Adam's start) falls short of optimize's best-of-4 random
starts because E's start lies in its own basin, and 50 steps do not finish that basin's
descent (README, "PSNR against iterations"). An encoder that is also taught the codes a
long multi-start optimisation finds starts nearer to them. Here every image runs 1 + R
starts at once (E's code and R random ones) of whitened Adam as the engine's optimize runs
it (invert.ts, whiten.ts), the best by loss kept. The loss
is the engine's pixel L2 plus its latent prior (`losses.ts` DEFAULT_WEIGHTS); the engine's
feature term needs D and C, which are not ported, and PSNR is a pixel measure anyway.

Targets are only computed for the first `n_train` training images: the validation slice
(the last 2000) stays unseen. Chunks are processed until a wall-clock budget ends, so the
file holds however many images fitted in it.

  python3 models/training/torch/invert_targets.py --seconds 60 --out /tmp/targets.npz
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Optional

import numpy as np
import torch

import fashion
from nets import Encoder, Generator, frozen_nets
from train_encoder import start_run

PRIOR = 0.002  # DEFAULT_WEIGHTS.prior: weight of mean(z²)
JACOBIAN_STEP = 1e-2  # whiten.ts
DAMPING = 0.01  # invert.ts WHITENING_DAMPING


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default=os.path.join(fashion.REPO_ROOT, "models", "fashion"))
    ap.add_argument("--out", required=True, help="npz: index [n] (training rows), z [n, latent]")
    ap.add_argument("--data", default=None)
    ap.add_argument("--seconds", type=float, default=120.0, help="stop starting new chunks after this")
    ap.add_argument("--val", type=int, default=2000, help="train images held out (the last N): never inverted")
    ap.add_argument("--first", type=int, default=0, help="first training image")
    ap.add_argument("--limit", type=int, default=0, help="at most this many images (0: all but the held-out)")
    ap.add_argument("--chunk", type=int, default=4096, help="images per batch (each with 1 + starts rows)")
    ap.add_argument("--starts", type=int, default=3, help="random starts besides E's code")
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--recentre", type=int, default=50, help="steps between re-centrings of the whitening")
    ap.add_argument("--jacobian-rows", type=int, default=65536,
                    help="rows per G call in the Jacobian (several solvers share one GPU's memory)")
    ap.add_argument("--tf32", action="store_true", help="TF32 matmuls/convs (targets only; faster on Ampere+)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--threads", type=int, default=0)
    return ap.parse_args(argv)


def cosine_lr(peak: float, warmup: int, steps: int, step: int) -> float:
    """adam.ts cosineLr: a linear ramp over `warmup` steps times a cosine decay to a tenth."""
    t = 1.0 if steps <= 1 else step / (steps - 1)
    ramp = min(1.0, (step + 1) / warmup) if warmup > 0 else 1.0
    return peak * ramp * (0.1 + 0.9 * 0.5 * (1.0 + math.cos(math.pi * t)))


def row_loss(G: Generator, z: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    return (G(z) - x).pow(2).flatten(1).mean(1) + PRIOR * z.pow(2).mean(1)


def set_tf32(on: bool) -> None:
    # PyTorch >= 2.9 has the fp32_precision API (the allow_tf32 flags are deprecated there).
    try:
        torch.backends.cuda.matmul.fp32_precision = "tf32" if on else "ieee"  # type: ignore[attr-defined]
        torch.backends.cudnn.conv.fp32_precision = "tf32" if on else "ieee"  # type: ignore[attr-defined]
        return
    except Exception:
        pass
    torch.backends.cuda.matmul.allow_tf32 = on
    torch.backends.cudnn.allow_tf32 = on


@torch.no_grad()
def whitening_maps(G: Generator, anchors: torch.Tensor, per_call: int = 65536, seconds: Optional[Dict[str, float]] = None) -> torch.Tensor:
    """
    whiten.ts whiteningMaps in batch: z = anchor + u·map, map = D^{-1/2}·Vᵀ of the damped,
    trace-normalised Gauss-Newton curvature JᵀJ/pixels (J by forward differences). Always in
    exact float32: a TF32 G would drown the 1e-2 differences in rounding.
    """
    set_tf32(False)
    t_jacobian = time.time()
    n, size = anchors.shape
    eye = torch.eye(size, device=anchors.device)
    blocks = []
    per = max(1, per_call // (size + 1))
    for s in range(0, n, per):
        a = anchors[s:s + per]
        nudged = (a.unsqueeze(1) + JACOBIAN_STEP * eye.unsqueeze(0)).reshape(-1, size)
        g0 = G(a).reshape(a.shape[0], 1, -1)
        jac = (G(nudged).reshape(a.shape[0], size, -1) - g0) / JACOBIAN_STEP
        blocks.append(jac @ jac.transpose(1, 2) / jac.shape[2])
    h = torch.cat(blocks).cpu()  # the copy waits for the GPU: the Jacobian's time ends here
    t_eigh = time.time()
    trace = h.diagonal(dim1=1, dim2=2).sum(1)
    scale = torch.where(trace > 0, size / trace, torch.ones_like(trace))
    h = h * scale[:, None, None] + DAMPING * torch.eye(size)  # h is on the CPU now, eye on G's device
    # On the CPU: for batches of 64×64 matrices CUDA's eigh can fall back to one solver call
    # per matrix. LAPACK does 4 096 of them in 1.6 s on one core here, 1.0 s split over two.
    d, v = batched_eigh(h)
    if seconds is not None:
        seconds["jacobian"] += t_eigh - t_jacobian
        seconds["eigh"] += time.time() - t_eigh
    d, v = d.to(anchors.device), v.to(anchors.device)
    stretch = 1.0 / d.clamp_min(DAMPING).sqrt()
    return v.transpose(1, 2) * stretch[:, :, None]  # row i: eigenvector i / sqrt(d_i)


def batched_eigh(h: torch.Tensor) -> tuple:
    """
    torch.linalg.eigh over a batch, split across torch's intra-op threads: ATen's LAPACK path
    solves a batch's matrices one after another on one core, and the solver's re-centrings
    are its slowest part on a GPU machine's CPU. eigh releases the GIL, so threads run it in
    parallel.
    """
    workers = max(1, torch.get_num_threads())
    if workers == 1 or h.shape[0] < 2 * workers:
        return torch.linalg.eigh(h)
    parts = torch.chunk(h, workers)
    with ThreadPoolExecutor(workers) as pool:
        solved = list(pool.map(torch.linalg.eigh, parts))
    return torch.cat([d for d, _ in solved]), torch.cat([v for _, v in solved])


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def descend(G: Generator, x: torch.Tensor, z0: torch.Tensor, *, steps: int, lr: float, warmup: int, recentre: int,
            tf32: bool = False, jacobian_rows: int = 65536, seconds: Optional[Dict[str, float]] = None) -> tuple:
    """
    Whitened Adam from every start in z0 [B, K, latent] towards x [B, 1, 32, 32], as the
    engine's invert.ts runs it: z = anchor + u·map, re-centred (and Adam restarted) every
    `recentre` steps, the step size warmed up and decayed along adam.ts's cosine, the lowest
    loss seen at any step kept per row. Returns (best z [B, K, latent], best loss [B, K]).
    """
    b, k, latent = z0.shape
    anchor = z0.reshape(b * k, latent).detach().clone()
    rows = x.unsqueeze(1).expand(b, k, *x.shape[1:]).reshape(b * k, *x.shape[1:])
    best_loss = torch.full((b * k,), float("inf"), device=x.device)
    best_z = anchor.clone()
    u = None
    opt = None
    maps = None
    timing = seconds if seconds is not None else defaultdict(float)
    t_steps = time.time()
    for step in range(steps + 1):
        if step % recentre == 0 and step < steps:
            if u is not None:
                anchor = (anchor + torch.bmm(u.detach().unsqueeze(1), maps).squeeze(1))
            synchronize(x.device)
            timing["steps"] += time.time() - t_steps
            maps = whitening_maps(G, anchor, jacobian_rows, timing)
            t_steps = time.time()
            u = torch.zeros_like(anchor, requires_grad=True)
            opt = torch.optim.Adam([u], lr=lr)
        set_tf32(tf32)
        z = anchor + torch.bmm(u.unsqueeze(1), maps).squeeze(1)
        loss = row_loss(G, z, rows)
        with torch.no_grad():
            better = loss < best_loss
            best_loss = torch.where(better, loss.detach(), best_loss)
            # torch.where, not a boolean index: indexing syncs the host with the GPU every step.
            best_z = torch.where(better[:, None], z.detach(), best_z)
        if step == steps:
            break
        for group in opt.param_groups:
            group["lr"] = cosine_lr(lr, warmup, steps, step)
        opt.zero_grad(set_to_none=True)
        loss.sum().backward()  # rows are independent: the sum gives each its own gradient
        opt.step()
    synchronize(x.device)
    timing["steps"] += time.time() - t_steps
    return best_z.view(b, k, latent), best_loss.view(b, k)


@torch.no_grad()
def encoder_and_random_starts(G: Generator, E: Encoder, x: torch.Tensor, random: int, gen: torch.Generator) -> torch.Tensor:
    """[B, 1 + random, latent]: E's code of each image, then N(0, I) codes."""
    noise = torch.randn(x.shape[0], random, G.dense.weight.shape[1], device=x.device, generator=gen)
    return torch.cat([E(x).unsqueeze(1), noise], 1)


def invert_chunk(G: Generator, E: Encoder, x: torch.Tensor, args: argparse.Namespace, gen: torch.Generator) -> torch.Tensor:
    """
    Best z [B, latent] over E's start and `starts` random ones; x is [B, 1, 32, 32]. As the
    engine's optimize (descend), the lowest loss over every start kept per image.
    """
    b = x.shape[0]
    z0 = encoder_and_random_starts(G, E, x, args.starts, gen)
    # Where a chunk's time goes, printed with it: the GPU runs so far told only totals.
    seconds: Dict[str, float] = defaultdict(float)
    z, loss = descend(G, x, z0, steps=args.steps, lr=args.lr, warmup=args.warmup, recentre=args.recentre,
                      tf32=args.tf32, jacobian_rows=args.jacobian_rows, seconds=seconds)
    pick = loss.argmin(1)
    print(f"[targets] E's start won on {(pick == 0).float().mean().item():.1%} of the chunk; seconds: "
          + ", ".join(f"{name} {value:.1f}" for name, value in seconds.items()), flush=True)
    return z[torch.arange(b, device=x.device), pick]


def main(argv=None) -> int:
    args = parse_args(argv)
    device = start_run(args.seed, args.threads, args.device)
    args.tf32 = args.tf32 and device.type == "cuda"
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True  # fixed shapes: pick the fastest conv kernels once
    G, E = frozen_nets(args.models, device)
    pixels = fashion.load_pixels("train", args.data)
    end = pixels.shape[0] - args.val
    if args.limit > 0:
        end = min(end, args.first + args.limit)
    gen = torch.Generator(device=device)
    gen.manual_seed(args.seed)
    t0 = time.time()
    index, codes, psnr, psnr_e = [], [], [], []
    for s in range(args.first, end, args.chunk):
        if time.time() - t0 >= args.seconds:
            break
        ids = np.arange(s, min(end, s + args.chunk))
        x = torch.from_numpy(fashion.to_float(pixels[ids])).to(device).unsqueeze(1)
        z = invert_chunk(G, E, x, args, gen)
        with torch.no_grad():
            recon = G(z).squeeze(1).cpu().numpy()
            recon_e = G(E(x)).squeeze(1).cpu().numpy()
        target = x.squeeze(1).cpu().numpy()
        index.append(ids)
        codes.append(z.cpu().numpy())
        psnr.append(fashion.bench_psnr(recon, target) * len(ids))
        psnr_e.append(fashion.bench_psnr(recon_e, target) * len(ids))
        done = sum(len(i) for i in index)
        print(f"[targets] {done} images, {time.time() - t0:.0f}s: PSNR z* {sum(psnr) / done:.3f} dB, "
              f"E {sum(psnr_e) / done:.3f} dB", flush=True)
        # Saved after every chunk: a run stopped by its time limit keeps what it finished.
        save(args.out, index, codes)
    if not index:
        print("[targets] no chunk finished")
        return 1
    print(f"[targets] wrote {args.out}: {sum(len(i) for i in index)} codes", flush=True)
    return 0


def save(path: str, index: list, codes: list) -> None:
    tmp = path + ".tmp.npz"
    np.savez(tmp, index=np.concatenate(index).astype(np.int32), z=np.concatenate(codes).astype(np.float32))
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
