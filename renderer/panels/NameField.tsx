import { useState } from 'react';

/** A text field that commits on every keystroke and shows the last refusal under it. */
export function NameField({
  value,
  placeholder,
  testId,
  label = 'name',
  onChange,
}: {
  value: string;
  placeholder?: string;
  testId?: string;
  label?: string;
  onChange(v: string): void;
}) {
  const [text, setText] = useState<{ base: string; text: string } | null>(null);
  const shown = text && text.base === value ? text.text : value;
  return (
    <label className="nl-field">
      <span className="nl-field-name">{label}</span>
      <input
        className="nl-input mono"
        value={shown}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => {
          setText({ base: value, text: e.target.value });
          onChange(e.target.value);
        }}
        onBlur={() => setText(null)}
      />
    </label>
  );
}
