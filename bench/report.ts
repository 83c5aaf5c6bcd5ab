/**
 * Flattens a bench record into a two-column markdown table. Nested keys are joined by dots, and a
 * list of records gets one row per field with its index (`tasks.0.psnr`), so per-item results stay
 * readable; a list of plain values stays on one row.
 */
export function toMarkdown(record: Record<string, unknown>): string {
  const rows: [string, string][] = [];
  const walk = (prefix: string, value: unknown) => {
    const entries = nestedEntries(value);
    if (entries === undefined) {
      rows.push([prefix, format(value)]);
      return;
    }
    for (const [key, inner] of entries) walk(prefix ? `${prefix}.${key}` : key, inner);
  };
  walk('', record);
  return ['| metric | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n') + '\n';
}

function nestedEntries(value: unknown): [string, unknown][] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (!Array.isArray(value)) return Object.entries(value);
  return value.some(isRecord) ? value.map((item, index) => [String(index), item]) : undefined;
}

function isRecord(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function format(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  if (Array.isArray(value)) return value.map(format).join(', ');
  return String(value);
}
