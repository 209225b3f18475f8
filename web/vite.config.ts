import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the web app from web/ into dist/web, which the server serves; in development /api goes to the server. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // dkfds only exports its JavaScript; its CSS, fonts and icons are reached through this alias.
    alias: { '@dkfds': fileURLToPath(new URL('../node_modules/dkfds/dist', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
