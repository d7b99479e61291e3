import { renderHook } from '@testing-library/react';
import { useCallback } from 'react';
import { useLatestRef } from './use-latest-ref';

describe('useLatestRef', () => {
  it('lets a callback that never changes read the value of the latest render', () => {
    const { result, rerender } = renderHook(
      ({ value }: { value: string }) => {
        const ref = useLatestRef(value);
        return useCallback(() => ref.current, [ref]);
      },
      { initialProps: { value: 'first' } },
    );
    const read = result.current;
    rerender({ value: 'second' });
    expect(result.current).toBe(read);
    expect(read()).toBe('second');
  });
});
