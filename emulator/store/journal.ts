import { closeSync, existsSync, fdatasyncSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { UserStateData } from '../seed/generate.ts';
import type { AuditEventRecord } from './audit-log.ts';

/** Stored fields a PATCH may change. */
export interface UserStateChanges {
  successDeviceCount?: number;
  errorDeviceCount?: number;
  userPrincipalName?: string;
}

/**
 * A write and the audit event that describes it travel in one line, so one fdatasync makes both
 * durable and a torn line loses both: the log never names a write that did not happen.
 */
export type JournalEntry =
  | { op: 'seed'; format: 1; bigScriptSize: number; at: string }
  | { op: 'patch'; scriptId: string; id: string; set: UserStateChanges; audit?: AuditEventRecord }
  | { op: 'create'; scriptId: string; state: UserStateData; audit?: AuditEventRecord }
  | { op: 'delete'; scriptId: string; id: string; audit?: AuditEventRecord };

export const JOURNAL_FILE = 'journal.ndjson';

/**
 * An append-only, fsynced log of acknowledged writes. The seed is regenerated at start-up and the
 * journal replayed over it, so a write that was answered 2xx survives `kill -9`: the line is on
 * disk (fdatasync) before the handler returns.
 */
export class Journal {
  readonly path: string;
  private fd: number;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.fd = fd;
  }

  /**
   * Opens (or creates) the journal in `dir` and returns the entries already in it. A torn last
   * line — a write that was never acknowledged — is cut off.
   */
  static open(dir: string): { journal: Journal; entries: JournalEntry[] } {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, JOURNAL_FILE);
    const existed = existsSync(path);
    const entries: JournalEntry[] = [];
    let goodBytes = 0;
    if (existed) {
      const buffer = readFileSync(path);
      let start = 0;
      while (start < buffer.length) {
        const end = buffer.indexOf(0x0a, start);
        if (end === -1) break;
        const line = buffer.subarray(start, end).toString('utf8');
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          break;
        }
        if (!isJournalEntry(parsed)) break;
        entries.push(parsed);
        start = end + 1;
        goodBytes = start;
      }
    }
    const fd = openSync(path, existed ? 'r+' : 'w+');
    if (existed) ftruncateSync(fd, goodBytes);
    else syncDirectory(dir);
    const journal = new Journal(path, fd);
    journal.position = goodBytes;
    return { journal, entries };
  }

  private position = 0;

  append(entry: JournalEntry): void {
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.fd, bytes, written, bytes.length - written, this.position + written);
    }
    this.position += bytes.length;
    fdatasyncSync(this.fd);
  }

  /** Empties the journal and starts it with a seed header. */
  reset(header: JournalEntry): void {
    ftruncateSync(this.fd, 0);
    this.position = 0;
    this.append(header);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the file itself is still synced on every write.
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJournalEntry(value: unknown): value is JournalEntry {
  if (!isRecord(value)) return false;
  if (value.audit !== undefined && !(isRecord(value.audit) && typeof value.audit.id === 'string')) return false;
  switch (value.op) {
    case 'seed':
      return typeof value.bigScriptSize === 'number';
    case 'patch':
      return typeof value.scriptId === 'string' && typeof value.id === 'string' && isRecord(value.set);
    case 'create':
      return typeof value.scriptId === 'string' && isRecord(value.state) && typeof value.state.id === 'string';
    case 'delete':
      return typeof value.scriptId === 'string' && typeof value.id === 'string';
    default:
      return false;
  }
}
