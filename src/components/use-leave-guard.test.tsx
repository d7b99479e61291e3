import { renderHook } from '@testing-library/react';
import { notifyBeforeInteraction, notifyInteractionStayed } from '../lib/auth/interaction';
import { useLeaveGuard } from './use-leave-guard';

/** Dispatches what a reload or a closing tab sends; true when the page asked the browser to ask. */
function leaveAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('useLeaveGuard', () => {
  it('asks while active, or while its function says so at the moment of leaving', () => {
    let unsaved = false;
    const { rerender, unmount } = renderHook(({ active }: { active: boolean | (() => boolean) }) => useLeaveGuard(active), {
      initialProps: { active: false as boolean | (() => boolean) },
    });
    expect(leaveAsks()).toBe(false);
    rerender({ active: true });
    expect(leaveAsks()).toBe(true);
    rerender({ active: () => unsaved });
    expect(leaveAsks()).toBe(false);
    unsaved = true;
    expect(leaveAsks()).toBe(true);
    unmount();
    expect(leaveAsks()).toBe(false);
  });

  it('does not ask when the page leaves for sign-in, and asks again if it stayed', () => {
    renderHook(() => useLeaveGuard(true));
    notifyBeforeInteraction();
    try {
      expect(leaveAsks()).toBe(false);
    } finally {
      notifyInteractionStayed();
    }
    expect(leaveAsks()).toBe(true);
  });
});
