// Keeps recorded runs as small fixtures for the curve detectors' tests (run once; not a test).
// Usage: npx tsx scripts/doctor-fixtures.ts NAME RUN_DIR "COMMAND THAT RECORDED IT"
// Writes app/doctor/curves/fixtures/NAME.json: the command, run.json's status and message, and the
// metrics lines with only the fields the detectors read (batch events thinned to at most 200).
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [name, dir, command] = process.argv.slice(2);
if (!name || !dir || !command) {
  console.error('usage: npx tsx scripts/doctor-fixtures.ts NAME RUN_DIR "COMMAND"');
  process.exit(2);
}
const info = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { status: string; message?: string };
const path = join(dir, 'metrics.jsonl');
const lines = existsSync(path)
  ? readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
  : [];
const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
const batches = lines.filter((l) => l.event === 'batch');
const step = Math.max(1, Math.ceil(batches.length / 200));
const kept = lines
  .filter((l) => l.event === 'epoch' || (l.event === 'batch' && batches.indexOf(l) % step === 0))
  .map((l) =>
    pick(
      l,
      l.event === 'epoch'
        ? ['event', 'epoch', 'train_loss', 'train_acc', 'val_loss', 'val_acc', 'lr']
        : ['event', 'epoch', 'batch', 'batches', 'loss', 'lr'],
    ),
  );
const out = join('app/doctor/curves/fixtures', `${name}.json`);
mkdirSync('app/doctor/curves/fixtures', { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ command, info: pick(info as unknown as Record<string, unknown>, ['status', 'message']), metrics: kept })}\n`,
);
console.log(`wrote ${out}: ${kept.length} lines`);
