/**
 * The tfjs topologies of the RGB family (models/training/nets.ts with 3 channels), untrained:
 * train_colour_family.py fills their weights (tfjs_io.write_model keeps each model.json's
 * topology and weight order), so the engine loads the result like any family.
 *   npx tsx models/training/torch/colour-skeleton.ts <dir>
 */
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { saveModel } from '../io.js';
import { buildClassifier, buildDiscriminator, buildEncoder, buildGenerator, DEFAULT_WIDTHS, LATENT_SIZE } from '../nets.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: colour-skeleton.ts <dir>');
  process.exit(2);
}
await tf.ready();
const nets = {
  generator: buildGenerator(LATENT_SIZE, DEFAULT_WIDTHS, 3),
  discriminator: buildDiscriminator(DEFAULT_WIDTHS, 3),
  encoder: buildEncoder(LATENT_SIZE, DEFAULT_WIDTHS, 3),
  classifier: buildClassifier(3),
};
for (const [role, net] of Object.entries(nets)) {
  await saveModel(net, join(dir, role));
  console.log(role, net.weights.map((w) => `${w.originalName} ${JSON.stringify(w.shape)}`).join(', '));
}
