import { describe, expect, it } from 'vitest';
import {
  TRAJECTORY_FORMAT, criticalPointsToCsv, csvCell, trajectoriesToCsv, trajectoriesToJson, type TrajectoryRun,
} from '../../src/export/trajectories';
import { mulberry32 } from '../../src/math/rng';


/** A minimal RFC 4180 reader, independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

function randomRun(rng: () => number, method: string, n: number, f32: boolean): TrajectoryRun {
  const points = f32 ? new Float32Array(3 * n) : new Float64Array(3 * n);
  for (let i = 0; i < 3 * n; i++) points[i] = (rng() - 0.5) * 10 ** (12 * rng() - 6);
  return { method, color: '#E69F00', points, stop: 'max-steps' };
}

const meta = {
  landscape: 'custom', formula: 'x^2 + 3*y^2', start: [0.1, -0.2] as [number, number],
  hyper: { gd: { lr: 0.01 }, adam: { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 } },
  seed: 7, view: { x0: -5, x1: 5, y0: -5, y1: 5 },
};

describe('trajectoriesToCsv', () => {
  it('writes trace,kind,step,x,y,f,end,eigenvalue rows that read back to exactly the stored values (Float32 and Float64)', () => {
    const rng = mulberry32(42);
    const runs = [randomRun(rng, 'gd', 50, true), randomRun(rng, 'adam', 37, false), { ...randomRun(rng, 'ride 0+', 1, false), kind: 'ride', eigenvalue: -4.5 }];
    const rows = parseCsv(trajectoriesToCsv(runs));
    expect(rows[0]).toEqual(['trace', 'kind', 'step', 'x', 'y', 'f', 'end', 'eigenvalue']);
    expect(rows).toHaveLength(1 + 50 + 37 + 1);
    let r = 1;
    for (const run of runs) {
      for (let i = 0; i < run.points.length / 3; i++, r++) {
        const row = rows[r]!;
        expect(row[0]).toBe(run.method);
        expect(row[1]).toBe('kind' in run ? run.kind : 'optimizer');
        expect(Number(row[2])).toBe(i);
        for (let c = 0; c < 3; c++) expect(Number(row[3 + c]), `${run.method} step ${i} col ${c}`).toBe(run.points[3 * i + c]);
        expect(row[6]).toBe(run.stop);
        expect(row[7]).toBe('eigenvalue' in run ? String(run.eigenvalue) : '');
      }
    }
  });

  it('writes non-finite values as NaN / Infinity and keeps -0', () => {
    const run: TrajectoryRun = { method: 'gd', points: new Float64Array([-0, 1, NaN, Infinity, -Infinity, 2]), stop: 'diverged' };
    expect(trajectoriesToCsv([run])).toBe('trace,kind,step,x,y,f,end,eigenvalue\ngd,optimizer,0,-0,1,NaN,diverged,\ngd,optimizer,1,Infinity,-Infinity,2,diverged,\n');
  });

  it('quotes and defuses text cells', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(-1.5)).toBe('-1.5');
    const rows = parseCsv(trajectoriesToCsv([{ method: 'my, "odd"\nname', points: new Float32Array([1, 2, 3]), stop: 'x' }]));
    expect(rows[1]).toEqual(['my, "odd"\nname', 'optimizer', '0', '1', '2', '3', 'x', '']);
  });

  it('writes only the header for no runs and refuses a points array that is not made of triples', () => {
    expect(trajectoriesToCsv([])).toBe('trace,kind,step,x,y,f,end,eigenvalue\n');
    expect(() => trajectoriesToCsv([{ method: 'gd', points: new Float32Array(4), stop: 'x' }])).toThrow(RangeError);
  });
});

describe('trajectoriesToJson', () => {
  it('holds the meta, and per run the points as [x, y, f] triples at full precision, steps and stop', () => {
    const rng = mulberry32(3);
    const runs = [randomRun(rng, 'gd', 20, true), { ...randomRun(rng, 'adam', 5, false), stop: 'converged', message: 'gradient below 1e-8' }];
    const text = trajectoriesToJson(runs, meta);
    const doc = JSON.parse(text);
    expect(doc.format).toBe(TRAJECTORY_FORMAT);
    expect(doc.version).toBe(2);
    expect(doc.landscape).toBe('custom');
    expect(doc.formula).toBe('x^2 + 3*y^2');
    expect(doc.start).toEqual([0.1, -0.2]);
    expect(doc.hyper).toEqual(meta.hyper);
    expect(doc.seed).toBe(7);
    expect(doc.view).toEqual(meta.view);
    expect(doc.runs).toHaveLength(2);
    runs.forEach((run, k) => {
      const out = doc.runs[k];
      expect(out.method).toBe(run.method);
      expect(out.stop).toBe(run.stop);
      expect(out.steps).toBe(run.points.length / 3 - 1);
      expect(out.points).toHaveLength(run.points.length / 3);
      out.points.forEach((p: number[], i: number) => expect(p).toEqual(Array.from(run.points.subarray(3 * i, 3 * i + 3))));
    });
    expect(doc.runs[0].color).toBe('#E69F00');
    expect(doc.runs[0].hyper).toEqual({ lr: 0.01 });
    expect(doc.runs[1].message).toBe('gradient below 1e-8');
    expect(doc.runs[0].message).toBeUndefined();
    // Float32 values survive a write/read exactly.
    const f32 = runs[0]!.points as Float32Array;
    expect(Float32Array.from(doc.runs[0].points.flat() as number[])).toEqual(f32);
    // Readable: one point per line.
    expect(text.split('\n').filter((l) => /^\s+\[[^\]]*\],?$/.test(l))).toHaveLength(25);
  });

  it('writes non-finite coordinates as null and handles empty runs', () => {
    const doc = JSON.parse(trajectoriesToJson([
      { method: 'gd', points: new Float32Array([1, 2, NaN, Infinity, 0, 1]), stop: 'diverged' },
      { method: 'adam', points: new Float64Array(0), stop: 'cancelled' },
    ], { landscape: 'himmelblau' }));
    expect(doc.runs[0].points).toEqual([[1, 2, null], [null, 0, 1]]);
    expect(doc.runs[1]).toEqual({ method: 'adam', stop: 'cancelled', steps: 0, points: [] });
    expect(doc.formula).toBeUndefined();
    expect(JSON.parse(trajectoriesToJson([], { landscape: 'x' })).runs).toEqual([]);
  });

  it('copies extra meta as plain data, without letting it replace the runs or format', () => {
    const doc = JSON.parse(trajectoriesToJson([], { landscape: 'x', runs: 'evil', format: 'evil', fn: () => 1, arr: new Float32Array([0.5]) }));
    expect(doc.format).toBe(TRAJECTORY_FORMAT);
    expect(doc.runs).toEqual([]);
    expect(doc.fn).toBeUndefined();
    expect(doc.arr).toEqual([0.5]);
  });
});

describe('criticalPointsToCsv', () => {
  it('writes x,y,f,kind at full precision', () => {
    const pts = [{ x: 3, y: 2, f: 0, kind: 'minimum' }, { x: -0.2708445942977944, y: -0.9230385564243359, f: 181.61652152399682, kind: 'maximum' }];
    const text = criticalPointsToCsv(pts);
    expect(text.split('\n')[0]).toBe('x,y,f,kind');
    const rows = parseCsv(text).slice(1);
    expect(rows.map((r) => [Number(r[0]), Number(r[1]), Number(r[2]), r[3]])).toEqual(pts.map((p) => [p.x, p.y, p.f, p.kind]));
    expect(criticalPointsToCsv([])).toBe('x,y,f,kind\n');
  });
});
