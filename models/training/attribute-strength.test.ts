import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attribute } from '../metrics/attributes';
import { applicableRows, calibrateAttributes, calibrationRows, editSuccess, type CalibrationSet } from './attribute-strength';
import { CLASS_NAMES } from './data';

/**
 * A 2-d latent where "G" is the identity and "C" labels a code by its larger coordinate:
 * the α at which z + α·v changes class is known exactly, so the calibration's choice is too.
 */
function identity(name: string): tf.LayersModel {
  const m = tf.sequential({ name });
  m.add(tf.layers.dense({ inputShape: [2], units: 2, useBias: false, kernelInitializer: 'identity' }));
  return m;
}

const SNEAKER = CLASS_NAMES.indexOf('Sneaker');
const BOOT = CLASS_NAMES.indexOf('Ankle boot');

describe('attribute strength calibration', () => {
  let G: tf.LayersModel;
  let C: tf.LayersModel;
  // Four sneakers at z = (1, 0) (class 0 for C) and one boot; target class 1 is reached
  // once α·0.8 > 1 − α·0.8, i.e. α > 0.625, for the vector (−0.8, 0.8).
  const set: CalibrationSet = { codes: new Float32Array([1, 0, 1, 0, 1, 0, 1, 0, 0, 1]), labels: new Uint8Array([SNEAKER, SNEAKER, SNEAKER, SNEAKER, BOOT]), latent: 2 };
  const strong: Attribute = { name: 'sneaker-to-ankle-boot', label: 's→b', kind: 'strong', classIndex: 1, vector: [-0.8, 0.8] };
  const weak: Attribute = { name: 'sneaker-to-ankle-boot', label: 's→b', kind: 'weak', classIndex: 1, vector: [-0.05, 0.05] };

  beforeAll(() => {
    G = identity('g');
    C = identity('c');
  });
  afterAll(() => {
    G.dispose();
    C.dispose();
  });

  it('scores an edit by whether C lands on the target class', () => {
    const rows = [0, 1, 2, 3];
    expect(editSuccess(G, C, set, rows, strong.vector, 0.5, 1)).toBe(0);
    expect(editSuccess(G, C, set, rows, strong.vector, 0.75, 1)).toBe(1);
  });

  it('edits only the source class for transforms, and every other class for class directions', () => {
    expect(applicableRows('sneaker-to-ankle-boot', BOOT, set.labels, 10)).toEqual([0, 1, 2, 3]);
    expect(applicableRows('class-ankle-boot', BOOT, set.labels, 10)).toEqual([0, 1, 2, 3]);
    expect(applicableRows('class-sneaker', SNEAKER, set.labels, 10)).toEqual([4]);
    expect(applicableRows('sneaker-to-ankle-boot', BOOT, set.labels, 2)).toEqual([0, 1]);
  });

  it('lists every row some candidate is calibrated on, once, so only those need costly codes', () => {
    const toSneaker: Attribute = { name: 'class-sneaker', label: 'S', kind: 'k', classIndex: SNEAKER, vector: [0, 0] };
    const brightness: Attribute = { name: 'brightness', label: 'B', kind: 'quantile-difference', vector: [0.1, 0.1] };
    expect(calibrationRows([[weak, brightness], [strong, toSneaker]], set.labels, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(calibrationRows([[weak], [strong]], set.labels, 2)).toEqual([0, 1]);
    expect(calibrationRows([[brightness]], set.labels, 10)).toEqual([]);
  });

  it('keeps the estimate that works and the smallest α that reaches its best success', () => {
    const before = tf.memory().numTensors;
    const brightness: Attribute = { name: 'brightness', label: 'B', kind: 'quantile-difference', vector: [0.1, 0.1] };
    const [edit, passThrough] = calibrateAttributes(G, C, set, [[weak], [strong, brightness]]);
    expect(edit).toMatchObject({ kind: 'strong', strength: 0.75, calibration: { success: 1, images: 4, candidates: { weak: 0, strong: 1 } } });
    expect(passThrough).toEqual(brightness);
    expect(tf.memory().numTensors).toBe(before);
  });
});
