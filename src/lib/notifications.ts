/** Toasts for background events (a failed refetch, a save that went through while away). */
export interface Notification {
  id: number;
  severity: 'success' | 'info' | 'warning' | 'error';
  message: string;
  requestId?: string | null;
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
  notify(notification: Omit<Notification, 'id'>): void {
    queue = [...queue, { ...notification, id: nextId++ }];
    emit();
  },
  dismiss(id: number): void {
    queue = queue.filter((entry) => entry.id !== id);
    emit();
  },
};
