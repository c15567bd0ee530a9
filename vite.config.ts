import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * index.html carries the built app's policy (README, "Content security"). The dev server alone
 * needs more: React's refresh preamble is an inline script, Vite injects styles as <style>
 * elements, and hot reload talks over a WebSocket.
 */
const devPolicy: Plugin = {
  name: 'xdm-mapper-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(
      /(http-equiv="Content-Security-Policy" content=")[^"]*/,
      "$1default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
    ),
};

export default defineConfig({
  plugins: [react(), devPolicy],
  publicDir: 'public',
  worker: { format: 'es' },
  // dist/cli holds the compiled command; the app goes beside it.
  build: { target: 'es2022', sourcemap: true, outDir: 'dist/app', emptyOutDir: true },
});
