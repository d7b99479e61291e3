import { useCallback, useState } from 'react';
import type { GraphRequestOptions, RetryNotice } from '../../../lib/graph/graph-client';

/** A retry the user is waiting for, with the time it was announced (for a countdown). */
export type RetryStatus = RetryNotice & { at: number };

/** One save that is waiting out a retry, and how to call it off. */
export interface WaitingSave {
  id: number;
  notice: RetryStatus;
  cancel: () => void;
}

let nextSaveId = 1;

/**
 * The retry status of each save on its way, apart: one save finishing never hides another's
 * "retrying in 5 s", and Cancel calls off only the save it stands beside.
 */
export function useSaveRetries() {
  const [waiting, setWaiting] = useState<readonly WaitingSave[]>([]);
  const track = useCallback(async <T>(send: (options: GraphRequestOptions) => Promise<T>): Promise<T> => {
    const id = nextSaveId++;
    const controller = new AbortController();
    const cancel = () => controller.abort();
    const onRetry = (notice: RetryNotice) => {
      const entry: WaitingSave = { id, notice: { ...notice, at: Date.now() }, cancel };
      setWaiting((current) =>
        current.some((save) => save.id === id) ? current.map((save) => (save.id === id ? entry : save)) : [...current, entry],
      );
    };
    try {
      return await send({ signal: controller.signal, onRetry });
    } finally {
      setWaiting((current) => current.filter((save) => save.id !== id));
    }
  }, []);
  return { waiting, track };
}
