// The library build (`npm run build:lib`) into dist/lib: `xdm-mapper/core` (core.js, for
// browsers and workers: no Node import, dependencies resolved as a browser does) and
// `xdm-mapper` (index.js, Node: the core re-exported from core.js, so one copy of it, plus
// applyFile). Dependencies are bundled in, as the command's are; each entry gets one bundled
// declaration file. Rolldown (the bundler under Vite) runs directly because
// rolldown-plugin-dts bundles the declarations in the same pass.
import { rm } from 'node:fs/promises';
import { rolldown } from 'rolldown';
import { dts } from 'rolldown-plugin-dts';

const started = performance.now();
await rm('dist/lib', { recursive: true, force: true });
const builds = [
  { input: { core: 'src/lib/core.ts' }, platform: 'browser', external: [] },
  { input: { index: 'src/lib/index.ts' }, platform: 'node', external: [/^node:/, './core.js'] },
];
for (const { input, platform, external } of builds) {
  const bundle = await rolldown({ input, platform, external, plugins: [dts({ tsconfig: 'tsconfig.lib.json' })], checks: { bundlerTimings: false } });
  await bundle.write({ dir: 'dist/lib', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
  await bundle.close();
}
if (process.argv.includes('--time')) console.log(`dist/lib built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
