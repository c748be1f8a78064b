// Shared by the data-parallel tests (sync-batchnorm.test.ts, sharded-update.test.ts): how far one
// vector of results is from another, measured against the other's scale.

/** Largest |a - b| relative to b's largest magnitude (so a gradient's tiny entries are held to its scale); Infinity when the lengths differ. */
export function errorToScale(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0,
    scale = 1e-12;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}
