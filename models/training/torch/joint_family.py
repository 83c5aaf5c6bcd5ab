"""
An experiment (stop 25, CPU): a grey DCGAN family whose generator is trained together with its
encoder, and whether that lets hybrid's 50 steps reach optimize's 500 (issue 4's goal).

Why: E's start wins only a third of the time against optimize's random starts (stops 17-22),
because the shipped G was trained alone and E was fitted to it afterwards: nothing asks G to make
E's codes its good minima. Here G also gets a reconstruction loss through E, as in VAE-GAN or
ALI-style training: each step, D is updated on real images against G(z), then G and E together
minimise the non-saturating G loss + rec · MSE(G(E(x)), x) + moment · (E(x)'s batch mean² and
(variance - 1)², so E's codes stay where z ~ N(0, I) lives) + latent · MSE(E(G(z)), z). G and E
are kept as EMAs (decay 0.999 from step 500), G's BN statistics are measured again, and E is then
fitted for `--finetune` steps to that averaged G (frozen), as the shipped pipeline fits E.

  train  trains and saves a checkpoint (G, D, E state dicts)
  gap    hybrid at 50/100/200 steps (E's code, the engine's schedule) against optimize at 500
         steps from 4 random starts, pixel L2 + prior, whitened Adam (invert_targets.descend), on
         held-out training rows; for the shipped nets or a checkpoint
  fd     Frechet distance in the shipped classifier's `features` between 10k G samples and t10k

  python3 models/training/torch/joint_family.py train --out /tmp/joint.pt
  python3 models/training/torch/joint_family.py gap --ckpt /tmp/joint.pt
  python3 models/training/torch/joint_family.py fd --ckpt /tmp/joint.pt
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import fashion
import train_colour_family as tc
from invert_targets import descend
from nets import frozen_nets
from tfjs_io import read_weights

LATENT = 64
HELD_OUT = 2000  # the last 2 000 training images: never trained on
MODELS = os.path.join(fashion.REPO_ROOT, "models", "fashion")

# For output phase a (row or column parity) of a 4x4 stride-2 transposed conv with padding 1:
# the input offsets that reach it, and the kernel tap each one uses.
PHASE_TAPS = ({-1: 3, 0: 1}, {0: 2, 1: 0})


class FastConvT(nn.ConvTranspose2d):
    """
    ConvTranspose2d(4, stride 2, padding 1) computed as one 3x3 conv that gives the four output
    phases, then a pixel shuffle: the same weights, the same values (G's output to 5e-6), and
    about 6x faster here, where PyTorch 1.13's CPU transposed conv has no fast path (G at batch
    128, forward and backward on two threads: 0.66 s, 0.11 s this way).
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        cin, cout = self.weight.shape[0], self.weight.shape[1]
        k = self.weight.new_zeros(cout, 2, 2, cin, 3, 3)
        for ar in (0, 1):
            for ac in (0, 1):
                for dr, kr in PHASE_TAPS[ar].items():
                    for dc, kc in PHASE_TAPS[ac].items():
                        k[:, ar, ac, :, dr + 1, dc + 1] = self.weight[:, :, kr, kc].T
        bias = None if self.bias is None else self.bias.repeat_interleave(4)
        return F.pixel_shuffle(F.conv2d(x, k.reshape(cout * 4, cin, 3, 3), bias, padding=1), 2)


def fast(conv: nn.ConvTranspose2d) -> FastConvT:
    out = FastConvT(conv.in_channels, conv.out_channels, 4, 2, 1, bias=conv.bias is not None)
    out.load_state_dict(conv.state_dict())
    return out


def grey_nets() -> tuple:
    """The colour family's G and D with one channel (the grey family's architecture), G's layers fast."""
    g, d = tc.Generator(1), tc.Discriminator(1)
    g.up1, g.up2, g.out = fast(g.up1), fast(g.up2), fast(g.out)
    return g, d


def real_batch(pixels: np.ndarray, rng: np.random.Generator, size: int = 64) -> torch.Tensor:
    return torch.from_numpy(fashion.to_float(pixels[rng.integers(0, pixels.shape[0], size)])).unsqueeze(1)


def train(a: argparse.Namespace) -> None:
    gen = torch.Generator().manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    pixels = fashion.load_pixels("train")[:-HELD_OUT]
    g, d = grey_nets()
    tc.dcgan_init(g, gen)
    tc.dcgan_init(d, gen)
    e = tc.Encoder(d)
    g_ema, _ = grey_nets()
    g_ema.load_state_dict(g.state_dict())
    e_ema = tc.Encoder(d)
    e_ema.load_state_dict(e.state_dict())
    opt_ge = torch.optim.Adam(list(g.parameters()) + list(e.parameters()), 2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
    t0 = time.time()
    for step in range(a.steps):
        x = real_batch(pixels, rng)
        z = torch.randn(x.shape[0], LATENT, generator=gen)
        codes = e(x)
        # One G call for samples and reconstructions: BN sees one batch of both, as at export.
        out = g(torch.cat([z, codes]))
        fake, rec = out[:x.shape[0]], out[x.shape[0]:]
        loss_d = F.softplus(-d(x)).mean() + F.softplus(d(fake.detach())).mean()
        tc.descend(opt_d, loss_d)
        adv = F.softplus(-d(fake)).mean()
        rec_mse = ((rec - x) ** 2).mean()
        moment = codes.mean(0).pow(2).mean() + (codes.var(0) - 1).pow(2).mean()
        cycle = ((e(fake.detach()) - z) ** 2).mean()
        tc.descend(opt_ge, adv + a.rec * rec_mse + a.moment * moment + a.latent * cycle)
        decay = 0.0 if step < 500 else 0.999
        tc.ema_update(g_ema, g, decay)
        tc.ema_update(e_ema, e, decay)
        if step % 250 == 0 or step == a.steps - 1:
            print(f"joint {step} d {loss_d.item():.3f} adv {adv.item():.3f} rec {rec_mse.item():.4f} "
                  f"moment {moment.item():.3f} cycle {cycle.item():.3f} {time.time() - t0:.0f}s", flush=True)
    tc.recalibrate_bn(g_ema, gen)
    grey_batches = ((real_batch(pixels, rng), None, None) for _ in itertools.count())
    tc.train_encoder(g_ema, d, grey_batches, a.finetune, gen, lambda line: print(line, flush=True), start=e_ema, peak=2e-4)
    torch.save({"g": g_ema.state_dict(), "d": d.state_dict(), "e": e_ema.state_dict(), "args": vars(a)}, a.out)
    print(f"saved {a.out} {time.time() - t0:.0f}s", flush=True)


def load(ckpt: str) -> tuple:
    """(G, E) frozen in inference mode: the shipped family's (ckpt empty) or a checkpoint's."""
    if not ckpt:
        g, e = frozen_nets(MODELS, torch.device("cpu"))
        g.ups = nn.ModuleList(fast(conv) for conv in g.ups)
    else:
        state = torch.load(ckpt)
        g, d = grey_nets()
        g.load_state_dict(state["g"])
        e = tc.Encoder(d)
        e.load_state_dict(state["e"])
    g.eval()
    e.eval()
    for p in list(g.parameters()) + list(e.parameters()):
        p.requires_grad_(False)
    return g, e


def gap(a: argparse.Namespace) -> None:
    g, e = load(a.ckpt)
    x = torch.from_numpy(fashion.to_float(fashion.load_pixels("train")[a.first:a.first + a.n])).unsqueeze(1)
    target = x.squeeze(1).numpy()

    def psnr(z: torch.Tensor) -> float:
        return fashion.bench_psnr(g(z).squeeze(1).numpy(), target)

    with torch.no_grad():
        start = e(x)
    print(f"encoder {psnr(start):.3f} dB", flush=True)
    for steps in (50, 100, 200):
        t0 = time.time()
        z, _ = descend(g, x, start.unsqueeze(1), steps=steps, lr=0.4, warmup=35, recentre=max(50, steps))
        print(f"hybrid {steps} steps {psnr(z[:, 0]):.3f} dB ({time.time() - t0:.0f}s)", flush=True)
    starts = torch.randn(a.n, 4, LATENT, generator=torch.Generator().manual_seed(7))
    t0 = time.time()
    z, loss = descend(g, x, starts, steps=500, lr=0.1, warmup=50, recentre=50)
    best = psnr(z[torch.arange(a.n), loss.argmin(1)])
    one = np.mean([psnr(z[:, k]) for k in range(4)])
    print(f"optimize 500 steps, 4 starts {best:.3f} dB (one start: {one:.3f}) ({time.time() - t0:.0f}s)", flush=True)


def fd(a: argparse.Namespace) -> None:
    c = tc.Classifier(1)
    tc.load_tfjs(c, read_weights(os.path.join(MODELS, "classifier")))
    c.eval()

    def features(x: torch.Tensor) -> np.ndarray:
        with torch.no_grad():
            return c.embed(x).numpy().astype(np.float64)

    test = torch.from_numpy(fashion.to_float(fashion.load_pixels("t10k"))).unsqueeze(1)
    with torch.no_grad():
        accuracy = (c(test).argmax(1).numpy() == fashion.load_labels("t10k")).mean()
    print(f"classifier t10k accuracy {accuracy:.4f} (the port's check: the model card's 90.1 %)", flush=True)
    real = features(test)
    g, _ = load(a.ckpt)
    z = torch.randn(10000, LATENT, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        fake = features(torch.cat([g(z[i:i + 1000]) for i in range(0, 10000, 1000)]))
    m1, m2 = real.mean(0), fake.mean(0)
    s1, s2 = np.cov(real, rowvar=False), np.cov(fake, rowvar=False)
    # trace(sqrtm(s1 s2)) is the sum of the square roots of s1 s2's eigenvalues (real, >= 0).
    root = np.sqrt(np.clip(np.linalg.eigvals(s1 @ s2).real, 0, None)).sum()
    print(f"FD {((m1 - m2) ** 2).sum() + np.trace(s1 + s2) - 2 * root:.2f}", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("train", "gap", "fd"))
    ap.add_argument("--out", help="train: the checkpoint to write")
    ap.add_argument("--ckpt", default="", help="gap, fd: a checkpoint (default: the shipped nets)")
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--finetune", type=int, default=1000)
    ap.add_argument("--rec", type=float, default=10.0)
    ap.add_argument("--moment", type=float, default=1.0)
    ap.add_argument("--latent", type=float, default=0.1)
    ap.add_argument("--first", type=int, default=58000, help="gap: first held-out training row")
    ap.add_argument("--n", type=int, default=48)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args(argv)
    if a.command == "train" and not a.out:
        ap.error("train needs --out")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed if a.command == "train" else 0)
    {"train": train, "gap": gap, "fd": fd}[a.command](a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
