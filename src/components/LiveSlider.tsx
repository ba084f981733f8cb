/**
 * A slider for a number setting that applies its value while it moves (and when assistive technology sets it), as
 * TensorFlow Playground's and Distill's sliders do: the runs rerun at once. Log-scaled settings (a step size) move
 * by decades; values are rounded to 2 significant digits (log) or to the step (linear), so links stay short.
 */
export function LiveSlider({ label, value, min, max, log, onChange, name }: {
  label: string; value: number; min: number; max: number; log: boolean; onChange: (v: number) => void; name?: string;
}) {
  const lo = log ? Math.log10(min) : min;
  const hi = log ? Math.log10(max) : max;
  const step = log ? 0.01 : Number(((max - min) / 200).toPrecision(1));
  const position = Math.max(lo, Math.min(hi, log ? Math.log10(value) : value));
  const valueAt = (t: number) => (log ? Number((10 ** t).toPrecision(2)) : Number((Math.round(t / step) * step).toPrecision(6)));
  return (
    <input type="range" className="live-slider" name={name} min={lo} max={hi} step={step} value={position} aria-label={`${label} (slider${log ? ', log scale' : ''})`}
      aria-valuetext={`${label} = ${value}`} onChange={(e) => { const v = valueAt(Number(e.target.value)); if (v !== value) onChange(v); }} />
  );
}
