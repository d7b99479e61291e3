import { createElement, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

export interface PreloadableLazy<P extends object> {
  /** Renders the component, behind `fallback` only while its code is still on its way. */
  Component: ComponentType<P & { fallback: ReactNode }>;
  /** Starts loading the code (a route loader calls this); later calls share the first load. */
  preload: () => Promise<ComponentType<P>>;
}

/**
 * React.lazy for code a loader starts early. A plain lazy component suspends on its first render
 * even when its chunk has long arrived, and React then holds the content back for up to 300 ms
 * after the fallback was shown (its Suspense reveal throttle): on a record page that was most of
 * the time between the form and the first device row. This renders the component directly when its
 * code is already here, and lazily otherwise; each mount keeps the choice it made, so a render
 * after the code arrives never swaps the element type (which would remount it and lose its state).
 */
export function preloadableLazy<P extends object>(load: () => Promise<ComponentType<P>>): PreloadableLazy<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    loading ??= load().then((component) => (loaded = component));
    return loading;
  };
  const Lazy = lazy(async () => ({ default: await preload() }));
  function Preloadable({ fallback, ...props }: P & { fallback: ReactNode }): ReactNode {
    const [Direct] = useState(() => loaded);
    const ownProps = props as unknown as P;
    if (Direct !== null) return createElement(Direct, ownProps);
    return <Suspense fallback={fallback}>{createElement(Lazy, ownProps)}</Suspense>;
  }
  return { Component: Preloadable, preload };
}
