import { defineConfig, type Plugin } from 'vite';

/**
 * Lists the chunks that import() a Node module at run time (the AWS SDK's lazy node:http) in
 * dist/cli/uncached.json: code compiled through the compile cache (src/cli/compileCache.ts)
 * cannot run import() in Node 20 without a flag, so those files are loaded the ordinary way.
 */
const listDynamicImports: Plugin = {
  name: 'xdm-mapper:uncached',
  generateBundle(_options, bundle) {
    const uncached = Object.values(bundle)
      .filter((c) => c.type === 'chunk' && c.dynamicImports.some((d) => !(d in bundle)))
      .map((c) => c.fileName)
      .sort();
    this.emitFile({ type: 'asset', fileName: 'uncached.json', source: `${JSON.stringify(uncached)}\n` });
  },
};

/**
 * The command line, compiled to plain JavaScript for Node (no TypeScript loader at run time). Its
 * dependencies are bundled in: ajv alone is ~200 CommonJS files, and resolving and loading them
 * one by one cost more start-up time than the rest of a small run.
 */
export default defineConfig({
  publicDir: false,
  plugins: [listDynamicImports],
  ssr: { noExternal: true },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/cli',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      // compileCache is loaded first, on its own, to compile the rest through V8's code cache.
      input: {
        main: 'src/cli/main.ts',
        compileCache: 'src/cli/compileCache.ts',
        // The scripts of the worker threads that map pieces of a large input and take its pre-flight.
        mapThread: 'src/cli/mapThread.ts',
        preflightThread: 'src/cli/preflightThread.ts',
      },
      // ssh2's optional native speed-ups (its crypto binding, cpu-features) are loaded in a
      // try/catch and it falls back to JavaScript without them; they cannot be bundled.
      external: [/\.node$/, 'cpu-features'],
      // CommonJS, not ES modules: Node 20 can reuse V8's compiled code only for scripts it is
      // given as source (vm.Script), which an ES module graph cannot be loaded through.
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
});
