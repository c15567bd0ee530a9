import { defineConfig } from 'vite';

/**
 * The command line, compiled to plain JavaScript for Node (no TypeScript loader at run time). Its
 * dependencies are bundled in: ajv alone is ~200 CommonJS files, and resolving and loading them
 * one by one cost more start-up time than the rest of a small run.
 */
export default defineConfig({
  publicDir: false,
  // CommonJS code bundled into the ES modules (ssh2's WebAssembly poly1305 loader) asks for
  // __dirname, which ES modules do not have; Node 20.11+ gives the same as import.meta.dirname.
  define: { __dirname: 'import.meta.dirname' },
  ssr: { noExternal: true },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/cli',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: { main: 'src/cli/main.ts' },
      // ssh2's optional native speed-ups (its crypto binding, cpu-features) are loaded in a
      // try/catch and it falls back to JavaScript without them; they cannot be bundled.
      external: [/\.node$/, 'cpu-features'],
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
