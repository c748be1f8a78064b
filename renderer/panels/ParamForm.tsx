import { useMemo, useState } from 'react';
import type { GraphNode } from '../../app/graph/types';
import type { AnyLayerSpec } from '../../app/layers/spec';
import { describeFields, formatFieldValue, parseFieldText, type FieldInfo } from './schemaFields';
import { runCommand } from '../commands/registry';

interface Props {
  node: GraphNode;
  spec: AnyLayerSpec;
  inferred: Record<string, number>;
  /** One or two sentences per parameter (the spec's help), shown under its field. */
  help?: Record<string, string>;
}

/** The parameter form, generated from the layer's zod schema; every valid keystroke updates the document. */
export function ParamForm({ node, spec, inferred, help = {} }: Props) {
  const fields = useMemo(() => describeFields(spec.schema), [spec]);
  // Drafts hold what is typed; they belong to one version of the node's params (undo resets them).
  const [drafts, setDrafts] = useState<{
    params: unknown;
    text: Record<string, string>;
    errors: Record<string, string>;
  }>({ params: node.params, text: {}, errors: {} });
  const d = drafts.params === node.params ? drafts : { params: node.params, text: {}, errors: {} };
  const readOnly = new Set(spec.inferred ?? []);

  const commit = (f: FieldInfo, value: unknown, text: string) => {
    const params = { ...node.params };
    if (value === undefined) delete params[f.name];
    else params[f.name] = value;
    const r = spec.schema.safeParse(params);
    const issue = r.success ? undefined : (r.error.issues.find((i) => i.path[0] === f.name) ?? r.error.issues[0]);
    const message = issue ? `${String(issue.path[0] ?? f.name)} ${issue.message}` : '';
    setDrafts({
      params: r.success ? params : node.params,
      text: { ...d.text, [f.name]: text },
      errors: { ...d.errors, [f.name]: message },
    });
    if (r.success) void runCommand('layer.setParams', { id: node.id, params, merge: `param:${node.id}:${f.name}` });
  };

  const note = (name: string) =>
    help[name] ? (
      <span className="nl-field-help" data-testid={`param-help-${name}`}>
        {help[name]}
      </span>
    ) : null;

  return (
    <div className="nl-form">
      {fields.map((f) => {
        const current = node.params[f.name] ?? f.defaultValue;
        const error = d.errors[f.name];
        if (readOnly.has(f.name) && (node.params[f.name] === undefined || node.params[f.name] === null)) {
          return (
            <label key={f.name} className="nl-field">
              <span className="nl-field-name">{f.name}</span>
              <input
                className="nl-input mono"
                readOnly
                value={inferred[f.name] !== undefined ? String(inferred[f.name]) : '—'}
                title="Inferred from the incoming shape"
                data-testid={`param-${f.name}`}
              />
              <span className="nl-field-note">inferred</span>
              {note(f.name)}
            </label>
          );
        }
        if (f.field.kind === 'boolean') {
          return (
            <label key={f.name} className="nl-field check">
              <input
                type="checkbox"
                checked={current === true}
                data-testid={`param-${f.name}`}
                onChange={(e) => commit(f, e.target.checked, String(e.target.checked))}
              />
              <span className="nl-field-name">{f.name}</span>
              {note(f.name)}
            </label>
          );
        }
        if (f.field.kind === 'enum') {
          return (
            <label key={f.name} className="nl-field">
              <span className="nl-field-name">{f.name}</span>
              <select
                className="nl-input"
                value={String(current)}
                data-testid={`param-${f.name}`}
                onChange={(e) => commit(f, e.target.value, e.target.value)}
              >
                {f.field.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
              {note(f.name)}
            </label>
          );
        }
        const field = f.field;
        const text = d.text[f.name] ?? formatFieldValue(current);
        return (
          <label key={f.name} className="nl-field">
            <span className="nl-field-name">{f.name}</span>
            <input
              className={`nl-input mono${error ? ' invalid' : ''}`}
              value={text}
              data-testid={`param-${f.name}`}
              placeholder={f.hasDefault ? `default ${formatFieldValue(f.defaultValue) || 'None'}` : 'required'}
              title={f.hint ? `${f.name} ${f.hint}` : f.name}
              onChange={(e) => commit(f, parseFieldText(e.target.value, field), e.target.value)}
            />
            {error && (
              <span className="nl-field-error" data-testid="param-error">
                {error}
              </span>
            )}
            {note(f.name)}
          </label>
        );
      })}
    </div>
  );
}
