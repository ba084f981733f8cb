import { useEffect, useId, useState } from 'react';

/**
 * A comma-separated list of numbers (a game's payoffs) that applies on Enter or when it loses focus, only when every
 * entry is a number and the field's own check passes; otherwise it says what is wrong and the last good list stays.
 */
export function NumberListInput({ name, label, title, value, check, onCommit, disabled = false }: {
  name: string; label: string; title?: string; value: readonly number[]; check: (v: number[]) => string | null; onCommit: (v: number[]) => void; disabled?: boolean;
}) {
  const text = value.join(', ');
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => { setDraft(text); setError(null); }, [text]);
  const commit = () => {
    const parts = draft.split(',').map((t) => t.trim()).filter((t) => t !== '');
    const nums = parts.map(Number);
    const bad = parts.find((t, i) => !Number.isFinite(nums[i]!) || t === '');
    if (bad !== undefined) return setError(`"${bad}" is not a number`);
    const reason = check(nums);
    if (reason) return setError(reason);
    setError(null);
    if (nums.join(',') !== value.join(',')) onCommit(nums);
  };
  return (
    <label className="num wide" title={title} htmlFor={id}>
      <span>{label}</span>
      <input id={id} name={name} value={draft} aria-invalid={error !== null} disabled={disabled}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') { setDraft(text); setError(null); } }} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}
