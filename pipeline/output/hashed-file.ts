/**
 * An output file written sequentially and hashed on the way, so that the
 * manifest's digests need no second read; a failing write names the file.
 * Shared by the table writer (write-dataset.ts) and the documents' end pass
 * (documents-spill.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writevSync } from 'node:fs';

/** Bytes gathered before one write to disk: few system calls, little memory. */
const WRITE_BUFFER_BYTES = 1 << 20;

/** Size and SHA-256 of a written file. */
export interface FileDigest {
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * Run a file-system call, naming the file when it fails: Node's ENOSPC and
 * EIO messages for a write name no path (issue #14).
 */
export function withPath<T>(path: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'ENOSPC' ? 'the disk is full: free some space or choose another OUT=<dir>' : 'check the disk and OUT=<dir>';
    throw new Error(`Cannot write ${path} (${(error as Error).message}): ${hint}.`);
  }
}

/** A file written sequentially and hashed on the way. */
export class HashedFile {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.fd = withPath(path, () => openSync(path, 'w'));
  }

  write(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    this.hash.update(bytes);
    this.bytes += bytes.byteLength;
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= WRITE_BUFFER_BYTES) this.flush();
  }

  flush(): void {
    let buffers = this.pending;
    while (buffers.length > 0) {
      const written = withPath(this.path, () => writevSync(this.fd, buffers));
      buffers = dropWritten(buffers, written);
    }
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): FileDigest {
    this.flush();
    withPath(this.path, () => closeSync(this.fd));
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** What is left of `buffers` after a short write of `written` bytes. */
function dropWritten(buffers: Uint8Array[], written: number): Uint8Array[] {
  let rest = written;
  let i = 0;
  while (i < buffers.length && rest >= buffers[i]!.byteLength) rest -= buffers[i++]!.byteLength;
  if (i === buffers.length) return [];
  return [buffers[i]!.subarray(rest), ...buffers.slice(i + 1)];
}
