/** A small bar histogram of a parameter's values (20 bins from min to max). */
export function Histogram({ bins }: { bins: number[] }) {
  const max = Math.max(1, ...bins);
  const w = 3;
  return (
    <svg width={bins.length * w} height={16} className="nl-hist" aria-label="value histogram">
      {bins.map((b, i) => <rect key={i} x={i * w} y={16 - (b / max) * 16} width={w - 0.5} height={(b / max) * 16} />)}
    </svg>
  );
}
