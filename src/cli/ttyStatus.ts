/** Where a status line is written: a terminal's stderr (process.stderr), or a stand-in in tests. */
export interface StatusStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** A status line for long commands: `show` rewrites it in place, `done` clears it. */
export interface TtyStatus {
  /** Shows `text`, at most once per interval unless `now` is set. */
  show(text: string, now?: boolean): void;
  done(): void;
}

/**
 * One line of progress on a terminal, rewritten in place (carriage return, erase line) at most every `everyMs`; null
 * when the stream is not a terminal, so that pipes, log files and tests see nothing but the command's output.
 */
export function ttyStatus(stream: StatusStream = process.stderr, everyMs = 500, clock: () => number = () => performance.now()): TtyStatus | null {
  if (!stream.isTTY) return null;
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    show(text, now = false) {
      const t = clock();
      if (!now && t - last < everyMs) return;
      last = t;
      stream.write(`\r\x1b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
