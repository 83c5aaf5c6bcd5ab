import { describe, expect, it } from 'vitest';
import type { ModelFamilySummary } from '../../../preload/contract';
import { latentFamilies, pickGanFamily, pickLatentFamily, usableMethod } from './families';

const family = (id: string, roles: string[]): ModelFamilySummary => ({ id, title: id, roles, path: `/models/${id}` });
const fashion = family('fashion', ['generator', 'discriminator', 'encoder', 'classifier']);
const noEncoder = family('colour-gan', ['generator', 'discriminator']);
const esrgan = family('esrgan-slim', ['super-resolution']);
const generatorOnly = family('g-only', ['generator']);

describe('latent families', () => {
  it('lists the families with a generator and a discriminator, in install order', () => {
    expect(latentFamilies([esrgan, noEncoder, generatorOnly, fashion]).map((f) => f.id)).toEqual(['colour-gan', 'fashion']);
  });

  it('keeps the chosen family while it is installed, else the shipped one, else one with an encoder', () => {
    const mine = family('my-gan', ['generator', 'discriminator', 'encoder']);
    expect(pickLatentFamily([mine, fashion], null)?.id).toBe('fashion');
    expect(pickLatentFamily([noEncoder, mine], null)?.id).toBe('my-gan');
    const installed = [noEncoder, fashion];
    expect(pickLatentFamily(installed, null)?.id).toBe('fashion');
    expect(pickLatentFamily(installed, 'colour-gan')?.id).toBe('colour-gan');
    expect(pickLatentFamily(installed, 'uninstalled')?.id).toBe('fashion');
    expect(pickLatentFamily([noEncoder], null)?.id).toBe('colour-gan');
    expect(pickLatentFamily([], 'fashion')).toBeNull();
  });

  it('defaults GAN inpainting to the engine’s own choice: the shipped family, else the first installed', () => {
    const mine = family('my-gan', ['generator', 'discriminator', 'encoder']);
    expect(pickGanFamily([noEncoder, fashion], null)?.id).toBe('fashion');
    expect(pickGanFamily([noEncoder, fashion], '')?.id).toBe('fashion');
    expect(pickGanFamily([noEncoder, fashion], 'colour-gan')?.id).toBe('colour-gan');
    // Unlike the Edit panel, no preference for an encoder: the engine takes the first.
    expect(pickGanFamily([noEncoder, mine], null)?.id).toBe('colour-gan');
    expect(pickGanFamily([], null)).toBeNull();
  });

  it('runs optimize for a family without an encoder, whatever method was picked', () => {
    expect(usableMethod('hybrid', fashion)).toBe('hybrid');
    expect(usableMethod('encoder', noEncoder)).toBe('optimize');
    expect(usableMethod('hybrid', null)).toBe('optimize');
  });
});
