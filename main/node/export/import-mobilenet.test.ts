/**
 * torchvision's mobilenet_v2 exported by torch.onnx.export imports exactly (ReLU6 as Clip): see
 * testing/torchvision-import.ts.
 */
import { describeTorchvisionImport } from './testing/torchvision-import';

describeTorchvisionImport({
  name: 'mobilenet_v2',
  size: 32,
  params: 3_504_872,
  kinds: ['ReLU6', 'Add', 'AdaptiveAvgPool2d'],
});
