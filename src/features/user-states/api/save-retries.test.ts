import { act, renderHook } from '@testing-library/react';
import { useSaveRetries } from './save-retries';
import type { SaveOptions } from './update-user-state';

/** A save that waits until the test answers it, and hands over the options the client would get. */
function pendingSave() {
  let options: SaveOptions = {};
  let answer = () => {};
  const send = (given: SaveOptions) =>
    new Promise<string>((resolve) => {
      options = given;
      answer = () => resolve('saved');
    });
  return { send, options: () => options, answer: () => answer() };
}

describe('useSaveRetries', () => {
  it('keeps each waiting save’s notice apart: one finishing leaves the other’s', async () => {
    const { result } = renderHook(() => useSaveRetries());
    const first = pendingSave();
    const second = pendingSave();
    let firstDone: Promise<string> = Promise.resolve('');
    act(() => {
      firstDone = result.current.track(first.send);
      void result.current.track(second.send);
    });
    act(() => {
      first.options().onRetry?.({ attempt: 1, delayMs: 5000, status: 429 });
      second.options().onRetry?.({ attempt: 1, delayMs: 8000, status: 503 });
    });
    expect(result.current.waiting.map((save) => save.notice.delayMs)).toEqual([5000, 8000]);

    await act(async () => {
      first.answer();
      await firstDone;
    });
    expect(result.current.waiting.map((save) => save.notice.delayMs)).toEqual([8000]);
  });

  it('says when a save waits for the write limit, then for a retry, then for its check before the resend, in one notice', () => {
    const { result } = renderHook(() => useSaveRetries());
    const save = pendingSave();
    act(() => void result.current.track(save.send));
    act(() => save.options().onWriteLimitWait?.(3000));
    expect(result.current.waiting.map((waiting) => waiting.notice)).toMatchObject([{ kind: 'write-limit', delayMs: 3000 }]);
    act(() => save.options().onRetry?.({ attempt: 1, delayMs: 2000, status: 429 }));
    expect(result.current.waiting.map((waiting) => waiting.notice)).toMatchObject([{ kind: 'retry', delayMs: 2000, status: 429 }]);
    // The wait is over; the record is read again before the resend, and the save can still be called off.
    act(() => save.options().onCheckBeforeResend?.());
    expect(result.current.waiting.map((waiting) => waiting.notice)).toMatchObject([{ kind: 'check' }]);
  });

  it('cancels only the save its notice stands for', () => {
    const { result } = renderHook(() => useSaveRetries());
    const first = pendingSave();
    const second = pendingSave();
    act(() => {
      void result.current.track(first.send);
      void result.current.track(second.send);
    });
    act(() => second.options().onRetry?.({ attempt: 1, delayMs: 5000, status: 429 }));
    act(() => result.current.waiting[0]?.cancel());
    expect(second.options().signal?.aborted).toBe(true);
    expect(first.options().signal?.aborted).toBe(false);
  });
});
