/**
 * The zod schema of `models/<family>/manifest.json`. Parsing fills in every default,
 * so code downstream reads a complete config (tfjs-models style) and never guesses.
 * The format is documented in README-manifest.md; keep the two in step.
 */
import { z } from 'zod';

export const NETWORK_ROLES = [
  'generator',
  'discriminator',
  'encoder',
  'classifier',
  'super-resolution',
  'inpainter',
] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];

const range = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => hi > lo, 'range must be [low, high] with high > low');

/** Shape with `null` for free dimensions (batch, or H/W of fully convolutional nets). */
const shape = z.array(z.number().int().positive().nullable()).min(1);

const tensorSpec = z
  .object({ shape: shape.optional(), range: range.default([0, 1]) })
  .strict();

const networkSchema = z
  .object({
    role: z.enum(NETWORK_ROLES),
    /** Unique id within the family; defaults to the role. */
    name: z.string().min(1).optional(),
    format: z.enum(['layers-model', 'graph-model']).default('layers-model'),
    /** model.json, relative to the family folder, absolute, or `npm:<package>/<file>`. */
    path: z.string().min(1),
    input: tensorSpec.default({ range: [0, 1] }),
    output: tensorSpec.default({ range: [0, 1] }),
    /** Upscaling factor, super-resolution only. */
    scale: z.number().int().min(1).max(16).optional(),
    /** Context in input pixels each tile needs so tiled output equals untiled (default: computed receptive radius). */
    context: z.number().int().min(0).optional(),
    customLayers: z.array(z.string().min(1)).default([]),
    labels: z.array(z.string()).optional(),
    /** Layer whose activations serve as features (e.g. for a perceptual loss). */
    features: z.string().min(1).optional(),
  })
  .strict()
  .refine((n) => n.role !== 'super-resolution' || n.scale !== undefined, {
    message: 'super-resolution networks need "scale"',
    path: ['scale'],
  });

const domainSchema = z
  .object({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    channels: z.union([z.literal(1), z.literal(3), z.literal(4)]),
    range: range.default([-1, 1]),
    /** Size of the source images before padding, e.g. 28×28 Fashion-MNIST. */
    sourceSize: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
    pad: z.number().int().min(0).default(0),
    /**
     * The training images' background: Fashion-MNIST is light-on-dark. A photo region whose
     * border is on the other side (a product on white, for a dark family) is inverted on the
     * way in and its edit on the way out.
     */
    background: z.enum(['dark', 'light']).default('dark'),
  })
  .strict();

/**
 * A family's own wording in another language (VS Code localises an extension's manifest the
 * same way: the package carries its translations). `attributes` mirrors each shipped
 * attribute's `label` in the attributes file, by attribute name.
 */
const translationSchema = z
  .object({
    title: z.string().min(1).optional(),
    attributes: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict();

/** A language tag as the UI names its locales, e.g. "zh-CN". */
const localeTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "zh-CN"');

export const manifestSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and dashes'),
    title: z.string().min(1),
    version: z.number().int().min(1).default(1),
    description: z.string().optional(),
    domain: domainSchema.optional(),
    latentSize: z.number().int().positive().optional(),
    networks: z.array(networkSchema).min(1),
    /** JSON file of named latent directions, relative to the family folder. */
    attributes: z.string().min(1).optional(),
    translations: z.record(localeTag, translationSchema).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.networks.forEach((n, i) => {
      const name = n.name ?? n.role;
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['networks', i, 'name'], message: `duplicate network name "${name}"` });
      seen.add(name);
    });
  });

export type ManifestJson = z.input<typeof manifestSchema>;
export type ParsedManifest = z.output<typeof manifestSchema>;
export type TensorSpec = z.output<typeof tensorSpec>;
export type DomainSpec = z.output<typeof domainSchema>;
export type ModelTranslation = z.output<typeof translationSchema>;

/** One network, with its name settled and the family folder known. */
export type NetworkSpec = z.output<typeof networkSchema> & { name: string };

/** A validated family: what `loadManifest` returns. */
export interface ModelFamily {
  id: string;
  title: string;
  version: number;
  description?: string;
  domain?: DomainSpec;
  latentSize?: number;
  networks: NetworkSpec[];
  /** Absolute folder of the family. */
  dir: string;
  /** Absolute path of manifest.json (error messages name it). */
  manifestPath: string;
  /** Absolute path of the attributes file, when declared. */
  attributesPath?: string;
  /** By locale: the title and shipped attributes' labels in that language. */
  translations?: Record<string, ModelTranslation>;
}
