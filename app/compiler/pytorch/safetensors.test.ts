import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, utf8 } from './safetensors';

describe('safetensors', () => {
  it('round-trips float32 and int64 tensors; the header is 8-byte aligned ASCII JSON', () => {
    const bytes = encodeSafetensors([
      { name: 'fé.weight', shape: [2, 3], values: [1, -2.5, 3, 4, 5, 6e-7] },
      { name: 'bn.num_batches_tracked', shape: [], values: [123456789] },
    ]);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    expect(Array.from(bytes.subarray(8, 8 + n)).every((c) => c < 0x80)).toBe(true);
    const header = JSON.parse(utf8(bytes.subarray(8, 8 + n)));
    expect(header['bn.num_batches_tracked']).toEqual({ dtype: 'I64', shape: [], data_offsets: [24, 32] });
    const back = decodeSafetensors(bytes);
    if (!back.ok) throw new Error(back.error);
    expect(back.value.map((t) => t.name)).toEqual(['fé.weight', 'bn.num_batches_tracked']);
    expect(Array.from(back.value[0].values)).toEqual(Array.from(Float32Array.from([1, -2.5, 3, 4, 5, 6e-7])));
    expect(back.value[1].values[0]).toBe(123456789);
  });

  it('rejects truncated or foreign files with a message', () => {
    expect(decodeSafetensors(new Uint8Array(4)).ok).toBe(false);
    const bytes = encodeSafetensors([{ name: 'w', shape: [4], values: [1, 2, 3, 4] }]);
    const cut = decodeSafetensors(bytes.subarray(0, bytes.length - 4));
    expect(cut.ok ? '' : cut.error).toMatch(/'w' points past the end/);
  });
});
