import { err, ok, type Result } from '../result';

/**
 * JSON.parse with an error a person can act on: the line and column of the first problem.
 * V8's messages give no position for some errors, so on failure an iterative scanner finds it
 * (no recursion: deeply nested input cannot overflow the stack).
 */
export function parseJsonText(text: string): Result<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) return err('empty file: not a Netloom project');
  try {
    return ok(JSON.parse(body) as unknown);
  } catch {
    const at = firstErrorOffset(body);
    const { line, column } = lineColumn(body, at < 0 ? body.length : at);
    if (at < 0 || at >= body.length) {
      return err(
        `truncated JSON at line ${line} column ${column} (the file ends before the document is complete): restore it from a backup or the autosave`,
      );
    }
    const ch = JSON.stringify(body.slice(at, at + 1));
    return err(`invalid JSON at line ${line} column ${column} (unexpected ${ch}): fix the file in a text editor`);
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES = '"\\/bfnrtu';

/** End offset of the string starting at `i` (a `"`), or -1 - offset of the problem. */
function scanString(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c < 32) return -1 - j;
    if (c === 92) {
      const e = s[j + 1];
      if (e === undefined) return -1 - s.length;
      if (!ESCAPES.includes(e)) return -1 - (j + 1);
      if (e === 'u') {
        const hex = s.slice(j + 2, j + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return -1 - Math.min(s.length, j + 2 + hex.length);
        j += 4;
      }
      j++;
    }
  }
  return -1 - s.length;
}

/** Offset of the first syntax error (s.length when the text is cut off), or -1 when valid. */
export function firstErrorOffset(s: string): number {
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'after' = 'value';
  for (;;) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
    if (i >= s.length) return state === 'after' && stack.length === 0 ? -1 : s.length;
    const c = s[i];
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i;
      if (c === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop();
        i++;
      } else return i;
      continue;
    }
    if (state === 'keyOrEnd' || state === 'key') {
      if (c === '}' && state === 'keyOrEnd') {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      if (c !== '"') return i;
      const end = scanString(s, i);
      if (end < 0) return -1 - end;
      i = end;
      while (i < s.length && ' \t\n\r'.includes(s[i])) i++;
      if (i >= s.length) return s.length;
      if (s[i] !== ':') return i;
      i++;
      state = 'value';
      continue;
    }
    // state is 'value' or 'valueOrEnd'
    if (c === ']' && state === 'valueOrEnd') {
      stack.pop();
      i++;
      state = 'after';
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
    } else if (c === '"') {
      const end = scanString(s, i);
      if (end < 0) return -1 - end;
      i = end;
      state = 'after';
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(s);
      if (!m) return i + 1 >= s.length ? s.length : i + 1;
      i += m[0].length;
      state = 'after';
    } else {
      const lit = ['true', 'false', 'null'].find((l) => l[0] === c);
      if (!lit) return i;
      const got = s.slice(i, i + lit.length);
      if (got !== lit)
        return lit.startsWith(got) && i + got.length >= s.length
          ? s.length
          : i + [...got].findIndex((g, k) => g !== lit[k]);
      i += lit.length;
      state = 'after';
    }
  }
}
