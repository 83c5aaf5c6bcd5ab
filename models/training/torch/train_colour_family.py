"""
Trains the RGB family `fashion-colour` (G, D, E, C) on tinted Fashion-MNIST, on the CPU, and
writes it as tfjs layers-models into the topologies colour-skeleton.ts made.

Fashion-MNIST is grey; colour photographs are not. Each training image is tinted with a random
colour (hue uniform, saturation and value drawn per image, a fifth of them left grey): the
product's luminance times the colour, on black. So G learns products in any colour, and E, the
attribute vectors and colour strokes can move the colour as well as the shape. The tints are
drawn afresh every batch (an augmentation) from a seeded generator.

The nets are models/training/nets.ts with 3 channels, in PyTorch, with tfjs' layouts (each
net's tfjs() gives every weight by its tfjs name as a view in tfjs' layout: exported as is,
and written through to load):
- NHWC order at every Reshape/Flatten (activations are permuted, so kernels copy 1:1);
- Conv2D kernel [kh, kw, in, out] <- Conv2d weight [out, in, kh, kw];
- Conv2DTranspose kernel [kh, kw, out, in] <- ConvTranspose2d weight [in, out, kh, kw];
- tfjs BN: epsilon 1e-3, momentum 0.9 (PyTorch momentum 0.1); its moving statistics are what
  the engine uses (training: false).
TF 'same' padding for 4x4 stride 2 on even sizes is 1 each side; for the classifier's 3x3
stride 1 it is 1 each side too.

  python3 models/training/torch/train_colour_family.py --skeleton /tmp/skel --out models/fashion-colour
"""
from __future__ import annotations

import argparse
import json
import math
import os
import time
from typing import Dict, Optional, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from fashion import load_labels, load_pixels
from tfjs_io import read_weights, write_model

LATENT = 64
HELD_OUT = 2000  # the last 2 000 training images: never trained on (as the grey family)
LABELS = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


# ---------------------------------------------------------------- tints

def hsv_to_rgb(h: np.ndarray, s: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Vectorised HSV (all in [0, 1]) -> RGB [N, 3]."""
    i = np.floor(h * 6).astype(int) % 6
    f = h * 6 - np.floor(h * 6)
    p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
    table = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)]
    out = np.zeros((h.shape[0], 3), dtype=np.float32)
    for k, (r, g, b) in enumerate(table):
        m = i == k
        out[m] = np.stack([r[m], g[m], b[m]], axis=1)
    return out


def random_tints(rng: np.random.Generator, n: int) -> Tuple[np.ndarray, np.ndarray]:
    """Per image: RGB multiplier [n, 3] and HSV [n, 3]. A fifth stay grey (s = 0)."""
    h = rng.random(n)
    s = np.where(rng.random(n) < 0.2, 0.0, 0.35 + 0.65 * rng.random(n))
    v = 0.6 + 0.4 * rng.random(n)
    return hsv_to_rgb(h, s, v), np.stack([h, s, v], axis=1).astype(np.float32)


def tint(pixels: np.ndarray, rgb: np.ndarray) -> torch.Tensor:
    """uint8 [n, 32, 32] luminance, [n, 3] colour -> NCHW float in [-1, 1]."""
    unit = pixels.astype(np.float32)[:, None, :, :] / 255.0
    return torch.from_numpy(unit * rgb[:, :, None, None] * 2.0 - 1.0)


# ---------------------------------------------------------------- nets (tfjs layouts)

class Generator(nn.Module):
    def __init__(self, channels: int = 3) -> None:
        super().__init__()
        self.dense = nn.Linear(LATENT, 4 * 4 * 128, bias=False)
        self.bn = nn.ModuleList([nn.BatchNorm2d(c, eps=1e-3, momentum=0.1) for c in (128, 64, 32)])
        self.up1 = nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False)
        self.up2 = nn.ConvTranspose2d(64, 32, 4, 2, 1, bias=False)
        self.out = nn.ConvTranspose2d(32, channels, 4, 2, 1)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        x = self.dense(z).view(-1, 4, 4, 128).permute(0, 3, 1, 2)
        x = F.relu(self.bn[0](x))
        x = F.relu(self.bn[1](self.up1(x)))
        x = F.relu(self.bn[2](self.up2(x)))
        return torch.tanh(self.out(x))

    def tfjs(self) -> Dict[str, torch.Tensor]:
        w = {"g_dense/kernel": self.dense.weight.T}
        for i, bn in enumerate(self.bn):
            w.update({f"g_bn{i}/gamma": bn.weight, f"g_bn{i}/beta": bn.bias, f"g_bn{i}/moving_mean": bn.running_mean, f"g_bn{i}/moving_variance": bn.running_var})
        w.update({"g_up1/kernel": self.up1.weight.permute(2, 3, 1, 0), "g_up2/kernel": self.up2.weight.permute(2, 3, 1, 0),
                  "g_out/kernel": self.out.weight.permute(2, 3, 1, 0), "g_out/bias": self.out.bias})
        return w


class Trunk(nn.Module):
    """D's and E's conv1..3 (4x4 stride 2, LeakyReLU 0.2), flattened in NHWC order."""

    def __init__(self, channels: int = 3) -> None:
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(channels, 32, 4, 2, 1), nn.Conv2d(32, 64, 4, 2, 1), nn.Conv2d(64, 128, 4, 2, 1)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for conv in self.convs:
            x = F.leaky_relu(conv(x), 0.2)
        return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)

    def tfjs(self) -> Dict[str, torch.Tensor]:
        w: Dict[str, torch.Tensor] = {}
        for i, conv in enumerate(self.convs):
            w[f"conv{i + 1}/kernel"] = conv.weight.permute(2, 3, 1, 0)
            w[f"conv{i + 1}/bias"] = conv.bias
        return w


class Discriminator(nn.Module):
    def __init__(self, channels: int = 3) -> None:
        super().__init__()
        self.trunk = Trunk(channels)
        self.score = nn.Linear(2048, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.score(self.trunk(x)).view(-1)

    def tfjs(self) -> Dict[str, torch.Tensor]:
        return {**self.trunk.tfjs(), "score/kernel": self.score.weight.T, "score/bias": self.score.bias}


class Encoder(nn.Module):
    def __init__(self, d: Discriminator) -> None:
        super().__init__()
        self.trunk = Trunk(d.trunk.convs[0].in_channels)
        self.trunk.load_state_dict(d.trunk.state_dict())  # E starts from D's features, as the grey family's
        self.hidden = nn.Linear(2048, 256)
        self.z = nn.Linear(256, LATENT)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.z(F.leaky_relu(self.hidden(self.trunk(x)), 0.2))

    def tfjs(self) -> Dict[str, torch.Tensor]:
        return {**self.trunk.tfjs(), "e_hidden/kernel": self.hidden.weight.T, "e_hidden/bias": self.hidden.bias,
                "z/kernel": self.z.weight.T, "z/bias": self.z.bias}


class Classifier(nn.Module):
    def __init__(self, channels: int = 3) -> None:
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(channels, 16, 3, 1, 1), nn.Conv2d(16, 32, 3, 1, 1), nn.Conv2d(32, 64, 3, 1, 1)])
        self.features = nn.Linear(4 * 4 * 64, 128)
        self.logits = nn.Linear(128, 10)

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The `features` layer's output (after its ReLU): the space the Fréchet distance is measured in."""
        for conv in self.convs:
            x = F.max_pool2d(F.relu(conv(x)), 2)
        x = F.dropout(x.permute(0, 2, 3, 1).reshape(x.shape[0], -1), 0.3, self.training)
        return F.relu(self.features(x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(self.embed(x))

    def tfjs(self) -> Dict[str, torch.Tensor]:
        w: Dict[str, torch.Tensor] = {}
        for i, conv in enumerate(self.convs):
            w[f"c_conv{i + 1}/kernel"] = conv.weight.permute(2, 3, 1, 0)
            w[f"c_conv{i + 1}/bias"] = conv.bias
        w.update({"features/kernel": self.features.weight.T, "features/bias": self.features.bias,
                  "logits/kernel": self.logits.weight.T, "logits/bias": self.logits.bias})
        return w


def load_tfjs(net: nn.Module, weights: Dict[str, np.ndarray]) -> None:
    """
    The inverse of export: net.tfjs() maps each tfjs name to a *view* of a parameter or buffer
    in tfjs' layout (a transpose or permute shares storage), so copying into the view writes
    the parameter in PyTorch's layout. Shapes are checked.
    """
    with torch.no_grad():
        for name, view in net.tfjs().items():  # type: ignore[operator]
            value = weights[name]
            if tuple(value.shape) != tuple(view.shape):
                raise ValueError(f"{name}: {value.shape} != {tuple(view.shape)}")
            view.copy_(torch.from_numpy(np.ascontiguousarray(value)))


def numpy(w: Dict[str, torch.Tensor]) -> Dict[str, np.ndarray]:
    return {k: v.detach().cpu().contiguous().numpy().astype(np.float32) for k, v in w.items()}


def dcgan_init(m: nn.Module, gen: torch.Generator) -> None:
    for p in m.modules():
        if isinstance(p, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            with torch.no_grad():
                p.weight.normal_(0.0, 0.02, generator=gen)
                if p.bias is not None:
                    p.bias.zero_()


# ---------------------------------------------------------------- training

def batches(pixels: np.ndarray, labels: np.ndarray, rng: np.random.Generator, size: int):
    while True:
        idx = rng.integers(0, pixels.shape[0], size)
        rgb, hsv = random_tints(rng, size)
        yield tint(pixels[idx], rgb), torch.from_numpy(labels[idx].astype(np.int64)), hsv


def descend(opt: torch.optim.Optimizer, loss: torch.Tensor) -> None:
    opt.zero_grad()
    loss.backward()
    opt.step()


def cosine(step: int, total: int, peak: float, floor: float = 0.1) -> float:
    return peak * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * step / max(1, total))))


def recalibrate_bn(g: Generator, gen: torch.Generator, batches_: int = 100) -> None:
    """An averaged G's BN statistics are not any step's: measure them again on its own outputs."""
    for bn in g.bn:
        bn.reset_running_stats()
        bn.momentum = None  # a cumulative mean over the batches below
    g.train()
    with torch.no_grad():
        for _ in range(batches_):
            g(torch.randn(256, LATENT, generator=gen))
    for bn in g.bn:
        bn.momentum = 0.1
    g.eval()


def ema_update(ema: nn.Module, net: nn.Module, decay: float) -> None:
    """ema <- decay·ema + (1 - decay)·net, parameter by parameter (BN statistics are measured afterwards)."""
    with torch.no_grad():
        for pe, p in zip(ema.parameters(), net.parameters()):
            pe.mul_(decay).add_(p, alpha=1 - decay)


def train_gan(data, steps: int, gen: torch.Generator, log) -> Tuple[Generator, Discriminator]:
    """Non-saturating DCGAN; the G kept is an exponential moving average of its weights (decay 0.999 from step 500), as the grey family's."""
    g, d = Generator(), Discriminator()
    dcgan_init(g, gen)
    dcgan_init(d, gen)
    ema = Generator()
    ema.load_state_dict(g.state_dict())
    og = torch.optim.Adam(g.parameters(), 2e-4, betas=(0.5, 0.999))
    od = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
    t0 = time.time()
    for step in range(steps):
        real, _, _ = next(data)
        z = torch.randn(real.shape[0], LATENT, generator=gen)
        fake = g(z)
        ld = F.softplus(-d(real)).mean() + F.softplus(d(fake.detach())).mean()
        descend(od, ld)
        lg = F.softplus(-d(fake)).mean()
        descend(og, lg)
        ema_update(ema, g, 0.0 if step < 500 else 0.999)
        if step % 250 == 0 or step == steps - 1:
            log(f"gan {step}/{steps} d {ld.item():.3f} g {lg.item():.3f} {time.time() - t0:.0f}s")
    recalibrate_bn(ema, gen)
    return ema, d


def train_encoder(g: Generator, d: Discriminator, data, steps: int, gen: torch.Generator, log, *,
                  start: Optional[Encoder] = None, peak: float = 5e-4) -> Encoder:
    """
    Per-image log-MSE of G(E(x)) on real images, plus MSE(E(G(z)), z) on G's samples
    (train_encoder.py's loss), G frozen. E starts from D's features, or goes on from `start`.
    """
    e = Encoder(d) if start is None else start
    for p in g.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(e.parameters(), peak)
    t0 = time.time()
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = cosine(step, steps, peak)
        real, _, _ = next(data)
        recon = g(e(real))
        pixel = torch.log(((recon - real) ** 2).mean(dim=(1, 2, 3)) + 1e-4).mean()
        z = torch.randn(real.shape[0] // 2, LATENT, generator=gen)
        with torch.no_grad():
            sample = g(z)
        latent = ((e(sample) - z) ** 2).mean()
        loss = pixel + 0.1 * latent
        descend(opt, loss)
        if step % 250 == 0 or step == steps - 1:
            log(f"encoder {step}/{steps} log-mse {pixel.item():.3f} z-mse {latent.item():.3f} {time.time() - t0:.0f}s")
    e.eval()
    return e


def train_classifier(data, steps: int, log) -> Classifier:
    c = Classifier()
    opt = torch.optim.Adam(c.parameters(), 1e-3)
    t0 = time.time()
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = 1e-3 if step < 0.7 * steps else 3e-4
        x, y, _ = next(data)
        loss = F.cross_entropy(c(x), y)
        descend(opt, loss)
        if step % 250 == 0 or step == steps - 1:
            log(f"classifier {step}/{steps} ce {loss.item():.3f} {time.time() - t0:.0f}s")
    c.eval()
    return c


# ---------------------------------------------------------------- evaluation and attributes

def psnr8(a: torch.Tensor, b: torch.Tensor) -> np.ndarray:
    """Per-image PSNR on 8-bit values (the bench's rounding), capped at 60."""
    qa = torch.floor((a.clamp(-1, 1) + 1) * 127.5 + 0.5)
    qb = torch.floor((b.clamp(-1, 1) + 1) * 127.5 + 0.5)
    mse = ((qa - qb) ** 2).mean(dim=(1, 2, 3)).numpy()
    return np.minimum(60.0, 10 * np.log10(255.0 ** 2 / np.maximum(mse, 1e-12)))


HUES = {"red": 0.0, "yellow": 1 / 6, "green": 1 / 3, "cyan": 0.5, "blue": 2 / 3, "magenta": 5 / 6}


def attributes(g: Generator, e: Encoder, c: Classifier, pixels: np.ndarray, labels: np.ndarray, rng: np.random.Generator, held_pixels, held_labels) -> dict:
    """
    Mean-difference vectors from E's codes of tinted training images: one per class
    (class mean minus the mean of the other classes), the grey family's transforms, and one
    per hue (images of that hue, saturated, minus everyone else). Class vectors also have an
    estimate from G's samples labelled by C; the held-out calibration picks one. A class
    vector's strength is the smallest of 0.75..3 at which C assigns the target on 80 % of
    held-out codes (else the best).
    """
    n = pixels.shape[0]
    rgb, hsv = random_tints(rng, n)
    with torch.no_grad():
        z = torch.cat([e(tint(pixels[i:i + 1000], rgb[i:i + 1000])) for i in range(0, n, 1000)]).numpy()
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = []

    def add(name: str, label: str, kind: str, vector: np.ndarray, pos: int, neg: int, extra: dict) -> None:
        method = "labels" if kind.endswith("-sampled") else "encoder"  # G's samples labelled by C, or E's codes
        out.append({"name": name, "label": label, "kind": kind, "vector": [round(float(v), 6) for v in vector],
                    "provenance": {"method": method, "positives": int(pos), "negatives": int(neg), "createdAt": created}, **extra})

    hrgb, _ = random_tints(rng, held_pixels.shape[0])
    with torch.no_grad():
        zh = e(tint(held_pixels, hrgb))

    def calibrate(vector: np.ndarray, target: int, source: np.ndarray) -> dict:
        best = (0.0, 3.0)
        v = torch.from_numpy(vector.astype(np.float32))
        base = zh[source]
        for alpha in (0.75, 1.0, 1.5, 2.0, 2.5, 3.0):
            with torch.no_grad():
                hit = (c(g(base + alpha * v)).argmax(1) == target).float().mean().item()
            if hit > best[0]:
                best = (hit, alpha)
            if hit >= 0.8:
                return {"strength": alpha, "calibration": {"success": round(hit, 3), "images": int(source.sum())}}
        return {"strength": best[1], "calibration": {"success": round(best[0], 3), "images": int(source.sum())}}

    # A second estimate of each class vector, from G's own samples labelled by C (confidence
    # >= 0.8), as the grey family has: E's codes of real images sit slightly off G's typical
    # set, and for some classes the samples' mean is the better direction. The held-out
    # calibration keeps whichever reaches the target more often (E's codes on a tie).
    zs = torch.randn(20000, LATENT, generator=torch.Generator().manual_seed(7))
    with torch.no_grad():
        probs = torch.cat([F.softmax(c(g(zs[i:i + 1000])), 1) for i in range(0, 20000, 1000)])
    confident = probs.max(1).values >= 0.8
    zs_np, ys = zs[confident].numpy(), probs.argmax(1)[confident].numpy()

    def better(estimates: list, target: int, source: np.ndarray) -> Tuple[str, np.ndarray, int, int, dict]:
        scored = [(kind, vec, pos, neg, calibrate(vec, target, source)) for kind, vec, pos, neg in estimates if pos > 0 and neg > 0]
        candidates = {kind: cal["calibration"]["success"] for kind, _, _, _, cal in scored}
        kind, vec, pos, neg, cal = max(scored, key=lambda t: t[4]["calibration"]["success"])
        return kind, vec, pos, neg, {**cal, "calibration": {**cal["calibration"], "candidates": candidates}}

    slug = lambda i: LABELS[i].lower().replace("/", "-").replace(" ", "-")  # noqa: E731
    for k, label in enumerate(LABELS):
        m, ms_ = labels == k, ys == k
        kind, vec, pos, neg, cal = better([("class-mean", z[m].mean(0) - z[~m].mean(0), m.sum(), (~m).sum()),
                                           ("class-mean-sampled", zs_np[ms_].mean(0) - zs_np[~ms_].mean(0), ms_.sum(), (~ms_).sum())],
                                          k, held_labels != k)
        add(f"class-{slug(k)}", label, kind, vec, pos, neg, {"classIndex": k, **cal})
    for src, dst in ((7, 9), (9, 7), (5, 7), (6, 3), (0, 2), (2, 4)):
        ms, md = labels == src, labels == dst
        ss, sd = ys == src, ys == dst
        kind, vec, pos, neg, cal = better([("class-transform", z[md].mean(0) - z[ms].mean(0), md.sum(), ms.sum()),
                                           ("class-transform-sampled", zs_np[sd].mean(0) - zs_np[ss].mean(0), sd.sum(), ss.sum())],
                                          dst, held_labels == src)
        add(f"{slug(src)}-to-{slug(dst)}", f"{LABELS[src]} → {LABELS[dst]}", kind, vec, pos, neg, {"classIndex": dst, **cal})
    grey = hsv[:, 1] == 0
    for name, hue in HUES.items():
        # As the class directions: the hue's mean code minus everyone else's (other hues and grey).
        dist = np.minimum(np.abs(hsv[:, 0] - hue), 1 - np.abs(hsv[:, 0] - hue))
        m = (dist < 1 / 24) & (hsv[:, 1] > 0.6)
        add(f"colour-{name}", f"→ {name.capitalize()}", "hue-mean", z[m].mean(0) - z[~m].mean(0), m.sum(), (~m).sum(), {"strength": 1.5})
    sat = hsv[:, 1] > 0.8
    add("saturation", "Saturation", "quantile-difference", z[sat].mean(0) - z[grey].mean(0), sat.sum(), grey.sum(), {})
    return {"version": 1, "latentSize": LATENT, "method": f"E codes of {n} tinted training images, and for class vectors also 20000 G samples "
            f"labelled by C (confidence >= 0.8) (train_colour_family.py); each class vector and its strength chosen on "
            f"{held_pixels.shape[0]} held-out training images", "attributes": out}


def write_parity(path: str, g: Generator, d: Discriminator, e: Encoder, c: Classifier, x: torch.Tensor) -> None:
    """
    Inputs and PyTorch outputs of all four nets, for the engine's test that the exported tfjs
    models compute the same (colour-family.test.ts). Images are NHWC, as tfjs takes them.
    """
    z = torch.from_numpy(np.sin(np.arange(2 * LATENT, dtype=np.float32) * 0.37).reshape(2, LATENT) * 1.5)
    with torch.no_grad():
        out = {"z": z, "generated": g(z).permute(0, 2, 3, 1), "images": x.permute(0, 2, 3, 1), "discriminator": d(x),
               "encoder": e(x), "classifier": c(x)}
    with open(path, "w", encoding="utf-8") as f:
        json.dump({k: [round(float(v), 6) for v in t.reshape(-1)] for k, t in out.items()}, f)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skeleton", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--gan-steps", type=int, default=5000)
    ap.add_argument("--encoder-steps", type=int, default=2000)
    ap.add_argument("--classifier-steps", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--attributes-only", action="store_true", help="rebuild attributes.json from the trained family in --out")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    log = lambda s: print(s, flush=True)  # noqa: E731

    pixels, labels = load_pixels("train"), load_labels("train")
    train_p, train_l = pixels[:-HELD_OUT], labels[:-HELD_OUT]
    held_p, held_l = pixels[-HELD_OUT:], labels[-HELD_OUT:]
    if args.attributes_only:
        nets = (Generator(), Discriminator(), None, Classifier())
        g, d, _, c = nets
        for role, net in (("generator", g), ("discriminator", d), ("classifier", c)):
            load_tfjs(net, read_weights(os.path.join(args.out, role)))
        e = Encoder(d)
        load_tfjs(e, read_weights(os.path.join(args.out, "encoder")))
        for net in (g, d, e, c):
            net.eval()
        attrs = attributes(g, e, c, train_p[:20000], train_l[:20000], np.random.default_rng(args.seed + 1), held_p, held_l)
        with open(os.path.join(args.out, "attributes.json"), "w", encoding="utf-8") as f:
            json.dump(attrs, f, ensure_ascii=False)
        log(f"wrote {args.out}/attributes.json")
        return
    data = batches(train_p, train_l, rng, 64)
    g, d = train_gan(data, args.gan_steps, gen, log)
    e = train_encoder(g, d, data, args.encoder_steps, gen, log)
    c = train_classifier(data, args.classifier_steps, log)

    # Held-out report: tinted held-out training images, E alone; C's accuracy; D's mean logit on real vs G.
    vrgb, _ = random_tints(np.random.default_rng(99), 500)
    x = tint(held_p[:500], vrgb)
    with torch.no_grad():
        enc_psnr = float(psnr8(g(e(x)), x).mean())
        acc = float((c(tint(held_p, random_tints(np.random.default_rng(98), HELD_OUT)[0])).argmax(1).numpy() == held_l).mean())
        d_real, d_fake = float(d(x).mean()), float(d(g(torch.randn(500, LATENT, generator=gen))).mean())
    metrics = {"heldOutEncoderPsnr": round(enc_psnr, 2), "heldOutClassifierAccuracy": round(acc, 4),
               "discriminatorLogit": {"real": round(d_real, 3), "generated": round(d_fake, 3)},
               "steps": {"gan": args.gan_steps, "encoder": args.encoder_steps, "classifier": args.classifier_steps}, "seed": args.seed}
    log(json.dumps(metrics))

    attrs = attributes(g, e, c, train_p[:20000], train_l[:20000], np.random.default_rng(args.seed + 1), held_p, held_l)
    for role, net in (("generator", g), ("discriminator", d), ("encoder", e), ("classifier", c)):
        write_model(os.path.join(args.skeleton, role), os.path.join(args.out, role), numpy(net.tfjs()))
    with open(os.path.join(args.out, "attributes.json"), "w", encoding="utf-8") as f:
        json.dump(attrs, f, ensure_ascii=False)
    with open(os.path.join(args.out, "training-metrics.json"), "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=2)
    write_parity(os.path.join(args.out, "parity.json"), g, d, e, c, x[:2])
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
