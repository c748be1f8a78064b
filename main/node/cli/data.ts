/**
 * `netloom data list | info SOURCE | preview SOURCE | download NAME`: the datasets Netloom can
 * train on, what is in them, and how an augmentation recipe looks. Exit 2 on unreadable data.
 */
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { parseArgs } from 'node:util';
import { AUGMENT_HELP, parseAugment } from '../../../app/data/augment-spec';
import { augmentPreview } from '../../../app/data/grid';
import type { Progress, SourceSpec } from '../../../app/data/types';
import { downloadDataset } from '../data/download';
import { loadSource, parseSourceArg } from '../data/index';
import { datasetInfo, listSources } from '../data/info';
import { MANIFESTS } from '../data/mirrors';
import { encodePng } from '../data/png';
import type { Command } from './main';

const HELP = `usage:
  netloom data list [--data-dir DIR] [--json]
  netloom data info SOURCE [--data-dir DIR] [--download] [--label COL] [--shape C,H,W] [--json]
  netloom data preview SOURCE [--augment RECIPE] [-o grid.png] [--samples N] [--seed S] [--data-dir DIR]
  netloom data download mnist|fashion-mnist|cifar10 [--mirror URL]

SOURCE: synthetic, mnist, fashion-mnist, cifar10, folder:PATH, csv:PATH.
  --data-dir DIR   a folder holding the dataset files (searched before the usual places)
  --download       fetch a built-in dataset into the cache if it is not found
  --mirror URL     download from this base URL (a local mirror) instead of the public ones
  --label COL      CSV: the label column (default: label)
  --shape C,H,W    image folders: resize to this input shape (C = 1 grayscale, 3 RGB)
  --augment R      ${AUGMENT_HELP}
info --json: {"name", "train", "test", "classes", "shape", "class_counts": {"train", "test"}, "mean", "std"}`;

const options = {
  'data-dir': { type: 'string' },
  download: { type: 'boolean' },
  mirror: { type: 'string' },
  label: { type: 'string' },
  shape: { type: 'string' },
  json: { type: 'boolean' },
  augment: { type: 'string' },
  output: { type: 'string', short: 'o' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A progress line on stderr when it is a terminal. */
function progressLine(): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = '';
  return (p) => {
    const pct = p.total ? ` ${Math.floor((100 * p.done) / p.total)}%` : ` ${p.done}`;
    const line = `${p.phase}${pct}`;
    if (line !== last) process.stderr.write(`\r\x1b[K${line}${p.total && p.done >= p.total ? '\n' : ''}`);
    last = line;
  };
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

function fail(message: string): number {
  console.error(`netloom data: ${message}`);
  return 2;
}

export const command: Command = {
  summary: 'list, inspect and preview datasets',
  async run(argv) {
    let values: { [K in keyof typeof options]?: (typeof options)[K]['type'] extends 'string' ? string : boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options }));
    } catch (e) {
      return fail(`${(e as Error).message.split('\n')[0]} (see netloom data --help)`);
    }
    const [sub, arg, ...extra] = positionals;
    if (values.help || !sub) {
      console.log(HELP);
      return values.help ? 0 : 2;
    }
    if (extra.length) return fail(`unexpected arguments: ${extra.join(' ')}`);
    const dataDir = values['data-dir'];
    if (sub === 'list') {
      const list = listSources(dataDir);
      if (values.json) console.log(JSON.stringify(list, null, 2));
      else
        for (const s of list)
          console.log(
            `${s.name.padEnd(14)} ${s.description}${s.location === '(built in)' ? '' : s.location ? `\n${''.padEnd(14)} found: ${s.location}` : s.name.includes(':') ? '' : `\n${''.padEnd(14)} not found here (netloom data download ${s.name})`}`,
          );
      return 0;
    }
    if (sub === 'download') {
      const m = arg ? MANIFESTS[arg] : undefined;
      if (!m) return fail(`download: give one of ${Object.keys(MANIFESTS).join(', ')}.`);
      const r = await downloadDataset(m, {
        onProgress: progressLine(),
        mirrors: values.mirror ? [withSlash(values.mirror)] : undefined,
      });
      if (!r.ok) return fail(r.error);
      console.log(`${arg}: verified files in ${r.value}`);
      return 0;
    }
    if (sub !== 'info' && sub !== 'preview')
      return fail(`unknown subcommand '${sub}'; use list, info, preview or download.`);
    if (!arg) return fail(`${sub}: give a SOURCE (synthetic, mnist, fashion-mnist, cifar10, folder:PATH, csv:PATH).`);
    const parsed = parseSourceArg(arg);
    if (!parsed.ok) return fail(parsed.error);
    const spec: SourceSpec = { ...parsed.value, dataDir, download: values.download, label: values.label };
    if (values.shape) {
      const shape = values.shape.split(',').map(Number);
      if (shape.length !== 3 || shape.some((v) => !Number.isInteger(v) || v < 1))
        return fail(`--shape '${values.shape}': give C,H,W, e.g. 1,28,28.`);
      spec.shape = shape;
    }
    const recipe = parseAugment(values.augment ?? '');
    if (!recipe.ok) return fail(recipe.error);
    const loaded = await loadSource(spec, {
      onProgress: progressLine(),
      mirrors: values.mirror ? [withSlash(values.mirror)] : undefined,
    });
    if (!loaded.ok) return fail(loaded.error);
    if (sub === 'info') {
      const info = datasetInfo(loaded.value);
      if (values.json) {
        console.log(JSON.stringify(info));
        return 0;
      }
      console.log(`${info.name}: ${info.train} train, ${info.test} test, sample shape [${info.shape.join(', ')}]`);
      console.log(`mean ${JSON.stringify(info.mean)}, std ${JSON.stringify(info.std)} (train split, values in [0, 1])`);
      const w = Math.max(...info.classes.map((c) => c.length));
      info.classes.forEach((c, i) =>
        console.log(
          `  ${String(i).padStart(2)} ${c.padEnd(w)}  train ${String(info.class_counts.train[i]).padStart(6)}  test ${String(info.class_counts.test[i]).padStart(6)}`,
        ),
      );
      return 0;
    }
    const samples = values.samples ? Number(values.samples) : 8;
    const seed = values.seed ? Number(values.seed) : 0;
    if (!(Number.isInteger(samples) && samples > 0) || !Number.isInteger(seed))
      return fail('--samples and --seed take whole numbers.');
    const img = augmentPreview(loaded.value.train, recipe.value, { samples, seed });
    const out = values.output ?? 'preview.png';
    try {
      writeFileAtomicSync(out, encodePng(img));
    } catch (e) {
      return fail(`${out}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
    }
    console.log(
      `${out}: ${img.width}x${img.height} PNG, ${samples} samples (rows), original then ${7} augmented variants (columns)`,
    );
    return 0;
  },
};
