"""
Experiment for issue 4's hybrid goal: an encoder with several heads, each a start for hybrid.

Why: E's basin is no better than a random start's (E's start wins on a third of images among
4 starts), and a start at the best of optimize's minima reaches optimize's 500-step PSNR in
hybrid's 50 steps (README, stop 20's bound). Distilling that one best code into E gained
0.03 dB: which of several minima a descent finds looks like chance to E. Here K heads on E's
trunk are trained winner-takes-all (multiple-choice learning) on every good minimum of an
image, so that between them they cover several basins, and hybrid descends from E's code and
each head's at once, the lowest loss kept, as optimize keeps its best start.

One run, on a GPU: (1) minima of training images, 1 + R starts each (E's code and random
ones), all kept; (2) the heads trained on the `keep` best minima per image; (3) hybrid's 50
steps from E alone, from E and the heads, and optimize's 500 steps from 4 random starts, all
with invert_targets.py's loss (pixels and the prior, no D/C features), on held-out training
rows and on t10k's first images. Writes the heads' tfjs weights and the eval images' start
codes for the engine's own check on the CPU.

  python3 models/training/torch/multihead.py --solve-seconds 200 --train-seconds 120 --out /tmp/mh
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

import fashion
from invert_targets import descend, encoder_and_random_starts, set_tf32
from nets import Encoder, Generator, exact_fp32, frozen_nets
from train_encoder import start_run


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default=os.path.join(fashion.REPO_ROOT, "models", "fashion"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=None)
    ap.add_argument("--solve-seconds", type=float, default=200.0, help="stop starting new solver chunks after this")
    ap.add_argument("--solve-limit", type=int, default=58000, help="at most this many training images (rows 0..)")
    ap.add_argument("--chunk", type=int, default=8192)
    ap.add_argument("--starts", type=int, default=5, help="random starts besides E's code, per training image")
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--variants", default="4:3", help="heads:keep,...: K heads taught each image's `keep` best minima")
    ap.add_argument("--relax", type=float, default=0.05, help="weight of the losing heads' distances (keeps every head learning)")
    ap.add_argument("--head-noise", type=float, default=0.05, help="initial spread of the heads around E's last layer (relative)")
    ap.add_argument("--train-seconds", type=float, default=120.0)
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--eval-first", type=int, default=58000, help="held-out training rows (never solved or trained on)")
    ap.add_argument("--eval-count", type=int, default=200)
    ap.add_argument("--test-count", type=int, default=500, help="t10k's first images, evaluated too")
    ap.add_argument("--optimize-steps", type=int, default=500, help="the reference: optimize's steps (fewer only for a smoke run)")
    ap.add_argument("--jacobian-rows", type=int, default=65536)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--threads", type=int, default=0)
    return ap.parse_args(argv)


class MultiHead(nn.Module):
    """A trainable copy of E's trunk with K last layers, each started at E's plus a little noise."""

    def __init__(self, encoder: Encoder, heads: int, noise: float, gen: torch.Generator):
        super().__init__()
        self.trunk = copy.deepcopy(encoder)  # its own last layer stays E's and is not trained
        for p in self.trunk.parameters():
            p.requires_grad_(True)
        last = encoder.denses[1]
        self.heads = nn.ModuleList()
        for _ in range(heads):
            head = copy.deepcopy(last)
            with torch.no_grad():
                spread = noise * last.weight.std().item()
                head.weight.add_(spread * torch.randn(head.weight.shape, generator=gen, device=head.weight.device))
            self.heads.append(head.requires_grad_(True))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x [B, 1, 32, 32] -> codes [B, K, latent]."""
        h = self.trunk.hidden(x)
        return torch.stack([head(h) for head in self.heads], 1)

    def tfjs_weights(self, k: int) -> dict:
        """Head k as a whole encoder, by tfjs name and layout (nets.Encoder.tfjs_weights)."""
        weights = self.trunk.tfjs_weights()
        weights["z/kernel"] = self.heads[k].weight.detach().cpu().numpy().T
        weights["z/bias"] = self.heads[k].bias.detach().cpu().numpy()
        return weights


def solve(G: Generator, E: Encoder, pixels: np.ndarray, args: argparse.Namespace, device: torch.device, gen: torch.Generator):
    """Every start's minimum for training rows 0.., chunk by chunk until the time is up."""
    t0 = time.time()
    index, codes, losses = [], [], []
    for s in range(0, min(args.solve_limit, pixels.shape[0]), args.chunk):
        if time.time() - t0 >= args.solve_seconds:
            break
        ids = np.arange(s, min(args.solve_limit, s + args.chunk))
        x = torch.from_numpy(fashion.to_float(pixels[ids])).to(device).unsqueeze(1)
        z, loss = descend(G, x, encoder_and_random_starts(G, E, x, args.starts, gen), steps=args.steps, lr=0.1, warmup=50, recentre=50, tf32=device.type == "cuda",
                          jacobian_rows=args.jacobian_rows)
        index.append(ids)
        codes.append(z)
        losses.append(loss)
        won = (loss.argmin(1) == 0).float().mean().item()
        print(f"[solve] {sum(len(i) for i in index)} images, {time.time() - t0:.0f}s; E's start best on {won:.1%}", flush=True)
    set_tf32(False)
    return np.concatenate(index), torch.cat(codes), torch.cat(losses)


def train_heads(E: Encoder, data: torch.Tensor, z: torch.Tensor, loss: torch.Tensor, heads: int, keep: int,
                args: argparse.Namespace, device: torch.device, gen: torch.Generator) -> MultiHead:
    """Winner-takes-all: each kept minimum pulls the nearest head, the others by `relax`."""
    order = loss.argsort(1)[:, :keep]
    targets = torch.gather(z, 1, order.unsqueeze(2).expand(-1, -1, z.shape[2]))  # [N, keep, latent]
    model = MultiHead(E, heads, args.head_noise, gen).to(device).train()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    t0 = time.time()
    step = 0
    wins = torch.zeros(heads, device=device)
    while time.time() - t0 < args.train_seconds:
        pick = torch.randint(0, data.shape[0], (args.batch,), device=device, generator=gen)
        x = data[pick].float() / 127.5 - 1.0
        out = model(x)  # [B, K, L]
        d = (out.unsqueeze(2) - targets[pick].unsqueeze(1)).pow(2).mean(3)  # [B, K, keep]
        best, who = d.min(1)
        total = best.mean() + args.relax * d.mean()
        opt.zero_grad(set_to_none=True)
        total.backward()
        opt.step()
        wins += torch.bincount(who.flatten(), minlength=heads).float()
        step += 1
        if step % 200 == 0:
            share = (wins / wins.sum()).cpu().numpy().round(3).tolist()
            print(f"[train] step {step} t={time.time() - t0:.0f}s loss {total.item():.4f} head wins {share}", flush=True)
            wins.zero_()
    print(f"[train] {step} steps in {time.time() - t0:.0f}s", flush=True)
    return model.eval()


RESTYLE = 3  # E's ReStyle iterates, the engine's other extra starts (encoder-starts.ts), for comparison


@torch.no_grad()
def starts_for(G: Generator, E: Encoder, model: MultiHead, x: torch.Tensor) -> torch.Tensor:
    """[B, 1 + K + RESTYLE, latent]: E's code, each head's, then E's ReStyle iterates."""
    encoded = E(x)
    iterates = [encoded]
    for _ in range(RESTYLE):
        iterates.append(iterates[-1] + encoded - E(G(iterates[-1])))
    return torch.cat([encoded.unsqueeze(1), model(x), torch.stack(iterates[1:], 1)], 1)


def psnr_of(G: Generator, codes: torch.Tensor, losses: torch.Tensor, columns: list, images: np.ndarray) -> float:
    """Bench PSNR of each image's lowest-loss code among `columns` of codes [B, K, latent]."""
    cols = torch.tensor(columns, device=codes.device)
    pick = losses[:, cols].argmin(1)
    chosen = codes[:, cols][torch.arange(codes.shape[0], device=codes.device), pick]
    with torch.no_grad():
        return round(fashion.bench_psnr(G(chosen).squeeze(1).cpu().numpy(), images), 3)


def optimize_reference(G: Generator, images: np.ndarray, args: argparse.Namespace, device: torch.device, gen: torch.Generator) -> float:
    x = torch.from_numpy(images).to(device).unsqueeze(1)
    z0 = torch.randn(x.shape[0], 4, G.dense.weight.shape[1], device=device, generator=gen)
    z, loss = descend(G, x, z0, steps=args.optimize_steps, lr=0.1, warmup=50, recentre=50)
    return psnr_of(G, z, loss, [0, 1, 2, 3], images)


def evaluate(G: Generator, E: Encoder, model: MultiHead, images: np.ndarray, device: torch.device) -> tuple:
    """Hybrid's 50 steps from E alone, from the heads, from both, and with ReStyle's starts, the lowest loss kept."""
    x = torch.from_numpy(images).to(device).unsqueeze(1)
    starts = starts_for(G, E, model, x)
    z, loss = descend(G, x, starts, steps=50, lr=0.4, warmup=35, recentre=1000)
    k = len(model.heads)
    heads = list(range(1, k + 1))
    restyle = list(range(k + 1, k + 1 + RESTYLE))
    return {
        "hybrid50_E": psnr_of(G, z, loss, [0], images),
        "hybrid50_E_and_heads": psnr_of(G, z, loss, [0] + heads, images),
        "hybrid50_heads": psnr_of(G, z, loss, heads, images),
        "hybrid50_each_head": [psnr_of(G, z, loss, [c], images) for c in heads],
        "hybrid50_E_and_restyle": psnr_of(G, z, loss, [0] + restyle, images),
        "hybrid50_all": psnr_of(G, z, loss, [0] + heads + restyle, images),
        "head_won": round(float(torch.isin(loss.argmin(1), torch.tensor(heads, device=device)).float().mean().item()), 3),
    }, starts[:, :k + 1].cpu().numpy()


def main(argv=None) -> int:
    args = parse_args(argv)
    device = start_run(args.seed, args.threads, args.device)
    exact_fp32()
    os.makedirs(args.out, exist_ok=True)
    G, E = frozen_nets(args.models, device)
    gen = torch.Generator(device=device)
    gen.manual_seed(args.seed)
    pixels = fashion.load_pixels("train", args.data)
    if args.eval_first < args.solve_limit:
        raise ValueError("the eval rows must lie past the solved ones")
    index, z, loss = solve(G, E, pixels, args, device, gen)
    data = torch.from_numpy(pixels[index]).to(device).unsqueeze(1)
    held = fashion.to_float(pixels[args.eval_first:args.eval_first + args.eval_count])
    test = fashion.to_float(fashion.load_pixels("t10k", args.data, args.test_count))
    report = {"solved": int(len(index)), "args": vars(args), "optimize_4_random": {
        "heldout": optimize_reference(G, held, args, device, gen), "t10k": optimize_reference(G, test, args, device, gen)}}
    print(f"[eval] optimize, {args.optimize_steps} steps, 4 random starts: {json.dumps(report['optimize_4_random'])}", flush=True)
    for variant in args.variants.split(","):
        heads, keep = (int(v) for v in variant.split(":"))
        name = f"k{heads}-keep{keep}"
        model = train_heads(E, data, z, loss, heads, keep, args, device, gen)
        held_result, starts_held = evaluate(G, E, model, held, device)
        test_result, starts_test = evaluate(G, E, model, test, device)
        report[name] = {"heldout": held_result, "t10k": test_result}
        print(f"[eval] {name}: {json.dumps(report[name])}", flush=True)
        # After every variant: a run stopped by its time limit keeps what it finished.
        with open(os.path.join(args.out, "multihead.json"), "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)
        # The trunk once, then each head's last layer: 8 whole encoders would pass the 16 MiB a file may bring back.
        weights = {layer: value for layer, value in model.tfjs_weights(0).items() if not layer.startswith("z/")}
        weights.update({f"head{k}/{layer}": value for k in range(heads) for layer, value in model.tfjs_weights(k).items() if layer.startswith("z/")})
        np.savez(os.path.join(args.out, f"{name}.npz"), starts_heldout=starts_held, starts_t10k=starts_test, **weights)
        print(f"[done] {name}: wrote {args.out}/{name}.npz", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
