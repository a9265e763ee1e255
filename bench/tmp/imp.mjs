const t0 = performance.now();
await import('ascent');
console.log((performance.now() - t0).toFixed(1));
