import type { InversionMethod, ModelFamilySummary } from '../../../preload/contract';

/** Families the latent tools can use: a generator and a discriminator (the engine loads both); E is optional. */
export function latentFamilies(models: readonly ModelFamilySummary[]): ModelFamilySummary[] {
  return models.filter((m) => m.roles.includes('generator') && m.roles.includes('discriminator'));
}

export function hasEncoder(family: ModelFamilySummary | null): boolean {
  return family?.roles.includes('encoder') ?? false;
}

/** The family the app ships (models/fashion), the default while the user has picked none. */
const SHIPPED_FAMILY = 'fashion';

/** The chosen family while it is installed, else the shipped one, else the first with an encoder (all three methods work), else the first. */
export function pickLatentFamily(families: readonly ModelFamilySummary[], chosen: string | null): ModelFamilySummary | null {
  const byId = (id: string | null) => families.find((f) => f.id === id);
  return byId(chosen) ?? byId(SHIPPED_FAMILY) ?? families.find(hasEncoder) ?? families[0] ?? null;
}

/**
 * The family GAN inpainting uses: the chosen one while installed, else the engine's own default
 * (main/engine/ops/inpaint/gan/family.ts: the shipped family, else the first installed), so the
 * Inpaint panel's picker shows what a run with nothing chosen would use. `families` must be the
 * latent ones (generator and discriminator).
 */
export function pickGanFamily(families: readonly ModelFamilySummary[], chosen: string | null): ModelFamilySummary | null {
  const byId = (id: string | null) => families.find((f) => f.id === id);
  return byId(chosen) ?? byId(SHIPPED_FAMILY) ?? families[0] ?? null;
}

/** `encoder` and `hybrid` start from E's code; a family without E can only optimise from random starts. */
export function usableMethod(method: InversionMethod, family: ModelFamilySummary | null): InversionMethod {
  return hasEncoder(family) ? method : 'optimize';
}
