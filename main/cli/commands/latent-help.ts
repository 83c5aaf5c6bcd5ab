/** Each latent command's own help: the options it takes, and no others (parseArgs refuses the rest). */

const FAMILY = `  -m, --model FAMILY    the GAN family, a folder of the models folder (default fashion)`;
const COMMON = `  --json                print the result as JSON on stdout
  -h, --help            this help`;
const OVERWRITE = `  --overwrite           replace existing output files; without it they are refused before any work,
                        and the input is never replaced`;
const PROGRESS = `  --progress            progress on stderr even when it is not a terminal (a line per stage and per 10%)`;
const REGION = `  --region x,y,w,h      a rectangle of the image in pixels (default: all of it); it must overlap the image`;
const METHOD = `  --method M            inversion: optimize (random starts), encoder (one pass of E) or hybrid (E's code,
                        then optimize; the default)`;
const ITERATIONS = `  --iterations N        optimiser steps, 1–5000 (default: optimize 500, hybrid 50; not for encoder)`;
const STARTS = `  --starts K            keep the best of K starts, 1–16: optimize's are random (default 4); hybrid's are
                        E's code and its ReStyle iterates (default 1; 4 take about 3× as long on one image
                        and gain about 0.06 dB on average); not for encoder`;
const PIXEL_LOSS = `  --pixel-loss l2|l1    the optimiser's pixel term: l2 (default, mean squared error) or l1 (mean absolute)`;
const OUTPUT = (what: string) => `  -o, --output FILE     ${what} (.png, .jpg, .webp or .tif)`;
const Z_OUT = `  --z-out FILE          write z as a JSON array of numbers (e.g. z.json)`;

export const INVERT_HELP = `Usage: latentshop invert <image> [options]

Finds z with G(z) ≈ the image (or --region of it) and prints PSNR/SSIM in the generator's domain.

Options:
${FAMILY}
${METHOD}
${REGION}
${ITERATIONS}
${STARTS}
${PIXEL_LOSS}
${OUTPUT('write the reconstruction G(z)')}
${Z_OUT}
${OVERWRITE}
${PROGRESS}
${COMMON}
`;

export const EDIT_HELP = `Usage: latentshop edit <image> --attr NAME=ALPHA [--attr …] -o <output> [options]

Inverts the image (or --region of it), moves z along named attributes and blends the change
into the photo; pixels outside the region are kept bit for bit.

Options:
  --attr NAME=ALPHA     an attribute of the family and its strength, a number from -3 to 3 (e.g. size=1.5);
                        repeat for several. Unknown names are refused before the inversion
${OUTPUT('the edited photo')}
${FAMILY}
${METHOD}
${REGION}
${ITERATIONS}
${STARTS}
${PIXEL_LOSS}
${OVERWRITE}
${PROGRESS}
${COMMON}
`;

export const LEARN_HELP = `Usage: latentshop learn-attribute --name NAME --pos DIR --neg DIR [options]

Stores mean z(pos) − mean z(neg) as NAME in your attributes (LATENTSHOP_STATE_DIR or
~/.config/latentshop, then attributes/<family>.json). The two folders must hold different
images. A name the family already has (built-in, or learned before) is refused unless
--overwrite; a learned one then hides the built-in of that name until it is forgotten.

Options:
  --name NAME           lower-case letters, digits and dashes (at most 41)
  --pos DIR, --neg DIR  folders of example images (.png, .jpg, .webp, .tif; other files are skipped)
  --method M            inversion: encoder (the default), hybrid or optimize
  --overwrite           replace an attribute of the same name
${FAMILY}
${PROGRESS}
${COMMON}
`;

export const FORGET_HELP = `Usage: latentshop forget-attribute --name NAME [options]

Deletes an attribute you learned (built-in attributes stay).

Options:
  --name NAME           the learned attribute
${FAMILY}
${COMMON}
`;

export const CONSTRAIN_HELP = `Usage: latentshop constrain <image> --strokes strokes.json -o <output> [options]

Inverts the image (or --region of it), then follows colour and sketch strokes (iGAN) and blends
the result back. strokes.json is a JSON array of {kind, colour?, size, points:[{x,y}]} in photo
pixels (see the README); strokes that all miss the image are refused.

Options:
  --strokes FILE        the strokes
${OUTPUT('the edited photo')}
${FAMILY}
${METHOD}
${REGION}
  --candidates K        starts of the constrained search, 1–16 (default 4); the best is written
  --iterations N        steps of the constrained search, 1–2000 (default 60)
  --stay-close λ1       weight of ‖z − z0‖², 0–1000 (default 0.05)
  --realism λ2          weight of D's score, 0–100 (default 0.1)
${OVERWRITE}
${PROGRESS}
${COMMON}
`;

const modelHelp = (usage: string, what: string, options: string[]): string => `Usage: latentshop ${usage}

${what}

Options:
${[...options, FAMILY, COMMON].join('\n')}
`;

export const MODEL_HELP = {
  sample: modelHelp('sample -o grid.png [options]', 'Draws N samples from seeds S…S+N−1, as a grid (one sample: one image).', ['  -n, --count N         samples, 1–256 (default 16)', '  --seed S              the first seed (default 1)', OUTPUT('the grid'), OVERWRITE]),
  generate: modelHelp('generate --z z.json -o out.png [options]', 'Renders G(z) for one code (an array of numbers) or several (an array of them, as a grid).', ['  --z FILE              the code(s), JSON', OUTPUT('the image'), OVERWRITE]),
  discriminate: modelHelp('discriminate <image…> [options]', "Prints D's logit per image (higher = more real).", [REGION]),
  encode: modelHelp('encode <image> [options]', "Prints E's code for the image (or --region of it).", [REGION, Z_OUT, OVERWRITE]),
  classify: modelHelp('classify <image…> [options]', "Prints C's top-K labels per image (or --region of each).", ['  --top K               labels per image, 1–100 (default 3)', REGION]),
} as const;
