/**
 * The web host's last line of defence: nothing a client sends (URL, header, cookie, upgrade
 * request, WebSocket frame) may throw out of a handler and end the process. Request URLs are
 * parsed without `new URL` on untrusted input, and a refused request is logged as one line,
 * rate-limited so that a flood of bad requests cannot flood the log either.
 */

export interface RequestTarget {
  pathname: string;
  searchParams: URLSearchParams;
}

/** Path and query of a request line target (`/a/b?x=1`, `//`, `*`, `http://h/p`); never throws. */
export function parseTarget(raw: string | undefined): RequestTarget {
  let target = raw ?? '/';
  // An absolute-form target (`GET http://host/path`): keep its path and query only.
  const abs = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (abs) target = target.slice(abs[0].length) || '/';
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  const pathname = q >= 0 ? target.slice(0, q) : target;
  let searchParams: URLSearchParams;
  try {
    searchParams = new URLSearchParams(q >= 0 ? target.slice(q + 1) : '');
  } catch {
    searchParams = new URLSearchParams();
  }
  return { pathname: pathname.startsWith('/') ? pathname : `/${pathname}`, searchParams };
}

/** `decodeURIComponent` that answers null instead of throwing on a malformed escape (`%`, `%E0%A4%A`). */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Printable, bounded text of untrusted input for a log line (no control characters, no line breaks). */
export function printable(text: string, max = 120): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The one-line reason of a caught value. */
export function reason(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return printable(text.split('\n')[0] ?? '', 160);
}

/**
 * A log of refused requests: one line each, at most `burst` lines per `windowMs`; the lines
 * dropped in a window are counted in the next line that is written.
 */
export function requestLog(
  write: (line: string) => void,
  burst = 20,
  windowMs = 10_000,
  now: () => number = Date.now,
): (line: string) => void {
  let windowStart = -Infinity;
  let written = 0;
  let dropped = 0;
  return (line) => {
    const t = now();
    if (t - windowStart >= windowMs) {
      windowStart = t;
      written = 0;
    }
    if (written >= burst) {
      dropped++;
      return;
    }
    written++;
    const more = dropped > 0 ? ` (${dropped} similar line(s) suppressed before this one)` : '';
    dropped = 0;
    try {
      write(`netloom serve: ${line}${more}`);
    } catch {
      // a closed stderr must not take the server down either
    }
  };
}
