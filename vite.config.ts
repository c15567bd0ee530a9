import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  publicDir: 'public',
  worker: { format: 'es' },
  // dist/cli holds the compiled command; the app goes beside it.
  build: { target: 'es2022', sourcemap: true, outDir: 'dist/app', emptyOutDir: true },
});
