import { describe, expect, it } from 'vitest';
import { ttyStatus } from '../../src/cli/ttyStatus';

describe('ttyStatus: one line of progress on a terminal', () => {
  it('writes nothing when the stream is not a terminal', () => {
    expect(ttyStatus({ isTTY: false, write: () => { throw new Error('written'); } })).toBeNull();
    expect(ttyStatus({ write: () => { throw new Error('written'); } })).toBeNull();
  });

  it('rewrites the line in place at most once per interval, at once when asked, and clears it at the end', () => {
    const out: string[] = [];
    let t = 0;
    const status = ttyStatus({ isTTY: true, write: (s) => out.push(s) }, 500, () => t)!;
    status.show('a');
    t = 100; status.show('b');
    t = 200; status.show('c', true);
    t = 600; status.show('d'); // 400 ms after c: not yet
    t = 800; status.show('e');
    status.done();
    status.done();
    expect(out).toEqual(['\r\x1b[2Ka', '\r\x1b[2Kc', '\r\x1b[2Ke', '\r\x1b[2K']);
  });
});
