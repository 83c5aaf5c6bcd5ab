/**
 * Stand-in for sharp in the device bundle (pack-latent.sh): sharp is a native module and
 * node_modules does not travel. The latent bench never encodes images; anything that
 * tries to fails loudly here rather than with a missing .node file.
 */
export default function sharp(): never {
  throw new Error('sharp is not in the device bundle (bench/device/no-sharp.ts)');
}
