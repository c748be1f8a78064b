// The fixed cost of one tfjs op on the wasm backend with the project's kernels: CPU microseconds
// per call of an elementwise op on a 4-element tensor (so the kernel's own work is nil): without a
// gradient tape, and on one with its backward pass (per forward op: the tape node, then its
// gradient's kernels), and tf.clone (Identity: no copy, bookkeeping only).
// Run: npx tsx scripts/bench/op-cost.ts [calls]
import { loadBackend } from '../../main/node/engine/backend';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 20000);
  const b = await loadBackend('wasm');
  if (!b.ok) throw new Error(b.error);
  const { tf } = b.value;
  const a = tf.variable(tf.ones([4])),
    c = tf.ones([4]);
  const time = (label: string, f: () => void) => {
    f();
    let best = Infinity;
    for (let r = 0; r < 5; r++) {
      const c0 = process.cpuUsage();
      f();
      const u = process.cpuUsage(c0);
      best = Math.min(best, (u.user + u.system) / n);
    }
    console.log(`${label.padEnd(44)} ${best.toFixed(2)} CPU-us per op`);
  };
  time('Multiply, no tape (tidy)', () =>
    tf.tidy(() => {
      for (let i = 0; i < n; i++) tf.mul(a, c);
    }),
  );
  time('Multiply on a tape, forward and backward', () => {
    const r = tf.variableGrads(() => {
      let s = tf.mul(a, c);
      for (let i = 1; i < n; i++) s = tf.mul(s, c);
      return tf.sum(s) as never;
    });
    tf.dispose([r.value, ...Object.values(r.grads)]);
  });
  time('clone (Identity), no tape', () =>
    tf.tidy(() => {
      for (let i = 0; i < n; i++) tf.clone(c);
    }),
  );
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
