import { softmaxOnnx } from '../softmax/onnx';

export const onnx = softmaxOnnx('LogSoftmax');
