"""OpenCV's Telea and Navier-Stokes inpainting, the baselines of bench/inpaint.ts.

Usage: opencv_inpaint.py DIR NAME...  For each NAME, reads DIR/NAME.png and
DIR/NAME.mask.png (nonzero = hole), writes DIR/NAME.telea.png and DIR/NAME.ns.png,
and prints one JSON object of timings in milliseconds.
"""
import json
import sys
import time

import cv2

RADIUS = 3  # OpenCV's documented default neighbourhood.


def main() -> None:
    folder, names = sys.argv[1], sys.argv[2:]
    timings = {}
    for name in names:
        image = cv2.imread(f"{folder}/{name}.png", cv2.IMREAD_UNCHANGED)
        mask = cv2.imread(f"{folder}/{name}.mask.png", cv2.IMREAD_GRAYSCALE)
        timings[name] = {}
        for label, flag in (("telea", cv2.INPAINT_TELEA), ("ns", cv2.INPAINT_NS)):
            start = time.perf_counter()
            out = cv2.inpaint(image, mask, RADIUS, flag)
            timings[name][label] = (time.perf_counter() - start) * 1000
            cv2.imwrite(f"{folder}/{name}.{label}.png", out)
    print(json.dumps({"opencv": cv2.__version__, "timings": timings}))


if __name__ == "__main__":
    main()
