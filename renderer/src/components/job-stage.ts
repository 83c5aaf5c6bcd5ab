/** An engine stage as an i18n key under `jobs.stage.` and the numbers to put in it. */
export interface StageText {
  key: string;
  params: Record<string, string>;
}

/**
 * Reads the engine's stage text ('resize', 'load model', 'iteration 147/500, loss 0.0262',
 * 'fill 2/5') as a key and its numbers, so every language can word it; the engine's own
 * English stays the fallback for a stage no language knows.
 */
export function parseStage(stage: string): StageText {
  const counted = /^([a-z][a-z ]*?) (\d+)\/(\d+)(?:, loss ([0-9.eE+-]+))?$/.exec(stage);
  if (!counted) return { key: camelCase(stage), params: {} };
  const [, word = '', k = '', n = '', loss] = counted;
  return loss === undefined ? { key: `${camelCase(word)}Count`, params: { k, n } } : { key: `${camelCase(word)}Loss`, params: { k, n, loss } };
}

function camelCase(words: string): string {
  return words.trim().replace(/ +([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
