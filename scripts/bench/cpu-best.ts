import type * as tf from '@tensorflow/tfjs-core';

/**
 * Best of `runs` in CPU milliseconds of this process (user + system) for one kernel call, its
 * result read back: a loaded machine stretches wall time, far less the CPU a call takes.
 * One untimed call first (compilation, packing, allocation).
 */
export function bestCpuMs(runs: number, f: () => tf.Tensor): number {
  f().dispose();
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t = f();
    t.dataSync();
    const c = process.cpuUsage(c0);
    b = Math.min(b, (c.user + c.system) / 1000);
    t.dispose();
  }
  return b;
}
