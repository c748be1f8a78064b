/**
 * Split and Chunk in networks the compiler, PyTorch and ONNX export tests run both in tfjs and in
 * PyTorch: two branches on the channels joined again, an uneven chunk of H, and a few SGD steps
 * through both branches (the gradient of each piece flows back into its slice).
 */
import { GraphBuilder } from '../../../templates/builder';
import type { TorchCase } from './torch-cases';

const out = (id: string, port: number) => ({ id, port });

function branches(): GraphBuilder {
  const b = new GraphBuilder('Net');
  const x = b.input([6, 5, 5]);
  const c = b.layer('Conv2d', { out_channels: 6, kernel_size: 1 }, x);
  const s = b.layer('Split', { split_size_or_sections: [4, 2] }, c);
  const a = b.layer('Conv2d', { out_channels: 3, kernel_size: 3, padding: 1 }, out(s, 0));
  const r = b.layer('ReLU', {}, out(s, 1));
  const cat = b.layer('Concat', { dim: 1 }, [a, r]);
  // 5 rows in 3 chunks: 2, 2 and 1 (the last smaller), the last and first joined again.
  const ch = b.layer('Chunk', { chunks: 3, dim: 2 }, cat);
  const j = b.layer('Concat', { dim: 2 }, [out(ch, 2), out(ch, 0)]);
  const f = b.layer('Flatten', {}, j);
  b.layer('Linear', { out_features: 3 }, f);
  return b;
}

function uneven(): GraphBuilder {
  const b = new GraphBuilder('Net');
  const x = b.input([5, 4, 3]);
  // Pieces of 2 channels from 5: 2, 2 and 1 (a gate from the second for the first, as GLU does).
  const s = b.layer('Split', { split_size_or_sections: 2 }, x);
  const m = b.layer('Mul', {}, [out(s, 0), b.layer('Sigmoid', {}, out(s, 1))]);
  const w = b.layer('Chunk', { chunks: 2, dim: -1 }, b.layer('Conv2d', { out_channels: 2, kernel_size: 1 }, out(s, 2)));
  b.layer('Concat', { dim: -1 }, [m, out(w, 0)]);
  b.layer('Tanh', {}, out(w, 1));
  return b;
}

export function splitCases(): TorchCase[] {
  const sgd = { lr: 0.1, momentum: 0.9, weight_decay: 0.01 };
  return [
    { id: 'Split + Chunk branches', graph: branches().build() },
    { id: 'Split uneven + Chunk (two outputs)', graph: uneven().build() },
    { id: 'Split branches (3 SGD steps)', graph: branches().build(), train: true, steps: 3, sgd },
  ];
}
