/**
 * `netloom evaluate RUN_DIR [--json] [--checkpoint best|last] [--backend NAME] [--topk 1,5] [--worst N]`:
 * test loss and accuracy, per-class precision/recall/accuracy, confusion matrix, top-k and the most
 * confidently wrong samples of a trained run; also written to RUN_DIR/evaluation.json (+ wrong.png).
 */
import type { Evaluation } from '../../../app/data/metrics';
import { evaluateRun } from '../data/evaluate-run';
import type { Command } from './main';
import { parseCommand } from './args';

const HELP = `usage: netloom evaluate RUN_DIR [--json] [--checkpoint best|last] [--backend wasm|cpu|node|node-gpu] [--topk 1,5] [--worst N]

Evaluates a trained run on its dataset's test split (prepared as in training) and writes
RUN_DIR/evaluation.json and RUN_DIR/wrong.png (the most confidently wrong test images).
  --json   {"n", "loss", "accuracy", "topk": {"1", "5"}, "classes", "confusion" (rows: true,
           columns: predicted), "per_class": [{"class", "precision", "recall", "f1", "accuracy",
           "support"}], "most_confident_wrong": [{"index", "label", "predicted", "confidence"}], ...}`;

const pct = (v: number) => `${(100 * v).toFixed(2)}%`;

function printReport(e: Evaluation & { checkpoint: string; epoch: number; dataset: string }): void {
  console.log(`${e.dataset} test set, ${e.n} samples, ${e.checkpoint} checkpoint (epoch ${e.epoch})`);
  console.log(
    `loss ${e.loss.toFixed(4)}  accuracy ${pct(e.accuracy)}  ${Object.entries(e.topk)
      .map(([k, v]) => `top-${k} ${pct(v)}`)
      .join('  ')}`,
  );
  const w = Math.max(5, ...e.classes.map((c) => c.length));
  console.log(`\n${'class'.padEnd(w)}  precision  recall     f1  support`);
  for (const c of e.per_class) {
    console.log(
      `${c.class.padEnd(w)}  ${c.precision.toFixed(4).padStart(9)}  ${c.recall.toFixed(4).padStart(6)}  ${c.f1.toFixed(4).padStart(5)}  ${String(c.support).padStart(7)}`,
    );
  }
  const cw = Math.max(4, ...e.confusion.flat().map((v) => String(v).length));
  console.log('\nconfusion matrix (rows: true class, columns: predicted)');
  e.confusion.forEach((row, i) =>
    console.log(`${String(i).padStart(3)} ${row.map((v) => String(v).padStart(cw)).join(' ')}`),
  );
  if (e.most_confident_wrong.length) {
    console.log('\nmost confidently wrong');
    for (const s of e.most_confident_wrong.slice(0, 10)) {
      console.log(`  #${s.index}: ${e.classes[s.label]} taken for ${e.classes[s.predicted]} (${pct(s.confidence)})`);
    }
  }
}

export const command: Command = {
  summary: 'evaluate a trained run on its test set',
  async run(argv) {
    const args = parseCommand<{ json?: boolean; checkpoint?: string; backend?: string; topk?: string; worst?: string }>(
      'evaluate',
      argv,
      {
        json: { type: 'boolean' },
        checkpoint: { type: 'string' },
        backend: { type: 'string' },
        topk: { type: 'string' },
        worst: { type: 'string' },
      },
      HELP,
    );
    if (typeof args === 'number') return args;
    const { values, positionals } = args;
    if (positionals.length !== 1) {
      console.error('netloom evaluate: give exactly one run folder (see netloom evaluate --help)');
      return 2;
    }
    if (values.checkpoint !== undefined && values.checkpoint !== 'best' && values.checkpoint !== 'last') {
      console.error(`netloom evaluate: --checkpoint is best or last, not '${values.checkpoint}'`);
      return 2;
    }
    const topk = values.topk?.split(',').map(Number);
    const worst = values.worst === undefined ? undefined : Number(values.worst);
    if (
      (topk && topk.some((k) => !Number.isInteger(k) || k < 1)) ||
      (worst !== undefined && !(Number.isInteger(worst) && worst >= 0))
    ) {
      console.error('netloom evaluate: --topk takes whole numbers like 1,5 and --worst a whole number');
      return 2;
    }
    const r = await evaluateRun(positionals[0], {
      checkpoint: values.checkpoint as 'best' | 'last' | undefined,
      backend: values.backend,
      topk,
      worst,
    });
    if (!r.ok) {
      console.error(`netloom evaluate: ${r.error}`);
      return 2;
    }
    if (values.json) console.log(JSON.stringify(r.value));
    else printReport(r.value);
    return 0;
  },
};
