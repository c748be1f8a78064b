import { useEffect, useState } from 'react';
import { getHost } from '../../host';

interface Result {
  shape: number[];
  image: string | null;
  values: number[] | null;
  label: string;
  input: string;
}

/** What the selected node outputs for one test sample of the run: feature maps per channel, or the vector. */
export function Activations({ runDir, nodeId }: { runDir: string; nodeId: string }) {
  const [index, setIndex] = useState(0);
  const [r, setR] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void getHost()
      .invoke('runs.activations', { runDir, nodeId, index })
      .then((x) => {
        if (!live) return;
        if (x.ok) {
          setR(x.value);
          setError(null);
        } else {
          setR(null);
          setError(x.error.message);
        }
      });
    return () => {
      live = false;
    };
  }, [runDir, nodeId, index]);
  const max = r?.values ? Math.max(1e-9, ...r.values.map(Math.abs)) : 1;
  return (
    <div className="nl-activations" data-testid="activations">
      <div className="nl-section-title">
        Output of this node for test sample{' '}
        <input
          className="nl-input"
          style={{ width: 70, display: 'inline-block', height: 22 }}
          type="number"
          min={0}
          value={index}
          onChange={(e) => setIndex(Math.max(0, Number(e.target.value) || 0))}
        />
      </div>
      {error && <div className="nl-muted">{error}</div>}
      {r && (
        <div className="nl-row" style={{ alignItems: 'flex-start', gap: 12 }}>
          <figure style={{ margin: 0 }}>
            <img src={r.input} alt="input sample" className="nl-act-input" />
            <figcaption className="nl-muted">{r.label}</figcaption>
          </figure>
          <div>
            <div className="nl-muted mono">[{r.shape.join(', ')}]</div>
            {r.image && (
              <img
                src={r.image}
                alt="feature maps"
                data-testid="activation-maps"
                style={{ imageRendering: 'pixelated', maxWidth: '100%' }}
              />
            )}
            {r.values && (
              <svg
                width={Math.min(600, r.values.length * 4)}
                height={40}
                className="nl-hist"
                data-testid="activation-values"
              >
                {r.values.slice(0, 150).map((v, i) => (
                  <rect
                    key={i}
                    x={i * 4}
                    y={v >= 0 ? 20 - (v / max) * 20 : 20}
                    width={3}
                    height={Math.abs(v / max) * 20}
                  />
                ))}
              </svg>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
