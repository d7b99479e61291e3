import { act, renderHook } from '@testing-library/react';
import { useSecondsLeft, type AnnouncedWait } from './use-seconds-left';

describe('useSecondsLeft', () => {
  beforeEach(() => vi.useFakeTimers({ now: 100_000 }));
  afterEach(() => vi.useRealTimers());

  it('counts a wait down in whole seconds from its announcement, then says it is over', () => {
    const wait: AnnouncedWait = { at: 100_000, delayMs: 2_500 };
    const { result } = renderHook(() => useSecondsLeft(wait));
    expect(result.current).toBe(3);
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current).toBe(2);
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(500));
    expect(result.current).toBeNull();
    // Over: the countdown stops asking for renders.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts a new wait from its own announcement, and nothing without one', () => {
    const { result, rerender } = renderHook(({ wait }: { wait: AnnouncedWait | null }) => useSecondsLeft(wait), {
      initialProps: { wait: null as AnnouncedWait | null },
    });
    expect(result.current).toBeNull();
    act(() => vi.advanceTimersByTime(5_000));
    rerender({ wait: { at: Date.now(), delayMs: 4_000 } });
    expect(result.current).toBe(4);
  });
});
