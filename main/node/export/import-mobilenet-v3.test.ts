/**
 * torchvision's mobilenet_v3_small exported by torch.onnx.export imports exactly: see testing/torchvision-import.ts.
 */
import { describeTorchvisionImport } from './testing/torchvision-import';

describeTorchvisionImport({
  name: 'mobilenet_v3_small',
  size: 32,
  params: 2_542_856,
  kinds: ['Hardswish', 'Hardsigmoid', 'Mul', 'AdaptiveAvgPool2d', 'Linear'],
});
