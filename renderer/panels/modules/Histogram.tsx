/** A small bar histogram of a parameter's values (20 bins from min to max). */
export function Histogram({ bins, kind = 'value' }: { bins: number[]; kind?: 'value' | 'gradient' }) {
  const max = Math.max(1, ...bins);
  const w = 3;
  return (
    <svg
      width={bins.length * w}
      height={16}
      className={`nl-hist${kind === 'gradient' ? ' grad' : ''}`}
      aria-label={`${kind} histogram`}
      data-testid={`${kind}-histogram`}
    >
      {bins.map((b, i) => (
        <rect key={i} x={i * w} y={16 - (b / max) * 16} width={w - 0.5} height={(b / max) * 16} />
      ))}
    </svg>
  );
}
