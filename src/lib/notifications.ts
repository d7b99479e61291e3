/** Toasts for background events (a failed refetch, a save that went through while away). */
export interface Notification {
  id: number;
  severity: 'success' | 'info' | 'warning' | 'error';
  message: string;
  requestId?: string | null;
  /** One button in the toast (an undo); clicking it also closes the toast. */
  action?: { label: string; run: () => void };
}

type Listener = () => void;

let nextId = 1;
let queue: readonly Notification[] = [];
const listeners = new Set<Listener>();

function emit(): void {
  for (const listener of listeners) listener();
}

export const notifications = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot(): readonly Notification[] {
    return queue;
  },
  /** Queues a toast; its id is for `dismiss`. */
  notify(notification: Omit<Notification, 'id'>): number {
    const id = nextId++;
    queue = [...queue, { ...notification, id }];
    emit();
    return id;
  },
  dismiss(id: number): void {
    queue = queue.filter((entry) => entry.id !== id);
    emit();
  },
};
