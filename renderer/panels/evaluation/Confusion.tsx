import { useState } from 'react';

/** Confusion matrix (rows: true class, columns: predicted, as sklearn), counts or row-normalized; a click picks a cell. */
export function Confusion({
  classes,
  matrix,
  onPick,
  picked,
}: {
  classes: string[];
  matrix: number[][];
  picked: [number, number] | null;
  onPick(label: number, predicted: number): void;
}) {
  const [normalized, setNormalized] = useState(false);
  const rows = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...matrix.flat());
  return (
    <div className="nl-confusion" data-testid="confusion">
      <div className="nl-row">
        <span className="nl-section-title" style={{ padding: 0 }}>
          Confusion matrix
        </span>
        <label className="nl-chart-opt">
          <input
            type="checkbox"
            checked={normalized}
            data-testid="confusion-normalized"
            onChange={(e) => setNormalized(e.target.checked)}
          />{' '}
          normalized (per true class)
        </label>
      </div>
      <table className="nl-cm">
        <thead>
          <tr>
            <th className="corner">true \ predicted</th>
            {classes.map((c, j) => (
              <th key={j} className="col" title={c}>
                <span>{c}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={i}>
              <th title={classes[i]}>{classes[i]}</th>
              {row.map((v, j) => {
                const share = rows[i] ? v / rows[i] : 0;
                const heat = normalized ? share : v / max;
                const isPicked = picked?.[0] === i && picked[1] === j;
                return (
                  <td
                    key={j}
                    data-testid={`cm-${i}-${j}`}
                    className={`${i === j ? 'diag' : ''}${isPicked ? ' picked' : ''}`}
                    style={{
                      background: `rgba(${i === j ? '76, 195, 138' : '255, 107, 107'}, ${(0.08 + 0.8 * heat).toFixed(3)})`,
                    }}
                    title={`true ${classes[i]}, predicted ${classes[j]}: ${v} (${(share * 100).toFixed(1)}%)`}
                    onClick={() => onPick(i, j)}
                  >
                    {normalized ? share.toFixed(2) : v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
