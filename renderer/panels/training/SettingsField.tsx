import { useEffect, useState } from 'react';
import type { FieldDef } from './fields';
import { getPath, writeSetting } from './settingsEdit';

/** Text shown for a value, and the value a typed text means (undefined: cannot be read). */
function format(def: FieldDef, v: unknown): string {
  if (def.path === 'normalize' && v && typeof v === 'object') {
    const n = v as { mean: number[]; std: number[] };
    return `${n.mean.join(',')}/${n.std.join(',')}`;
  }
  if (Array.isArray(v)) return v.join(', ');
  return v === null || v === undefined ? '' : String(v);
}

function parse(def: FieldDef, text: string): { value: unknown } | { error: string } {
  const t = text.trim();
  switch (def.kind) {
    case 'int':
    case 'num': {
      const n = Number(t);
      if (t === '' || !Number.isFinite(n)) return { error: 'a number is needed' };
      if (def.kind === 'int' && !Number.isInteger(n)) return { error: 'a whole number is needed' };
      return { value: n };
    }
    case 'optint':
    case 'optnum': {
      if (t === '') return { value: def.section === 'dataset' && def.path !== 'limit' ? undefined : null };
      const n = Number(t);
      if (!Number.isFinite(n)) return { error: 'a number is needed (or leave empty)' };
      if (def.kind === 'optint' && !Number.isInteger(n)) return { error: 'a whole number is needed' };
      return { value: n };
    }
    case 'intlist': {
      const parts = t
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      if (parts.some((n) => !Number.isInteger(n))) return { error: 'whole numbers separated by commas' };
      return { value: parts };
    }
    default:
      if (def.path === 'normalize' && t !== 'auto' && t !== 'none') {
        const m = /^([\d.,\s]+)\/([\d.,\s]+)$/.exec(t);
        if (!m) return { error: 'auto, none, or MEAN/STD (per channel, comma separated)' };
        const list = (s: string) => s.split(',').map((x) => Number(x.trim()));
        return { value: { mean: list(m[1]), std: list(m[2]) } };
      }
      return { value: def.path === 'dataDir' && t === '' ? undefined : t };
  }
}

/** One setting: label with PyTorch's name, input, note, and the schema's message when the value is refused. */
export function SettingsField({ def, source, disabled }: { def: FieldDef; source: unknown; disabled: boolean }) {
  const value = getPath(source, def.path);
  const shown = format(def, value);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(shown);
  }, [shown, focused]);
  const name = def.label ?? def.path;
  const id = `set-${def.section}-${def.path}`;
  const commit = (v: unknown) => setError(writeSetting(def.section, def.path, v));

  if (def.kind === 'bool') {
    return (
      <label className="nl-field check">
        <input
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          data-testid={id}
          onChange={(e) => commit(e.target.checked)}
        />
        <span className="nl-field-name">{name}</span>
        {error && <span className="nl-field-error">{error}</span>}
      </label>
    );
  }
  if (def.kind === 'enum') {
    return (
      <label className="nl-field">
        <span className="nl-field-name">{name}</span>
        <select
          className="nl-input"
          value={String(value)}
          disabled={disabled}
          data-testid={id}
          onChange={(e) => commit(e.target.value)}
        >
          {def.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {error && <span className="nl-field-error">{error}</span>}
      </label>
    );
  }
  return (
    <label className="nl-field">
      <span className="nl-field-name" title={def.note}>
        {name}
      </span>
      <input
        className={`nl-input${error ? ' invalid' : ''}`}
        value={text}
        title={def.note}
        placeholder={def.note?.startsWith('empty') ? def.note.split(':')[1]?.trim() : undefined}
        disabled={disabled}
        data-testid={id}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          const p = parse(def, e.target.value);
          if ('error' in p) setError(`${name}: ${p.error}`);
          else commit(p.value);
        }}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          if (!error) setText(shown);
        }}
      />
      {error && (
        <span className="nl-field-error" data-testid="setting-error">
          {error}
        </span>
      )}
    </label>
  );
}
