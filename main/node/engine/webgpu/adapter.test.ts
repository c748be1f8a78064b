// The adapter report and the selection rule, on adapter objects as Dawn describes them (no GPU needed).
import { describe, expect, it } from 'vitest';
import { chooseAdapter, describeAdapter, reportLine } from './adapter';

const limits = {
  maxBufferSize: 2 ** 32,
  maxStorageBufferBindingSize: 2 ** 31,
  maxComputeWorkgroupStorageSize: 32768,
  maxComputeInvocationsPerWorkgroup: 1024,
};
const swiftshader = {
  info: {
    vendor: 'google',
    architecture: 'swiftshader',
    device: 'swiftshader-device-subzero-',
    description: 'SwiftShader driver 5.0.0',
    isFallbackAdapter: true,
  },
  limits,
};
const nvidia = {
  info: {
    vendor: 'nvidia',
    architecture: 'lovelace',
    device: '',
    description: 'NVIDIA GeForce RTX 4070',
    isFallbackAdapter: false,
  },
  limits,
};

describe('describeAdapter', () => {
  it('names a hardware adapter with the API Dawn drives on the platform', () => {
    expect(describeAdapter(nvidia, 'linux')).toMatchObject({
      software: false,
      api: 'Vulkan',
      label: 'NVIDIA GeForce RTX 4070 via Vulkan',
      vendor: 'nvidia',
      architecture: 'lovelace',
    });
    expect(
      describeAdapter({ info: { vendor: 'apple', architecture: 'metal-3', description: 'Apple M2' }, limits }, 'darwin')
        .label,
    ).toBe('Apple M2 via Metal');
    expect(
      describeAdapter({ info: { vendor: 'intel', architecture: 'gen-12lp', description: '' }, limits }, 'win32').label,
    ).toBe('intel gen-12lp via Direct3D 12');
  });

  it('marks SwiftShader, llvmpipe, WARP and any fallback adapter as software', () => {
    const r = describeAdapter(swiftshader, 'linux');
    expect(r).toMatchObject({
      software: true,
      label: 'SwiftShader (software)',
      softwareReason: 'SwiftShader renders on the CPU',
    });
    expect(
      describeAdapter({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }, limits }, 'linux')
        .label,
    ).toBe('llvmpipe (software)');
    expect(
      describeAdapter({ info: { vendor: 'microsoft', description: 'Microsoft Basic Render Driver' }, limits }, 'win32')
        .software,
    ).toBe(true);
    expect(
      describeAdapter({ info: { vendor: 'acme', description: 'Acme GPU', isFallbackAdapter: true }, limits }, 'linux'),
    ).toMatchObject({ software: true, label: 'Acme GPU (software)' });
  });

  it('reports the buffer limits, zero where the adapter does not say', () => {
    expect(describeAdapter(nvidia, 'linux').limits).toEqual(limits);
    expect(describeAdapter({ info: {}, limits: {} }, 'linux').limits.maxBufferSize).toBe(0);
    expect(reportLine(describeAdapter(swiftshader, 'linux'))).toMatch(
      /SwiftShader \(software\).*vendor google, architecture swiftshader.*maxBufferSize 4096 MiB, maxStorageBufferBindingSize 2048 MiB; software adapter/,
    );
  });
});

describe('chooseAdapter', () => {
  it('takes a hardware adapter, and a software one only when forced', () => {
    expect(chooseAdapter(describeAdapter(nvidia, 'linux'), false)).toEqual({ use: true });
    expect(chooseAdapter(describeAdapter(swiftshader, 'linux'), true)).toEqual({ use: true });
    const no = chooseAdapter(describeAdapter(swiftshader, 'linux'), false);
    expect(no.use).toBe(false);
    if (!no.use) expect(no.reason).toMatch(/SwiftShader \(software\).*--backend webgpu forces it/);
  });
});
