/**
 * torchvision's shufflenet_v2_x1_0 exported by torch.onnx.export imports exactly: chunk and
 * channel_shuffle are written as shape arithmetic on the live input (Shape, Gather, Div, Slice,
 * Reshape to [N, 2, C/2, H, W]), evaluated on its known shape. See testing/torchvision-import.ts.
 */
import { describeTorchvisionImport } from './testing/torchvision-import';

describeTorchvisionImport({
  name: 'shufflenet_v2_x1_0',
  size: 32,
  params: 2_278_604,
  kinds: ['ChannelShuffle', 'Split', 'Concat', 'ReLU', 'MaxPool2d'],
});
