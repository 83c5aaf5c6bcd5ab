/**
 * Writes a small family of random nets (tests' saveTestFamily) for end-to-end tests that need
 * a second family installed, e.g. an RGB one:
 *   npx tsx scripts/make-test-family.ts <models-root> <id> <channels: 1|3> [title]
 * It has one attribute, `test-direction`: a fixed direction (its G is random, so it only gives a slider something to move).
 */
import * as tf from '@tensorflow/tfjs';
import { saveTestFamily } from '../main/engine/ops/latent/test-family';

const [root, id, channelsArg, title] = process.argv.slice(2);
if (!root || !id || (channelsArg !== '1' && channelsArg !== '3')) {
  console.error('usage: make-test-family.ts <models-root> <id> <1|3> [title]');
  process.exit(2);
}
await tf.ready();
const direction = Array.from({ length: 64 }, (_, j) => (j % 2 === 0 ? 0.8 : -0.8));
await saveTestFamily(root, id, { 'test-direction': direction }, channelsArg === '3' ? 3 : 1, title ?? 'Test family');
console.log(`${root}/${id}`);
