// The ladder's WebGPU rung with Dawn's real SwiftShader adapter: a software adapter is passed
// over (with the reason in the notes) unless forced; Dawn failing to load falls through with its
// reason; a hardware adapter (an injected object wrapping the SwiftShader one, reporting an
// NVIDIA card: the selection logic only) is chosen first and names the device.
import { describe, expect, it } from 'vitest';
import { loadBackend } from '../backend';
import { loadDawnModule, type DawnLoader, type DawnModule, type GpuAdapterLike } from './dawn';
import { swiftShaderOrSkip } from './test-util';

const runs = swiftShaderOrSkip('webgpu/ladder.test.ts');

const failing: DawnLoader = () => Promise.reject(new Error("Cannot find module 'webgpu'"));

/** The real Dawn, whose adapter says it is an NVIDIA card. */
const asHardware: DawnLoader = async () => {
  const real = await loadDawnModule();
  const wrapped: DawnModule = {
    globals: real.globals,
    create: (flags) => {
      const gpu = real.create(flags);
      return {
        requestAdapter: async (o) => {
          const a = await gpu.requestAdapter(o);
          if (!a) return null;
          const fake: GpuAdapterLike = {
            info: {
              vendor: 'nvidia',
              architecture: 'lovelace',
              device: '',
              description: 'NVIDIA GeForce RTX 4070',
              isFallbackAdapter: false,
            },
            limits: a.limits,
            features: a.features,
            requestDevice: (d) => a.requestDevice(d),
          };
          return fake;
        },
      };
    },
  };
  return wrapped;
};

describe('the backend ladder and WebGPU', () => {
  it('without a GPU library, falls through to the next rung with the reason', async () => {
    const b = await loadBackend(undefined, { webgpu: true, loadDawn: failing });
    if (!b.ok) throw new Error(b.error);
    expect(b.value.name).not.toBe('webgpu');
    expect(b.value.device).toBeUndefined();
    expect(b.value.notes[0]).toMatch(
      /^backend webgpu: the webgpu package \(Dawn for Node\) did not load: Cannot find module 'webgpu'; trying the next/,
    );
  });

  it('forcing webgpu where it cannot load is an error naming it', async () => {
    const b = await loadBackend('webgpu', { loadDawn: failing });
    expect(b.ok).toBe(false);
    if (!b.ok)
      expect(b.error).toMatch(
        /^backend 'webgpu' \(@tensorflow\/tfjs-backend-webgpu\) cannot be loaded: the webgpu package/,
      );
  });

  it('only callers that read asynchronously (the training worker) get WebGPU from the ladder', async () => {
    const b = await loadBackend(undefined, { loadDawn: asHardware });
    if (!b.ok) throw new Error(b.error);
    expect(b.value.name).not.toBe('webgpu');
  });

  describe.runIf(runs)('with SwiftShader', () => {
    it('passes over a software adapter, saying why', async () => {
      const b = await loadBackend(undefined, { webgpu: true });
      if (!b.ok) throw new Error(b.error);
      expect(b.value.name).not.toBe('webgpu');
      expect(b.value.notes[0]).toMatch(
        /^backend webgpu: the only adapter is SwiftShader \(software\), SwiftShader renders on the CPU.*--backend webgpu forces it/,
      );
    });

    it('--backend webgpu forces it and reports the adapter', async () => {
      const b = await loadBackend('webgpu');
      if (!b.ok) throw new Error(b.error);
      expect(b.value).toMatchObject({
        name: 'webgpu',
        tfBackend: 'webgpu',
        device: 'SwiftShader (software)',
        package: '@tensorflow/tfjs-backend-webgpu',
      });
      expect(b.value.adapter).toMatchObject({ vendor: 'google', architecture: 'swiftshader', software: true });
      expect(b.value.adapter?.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
      expect(b.value.notes.join('\n')).toMatch(
        /WebGPU adapter: SwiftShader \(software\) \("SwiftShader driver.*maxBufferSize \d+ MiB/,
      );
      expect(b.value.tf.getBackend()).toBe('webgpu');
      expect(b.value.deviceLost?.()).toBeNull();
    });

    it('chooses a hardware adapter first, and trains on it', async () => {
      const b = await loadBackend(undefined, { webgpu: true, loadDawn: asHardware });
      if (!b.ok) throw new Error(b.error);
      expect(b.value).toMatchObject({ name: 'webgpu', device: 'NVIDIA GeForce RTX 4070 via Vulkan' });
      expect(b.value.notes).toHaveLength(1);
      const { tf } = b.value;
      const x = tf.tensor2d([
        [1, 2],
        [3, 4],
      ]);
      const g = tf.grad((v) => tf.sum(tf.square(v)))(x);
      expect(Array.from(await g.data())).toEqual([2, 4, 6, 8]);
      tf.dispose([x, g]);
    });
  });
});
