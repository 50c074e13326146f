import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  resolve: {
    // monaco-yaml's worker manager imports a path monaco 0.57's exports map does not expose (TOOLCHAIN.md trap 1).
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}$1` }],
  },
  build: { chunkSizeWarningLimit: 4000 },
  optimizeDeps: { include: ['react', 'react-dom', 'zustand', '@xyflow/react', 'framer-motion', 'yaml'] },
});
