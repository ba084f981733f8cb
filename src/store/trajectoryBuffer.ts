/**
 * Growable, append-only Float32 buffers for data that streams in (trajectories, ES generations). A stored track
 * holds (buffer, count); appending writes past `count` and returns the buffer that now holds count + data.length
 * entries: the same array while it has room, else a copy twice as large. Entries below any track's count are never
 * written again, so every earlier track (an older store snapshot, a view still drawing it) stays valid, and the
 * store can replace a track by a new object on every batch instead of mutating it.
 */
export function appendFloats(buf: Float32Array, used: number, data: ArrayLike<number>): Float32Array {
  let out = buf;
  if (used + data.length > buf.length) {
    out = new Float32Array(Math.max(used + data.length, buf.length * 2));
    out.set(buf.subarray(0, used));
  }
  out.set(data, used);
  return out;
}
