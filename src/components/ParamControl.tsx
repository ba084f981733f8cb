import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { paramField, type ParamField } from '../store/urlCodec';
import { LiveSlider } from './LiveSlider';
import { NumberField } from './NumberField';
import { NumberListInput } from './NumberListInput';
import { useAppStore, useStoreApi } from './StoreContext';

interface Props {
  /** The URL key of the field (store/urlCodec.ts PARAM_FIELDS): its label, range, options and help come from there. */
  readonly field: string;
  /** The input's name (default: the key). A point field names its two inputs `${name}-x` and `${name}-y`. */
  readonly name?: string;
  /** Extra attributes of the input or select (hooks for tests and styles), e.g. { 'data-oned': 'fn' }. */
  readonly attrs?: Readonly<Record<string, string>>;
  /** For list fields: the data attribute each option's checkbox carries its value in (data-<optionData>="value"). */
  readonly optionData?: string;
  /** For list fields: something drawn before an option's label (a colour swatch). */
  readonly decorate?: (value: string) => ReactNode;
  readonly disabled?: boolean;
  /** For number fields: a slider beside the input that applies its value while it moves (a step size, a momentum). */
  readonly slider?: boolean;
}

/** The field of a key; a missing key is a programming error. */
function fieldOf(key: string): ParamField<unknown> {
  const f = paramField(key);
  if (!f) throw new Error(`no URL field "${key}"`);
  return f;
}

/**
 * The control of one setting, drawn from its declaration in the URL field table: a number field within its range,
 * a checkbox, a select, or a list of checkboxes, labelled and explained by the table. A value is applied only when
 * it passes the field's own check, so the panel and the link accept exactly the same values.
 */
export function ParamControl({ field: key, name, attrs = {}, optionData, decorate, disabled = false, slider = false }: Props) {
  const f = fieldOf(key);
  const value = useAppStore(useShallow((s) => f.get(s.params)));
  const store = useStoreApi();
  const commit = (v: unknown) => {
    const s = store.getState();
    if (f.check(v) === null) s.setParams(f.set(s.params, v));
  };
  const c = f.control;
  const id = name ?? f.key;
  switch (c.kind) {
    case 'number': {
      const input = <NumberField name={id} label={f.label} title={f.help} value={value as number} min={c.min} max={c.max} integer={c.integer} disabled={disabled}
        onCommit={commit} />;
      if (!slider || disabled) return input;
      return (
        <span className="with-slider">
          {input}
          <LiveSlider name={`${id}-slider`} label={f.label} value={value as number} min={c.min} max={c.max} log={c.log} onChange={commit} />
        </span>
      );
    }
    case 'flag':
      return (
        <label className="check" title={f.help}>
          <input type="checkbox" name={id} {...attrs} checked={value as boolean} disabled={disabled} onChange={(e) => commit(e.target.checked)} /> {f.label}
        </label>
      );
    case 'choice':
      return (
        <label title={f.help}>{f.label} <select name={id} {...attrs} value={value as string} disabled={disabled} onChange={(e) => commit(e.target.value)}>
          {c.options.map((o) => <option key={o.value} value={o.value} title={o.help}>{o.label}</option>)}
        </select></label>
      );
    case 'toggles':
    case 'ordered-subset': {
      const list = value as string[];
      const toggle = (v: string, on: boolean) => commit(c.options.map((o) => o.value).filter((x) => (x === v ? on : list.includes(x))));
      return (
        <fieldset className="options" title={f.help}><legend>{f.label}</legend>
          {c.options.map((o) => (
            <label key={o.value} className="check" title={o.help}>
              <input type="checkbox" {...(optionData ? { [`data-${optionData}`]: o.value } : {})} checked={list.includes(o.value)} disabled={disabled}
                onChange={(e) => toggle(o.value, e.target.checked)} /> {decorate?.(o.value)}{o.label}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'point': {
      const pt = value as [number, number] | null;
      const [ax, ay] = c.axes;
      return (
        <>
          <NumberField name={`${id}-x`} label={`${f.label} ${ax}`} title={f.help} value={pt?.[0] ?? 0} min={-c.maxAbs} max={c.maxAbs} disabled={disabled}
            onCommit={(v) => commit([v, pt?.[1] ?? 0])} />
          <NumberField name={`${id}-y`} label={`${f.label} ${ay}`} title={f.help} value={pt?.[1] ?? 0} min={-c.maxAbs} max={c.maxAbs} disabled={disabled}
            onCommit={(v) => commit([pt?.[0] ?? 0, v])} />
        </>
      );
    }
    case 'numbers':
      return <NumberListInput name={id} label={f.label} title={f.help} value={value as number[]} check={(v) => f.check(v)} onCommit={commit} disabled={disabled} />;
    default:
      throw new Error(`field "${key}" (${c.kind}) has no panel control`);
  }
}
