import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  integer?: boolean;
  onCommit(value: number): void;
  title?: string;
  name?: string;
  disabled?: boolean;
}

/**
 * A number input that applies its value only when it is a finite number within [min, max]; otherwise it says
 * what is wrong and keeps the last good value in force.
 */
export function NumberField({ label, value, min, max, integer = false, onCommit, title, name, disabled = false }: Props) {
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => { setDraft(String(value)); setError(null); }, [value]);

  const commit = () => {
    const text = draft.trim();
    const v = Number(text);
    if (text === '' || !Number.isFinite(v)) return setError(`"${text}" is not a number`);
    if (integer && !Number.isInteger(v)) return setError('must be a whole number');
    if (v < min || v > max) return setError(`must be between ${min} and ${max}`);
    setError(null);
    if (v !== value) onCommit(v);
  };

  return (
    <label className="num" title={title} htmlFor={id}>
      <span>{label}</span>
      <input id={id} name={name} inputMode="decimal" value={draft} aria-invalid={error !== null} disabled={disabled}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') { setDraft(String(value)); setError(null); } }} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}
