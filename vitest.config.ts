import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { existsSync } from 'node:fs';
import { tfjsSpecs, TFJS_DIST } from './test/tfjs-specs/plugin.js';

// Two projects run the same tests: Node, and headless Chromium (the system one: no browser download
// is possible here). `*.node.test.ts` files use Node-only APIs and run in Node only.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withBrowser = existsSync(chromium) && process.env.ASCENT_NO_BROWSER !== '1';
// tfjs-core's own specs (test/tfjs-specs/): the plugin points their imports at ascent and our shims
const specEnv = { TFJS_SPECS: process.env.TFJS_SPECS ?? '', TFJS_SPECS_REPORT: process.env.TFJS_SPECS_REPORT ?? '' };
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [tfjsSpecs()],
        test: {
          name: 'node',
          env: specEnv,
          // tfjs-core's ESM files (the specs and their helpers) go through Vite, so the plugin sees their imports
          server: { deps: { inline: [/@tensorflow\/tfjs-core\/dist\/(?!tf-core)/] } },
          environment: 'node',
          include: ['test/**/*.test.ts'],
          setupFiles: ['test/setup.ts'],
          testTimeout: 60_000,
        },
      },
      ...(withBrowser ? [{
        plugins: [tfjsSpecs()],
        server: { headers: isolation, fs: { allow: ['.', TFJS_DIST] } },
        optimizeDeps: {
          include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-layers', 'pngjs/browser.js', 'protobufjs', '@tensorflow/tfjs-core > seedrandom', '@tensorflow/tfjs-core > long'],
        },
        test: {
          name: 'chromium',
          env: specEnv,
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.node.test.ts'],
          setupFiles: ['test/setup.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromium,
                args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
                  '--disable-component-update', '--disable-sync', '--disable-quic'],
              },
            }),
            instances: [{ browser: 'chromium' as const }],
          },
        },
      }] : []),
    ],
  },
});
