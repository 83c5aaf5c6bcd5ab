/** Flattens a bench record into a two-column markdown table (nested keys joined by dots). */
export function toMarkdown(record: Record<string, unknown>): string {
  const rows: [string, string][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner);
    } else {
      rows.push([prefix, format(value)]);
    }
  };
  walk('', record);
  return ['| metric | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n') + '\n';
}

function format(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  if (Array.isArray(value)) return value.map(format).join(', ');
  return String(value);
}
