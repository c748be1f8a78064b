/**
 * torchvision's mnasnet1_0 exported by torch.onnx.export imports exactly: see testing/torchvision-import.ts.
 */
import { describeTorchvisionImport } from './testing/torchvision-import';

describeTorchvisionImport({ name: 'mnasnet1_0', size: 32, params: 4_383_312, kinds: ['ReLU', 'Mean', 'Add'] });
