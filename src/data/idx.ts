/**
 * The IDX format of the MNIST files (LeCun, Cortes & Burges, "The MNIST database of handwritten digits"): a 4-byte
 * magic number (two zero bytes, the element type, the number of dimensions), then each dimension's size as a
 * big-endian 32-bit integer, then the elements in row-major order. MNIST uses unsigned bytes (type 0x08) only.
 */
export class IdxError extends Error {}

export interface IdxArray {
  readonly dims: readonly number[];
  /** The elements, row-major (a view into the input). */
  readonly data: Uint8Array;
}

/** Parses an IDX file of unsigned bytes; a malformed file throws an IdxError that says what is wrong. */
export function parseIdx(bytes: Uint8Array, name = 'the file'): IdxArray {
  if (bytes.length < 4) throw new IdxError(`${name} is ${bytes.length} bytes long, too short for an IDX header`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new IdxError(`${name} is not an IDX file (its first two bytes are not zero)`);
  if (bytes[2] !== 0x08) throw new IdxError(`${name} holds elements of type 0x${bytes[2]!.toString(16)}, not unsigned bytes (0x08)`);
  const ndim = bytes[3]!;
  if (ndim < 1 || ndim > 4) throw new IdxError(`${name} declares ${ndim} dimensions; MNIST files have 1 or 3`);
  const header = 4 + 4 * ndim;
  if (bytes.length < header) throw new IdxError(`${name} ends inside its header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + count) {
    throw new IdxError(`${name} declares ${dims.join(' × ')} = ${count} elements but holds ${bytes.length - header}`);
  }
  return { dims, data: bytes.subarray(header) };
}
