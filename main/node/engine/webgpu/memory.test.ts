// The device-memory check on adapter limits given as numbers (no GPU needed).
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../../app/templates/builder';
import { checkDeviceMemory } from './memory';

const MiB = 2 ** 20;
const adapter = (mib: number, binding = mib) => ({
  label: 'Acme GPU via Vulkan',
  limits: {
    maxBufferSize: mib * MiB,
    maxStorageBufferBindingSize: binding * MiB,
    maxComputeWorkgroupStorageSize: 0,
    maxComputeInvocationsPerWorkgroup: 0,
  },
});

function net(channels: number, features = 10) {
  const b = new GraphBuilder('Net');
  b.chain(b.input([3, 64, 64]), [
    ['Conv2d', { out_channels: channels, kernel_size: 3, padding: 1 }],
    ['Flatten', {}],
    ['Linear', { out_features: features }],
  ]);
  return b.build();
}

describe('checkDeviceMemory', () => {
  it('passes a run whose every tensor fits one buffer', () => {
    expect(checkDeviceMemory(net(8), 32, adapter(256))).toBeNull();
  });

  it('refuses a batch whose largest activation exceeds the smaller limit, with the batch size that fits', () => {
    // Conv2d output: 64 x 64 x 64 floats = 1 MiB a sample.
    const m = checkDeviceMemory(net(64, 2), 512, adapter(1024, 128));
    expect(m).toBe(
      "Conv2d 'conv2d_1' needs a 512 MiB tensor at batch_size 512, and one WebGPU buffer on Acme GPU via Vulkan holds at most 128 MiB (maxStorageBufferBindingSize): set batch_size to 128 or less.",
    );
  });

  it('refuses a layer whose weights alone exceed a buffer', () => {
    expect(checkDeviceMemory(net(16, 4000), 1, adapter(128))).toMatch(
      /^Linear 'linear_1' has 262148000 parameters \(1001 MiB\), and one WebGPU buffer on Acme GPU via Vulkan holds at most 128 MiB \(maxStorageBufferBindingSize\): make the layer smaller/,
    );
  });

  it('checks the evaluation batches of 256 too', () => {
    expect(checkDeviceMemory(net(64, 2), 8, adapter(100))).toMatch(
      /needs a 256 MiB tensor when validating in batches of 256, .* holds at most 100 MiB/,
    );
  });
});
