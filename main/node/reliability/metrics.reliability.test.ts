/**
 * metrics.jsonl is appended, not rewritten: a crash mid-append leaves a torn last line. Reading
 * skips it, and a resume cuts it off so the resumed run's events are not glued to it.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendMetric, readMetrics } from '../runs/run';
import { prepareResume, repairJsonlTail } from './resume';

const root = mkdtempSync(join(tmpdir(), 'netloom-metrics-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('metrics.jsonl after a crash', () => {
  it('reading skips a torn last line', () => {
    const dir = mkdtempSync(join(root, 'r'));
    appendMetric(dir, { event: 'batch', batch: 1 });
    appendMetric(dir, { event: 'batch', batch: 2 });
    appendFileSync(join(dir, 'metrics.jsonl'), '{"event":"batch","ba');
    expect(readMetrics(dir)).toEqual([
      { event: 'batch', batch: 1 },
      { event: 'batch', batch: 2 },
    ]);
  });

  it('a resume cuts the torn line, so the next event survives', () => {
    const dir = mkdtempSync(join(root, 'r'));
    appendMetric(dir, { event: 'epoch', epoch: 1 });
    appendFileSync(join(dir, 'metrics.jsonl'), '{"event":"batch","epoch":2,"lo');
    prepareResume(dir);
    appendMetric(dir, { event: 'epoch', epoch: 2 });
    expect(readMetrics(dir)).toEqual([
      { event: 'epoch', epoch: 1 },
      { event: 'epoch', epoch: 2 },
    ]);
  });

  it('repairJsonlTail keeps whole files and empties a file with no whole line', () => {
    const f = join(root, 'whole.jsonl');
    writeFileSync(f, '{"a":1}\n{"b":2}\n');
    expect(repairJsonlTail(f)).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    const g = join(root, 'torn.jsonl');
    writeFileSync(g, 'x'.repeat(70_000));
    expect(repairJsonlTail(g)).toBe(70_000);
    expect(readFileSync(g, 'utf8')).toBe('');
    const h = join(root, 'long.jsonl');
    writeFileSync(h, `{"a":1}\n${'y'.repeat(100_000)}`);
    expect(repairJsonlTail(h)).toBe(100_000);
    expect(readFileSync(h, 'utf8')).toBe('{"a":1}\n');
    expect(repairJsonlTail(join(root, 'missing.jsonl'))).toBe(0);
  });
});
