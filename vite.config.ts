import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  publicDir: 'public',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
