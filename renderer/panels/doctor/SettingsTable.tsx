/** The bench's settings side by side: one column per run, the rows that differ marked (all rows on request). */
import { useMemo, useState } from 'react';
import { settingsTable } from '../../../app/doctor/diff/settings-diff';
import { stable } from '../../../app/doctor/diff/signature';
import type { BenchEntry } from './bench-data';

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : stable(v));

export function SettingsTable({ entries }: { entries: BenchEntry[] }) {
  const [all, setAll] = useState(false);
  const rows = useMemo(() => {
    const s = entries.map((e) => ({ training: e.detail.training, dataset: e.detail.dataset }));
    const base = settingsTable(s[0], s[0]);
    const cols = s.map((x) => new Map(settingsTable(s[0], x).map((r) => [r.key, r.b])));
    return base.map((r) => {
      const values = cols.map((c) => c.get(r.key));
      return { key: r.key, values, differs: values.some((v) => stable(v) !== stable(values[0])) };
    });
  }, [entries]);
  const shown = all ? rows : rows.filter((r) => r.differs);
  return (
    <div>
      <table className="nl-table nl-settings-table" data-testid="bench-settings">
        <thead>
          <tr>
            <th>setting</th>
            {entries.map((e) => (
              <th key={e.dir}>{e.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key} data-differs={r.differs}>
              <td>{r.key}</td>
              {r.values.map((v, i) => (
                <td key={i} className={r.differs ? 'differs' : ''}>
                  {show(v)}
                </td>
              ))}
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={entries.length + 1} className="nl-muted">
                The same settings.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <label className="nl-muted">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> show every setting
      </label>
    </div>
  );
}
