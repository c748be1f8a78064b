// The training step the benchmark times: the engine's own (app/training: PyTorch's SGD with
// momentum, CrossEntropyLoss, trainStep) when it is present, else a hand-written equivalent
// here, and the result says which one ran.
import type { Variable } from '@tensorflow/tfjs-core';
import type { LayersModel, Tensor, Tf } from '../../app/compiler/tfjs/tf';

export interface Stepper {
  loop: 'engine (app/training trainStep)' | 'bench (hand-written step)';
  step(x: Tensor, y: Tensor): number;
  dispose(): void;
}

interface EngineModules {
  step: {
    trainStep(tf: Tf, m: LayersModel, p: Variable[], o: unknown, x: Tensor, y: Tensor, s: unknown): { loss: number };
  };
  optimizers: { createOptimizer(tf: Tf, p: Variable[], h: unknown): { step(g: Tensor[]): void; dispose(): void } };
  settings: { parseTrainingSettings(v: unknown): { ok: boolean; value?: unknown; error?: string } };
  losses: { lossValue(tf: Tf, name: 'CrossEntropyLoss', out: Tensor, labels: Tensor): Tensor };
}

async function engineModules(): Promise<EngineModules | null> {
  const base = new URL('../../app/training/', import.meta.url).href;
  try {
    const [step, optimizers, settings, losses] = await Promise.all(
      ['step.ts', 'optimizers.ts', 'settings.ts', 'losses.ts'].map((f) => import(/* @vite-ignore */ base + f)),
    );
    return { step, optimizers, settings, losses } as EngineModules;
  } catch {
    return null;
  }
}

export async function makeStepper(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  lr: number,
  momentum: number,
): Promise<Stepper> {
  const mods = await engineModules();
  if (mods) {
    const s = mods.settings.parseTrainingSettings({ optimizer: 'sgd', lr, momentum, batch_size: 64 });
    if (!s.ok) throw new Error(`training settings: ${s.error}`);
    const opt = mods.optimizers.createOptimizer(tf, params, s.value);
    return {
      loop: 'engine (app/training trainStep)',
      step: (x, y) => mods.step.trainStep(tf, model, params, opt, x, y, s.value).loss,
      dispose: () => opt.dispose(),
    };
  }
  // torch.optim.SGD(momentum, dampening 0): buf = momentum * buf + g (buf = g on the first step); p -= lr * buf.
  const bufs: (Tensor | null)[] = params.map(() => null);
  return {
    loop: 'bench (hand-written step)',
    step(x, y) {
      const { value, grads } = tf.variableGrads(
        () =>
          tf.tidy(() => {
            const out = model.apply(x, { training: true }) as Tensor;
            const logp = tf.sub(out, tf.logSumExp(out, 1, true));
            return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(y, 10), logp), 1))) as never;
          }),
        params,
      );
      tf.tidy(() =>
        params.forEach((p, i) => {
          const g = grads[p.name];
          const prev = bufs[i];
          const b = prev === null ? tf.clone(g) : tf.add(tf.mul(prev, momentum), g);
          prev?.dispose();
          bufs[i] = tf.keep(b);
          p.assign(tf.sub(p, tf.mul(b, lr)));
        }),
      );
      const loss = value.dataSync()[0];
      tf.dispose([value, ...Object.values(grads)]);
      return loss;
    },
    dispose: () => tf.dispose(bufs.filter((b): b is Tensor => b !== null)),
  };
}

/** Gradients and the update apart, for data-parallel replicas that average gradients in between. */
export interface GradStep {
  loop: string;
  grads(x: Tensor, y: Tensor): { loss: number; grads: Tensor[] };
  apply(grads: Tensor[]): void;
}

export async function makeGradStep(
  tf: Tf,
  model: LayersModel,
  params: Variable[],
  lr: number,
  momentum: number,
): Promise<GradStep> {
  const mods = await engineModules();
  if (!mods) throw new Error('data-parallel bench needs the engine (app/training): not found');
  const s = mods.settings.parseTrainingSettings({ optimizer: 'sgd', lr, momentum, batch_size: 64 });
  if (!s.ok) throw new Error(`training settings: ${s.error}`);
  const opt = mods.optimizers.createOptimizer(tf, params, s.value);
  return {
    loop: 'engine (compiler, CrossEntropyLoss, SGD of app/training) + GradientExchange',
    grads(x, y) {
      const { value, grads } = tf.variableGrads(
        () => mods.losses.lossValue(tf, 'CrossEntropyLoss', model.apply(x, { training: true }) as Tensor, y) as never,
        params,
      );
      const loss = value.dataSync()[0];
      value.dispose();
      return { loss, grads: params.map((p) => grads[p.name]) };
    },
    apply: (grads) => opt.step(grads),
  };
}
