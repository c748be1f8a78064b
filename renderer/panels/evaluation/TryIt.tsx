import { useEffect, useRef, useState } from 'react';
import { getHost } from '../../host';

const SCALE = 8;

/** Draw a digit (or drop an image) at the network's input size and see the class probabilities. */
export function TryIt({ runDir, shape, classes }: { runDir: string; shape: number[]; classes: string[] }) {
  const [c, h, w] = shape.length === 3 ? shape : [1, 28, 28];
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [probs, setProbs] = useState<number[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ctx = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  const clear = () => {
    const g = ctx();
    if (!g) return;
    g.fillStyle = '#000';
    g.fillRect(0, 0, w, h);
    setProbs(null);
  };
  useEffect(clear, [w, h]);
  const predict = async () => {
    const g = ctx();
    if (!g) return;
    const img = g.getImageData(0, 0, w, h).data;
    const pixels: number[] = new Array(c * h * w);
    for (let ch = 0; ch < c; ch++)
      for (let p = 0; p < h * w; p++) pixels[ch * h * w + p] = img[p * 4 + (c === 3 ? ch : 0)] / 255;
    const r = await getHost().invoke('runs.predict', { runDir, pixels });
    if (r.ok) {
      setProbs(r.value.probs);
      setError(null);
    } else setError(r.error.message);
  };
  const at = (e: React.PointerEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * w, ((e.clientY - r.top) / r.height) * h] as const;
  };
  const paint = (e: React.PointerEvent) => {
    const g = ctx();
    if (!g || !drawing.current) return;
    const [x, y] = at(e);
    const grad = g.createRadialGradient(x, y, 0, x, y, 1.8);
    grad.addColorStop(0, 'rgba(255,255,255,1)');
    grad.addColorStop(1, 'rgba(255,255,255,0)');
    g.fillStyle = grad;
    g.fillRect(x - 2, y - 2, 4, 4);
  };
  const drop = (e: React.DragEvent) => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const img = new Image();
    img.onload = () => {
      ctx()?.drawImage(img, 0, 0, w, h);
      void predict();
    };
    img.src = URL.createObjectURL(file);
  };
  const top = probs ? probs.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0]) : [];
  return (
    <div className="nl-tryit" data-testid="tryit">
      <div className="nl-section-title" style={{ padding: '0 0 4px' }}>
        Try it: draw or drop an image
      </div>
      <div className="nl-tryit-body">
        <div>
          <canvas
            ref={canvas}
            width={w}
            height={h}
            style={{ width: w * SCALE, height: h * SCALE }}
            data-testid="tryit-canvas"
            onPointerDown={(e) => {
              drawing.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              paint(e);
            }}
            onPointerMove={paint}
            onPointerUp={() => {
              drawing.current = false;
              void predict();
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={drop}
          />
          <div className="nl-row">
            <button className="nl-btn" onClick={clear}>
              Clear
            </button>
          </div>
        </div>
        {probs && (
          <div className="nl-probs" data-testid="tryit-probs">
            <div>
              <b data-testid="tryit-top">{classes[top[0][1]]}</b> {(top[0][0] * 100).toFixed(1)}%
            </div>
            {probs.map((p, i) => (
              <div key={i} className="nl-prob">
                <span>{classes[i]}</span>
                <span className="bar" style={{ width: `${p * 100}%` }} />
                <span>{(p * 100).toFixed(1)}</span>
              </div>
            ))}
          </div>
        )}
      </div>
      {error && <div className="nl-insp-error">{error}</div>}
    </div>
  );
}
