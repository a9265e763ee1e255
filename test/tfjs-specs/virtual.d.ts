// The spec list the Vite plugin (./plugin.ts) generates.
declare module 'virtual:tfjs-specs/list' {
  export const specs: Record<string, () => Promise<unknown>>;
}
