/** tfjs on the plain `cpu` backend, for exports (deterministic, no native parts needed). */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import type { Tf } from '../../../app/compiler/tfjs/tf';

let ready: Promise<Tf> | undefined;

export function cpuTf(): Promise<Tf> {
  ready ??= (async () => {
    const tf = { ...tfc, ...tfl } as unknown as Tf;
    await tf.setBackend('cpu');
    await tf.ready();
    // The cpu backend prints a banner suggesting tfjs-node on its first tensor; exports print their own lines.
    (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
    return tf;
  })();
  return ready;
}
