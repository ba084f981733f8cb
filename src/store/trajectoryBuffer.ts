/**
 * Growable, append-only float buffers for data that streams in (trajectories, ES generations). A stored track
 * holds (buffer, count); appending writes past `count` and returns the buffer that now holds count + data.length
 * entries: the same array while it has room, else a copy twice as large. Entries below any track's count are never
 * written again, so every earlier track (an older store snapshot, a view still drawing it) stays valid, and the
 * store can replace a track by a new object on every batch instead of mutating it.
 */
export function appendFloats<T extends Float32Array | Float64Array>(buf: T, used: number, data: ArrayLike<number>): T {
  let out = buf;
  if (used + data.length > buf.length) {
    const size = Math.max(used + data.length, buf.length * 2);
    out = (buf instanceof Float64Array ? new Float64Array(size) : new Float32Array(size)) as T;
    out.set(buf.subarray(0, used));
  }
  out.set(data, used);
  return out;
}
