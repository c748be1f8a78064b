/** Runs an ONNX file in onnxruntime-node (CPU): the consumer the ONNX export is checked against. */
import * as ort from 'onnxruntime-node';

export async function runOnnx(
  path: string,
  inputs: { shape: number[]; values: Float32Array }[],
): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const feeds: Record<string, ort.Tensor> = {};
    session.inputNames.forEach((n, i) => (feeds[n] = new ort.Tensor('float32', inputs[i].values, inputs[i].shape)));
    const out = await session.run(feeds);
    return session.outputNames.map((n) => out[n].data as Float32Array);
  } finally {
    await session.release();
  }
}
