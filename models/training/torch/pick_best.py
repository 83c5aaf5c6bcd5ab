"""
Picks the best of device-run.sh's encoder variants by their held-out *validation* PSNR
(train images never trained on; t10k is only reported) and copies it to OUT/encoder.

  python3 models/training/torch/pick_best.py VARIANTS_DIR OUT_ENCODER_DIR
"""
from __future__ import annotations

import json
import os
import shutil
import sys


def main(variants: str, dest: str) -> int:
    rows = []
    for name in sorted(os.listdir(variants)):
        path = os.path.join(variants, name, "metrics.json")
        if os.path.exists(path):
            with open(path, "r", encoding="utf-8") as f:
                rows.append((name, json.load(f)))
        elif os.path.exists(os.path.join(variants, name, "weights.bin")):
            print(f"[pick] {name}: no metrics.json (killed?), skipped")
    if not rows:
        print("[pick] no finished variant")
        return 1
    for name, m in rows:
        print(f"[pick] {name:12s} steps {m['steps']:6d} ({m['msPerStep']} ms/step, best at {m['bestStep']}) "
              f"val {m['valPsnrBefore']:.3f} -> {m['valPsnrAfter']:.3f}  t10k[:{m['testCount']}] "
              f"{m['t10kPsnrBefore']:.3f} -> {m['t10kPsnrAfter']:.3f} dB")
    name, best = max(rows, key=lambda r: r[1]["valPsnrAfter"])
    os.makedirs(dest, exist_ok=True)
    for f in ("model.json", "weights.bin", "metrics.json", "z-t10k.json"):
        src = os.path.join(variants, name, f)
        if os.path.exists(src):
            shutil.copyfile(src, os.path.join(dest, f))
    print(f"[pick] chose {name} (val {best['valPsnrAfter']:.3f} dB; t10k {best['t10kPsnrAfter']:.3f} dB) -> {dest}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
