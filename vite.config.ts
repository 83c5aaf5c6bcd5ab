import vue from '@vitejs/plugin-vue';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import electron from 'vite-plugin-electron';
import packageJson from './package.json' with { type: 'json' };

const outDir = fileURLToPath(new URL('./dist-electron', import.meta.url));
const root = fileURLToPath(new URL('.', import.meta.url));

/** Node-side code keeps its dependencies in node_modules: native sharp, tfjs, electron. */
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...Object.keys(packageJson.dependencies),
  ...Object.keys(packageJson.optionalDependencies),
].map((name) => new RegExp(`^${name.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}(/.*)?$`));

function nodeBuild(entry: Record<string, string>, format: 'es' | 'cjs') {
  return {
    entry,
    vite: {
      root,
      build: {
        outDir,
        emptyOutDir: false,
        minify: false,
        sourcemap: true,
        target: 'node20',
        lib: { entry, formats: [format], fileName: (_format: string, name: string) => (format === 'cjs' ? `${name}.cjs` : `${name}.js`) },
        rollupOptions: { external },
      },
    },
  };
}

/**
 * One `vite build` makes the renderer (dist/renderer) and, through vite-plugin-electron,
 * every Node-side bundle in dist-electron/: Electron main, the engine process, browser
 * mode, the CLI (ESM) and the sandboxed preload (CommonJS, as sandboxed preloads must be).
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [
    vue(),
    electron([
      nodeBuild(
        {
          main: 'main/index.ts',
          engine: 'main/engine/worker/main.ts',
          browser: 'main/server/start.ts',
          cli: 'main/cli/main.ts',
        },
        'es',
      ),
      nodeBuild({ preload: 'preload/index.ts' }, 'cjs'),
    ]),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
  },
});
