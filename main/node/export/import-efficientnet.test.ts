/**
 * torchvision's efficientnet_b0 exported by torch.onnx.export imports exactly: see testing/torchvision-import.ts.
 */
import { describeTorchvisionImport } from './testing/torchvision-import';

describeTorchvisionImport({
  name: 'efficientnet_b0',
  size: 32,
  params: 5_288_548,
  kinds: ['SiLU', 'Sigmoid', 'Mul', 'AdaptiveAvgPool2d'],
});
