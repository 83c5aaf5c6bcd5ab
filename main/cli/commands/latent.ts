import type { Command } from '../args';
import { latentModelCommand } from './latent-models';
import { runEdit, runInvert } from './latent-invert';
import { runConstrain, runForgetAttribute, runLearnAttribute } from './latent-paint';

/** The latent tools' commands, registered in one go so index.ts gains a single line. */
export const latentCommands: Record<string, Command> = {
  sample: latentModelCommand('sample'),
  generate: latentModelCommand('generate'),
  discriminate: latentModelCommand('discriminate'),
  encode: latentModelCommand('encode'),
  classify: latentModelCommand('classify'),
  invert: runInvert,
  edit: runEdit,
  'learn-attribute': runLearnAttribute,
  'forget-attribute': runForgetAttribute,
  constrain: runConstrain,
};

export const LATENT_USAGE = `  sample    Draw samples from a GAN family as a grid (seeded)
  generate  Render latent codes (z.json) with the generator
  discriminate  Score images with the discriminator (logit)
  encode    Encode an image to a latent code
  classify  Label images with the family's classifier (top-k)
  invert    Find the latent code of an image or region (optimize, encoder, hybrid)
  edit      Move an image along named attributes and blend the change back
  learn-attribute  Learn an attribute from folders of positive and negative examples
  forget-attribute Delete an attribute you learned
  constrain Follow colour and sketch strokes (iGAN-style) and blend the result back
`;
