import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveModel } from '../../../../models/training/io';
import { buildClassifier, buildDiscriminator, buildEncoder, buildGenerator, type GanWidths } from '../../../../models/training/nets';
import { createLatentFamily, type DomainChannels, type LatentFamily, type LatentNets } from './family';

/** Narrow nets with the shipped family's I/O (z[64] → 32×32×1, or ×3 for a colour family): fast enough for unit tests. */
const SMALL: GanWidths = { g: [32, 16, 8], d: [8, 16, 32] };
export const TEST_LABELS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

export function buildTestNets(seed = 1, channels: DomainChannels = 1): LatentNets {
  const nets = { G: buildGenerator(64, SMALL, channels), D: buildDiscriminator(SMALL, channels), E: buildEncoder(64, SMALL, channels), C: buildClassifier(channels) };
  // Deterministic weights, so tests do not depend on the global random state.
  let k = seed;
  for (const net of [nets.G, nets.D, nets.E, nets.C]) {
    net.setWeights(net.getWeights().map((w) => tf.tidy(() => (w.shape.length > 1 ? tf.randomNormal(w.shape, 0, 0.2, 'float32', k++) : w.clone()))));
  }
  return nets;
}

export function makeTestFamily(seed = 1, channels: DomainChannels = 1): LatentFamily {
  return createLatentFamily({ id: 'test', domain: { pad: 2, sourceSize: [28, 28], range: [-1, 1] }, labels: TEST_LABELS }, buildTestNets(seed, channels));
}

/** Writes a loadable family (manifest, four nets, attributes.json) under `root/<id>` for engine-level tests. */
export async function saveTestFamily(root: string, id = 'testfam', vectors: Record<string, number[]> = {}, channels: DomainChannels = 1, title = 'Test family'): Promise<void> {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  const nets = buildTestNets(3, channels);
  for (const [role, net] of [['generator', nets.G], ['discriminator', nets.D], ['encoder', nets.E!], ['classifier', nets.C!]] as const) await saveModel(net, join(dir, role));
  const io = (shape: (number | null)[]) => ({ shape, range: [-1, 1] });
  const manifest = {
    id, title, domain: { width: 32, height: 32, channels, range: [-1, 1], sourceSize: [28, 28], pad: 2 }, latentSize: 64, attributes: 'attributes.json',
    networks: [
      { role: 'generator', path: 'generator/model.json', input: { shape: [null, 64], range: [-3, 3] }, output: io([null, 32, 32, channels]) },
      { role: 'discriminator', path: 'discriminator/model.json', input: io([null, 32, 32, channels]), output: { shape: [null, 1], range: [-20, 20] } },
      { role: 'encoder', path: 'encoder/model.json', input: io([null, 32, 32, channels]), output: { shape: [null, 64], range: [-3, 3] } },
      { role: 'classifier', path: 'classifier/model.json', input: io([null, 32, 32, channels]), output: { shape: [null, 10], range: [-20, 20] }, labels: TEST_LABELS, features: 'features' },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const attributes = Object.entries(vectors).map(([name, vector]) => ({ name, label: name, kind: 'test', vector }));
  writeFileSync(join(dir, 'attributes.json'), JSON.stringify({ version: 1, latentSize: 64, method: 'test', attributes }));
  for (const net of [nets.G, nets.D, nets.E!, nets.C!]) net.dispose();
}
