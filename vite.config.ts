import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
// Explicit .ts extensions along this import chain: Vite loads its config with Node's own module loader in future majors.
import { mnistAssetsPlugin } from './src/cli/mnistAssetsPlugin.ts';

export default defineConfig({
  plugins: [react(), mnistAssetsPlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), bench: resolve(import.meta.dirname, 'bench.html') } },
  },
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu'] },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
