"""
PyTorch ports of the fashion family's G and E (models/training/nets.ts), numerically
equivalent to the tfjs layers-models they are loaded from (parity.py checks < 1e-4).

Layout notes (tfjs is NHWC, PyTorch NCHW):
- Dense kernel [in, out] -> nn.Linear weight [out, in] (transpose).
- Conv2D kernel [kh, kw, in, out] -> Conv2d weight [out, in, kh, kw].
- Conv2DTranspose kernel [kh, kw, out, in] -> ConvTranspose2d weight [in, out, kh, kw]
  (both are the input-gradient of a cross-correlation, so no spatial flip).
- tfjs Reshape/Flatten act on NHWC order, so G's dense output is viewed as [B, 4, 4, C] and
  permuted to NCHW, and E flattens after permuting back to NHWC. Keeping tfjs' order in
  the activations (rather than permuting the dense kernels) means weights copy 1:1.
- TF 'same' with k=4, s=2 on even sizes pads 2 in total, 1 each side (symmetric), which is
  padding=1 for both Conv2d (n -> n/2) and ConvTranspose2d (n -> 2n). _check_layers asserts
  the configs this relies on instead of assuming them.
"""
from __future__ import annotations

import os
from typing import Dict, List

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from tfjs_io import read_model_json, read_weights


def _layers(model_json: dict) -> List[dict]:
    return model_json["modelTopology"]["config"]["layers"]


def _check_conv(cfg: dict) -> None:
    if (list(cfg["kernel_size"]), list(cfg["strides"]), cfg["padding"]) != ([4, 4], [2, 2], "same"):
        raise ValueError(f"{cfg['name']}: port assumes 4x4 stride 2 'same', got {cfg}")
    if list(cfg.get("dilation_rate", [1, 1])) != [1, 1] or cfg.get("data_format", "channels_last") != "channels_last":
        raise ValueError(f"{cfg['name']}: unsupported dilation/data_format")


def exact_fp32() -> None:
    """
    Plain IEEE float32 on the GPU. cuDNN convs default to TF32 on Ampere+ (~1e-3 off tfjs'
    float32), which would fail parity and make training see a slightly different G than the
    engine. PyTorch >= 2.9 has the fp32_precision API (the allow_tf32 flags are deprecated
    there); 1.13 only has the flags. Cheap for nets this small.
    """
    done = False
    try:
        torch.backends.cuda.matmul.fp32_precision = "ieee"  # type: ignore[attr-defined]
        torch.backends.cudnn.conv.fp32_precision = "ieee"  # type: ignore[attr-defined]
        done = True
    except Exception:  # 1.13 raises AssertionError for unknown attributes, newer ones AttributeError
        pass
    if not done:
        try:
            torch.backends.cuda.matmul.allow_tf32 = False
            torch.backends.cudnn.allow_tf32 = False
        except Exception as err:  # parity on the device will show it if TF32 stayed on
            print(f"[nets] could not turn TF32 off: {err}")


def _t(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))


class Generator(nn.Module):
    """G: z -> dense -> NHWC reshape 4x4xC -> BN -> ReLU -> 2x[convT, BN, ReLU] -> convT tanh."""

    def __init__(self, model_dir: str):
        super().__init__()
        mj = read_model_json(model_dir)
        w = read_weights(model_dir)
        by_class: Dict[str, List[dict]] = {}
        for layer in _layers(mj):
            by_class.setdefault(layer["class_name"], []).append(layer["config"])
        bns = by_class["BatchNormalization"]
        # tfjs' BN default epsilon is 1e-3 (PyTorch's is 1e-5): read it, never assume.
        self.eps = [float(c["epsilon"]) for c in bns]
        self.bn_names = [c["name"] for c in bns]
        for c in by_class["Conv2DTranspose"]:
            _check_conv(c)
        self.reshape = [int(v) for v in by_class["Reshape"][0]["target_shape"]]  # [4, 4, C]
        dense = w["g_dense/kernel"]  # [latent, 4*4*C], no bias
        self.dense = nn.Linear(dense.shape[0], dense.shape[1], bias=False)
        self.dense.weight.data = _t(dense.T)
        self.ups = nn.ModuleList()
        for name in ("g_up1", "g_up2", "g_out"):
            k = w[f"{name}/kernel"]  # [kh, kw, out, in]
            has_bias = f"{name}/bias" in w
            conv = nn.ConvTranspose2d(k.shape[3], k.shape[2], 4, stride=2, padding=1, bias=has_bias)
            conv.weight.data = _t(k.transpose(3, 2, 0, 1))
            if has_bias:
                conv.bias.data = _t(w[f"{name}/bias"])
            self.ups.append(conv)
        for i, name in enumerate(self.bn_names):
            for part in ("gamma", "beta", "moving_mean", "moving_variance"):
                self.register_buffer(f"bn{i}_{part}", _t(w[f"{name}/{part}"]))
        for p in self.parameters():
            p.requires_grad_(False)
        self.eval()

    def _bn(self, x: torch.Tensor, i: int) -> torch.Tensor:
        # Inference-mode BN with the shipped moving statistics (G is frozen; the engine
        # runs it with training: false).
        return F.batch_norm(x, getattr(self, f"bn{i}_moving_mean"), getattr(self, f"bn{i}_moving_variance"),
                            getattr(self, f"bn{i}_gamma"), getattr(self, f"bn{i}_beta"), False, 0.0, self.eps[i])

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """z [B, latent] -> images NCHW [B, 1, 32, 32] in [-1, 1]."""
        h, w_, c = self.reshape
        x = self.dense(z).view(-1, h, w_, c).permute(0, 3, 1, 2)
        x = F.relu(self._bn(x, 0))
        for i in (1, 2):
            x = F.relu(self._bn(self.ups[i - 1](x), i))
        return torch.tanh(self.ups[2](x))


class Encoder(nn.Module):
    """E: 3x[conv 4x4/2 same, LeakyReLU 0.2] -> NHWC flatten -> dense 256 -> LeakyReLU -> dense z."""

    CONVS = ("conv1", "conv2", "conv3")
    DENSES = ("e_hidden", "z")

    def __init__(self, model_dir: str):
        super().__init__()
        mj = read_model_json(model_dir)
        w = read_weights(model_dir)
        alphas = []
        for layer in _layers(mj):
            cfg = layer["config"]
            if layer["class_name"] == "Conv2D":
                _check_conv(cfg)
            if layer["class_name"] in ("Conv2D", "Dense") and cfg.get("activation", "linear") != "linear":
                raise ValueError(f"{cfg['name']}: port assumes linear activation + separate LeakyReLU")
            if layer["class_name"] == "LeakyReLU":
                alphas.append(float(cfg["alpha"]))
        if len(alphas) != 4:
            raise ValueError(f"expected 4 LeakyReLU layers, got {len(alphas)}")
        self.alphas = alphas
        self.convs = nn.ModuleList()
        for name in self.CONVS:
            k = w[f"{name}/kernel"]  # [kh, kw, in, out]
            conv = nn.Conv2d(k.shape[2], k.shape[3], 4, stride=2, padding=1)
            conv.weight.data = _t(k.transpose(3, 2, 0, 1))
            conv.bias.data = _t(w[f"{name}/bias"])
            self.convs.append(conv)
        self.denses = nn.ModuleList()
        for name in self.DENSES:
            k = w[f"{name}/kernel"]  # [in, out]
            lin = nn.Linear(k.shape[0], k.shape[1])
            lin.weight.data = _t(k.T)
            lin.bias.data = _t(w[f"{name}/bias"])
            self.denses.append(lin)

    def hidden(self, x: torch.Tensor) -> torch.Tensor:
        """x NCHW [B, 1, 32, 32] in [-1, 1] -> the features the last layer reads [B, 256]."""
        for conv, a in zip(self.convs, self.alphas):
            x = F.leaky_relu(conv(x), a)
        x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # tfjs Flatten is NHWC order
        return F.leaky_relu(self.denses[0](x), self.alphas[3])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x NCHW [B, 1, 32, 32] in [-1, 1] -> z [B, latent]."""
        return self.denses[1](self.hidden(x))

    def tfjs_weights(self) -> Dict[str, np.ndarray]:
        """Current weights by tfjs name and layout, for tfjs_io.write_model."""
        out: Dict[str, np.ndarray] = {}
        for name, conv in zip(self.CONVS, self.convs):
            out[f"{name}/kernel"] = conv.weight.detach().cpu().numpy().transpose(2, 3, 1, 0)
            out[f"{name}/bias"] = conv.bias.detach().cpu().numpy()
        for name, lin in zip(self.DENSES, self.denses):
            out[f"{name}/kernel"] = lin.weight.detach().cpu().numpy().T
            out[f"{name}/bias"] = lin.bias.detach().cpu().numpy()
        return out


def frozen_nets(models_dir: str, device: torch.device) -> tuple:
    """The family's G and E on `device`, both frozen in inference mode: (G, E)."""
    G = Generator(os.path.join(models_dir, "generator")).to(device)
    E = Encoder(os.path.join(models_dir, "encoder")).to(device).eval()
    for p in E.parameters():
        p.requires_grad_(False)
    return G, E
