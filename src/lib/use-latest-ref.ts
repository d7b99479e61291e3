import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A ref holding the value of the latest render, for a callback that must stay the same function
 * (so memoised children are not re-rendered) and still read the current value when it is called:
 * by a click, a timer, a child's handler.
 */
export function useLatestRef<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
