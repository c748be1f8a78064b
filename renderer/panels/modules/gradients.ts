/** The loss gradients of a run's parameters (runs.gradients, one training batch), fetched once per run when idle. */
import { useEffect, useState } from 'react';
import { getHost } from '../../host';

export interface GradStat {
  name: string;
  shape: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  max_abs: number;
  histogram: number[];
}
export interface Gradients {
  stats: Map<string, GradStat>;
  loss: number | null;
  batch: number;
  error: string | null;
}

const EMPTY: Gradients = { stats: new Map(), loss: null, batch: 0, error: null };

export function useGradients(run: string | null, idle: boolean, version: number): Gradients {
  const [g, setG] = useState<Gradients>(EMPTY);
  useEffect(() => {
    if (!run || !idle) {
      setG(EMPTY);
      return;
    }
    let live = true;
    void getHost()
      .invoke('runs.gradients', { runDir: run })
      .then((r) => {
        if (!live) return;
        setG(
          r.ok
            ? {
                stats: new Map(r.value.params.map((p) => [p.name, p])),
                loss: r.value.loss,
                batch: r.value.batch,
                error: null,
              }
            : { ...EMPTY, error: r.error.message },
        );
      });
    return () => {
      live = false;
    };
  }, [run, idle, version]);
  return g;
}
