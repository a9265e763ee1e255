// pngjs ships no types (and @types/pngjs is not installed); the tests use a few calls, typed where used.
declare module 'pngjs';
declare module 'pngjs/browser.js';
