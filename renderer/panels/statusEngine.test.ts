import { describe, expect, it } from 'vitest';
import { statusEngine } from './statusEngine';
import { engineLabel } from '../store/training';

describe('statusEngine', () => {
  it('names the PyTorch engine and its device while it trains, not the host backend', () => {
    const backend = engineLabel({ backend: 'torch', engine: 'torch', device: 'cpu', worldSize: 1 });
    expect(statusEngine({ phase: 'running', backend, device: null }, 'wasm')).toEqual({
      prefix: 'training on',
      value: 'PyTorch · cpu',
      training: true,
    });
  });
  it('names the WebGPU adapter, or the tfjs backend, of a built-in run', () => {
    expect(statusEngine({ phase: 'paused', backend: 'webgpu', device: 'SwiftShader (software)' }, 'wasm')?.value).toBe(
      'SwiftShader (software)',
    );
    expect(statusEngine({ phase: 'running', backend: 'tensorflow', device: null }, 'wasm')?.value).toBe('tensorflow');
  });
  it('shows the host backend when nothing trains (before the session says what it uses, and after)', () => {
    expect(statusEngine({ phase: 'starting', backend: null, device: null }, 'wasm')).toEqual({
      prefix: 'backend:',
      value: 'wasm',
      training: false,
    });
    expect(statusEngine({ phase: 'idle', backend: 'PyTorch · cpu', device: null }, 'wasm')?.value).toBe('wasm');
    expect(statusEngine({ phase: 'idle', backend: null, device: null }, null)).toBeNull();
  });
});
