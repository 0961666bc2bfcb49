// Loaded into the app by the bench only (node --expose-gc --import ./bench/gc-probe.mjs): on
// SIGUSR2 it runs full collections and prints the heap still in use. RSS alone cannot tell
// memory the app keeps from memory V8 has not handed back to the system yet.
process.on('SIGUSR2', () => {
  // Later collections pick up what finalizers and weak references of the first one freed.
  for (let i = 0; i < 4; i++) globalThis.gc?.();
  const { heapUsed, external } = process.memoryUsage();
  process.stderr.write(`gc-probe heapUsed=${heapUsed} external=${external}\n`);
});
