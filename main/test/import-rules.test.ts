import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Edge {
  target: string;
  typeOnly: boolean;
}

function imports(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].flatMap((match) => {
    const specifier = match[3] ?? '';
    if (!specifier.startsWith('.')) return [];
    const base = resolve(dirname(file), specifier);
    const target = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
    return target ? [{ target, typeOnly: Boolean(match[2]) }] : [];
  });
}

const runtimes = ['main', 'preload', 'renderer', 'models'].map((d) => join(ROOT, d));
const files = runtimes.flatMap(sourceFiles);

describe('import rules (VS Code-style layering)', () => {
  it('the renderer imports only types from the contract, and nothing from main or models', () => {
    const offending = files
      .filter((f) => f.startsWith(join(ROOT, 'renderer')))
      .flatMap((f) => imports(f).map((edge) => ({ from: relative(ROOT, f), ...edge, to: relative(ROOT, edge.target) })))
      .filter((e) => !e.to.startsWith('renderer') && !(e.to.startsWith('preload/contract') && e.typeOnly));
    expect(offending).toEqual([]);
  });

  it('the contract depends on nothing outside itself, and the engine never imports Electron code', () => {
    const contract = files.filter((f) => f.startsWith(join(ROOT, 'preload', 'contract')));
    const leaks = contract.flatMap((f) => imports(f)).filter((e) => !e.target.startsWith(join(ROOT, 'preload', 'contract')));
    expect(leaks).toEqual([]);
    const engine = files.filter((f) => f.startsWith(join(ROOT, 'main', 'engine')));
    const electronText = engine.filter((f) => /from ['"]electron['"]/.test(readFileSync(f, 'utf8')));
    expect(electronText.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it("main-side code never makes a folder's URL from import.meta.url (the build inlines it as a data: URL)", () => {
    // Vite treats new URL('.', import.meta.url) as an asset reference and bundles the folder as
    // data:video/mp2t…; fileURLToPath then threw at run time (the Electron main's start-up, and
    // the engine's model lookup). dirname(fileURLToPath(import.meta.url)) survives the build.
    const folderUrl = /new URL\(\s*['"]\.{1,2}\/?['"]\s*,\s*import\.meta\.url/;
    const offending = files
      .filter((f) => !f.startsWith(join(ROOT, 'renderer')) && !f.endsWith('.test.ts'))
      .filter((f) => folderUrl.test(readFileSync(f, 'utf8')));
    expect(offending.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('has no circular imports', () => {
    const graph = new Map(files.map((f) => [f, imports(f).map((e) => e.target)]));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((p) => relative(ROOT, p)).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
