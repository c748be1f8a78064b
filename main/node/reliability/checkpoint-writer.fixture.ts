// Child process for checkpoint.reliability.test.ts: saves the checkpoint of epoch 1, 2, 3, ...
// into one folder, forever, until killed. Every weight and optimizer buffer of epoch k holds k.
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { GraphBuilder } from '../../../app/templates/builder';
import { loadBackend } from '../engine/backend';
import { saveRunCheckpoint } from './run-checkpoint';

const [dir] = process.argv.slice(2);
const backend = await loadBackend('cpu');
if (!backend.ok) throw new Error(backend.error);
const { tf } = backend.value;
const b = new GraphBuilder('Big');
b.chain(b.input([1, 48, 48]), [
  ['Flatten', {}],
  ['Linear', { out_features: 400 }],
  ['Linear', { out_features: 10 }],
]);
const compiled = compileGraph(tf, b.build(), { seed: 1 });
if (!compiled.ok) throw new Error(compiled.error);
const c = compiled.value;
const sizes = c.model.weights.map((w) => w.shape.reduce((a: number, n) => a * (n ?? 1), 1));
for (let epoch = 1; ; epoch++) {
  for (const w of c.model.weights) {
    const t = tf.fill(w.shape as number[], epoch);
    w.write(t);
    t.dispose();
  }
  const slots = [0, 1, 2].map(() => sizes.map((n) => new Float32Array(n).fill(epoch)));
  await saveRunCheckpoint(c, dir!, epoch, { step: epoch, slots });
  if (epoch === 1) process.stdout.write('ready\n');
}
