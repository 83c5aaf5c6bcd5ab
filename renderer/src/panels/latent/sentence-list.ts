/** Ends a sentence in the languages we ship: the Latin marks, and the full-width ones of Chinese. */
const ENDED = /[.!?…。！？]$/u;
/** Chinese puts no space after its full-width marks; a Latin sentence wants one. */
const FULL_WIDTH_END = /[。！？]$/u;

/**
 * Several messages (one per skipped file, most already ending in a full stop) as one toast line:
 * each made a sentence with the locale's `fullStop` where it has none, then joined by a space, or
 * by nothing after a full-width stop; "a.; b" was what `join('; ')` gave. Only the first `shown`
 * are listed and `more(n)` stands for the rest, so a folder of bad files is not a screen-long toast.
 */
export function sentenceList(messages: readonly string[], fullStop: string, more: (n: number) => string, shown = 3): string {
  const listed = messages.slice(0, shown).map((m) => m.trim());
  const rest = messages.length - listed.length;
  const sentences = [...listed.map((m) => (ENDED.test(m) ? m : m + fullStop)), ...(rest > 0 ? [more(rest)] : [])];
  return sentences.reduce((text, next) => (text === '' ? next : FULL_WIDTH_END.test(text) ? text + next : `${text} ${next}`), '');
}
