import { useCallback, useState } from 'react';
import type { RetryNotice } from '../../../lib/graph/graph-request';
import type { SaveOptions } from './update-user-state';

/**
 * Why a save is waiting, with the time that was announced (for a countdown): a retry after Graph
 * refused or failed an attempt, a free slot under Intune's write limit before anything is sent,
 * or, once a retry's wait is over, the record read again before the PATCH goes out again.
 */
export type SaveWait = (
  | (RetryNotice & { kind: 'retry' })
  | { kind: 'write-limit'; delayMs: number }
  | { kind: 'check'; delayMs: 0 }
) & { at: number };

/** One save that is waiting, and how to call it off. */
export interface WaitingSave {
  id: number;
  notice: SaveWait;
  cancel: () => void;
}

let nextSaveId = 1;

/**
 * The wait of each save on its way, apart: one save finishing never hides another's "retrying
 * in 5 s", and Cancel calls off only the save it stands beside.
 */
export function useSaveRetries() {
  const [waiting, setWaiting] = useState<readonly WaitingSave[]>([]);
  const track = useCallback(async <T>(send: (options: SaveOptions) => Promise<T>): Promise<T> => {
    const id = nextSaveId++;
    const controller = new AbortController();
    const cancel = () => controller.abort();
    const announce = (notice: SaveWait) => {
      const entry: WaitingSave = { id, notice, cancel };
      setWaiting((current) =>
        current.some((save) => save.id === id) ? current.map((save) => (save.id === id ? entry : save)) : [...current, entry],
      );
    };
    const onRetry = (notice: RetryNotice) => announce({ ...notice, kind: 'retry', at: Date.now() });
    const onWriteLimitWait = (delayMs: number) => announce({ kind: 'write-limit', delayMs, at: Date.now() });
    const onCheckBeforeResend = () => announce({ kind: 'check', delayMs: 0, at: Date.now() });
    try {
      return await send({ signal: controller.signal, onRetry, onWriteLimitWait, onCheckBeforeResend });
    } finally {
      setWaiting((current) => current.filter((save) => save.id !== id));
    }
  }, []);
  return { waiting, track };
}
