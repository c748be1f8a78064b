/** The diff as text: one line per change, `+` added, `-` removed, `~` changed, `>` moved, then totals. */
import { stable } from './signature';
import type { GraphDiff, SettingDiff } from './types';

const show = (v: unknown): string => (v === undefined ? '(default)' : typeof v === 'string' ? v : stable(v));
const args = (p: Record<string, unknown> | undefined) =>
  Object.entries(p ?? {})
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(', ');
const where = (path: string) => path || '(root)';
const signed = (n: number) => (n > 0 ? `+${n.toLocaleString('en-US')}` : n.toLocaleString('en-US'));

export function formatDiff(d: GraphDiff, settings: SettingDiff[] = []): string {
  const lines: string[] = [];
  for (const c of d.containers)
    lines.push(`${c.status === 'added' ? '+' : '-'} ${c.className} ${where(c.path)} (container)`);
  const order = { removed: 0, added: 1, changed: 2, moved: 3 } as const;
  for (const n of [...d.nodes].sort((x, y) => order[x.status] - order[y.status])) {
    const given = args(n.params);
    if (n.status === 'added' || n.status === 'removed')
      lines.push(`${n.status === 'added' ? '+' : '-'} ${n.type} ${n.path}${given ? ` (${given})` : ''}`);
    else {
      const parts = (n.changes ?? []).map((c) => `${c.param} ${show(c.old)} → ${show(c.new)}`);
      if (n.moved) parts.push(`moved ${where(n.moved.from)} → ${where(n.moved.to)}`);
      lines.push(`${n.status === 'changed' ? '~' : '>'} ${n.type} ${n.path}: ${parts.join('; ')}`);
    }
  }
  for (const s of settings) lines.push(`~ ${s.key}: ${show(s.a)} → ${show(s.b)}`);
  const { a, b } = d.totals;
  const count = (k: string) => d.nodes.filter((n) => n.status === k).length;
  lines.push(
    `${count('added')} added, ${count('removed')} removed, ${count('changed')} changed, ${count('moved')} moved, ${d.unchanged} unchanged; ${settings.length} setting(s) differ`,
  );
  lines.push(
    `params: ${a.params.toLocaleString('en-US')} → ${b.params.toLocaleString('en-US')} (${signed(b.params - a.params)}); MACs: ${a.macs.toLocaleString('en-US')} → ${b.macs.toLocaleString('en-US')} (${signed(b.macs - a.macs)})`,
  );
  return lines.join('\n');
}
