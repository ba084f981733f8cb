import { useEffect, useRef } from 'react';
import { interpolateRdBu } from 'd3-scale-chromatic';

/** Pixels a side of one image (MNIST's 28) and the gap between images, in canvas pixels before scaling. */
const SIDE = 28;
const GAP = 4;
const CAPTION = 12;

/** The channels of a colour d3-scale-chromatic writes as "rgb(r, g, b)". */
function rgbOf(css: string): { r: number; g: number; b: number } {
  const [r = 0, g = 0, b = 0] = (css.match(/\d+/g) ?? []).map(Number);
  return { r, g, b };
}

/**
 * Images of side × side values in one canvas, in rows of `columns`, each drawn pixel for pixel and scaled up by the
 * browser without smoothing: 'ink' images are bytes 0–255 drawn dark on light (MNIST digits), 'signed' ones are values
 * in [−1, 1] drawn on a diverging scale (red negative, blue positive: a unit's weights). Captions go under each image.
 */
export function DigitGrid({ values, count, kind, captions, columns, scale, label, testId }: {
  values: Uint8Array | Float32Array; count: number; kind: 'ink' | 'signed'; captions?: readonly string[]; columns: number; scale: number; label: string; testId: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = Math.ceil(count / columns);
  const cell = SIDE + GAP;
  const cap = captions ? CAPTION : 0;
  const width = columns * cell * scale;
  const height = rows * (cell + cap) * scale;
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const lut = kind === 'signed' ? Array.from({ length: 256 }, (_, i) => rgbOf(interpolateRdBu(i / 255))) : null;
    const img = ctx.createImageData(SIDE, SIDE);
    // Each image is drawn 1:1 into one scratch canvas, then scaled without smoothing.
    const scratch = new OffscreenCanvas(SIDE, SIDE);
    const sctx = scratch.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    for (let k = 0; k < count; k++) {
      for (let p = 0; p < SIDE * SIDE; p++) {
        const v = values[k * SIDE * SIDE + p]!;
        let r: number, g: number, b: number;
        if (lut) { const c = lut[Math.max(0, Math.min(255, Math.round(((v + 1) / 2) * 255)))]!; r = c.r; g = c.g; b = c.b; }
        else { r = g = b = 255 - v; }
        img.data[4 * p] = r; img.data[4 * p + 1] = g; img.data[4 * p + 2] = b; img.data[4 * p + 3] = 255;
      }
      const x = (k % columns) * cell;
      const y = Math.floor(k / columns) * (cell + cap);
      sctx.putImageData(img, 0, 0);
      ctx.drawImage(scratch, x * scale, y * scale, SIDE * scale, SIDE * scale);
      if (captions?.[k]) {
        ctx.fillStyle = '#222';
        ctx.font = `${Math.round(10 * Math.min(scale, 1.6))}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.fillText(captions[k]!, (x + SIDE / 2) * scale, (y + SIDE + cap - 1) * scale);
      }
    }
  }, [values, count, kind, captions, columns, scale, cell, cap]);
  return <canvas ref={ref} width={width} height={height} role="img" aria-label={label} data-testid={testId} className="digit-grid" />;
}

/** The canvas of a DigitGrid as an SVG document (an embedded PNG), for the dock's SVG export. */
export function canvasToSvg(canvas: HTMLCanvasElement | null): string | null {
  if (!canvas) return null;
  const { width, height } = canvas;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" href="${canvas.toDataURL('image/png')}"/></svg>`;
}
