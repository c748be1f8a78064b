/**
 * A minimal, safe reader of Python pickles (protocols 2-4) for the data formats Netloom reads
 * (CIFAR-10's python version as torchvision downloads it). It never runs code: globals become
 * `{ global: 'module.name' }` markers, REDUCE/BUILD become `{ call, args, state }` records, except
 * `_codecs.encode(s, 'latin1')` (Python 3's protocol-2 bytes), which is decoded to bytes.
 */
import { err, ok, type Result } from '../result';

export type PyValue = null | boolean | number | string | Uint8Array | PyValue[] | PyTuple | PyDict | PyCall | PyGlobal;
export interface PyTuple {
  tuple: PyValue[];
}
export interface PyDict {
  dict: Map<string, PyValue>;
}
export interface PyGlobal {
  global: string;
}
export interface PyCall {
  call: string;
  args: PyValue[];
  state?: PyValue;
}

const MARK = Symbol('mark');
type Slot = PyValue | typeof MARK;

/** A dict key as text (str and bytes keys alike: py2's 'data' and py3's b'data'). */
export function keyOf(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return String.fromCharCode(...v);
  return JSON.stringify(v);
}

/**
 * The bytes of a latin-1 string (each character one byte), as `_codecs.encode(s, 'latin1')`, in
 * a plain loop (Uint8Array.from with a map function first collects every character into a list).
 */
function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 255;
  return out;
}

/**
 * A pickled str's UTF-8 bytes as a string (the core has no TextDecoder). Decoded into UTF-16 code
 * units, then made into a string a block at a time: Python 3's protocol-2 pickles of numpy arrays
 * carry their bytes as 30 MB latin-1 strings (CIFAR-10's batches), and a string grown by += one
 * character at a time holds a node per character (gigabytes).
 */
function decodeUtf8(b: Uint8Array): string {
  const units = new Uint16Array(b.length);
  let n = 0;
  for (let i = 0; i < b.length;) {
    const c = b[i++];
    let cp = c;
    if (c >= 0xf0) cp = ((c & 7) << 18) | ((b[i++] & 63) << 12) | ((b[i++] & 63) << 6) | (b[i++] & 63);
    else if (c >= 0xe0) cp = ((c & 15) << 12) | ((b[i++] & 63) << 6) | (b[i++] & 63);
    else if (c >= 0xc0) cp = ((c & 31) << 6) | (b[i++] & 63);
    if (cp > 0xffff) {
      cp -= 0x10000;
      units[n++] = 0xd800 + (cp >> 10);
      units[n++] = 0xdc00 + (cp & 0x3ff);
    } else units[n++] = cp;
  }
  const parts: string[] = [];
  for (let at = 0; at < n; at += 8192) parts.push(String.fromCharCode(...units.subarray(at, Math.min(n, at + 8192))));
  return parts.join('');
}

export function unpickle(b: Uint8Array, file: string): Result<PyValue> {
  const stack: Slot[] = [];
  const memo = new Map<number, PyValue>();
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 0;
  const need = (n: number) => {
    if (i + n > b.length) throw new Error(`truncated at byte ${i}`);
  };
  const bytes = (n: number) => {
    need(n);
    const out = b.subarray(i, i + n);
    i += n;
    return out;
  };
  const u8 = () => bytes(1)[0];
  const u32 = () => (need(4), (i += 4), dv.getUint32(i - 4, true));
  const line = () => {
    const end = b.indexOf(10, i);
    if (end < 0) throw new Error('unterminated line');
    const s = String.fromCharCode(...b.subarray(i, end));
    i = end + 1;
    return s;
  };
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw new Error('stack underflow');
    return v;
  };
  const popMark = (): PyValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new Error('no mark');
    const items = stack.splice(at) as PyValue[];
    items.shift();
    return items;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) throw new Error('stack underflow');
    return v;
  };
  const setItems = (d: PyValue, items: PyValue[]) => {
    if (!d || typeof d !== 'object' || !('dict' in d)) throw new Error('SETITEM on a non-dict');
    for (let k = 0; k + 1 < items.length; k += 2) d.dict.set(keyOf(items[k]), items[k + 1]);
  };
  const reduce = (fn: PyValue, args: PyValue): PyValue => {
    const name = fn && typeof fn === 'object' && 'global' in fn ? fn.global : '?';
    const list = args && typeof args === 'object' && 'tuple' in args ? args.tuple : [];
    if (name === '_codecs.encode' && typeof list[0] === 'string') return latin1Bytes(list[0]);
    return { call: name, args: list };
  };
  try {
    for (;;) {
      const op = u8();
      switch (op) {
        case 0x80:
          u8();
          break; // PROTO
        case 0x95:
          bytes(8);
          break; // FRAME
        case 0x2e:
          return ok(pop()); // STOP
        case 0x28:
          stack.push(MARK);
          break;
        case 0x7d:
          stack.push({ dict: new Map() });
          break; // }
        case 0x5d:
          stack.push([]);
          break; // ]
        case 0x29:
          stack.push({ tuple: [] });
          break; // )
        case 0x4e:
          stack.push(null);
          break; // N
        case 0x88:
          stack.push(true);
          break;
        case 0x89:
          stack.push(false);
          break;
        case 0x4b:
          stack.push(u8());
          break; // BININT1
        case 0x4d:
          need(2);
          i += 2;
          stack.push(dv.getUint16(i - 2, true));
          break; // BININT2
        case 0x4a:
          need(4);
          i += 4;
          stack.push(dv.getInt32(i - 4, true));
          break; // BININT
        case 0x8a: {
          // LONG1
          const n = u8();
          const v = bytes(n);
          let x = 0;
          for (let k = n - 1; k >= 0; k--) x = x * 256 + v[k];
          if (n > 0 && v[n - 1] & 0x80) x -= 2 ** (8 * n);
          stack.push(x);
          break;
        }
        case 0x47:
          need(8);
          i += 8;
          stack.push(dv.getFloat64(i - 8, false));
          break; // BINFLOAT
        case 0x55:
          stack.push(bytes(u8()));
          break; // SHORT_BINSTRING (py2 str)
        case 0x54:
          stack.push(bytes(u32()));
          break; // BINSTRING
        case 0x43:
          stack.push(bytes(u8()));
          break; // SHORT_BINBYTES
        case 0x42:
          stack.push(bytes(u32()));
          break; // BINBYTES
        case 0x8c:
          stack.push(decodeUtf8(bytes(u8())));
          break; // SHORT_BINUNICODE
        case 0x58:
          stack.push(decodeUtf8(bytes(u32())));
          break; // BINUNICODE
        case 0x71:
          memo.set(u8(), top());
          break; // BINPUT
        case 0x72:
          memo.set(u32(), top());
          break; // LONG_BINPUT
        case 0x94:
          memo.set(memo.size, top());
          break; // MEMOIZE
        case 0x68:
        case 0x6a: {
          // BINGET, LONG_BINGET
          const k = op === 0x68 ? u8() : u32();
          if (!memo.has(k)) throw new Error(`memo ${k} missing`);
          stack.push(memo.get(k) as PyValue);
          break;
        }
        case 0x63:
          stack.push({ global: `${line()}.${line()}` });
          break; // GLOBAL
        case 0x93: {
          const name = pop();
          const mod = pop();
          stack.push({ global: `${String(mod)}.${String(name)}` });
          break;
        }
        case 0x74:
          stack.push({ tuple: popMark() });
          break; // TUPLE
        case 0x85:
          stack.push({ tuple: [pop()] });
          break;
        case 0x86: {
          const b2 = pop();
          const a = pop();
          stack.push({ tuple: [a, b2] });
          break;
        }
        case 0x87: {
          const c = pop();
          const b2 = pop();
          const a = pop();
          stack.push({ tuple: [a, b2, c] });
          break;
        }
        case 0x6c:
          stack.push(popMark());
          break; // LIST
        case 0x64: {
          const d: PyDict = { dict: new Map() };
          setItems(d, popMark());
          stack.push(d);
          break;
        } // DICT
        case 0x61: {
          const v = pop();
          (top() as PyValue[]).push(v);
          break;
        } // APPEND
        case 0x65: {
          const items = popMark();
          (top() as PyValue[]).push(...items);
          break;
        } // APPENDS
        case 0x73: {
          const v = pop();
          const k = pop();
          setItems(top(), [k, v]);
          break;
        } // SETITEM
        case 0x75: {
          const items = popMark();
          setItems(top(), items);
          break;
        } // SETITEMS
        case 0x52:
        case 0x81: {
          const args = pop();
          const fn = pop();
          stack.push(reduce(fn, args));
          break;
        } // REDUCE, NEWOBJ
        case 0x62: {
          // BUILD
          const state = pop();
          const obj = top();
          if (obj && typeof obj === 'object' && 'call' in obj) obj.state = state;
          break;
        }
        default:
          return err(
            `${file}: unsupported pickle opcode 0x${op.toString(16)} at byte ${i - 1}; is it a CIFAR-10 python batch?`,
          );
      }
    }
  } catch (e) {
    return err(`${file}: damaged pickle (${(e as Error).message}). Download it again.`);
  }
}
