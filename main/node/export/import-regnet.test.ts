/**
 * torchvision's regnet_y_400mf exported by torch.onnx.export imports exactly: see testing/torchvision-import.ts.
 */
import { describeTorchvisionImport } from './testing/torchvision-import';

describeTorchvisionImport({
  name: 'regnet_y_400mf',
  size: 32,
  params: 4_344_144,
  kinds: ['ReLU', 'Sigmoid', 'Mul', 'Add', 'AdaptiveAvgPool2d'],
});
