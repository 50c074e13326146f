import base from './playwright.config';
import { defineConfig } from '@playwright/test';

/** The UI benchmark (`npm run bench:ui`): same browser and server as the e2e tests. */
export default defineConfig({ ...base, testDir: 'e2e-bench', timeout: 300_000 });
