import base from './playwright.config';
import { defineConfig } from '@playwright/test';

/**
 * The UI benchmark (`npm run bench:ui`): same browser as the e2e tests, but its own production
 * build (in `e2e-artifacts/bench-dist`) and port, so it never measures someone else's preview.
 */
export default defineConfig({
  ...base,
  testDir: 'e2e-bench',
  // The benchmark by default; PROFILE=1 runs the profiler instead (its tracing would skew the figures).
  testMatch: process.env.PROFILE ? 'profile.spec.ts' : 'perf.spec.ts',
  timeout: 300_000,
  use: { ...base.use, baseURL: 'http://127.0.0.1:4174' },
  webServer: {
    command:
      `npx vite build --outDir e2e-artifacts/bench-dist --emptyOutDir${process.env.BENCH_MINIFY === '0' ? ' --minify false' : ''} && ` +
      'npx vite preview --outDir e2e-artifacts/bench-dist --host 127.0.0.1 --port 4174 --strictPort',
    url: 'http://127.0.0.1:4174',
    timeout: 180_000,
    reuseExistingServer: false,
  },
});
