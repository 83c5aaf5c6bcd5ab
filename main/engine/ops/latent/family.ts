import * as tf from '@tensorflow/tfjs';
// Feature losses differentiate through D's and C's fused convs, whose gradient also asks for
// Conv2DBackpropFilter, which stock wasm lacks. (Not the repo's fast Conv2DBackpropInput: it
// is tuned for training batches and is ~30× slower than stock for one z.)
import '../../../../models/kernels/wasm-conv2d-backprop-filter';
import { LatentshopError } from '../../../../preload/contract/errors';
import { findNetwork, loadManifest, loadNetwork, resolveModelsRoot, type ModelFamily } from '../../../../models/loader';
import { join } from 'node:path';
import { createRunners, type LatentNets } from './family-runners';

export type { LatentNets } from './family-runners';

export type DomainChannels = 1 | 3;

/** Where a family's images live: size, channels, value range, and the source size inside the padding. */
export interface LatentDomain {
  width: number;
  height: number;
  /** 1: grey (photos enter as Rec. 709 luminance); 3: RGB. Domain images are packed h × w × channels. */
  channels: DomainChannels;
  range: [number, number];
  sourceSize: [number, number];
  pad: number;
  /** The training images' background (manifest `domain.background`); sets the auto polarity. */
  background: 'dark' | 'light';
}


/** A GAN family loaded once per engine (tfjs-models style: interface, factory, dispose). */
export interface LatentFamily {
  readonly id: string;
  readonly latentSize: number;
  readonly domain: LatentDomain;
  readonly labels: string[];
  readonly attributesPath?: string;
  /** By locale, the shipped attributes' labels in that language (the manifest's translations). */
  readonly attributeLabels?: AttributeLabels;
  readonly nets: LatentNets;
  /** Intermediate activations of D (and C's feature layer), a perceptual distance. Caller owns them. */
  features(x: tf.Tensor): tf.Tensor[];
  /** G(z) in the domain range, [n, h, w, channels]. The caller owns the result. */
  generate(z: tf.Tensor): tf.Tensor4D;
  /** D's logits, [n]. */
  discriminate(x: tf.Tensor): tf.Tensor1D;
  dispose(): void;
}

export interface FamilyInfo {
  id: string;
  /** channels: what the manifest declares (it may say 4), checked against the nets. */
  domain?: Partial<Omit<LatentDomain, 'channels'>> & { channels?: number };
  labels?: string[];
  attributesPath?: string;
  attributeLabels?: AttributeLabels;
}

/** Locale → attribute name → label. */
export type AttributeLabels = Record<string, Record<string, string>>;

/** Builds a family from in-memory nets (tests use small random nets with the shipped I/O). */
export function createLatentFamily(info: FamilyInfo, nets: LatentNets): LatentFamily {
  const [, h, w] = nets.G.outputs[0]!.shape;
  const channels = familyChannels(info, nets);
  const height = h ?? 32;
  const width = w ?? 32;
  const pad = info.domain?.pad ?? 0;
  const domain: LatentDomain = {
    width,
    height,
    channels,
    range: info.domain?.range ?? [-1, 1],
    sourceSize: info.domain?.sourceSize ?? [width - 2 * pad, height - 2 * pad],
    pad,
    background: info.domain?.background ?? 'dark',
  };
  const fast = createRunners(nets);
  const family: LatentFamily = {
    id: info.id,
    latentSize: nets.G.inputs[0]!.shape[1]!,
    domain,
    labels: info.labels ?? [],
    nets,
    features: fast.features,
    generate: (z) => fast.G(z) as tf.Tensor4D,
    discriminate: (x) => tf.tidy(() => fast.D(x).reshape([-1]) as tf.Tensor1D),
    dispose: () => {
      fast.dispose();
      for (const net of [nets.G, nets.D, nets.E, nets.C]) net?.dispose();
    },
  };
  return { ...family, ...(info.attributesPath && { attributesPath: info.attributesPath }), ...(info.attributeLabels && { attributeLabels: info.attributeLabels }) };
}

/**
 * G's output channels, checked against every image input and the manifest: a grey encoder
 * behind a colour generator would fail deep inside tfjs with a shape error instead.
 */
function familyChannels(info: FamilyInfo, nets: LatentNets): DomainChannels {
  const channels = nets.G.outputs[0]!.shape[3];
  if (channels !== 1 && channels !== 3) throw new LatentshopError('MODEL_INVALID', `Family "${info.id}": the generator makes ${channels}-channel images; grey (1) and RGB (3) are supported.`);
  const declared = info.domain?.channels;
  if (declared !== undefined && declared !== channels) throw new LatentshopError('MODEL_INVALID', `Family "${info.id}": the manifest says ${declared} channels, the generator makes ${channels}.`);
  for (const [role, net] of [['discriminator', nets.D], ['encoder', nets.E], ['classifier', nets.C]] as const) {
    const input = net?.inputs[0]!.shape[3];
    if (net && input !== channels) throw new LatentshopError('MODEL_INVALID', `Family "${info.id}": the ${role} takes ${input}-channel images, the generator makes ${channels}.`);
  }
  return channels;
}

const cache = new Map<string, Promise<LatentFamily>>();

/** The family `id` under the models root, loaded once per engine process. */
export function getLatentFamily(id: string, modelsRoot: string = resolveModelsRoot()): Promise<LatentFamily> {
  const key = join(modelsRoot, id);
  let entry = cache.get(key);
  if (!entry) {
    entry = loadFamily(key);
    // A failed load must not stick: the next call retries (e.g. after the user installs weights).
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

async function loadFamily(dir: string): Promise<LatentFamily> {
  const manifest = await loadManifest(dir);
  // E and C are optional: a family whose encoder is still training inverts by optimisation only.
  const optional = async (role: 'encoder' | 'classifier'): Promise<tf.LayersModel | undefined> => {
    if (!manifest.networks.some((n) => n.role === role)) return undefined;
    try {
      return await layersModel(manifest, role);
    } catch (error) {
      if (error instanceof LatentshopError && error.code === 'MODEL_NOT_FOUND') return undefined;
      throw error;
    }
  };
  const nets: LatentNets = { G: await layersModel(manifest, 'generator'), D: await layersModel(manifest, 'discriminator') };
  const E = await optional('encoder');
  const C = await optional('classifier');
  if (E) nets.E = E;
  if (C) nets.C = C;
  const info: FamilyInfo = { id: manifest.id };
  if (manifest.domain) info.domain = { ...manifest.domain, sourceSize: manifest.domain.sourceSize ?? [manifest.domain.width - 2 * manifest.domain.pad, manifest.domain.height - 2 * manifest.domain.pad] };
  if (C) info.labels = findNetwork(manifest, 'classifier').labels ?? [];
  if (manifest.attributesPath) info.attributesPath = manifest.attributesPath;
  const labels = Object.entries(manifest.translations ?? {}).flatMap(([locale, t]) => (t.attributes ? [[locale, t.attributes] as const] : []));
  if (labels.length > 0) info.attributeLabels = Object.fromEntries(labels);
  return createLatentFamily(info, nets);
}

async function layersModel(manifest: ModelFamily, role: 'generator' | 'discriminator' | 'encoder' | 'classifier'): Promise<tf.LayersModel> {
  const network = await loadNetwork(manifest, role);
  if (!(network.model instanceof tf.LayersModel)) {
    network.dispose();
    throw new LatentshopError('MODEL_INVALID', `${role} of "${manifest.id}" must be a layers-model (gradients need its layers).`, manifest.manifestPath);
  }
  return network.model;
}

/** Values per domain image (h × w × channels). */
export function domainPixels(fam: LatentFamily): number {
  return fam.domain.width * fam.domain.height * fam.domain.channels;
}

/** `count` packed domain images as the nets' input, [count, h, w, channels]. The caller owns it. */
export function domainTensor(fam: LatentFamily, values: Float32Array, count: number): tf.Tensor4D {
  const { width, height, channels } = fam.domain;
  return tf.tensor4d(values, [count, height, width, channels]);
}

/** Frees every loaded family (tests, memory pressure). */
export async function disposeLatentFamilies(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  for (const entry of entries) (await entry.catch(() => undefined))?.dispose();
}
