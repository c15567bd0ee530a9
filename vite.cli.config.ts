import { defineConfig } from 'vite';

/**
 * The command line, compiled to plain JavaScript for Node (no TypeScript loader at run time). Its
 * dependencies are bundled in: ajv alone is ~200 CommonJS files, and resolving and loading them
 * one by one cost more start-up time than the rest of a small run.
 */
export default defineConfig({
  publicDir: false,
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
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
