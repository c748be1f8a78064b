/**
 * Conv2d (groups 1, NHWC) with bias and an optional fused ReLU, trained through one custom
 * gradient instead of tfjs's unfused ops. Padding is 'valid' (the input was zero-padded by a
 * ZeroPadding2D layer) or 'same' where TensorFlow's 'same' pads exactly PyTorch's rows and
 * columns for this input size (the converter checks): then no pad and slice run per step.
 *
 * Under a gradient tape tfjs's Conv2D layer cannot use its fused kernel (tf.fused.conv2d unfuses
 * whenever the activation is not linear, and when it is linear its custom gradient always
 * computes the input gradient), so a training step ran conv2d, a broadcast bias add and a ReLU
 * forward, and step, cast and multiply for the ReLU's gradient. This layer runs the backend's
 * FusedConv2D kernel (convolution, bias and ReLU in one pass) and its own gradient:
 *   dz = relu ? dy * step(y) : dy;  dW = Conv2DBackpropFilter(x, dz);  db = sum(dz over N, H, W);
 *   dx = Conv2DBackpropInput(dz, W), only when something upstream needs it (`inputGrad`: false
 *   for a layer that reads the data, so its input is not even an input of the gradient).
 * tfjs has no gradient for a dilated convolution (its backprop kernels take no dilation); here a
 * dilation d trains through the equivalent undilated kernel with d - 1 zeros between taps: dx
 * and the filter gradient come from the usual kernels, and the taps' gradients are read back.
 * Same values as Conv2D + ReLU; saved as the plain Conv2D it equals (model.json loads anywhere).
 *
 * PyTorch paddings that TensorFlow's 'same' cannot express come from a ZeroPadding2D the converter
 * puts before this layer alone (`convPadLayer`). Saved and evaluated, that pair is the plain
 * ZeroPadding2D + 'valid' Conv2D. Under a gradient tape on the wasm backend (whose convolution
 * kernels and their gradients all take explicit pads) the pad layer passes its input on unpadded
 * and this layer pads inside its kernels (`foldedPad`): per step no PadV2 of the input and no
 * Slice of the padded input's gradient (ResNet-18: the 7x7/2 stem and the three stride-2 3x3
 * convolutions). The forward is the same; the gradient kernels may pick another algorithm for
 * the unpadded input (the same sums in another order: ResNet-18's gradients agree to 1.2e-6 of
 * each tensor's largest element).
 */
import type { Kwargs, Layer, LayerVariable, Tensor, Tf } from '../tf';
import { biasActBackward } from './bias-act-grad';
import { one, oneShape, underTape } from './util';

export interface TorchConvConfig {
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  dilationRate: [number, number];
  /** 'same' only where it equals PyTorch's symmetric padding for the layer's input size. */
  padding: 'valid' | 'same';
  useBias: boolean;
  activation: 'linear' | 'relu';
  /** False when no trainable parameter is upstream: the input gradient is never computed. */
  inputGrad: boolean;
  /**
   * [[top, bottom], [left, right]] of the convPadLayer before this layer, which it applies in its
   * kernels when that layer passed its input on unpadded (training on wasm). Never saved.
   */
  foldedPad?: [[number, number], [number, number]];
  name?: string;
}

type Attrs = Record<string, unknown>;
/** tfjs's explicit padding, [[0, 0], [top, bottom], [left, right], [0, 0]]. */
type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

/** Backends whose convolution kernels (forward, both gradients) the folded padding is used on. */
const FOLD_PAD_BACKENDS = new Set(['wasm']);
let foldPads = true;

/** Off: convPadLayer always pads (the behaviour before the folding; for tests and benches). */
export function setConvPadFolding(on: boolean): void {
  foldPads = on;
}

/** Whether a convPadLayer passes its input on unpadded now: training, on a backend of FOLD_PAD_BACKENDS. */
function foldingPads(tf: Tf): boolean {
  return foldPads && underTape(tf) && FOLD_PAD_BACKENDS.has(tf.getBackend());
}

/**
 * The ZeroPadding2D before a TorchConv2d with `foldedPad` (the same padding): a plain
 * ZeroPadding2D (its class, config and evaluation), except that while `foldingPads` it returns
 * its input unpadded (a clone: no copy) for the convolution to pad in its kernels. Only for a
 * convolution that is its one consumer.
 */
export function convPadLayer(tf: Tf, padding: [[number, number], [number, number]], name: string): Layer {
  const layer = tf.layers.zeroPadding2d({ padding, name });
  const pad = layer.call.bind(layer);
  layer.call = (inputs: Tensor | Tensor[], kwargs: Kwargs) =>
    foldingPads(tf) ? tf.clone(one(inputs)) : pad(inputs, kwargs);
  return layer;
}

function convAttrs(cfg: TorchConvConfig, dilations: [number, number] = [1, 1], pad?: ExplicitPad): Attrs {
  return { strides: cfg.strides, pad: pad ?? cfg.padding, dataFormat: 'NHWC', dilations, dimRoundingMode: undefined };
}

/** [kh, kw, ci, co] -> [(kh - 1) * dh + 1, (kw - 1) * dw + 1, ci, co] with dh - 1 (dw - 1) zeros between taps. */
export function dilateKernel(tf: Tf, w: Tensor, [dh, dw]: [number, number]): Tensor {
  const [kh, kw, ci, co] = w.shape as number[];
  const spread = tf.pad(tf.reshape(w, [kh, 1, kw, 1, ci, co]), [
    [0, 0],
    [0, dh - 1],
    [0, 0],
    [0, dw - 1],
    [0, 0],
    [0, 0],
  ]);
  return tf.slice(
    tf.reshape(spread, [kh * dh, kw * dw, ci, co]),
    [0, 0, 0, 0],
    [(kh - 1) * dh + 1, (kw - 1) * dw + 1, ci, co],
  );
}

/** The inverse read: the taps of a dilated kernel's gradient. */
function undilateKernel(tf: Tf, g: Tensor, [kh, kw]: number[], [dh, dw]: [number, number]): Tensor {
  const [, , ci, co] = g.shape as number[];
  const full = tf.pad(g, [
    [0, dh - 1],
    [0, dw - 1],
    [0, 0],
    [0, 0],
  ]);
  const taps = tf.slice(tf.reshape(full, [kh, dh, kw, dw, ci, co]), [0, 0, 0, 0, 0, 0], [kh, 1, kw, 1, ci, co]);
  return tf.reshape(taps, [kh, kw, ci, co]);
}

/** The forward kernel: FusedConv2D (conv + bias + activation) as every tfjs backend registers it. */
function fusedForward(
  tf: Tf,
  x: Tensor,
  filter: Tensor,
  bias: Tensor | undefined,
  cfg: TorchConvConfig,
  pad?: ExplicitPad,
): Tensor {
  const inputs: Record<string, Tensor> = { x, filter };
  if (bias) inputs.bias = bias;
  const attrs = { ...convAttrs(cfg, cfg.dilationRate, pad), activation: cfg.activation, leakyreluAlpha: 0 };
  return tf.engine().runKernel('FusedConv2D', inputs as never, attrs as never) as Tensor;
}

/** The training path: the fused forward under a custom gradient (see the file comment); `pad` overrides cfg.padding. */
export function trainConv(
  tf: Tf,
  x: Tensor,
  filter: Tensor,
  bias: Tensor | undefined,
  cfg: TorchConvConfig,
  pad?: ExplicitPad,
): Tensor {
  const attrs = convAttrs(cfg, [1, 1], pad);
  const run = (name: string, inputs: Record<string, Tensor>, extra: Attrs) =>
    tf.engine().runKernel(name, inputs as never, { ...attrs, ...extra } as never) as Tensor;
  const op = tf.customGrad(((...args: unknown[]) => {
    const save = args.pop() as (ts: Tensor[]) => void;
    const ts = args as Tensor[];
    const xIn = cfg.inputGrad ? ts[0] : x;
    const f = ts[cfg.inputGrad ? 1 : 0];
    const y = fusedForward(tf, xIn, f, bias ? ts[ts.length - 1] : undefined, cfg, pad);
    save([xIn, f, y]);
    return {
      value: y,
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sf, sy] = saved;
        const [dz, db] = biasActBackward(tf, dy, sy, cfg.activation === 'relu', bias !== undefined);
        const dilated = cfg.dilationRate[0] > 1 || cfg.dilationRate[1] > 1;
        const wf = dilated ? dilateKernel(tf, sf, cfg.dilationRate) : sf;
        const grads: Tensor[] = [];
        if (cfg.inputGrad) grads.push(run('Conv2DBackpropInput', { dy: dz, filter: wf }, { inputShape: sx.shape }));
        const dw = run('Conv2DBackpropFilter', { x: sx, dy: dz }, { filterShape: wf.shape });
        grads.push(dilated ? undilateKernel(tf, dw, sf.shape, cfg.dilationRate) : dw);
        if (db) grads.push(db);
        return grads;
      },
    };
  }) as never) as unknown as (...t: Tensor[]) => Tensor;
  const ins = [...(cfg.inputGrad ? [x] : []), filter, ...(bias ? [bias] : [])];
  return op(...ins);
}

export function defineTorchConv(tf: Tf) {
  class TorchConv2d extends tf.layers.Layer {
    static className = 'TorchConv2d';
    cfg: TorchConvConfig;
    kernel: LayerVariable | null = null;
    bias: LayerVariable | null = null;
    /** The input's height and width as built (padded, when a convPadLayer comes before). */
    builtHW: [number | null, number | null] = [null, null];
    constructor(cfg: TorchConvConfig) {
      super({ name: cfg.name });
      this.cfg = { ...cfg };
    }
    override build(shape: (number | null)[] | (number | null)[][]): void {
      const cin = oneShape(shape)[3] as number;
      this.builtHW = [oneShape(shape)[1], oneShape(shape)[2]];
      const { kernelSize: k, filters } = this.cfg;
      this.kernel = this.addWeight('kernel', [k[0], k[1], cin, filters], 'float32', tf.initializers.glorotUniform({}));
      if (this.cfg.useBias) this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
      this.built = true;
    }
    override computeOutputShape(shape: (number | null)[] | (number | null)[][]) {
      const s = oneShape(shape);
      const { kernelSize: k, strides: st, dilationRate: d, padding } = this.cfg;
      const o = (n: number, i: 0 | 1) =>
        padding === 'same' ? Math.ceil(n / st[i]) : Math.floor((n - d[i] * (k[i] - 1) - 1) / st[i]) + 1;
      return [s[0], o(s[1] as number, 0), o(s[2] as number, 1), this.cfg.filters];
    }
    override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = one(inputs);
        const filter = (this.kernel as LayerVariable).read() as Tensor;
        const bias = this.bias ? (this.bias.read() as Tensor) : undefined;
        return underTape(tf)
          ? trainConv(tf, x, filter, bias, this.cfg, this.foldedPadFor(x))
          : fusedForward(tf, x, filter, bias, this.cfg);
      });
    }
    /** The explicit padding to apply when x arrives unpadded from a folding convPadLayer. */
    foldedPadFor(x: Tensor): ExplicitPad | undefined {
      const p = this.cfg.foldedPad;
      const [h, w] = this.builtHW;
      if (!p || h === null || w === null) return undefined;
      const [, xh, xw] = x.shape as number[];
      const unpadded = xh + p[0][0] + p[0][1] === h && xw + p[1][0] + p[1][1] === w;
      return unpadded ? [[0, 0], p[0], p[1], [0, 0]] : undefined;
    }
    /** Saved as the plain Conv2D it equals (model.json loads anywhere). */
    override getClassName(): string {
      return 'Conv2D';
    }
    override getConfig() {
      const { filters, kernelSize, strides, dilationRate, padding, useBias, activation } = this.cfg;
      const plain = tf.layers.conv2d({
        filters,
        kernelSize,
        strides,
        dilationRate,
        padding,
        useBias,
        activation,
        name: this.name,
      });
      return { ...plain.getConfig(), trainable: this.trainable };
    }
  }
  tf.serialization.registerClass(TorchConv2d);
  return TorchConv2d;
}
