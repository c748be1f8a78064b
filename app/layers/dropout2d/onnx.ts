export { onnx } from '../dropout/onnx';
