import { describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backend';
import type { RasterImage } from '../../io/raster';
import { quietContext } from '../context';
import { planBands, runBand, sliceRows, stitchBands, type BandPlan } from './bands';
import { maxAbsDiff, photoFixture } from './fixture.test-util';
import { upscaleRasterWith, type TileNet } from './index';
import { slimX2ForFile } from './slim-suite.test-util';

useBackend('wasm');
const slim = slimX2ForFile();

function planFor(img: RasterImage, net: TileNet, workers: number, feather?: number): BandPlan {
  return planBands(img.width, img.height, net, workers, { tileFlops: 40 * 40 * net.flopsPerPixel, ...(feather !== undefined && { feather }) });
}

/** The same grid as `plan`, as one band over every tile row. */
function oneBand(plan: BandPlan, img: RasterImage, scale: number): BandPlan {
  const rows = plan.bands.at(-1)!.rows[1];
  return { grid: plan.grid, bands: [{ rows: [0, rows], input: [0, img.height], output: [0, img.height * scale], seams: [] }] };
}

async function banded(img: RasterImage, net: TileNet, plan: BandPlan): Promise<RasterImage> {
  const results = [];
  for (const band of plan.bands) results.push(await runBand(sliceRows(img, band.input), img.height, net, plan, band, quietContext()));
  const s = net.scale;
  const out: RasterImage = { ...img, width: img.width * s, height: img.height * s, data: new Uint8Array(img.width * s * img.height * s * img.channels) };
  stitchBands(out, plan, results);
  return out;
}

describe('bands over several workers', () => {
  it('plans contiguous tile-row bands whose seams pair up', () => {
    const plan = planBands(64, 150, slim.net, 3, { tileFlops: 40 * 40 * slim.net.flopsPerPixel });
    expect(plan.bands).toHaveLength(3);
    expect(plan.grid.feather).toBe(0); // slim's context is its exact receptive radius
    plan.bands.slice(1).forEach((band, k) => {
      expect(band.rows[0]).toBe(plan.bands[k]!.rows[1]);
      expect(band.seams[0]).toEqual(plan.bands[k]!.seams.at(-1));
    });
    expect(plan.bands.at(-1)!.output[1]).toBe(300);
  });

  it.each([[2, undefined], [3, undefined], [2, 4]])('%i bands (feather %s) equal one band bit for bit, and untiled within rounding', async (workers, feather) => {
    const img = await photoFixture(64, 150);
    const plan = planFor(img, slim.net, workers, feather);
    const split = await banded(img, slim.net, plan);
    const single = await banded(img, slim.net, oneBand(plan, img, 2));
    expect(maxAbsDiff(split.data, single.data)).toBe(0);
    const untiled = await upscaleRasterWith(img, slim.net, { tileSize: 1 << 20 }, quietContext());
    expect(maxAbsDiff(split.data, untiled.data)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('balances bands: tile rows a multiple of the workers when that costs nothing', () => {
    const plan = planBands(451, 300, slim.net, 2, { tileFlops: 25e9 });
    expect(plan.bands.map((b) => b.rows[1] - b.rows[0])).toEqual([1, 1]);
  });

  it('gives one band when the image is one tile row high', () => {
    // 20 rows are 28 with the edge padding (edge-pad.ts): slim's smallest tile.
    expect(planBands(300, 20, slim.net, 2).bands).toHaveLength(1);
  });
});
