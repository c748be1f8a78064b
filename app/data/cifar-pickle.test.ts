/**
 * CIFAR-10 python batches written by numpy and pickle in Debian's /usr/bin/python3: as Python 3
 * writes them (protocol 2 bytes through _codecs.encode) and as the real files are (Python 2 str
 * opcodes SHORT_BINSTRING / BINSTRING, written here by a pickler with Python 2's bytes handling).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCifarPickle } from './cifar-pickle';

const script = `
import pickle, struct, sys, io, numpy as np
rng = np.random.RandomState(3)
data = rng.randint(0, 256, size=(4, 3072)).astype(np.uint8)
labels = [3, 0, 9, 1]
class Py2(pickle._Pickler):
    dispatch = pickle._Pickler.dispatch.copy()
    def save_bytes(self, obj):
        n = len(obj)
        self.write((pickle.SHORT_BINSTRING + bytes([n]) if n < 256 else pickle.BINSTRING + struct.pack('<i', n)) + obj)
        self.memoize(obj)
    dispatch[bytes] = save_bytes
py3 = pickle.dumps({'batch_label': 'testing batch 1 of 1', 'labels': labels, 'data': data, 'filenames': ['a.png'] * 4}, protocol=2)
buf = io.BytesIO()
Py2(buf, protocol=2).dump({b'batch_label': b'testing batch 1 of 1', b'labels': labels, b'data': data, b'filenames': [b'a.png'] * 4})
four = pickle.dumps({'labels': labels, 'data': data}, protocol=4)
sys.stdout.write(py3.hex() + ' ' + buf.getvalue().hex() + ' ' + four.hex() + ' ' + data.tobytes().hex())
`;

describe('CIFAR-10 python batches', () => {
  it('reads data and labels from Python 2-style, Python 3 protocol 2 and protocol 4 pickles', () => {
    let out: string;
    try {
      out = execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
    } catch (e) {
      throw new Error(`needs numpy in /usr/bin/python3 (sudo apt-get install python3-numpy): ${(e as Error).message}`);
    }
    const [py3, py2, p4, raw] = out
      .split(' ')
      .map((h) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16)));
    for (const [name, bytes] of [
      ['py3', py3],
      ['py2', py2],
      ['protocol 4', p4],
    ] as const) {
      const r = parseCifarPickle(bytes, name);
      if (!r.ok) throw new Error(r.error);
      expect(r.value.labels).toEqual([3, 0, 9, 1]);
      expect(r.value.data).toEqual(raw);
    }
  });
  it('damaged and foreign pickles are clear errors', () => {
    expect(
      (parseCifarPickle(Uint8Array.from([0x80, 0x02, 0x7d, 0x71]), 'data_batch_1') as { error: string }).error,
    ).toMatch(/data_batch_1: damaged pickle/);
    expect((parseCifarPickle(Uint8Array.from([0x80, 0x02, 0x4b, 0x05, 0x2e]), 'x') as { error: string }).error).toMatch(
      /x: not a CIFAR-10 python batch/,
    );
    expect((parseCifarPickle(Uint8Array.from([0x80, 0x02, 0x7d, 0x2e]), 'y') as { error: string }).error).toMatch(
      /no 'data' and 'labels'/,
    );
    expect((parseCifarPickle(Uint8Array.from([0xff]), 'z') as { error: string }).error).toMatch(
      /unsupported pickle opcode 0xff/,
    );
  });
});
