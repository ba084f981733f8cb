import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { mnistAssetsPlugin } from './src/cli/mnistAssetsPlugin';

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
