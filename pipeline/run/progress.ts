/**
 * Progress of a long build, on stderr only (never in an output file): a bar
 * redrawn in place on a terminal, otherwise one status line every
 * `intervalMs` (logs of batch jobs stay short). Both show documents per
 * second, MB per second and an ETA from the share of input bytes read.
 */

export interface ProgressOptions {
  /** Input bytes in all. */
  readonly totalBytes: number;
  /** Where to write. @default process.stderr */
  readonly stream?: NodeJS.WriteStream;
  /** Seconds between status lines when not on a terminal. @default 10 */
  readonly intervalSeconds?: number;
}

/** Redraws on a terminal at most this often. */
const TTY_REDRAW_MS = 200;
const BAR_WIDTH = 24;

/** `1h02m`, `3m05s`, `42s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Reports how far a build is. */
export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly intervalMs: number;
  private readonly started = performance.now();
  private last = this.started;
  private drawn = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.tty = this.stream.isTTY === true;
    this.intervalMs = (options.intervalSeconds ?? 10) * 1000;
  }

  /** The status text for `bytes` read and `documents` written. */
  status(bytes: number, documents: number, now: number = performance.now()): string {
    const seconds = Math.max((now - this.started) / 1000, 1e-3);
    const share = this.options.totalBytes > 0 ? Math.min(bytes / this.options.totalBytes, 1) : 1;
    const eta = share > 0 ? (seconds / share) * (1 - share) : Number.POSITIVE_INFINITY;
    const rate = `${Math.round(documents / seconds)} docs/s, ${(bytes / seconds / 1e6).toFixed(1)} MB/s`;
    return `${(share * 100).toFixed(1)}% read, ${documents} documents, ${rate}, ETA ${formatDuration(eta)}`;
  }

  /** Note progress; draws when it is time to. */
  update(bytes: number, documents: number): void {
    const now = performance.now();
    if (now - this.last < (this.tty ? TTY_REDRAW_MS : this.intervalMs)) return;
    this.last = now;
    if (this.tty) {
      const share = this.options.totalBytes > 0 ? Math.min(bytes / this.options.totalBytes, 1) : 1;
      const filled = Math.round(share * BAR_WIDTH);
      this.stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${this.status(bytes, documents, now)}`);
      this.drawn = true;
    } else {
      this.stream.write(`progress: ${this.status(bytes, documents, now)}\n`);
    }
  }

  /** Clear the bar (on a terminal) before the summary is printed. */
  finish(): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[K');
  }
}
