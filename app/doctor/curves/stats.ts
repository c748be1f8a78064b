/** Small numeric helpers over series: finite filtering, moving averages, linear fits. */

export const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** Mean of each run of `size` points (the last run may be shorter). */
export function bucketMeans(xs: readonly number[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i += size) {
    const part = xs.slice(i, i + size);
    out.push(part.reduce((a, b) => a + b, 0) / part.length);
  }
  return out;
}

/** Least-squares line through (i, ys[i]): slope, intercept and R². */
export function linearFit(ys: readonly number[]): { slope: number; intercept: number; r2: number } {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  ys.forEach((y, i) => {
    sxy += (i - mx) * (y - my);
    sxx += (i - mx) ** 2;
    syy += (y - my) ** 2;
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  const r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1;
  return { slope, intercept: my - slope * mx, r2 };
}

export const round = (x: number, digits = 4): number => Number(x.toPrecision(digits));
