import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { createElement, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { loadUntilFailed } from '../lib/load-until-failed';
import { ErrorBoundary } from './error-boundary';

export interface LazyPart<P extends object> {
  /**
   * Renders the part, behind `fallback` only while its code is still on its way. If the code cannot
   * download, or the part fails while it renders, its place says so with "Try again"; the page
   * around it (a grid with edits being typed, a form) carries on.
   */
  Component: ComponentType<P & PartOptions>;
  /** Starts loading the code (a route loader calls this); later calls share the first load. */
  preload: () => Promise<ComponentType<P>>;
}

/** What the place of a part takes besides the part's own props. */
export interface PartOptions {
  /** Shown while the code is on its way (nothing by default). */
  fallback?: ReactNode;
  /**
   * For a part the user opened (a dialog): its failure message can be closed, and this is called
   * to close the part. Without it, the message stays for as long as the part's place does.
   */
  onDismissFailure?: () => void;
}

/**
 * A part of a page whose code loads on first use, or early from a route's loader.
 *
 * Not React.lazy: a lazy component suspends on its first render even when its chunk has long
 * arrived, and React then holds the content back for up to 300 ms after the fallback was shown (its
 * Suspense reveal throttle); on a record page that was most of the time between the form and the
 * first device row. This renders the part directly when its code is already here, and otherwise
 * shows the fallback until the code arrives, then the part: an ordinary update, never throttled.
 * Each mount keeps the component it rendered, so a later render never swaps the element type
 * (which would remount it and lose its state).
 *
 * A failed download is not kept here: "Try again" asks for the code anew, so where the browser
 * fetches a module again after a failed fetch, a dropped connection costs the part until it is
 * back, not the page until a reload.
 *
 * @param name what the part is, for its failure message: "the bulk edit".
 */
export function lazyPart<P extends object>(name: string, load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loaded: ComponentType<P> | null = null;
  // Failed downloads this part has shown in this page, whichever mount showed them: a part closed
  // after one and opened again fails as a second time, and asks for the reload that only then
  // helps. A loader's early start that failed is not one: the part had not asked yet.
  let failuresShown = 0;
  // A loader starts this without waiting for it: a failed download is the part's to show when it
  // renders. Once it has failed, the next mount or "Try again" asks for the code anew.
  const preload = loadUntilFailed(() => load().then((component) => (loaded = component)));

  function Part({ fallback = null, onDismissFailure, ...props }: P & PartOptions): ReactNode {
    const [code, setCode] = useState<PartCode<P> | null>(() => (loaded === null ? null : { component: loaded }));
    // A new attempt is a new boundary: a failure while rendering is forgotten with it.
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (code !== null) return undefined;
      let mounted = true;
      preload().then(
        (component) => {
          if (mounted) setCode({ component });
        },
        (failure: unknown) => {
          if (!mounted) return;
          failuresShown += 1;
          setCode({ failure, again: failuresShown > 1 });
        },
      );
      return () => {
        mounted = false;
      };
    }, [code]);
    const retry = () => {
      // After a failed download, ask for the code again; after a failure while rendering, the code
      // is here and only the part renders anew.
      if (code !== null && 'failure' in code) setCode(null);
      setAttempt((count) => count + 1);
    };
    if (code !== null && 'failure' in code) {
      return (
        <PartFailed
          name={name}
          downloadFailed
          error={code.failure}
          again={code.again}
          attempt={attempt}
          onRetry={retry}
          onDismiss={onDismissFailure}
        />
      );
    }
    return (
      <ErrorBoundary
        key={attempt}
        fallback={(error) => (
          <PartFailed
            name={name}
            downloadFailed={false}
            error={error}
            again={attempt > 0}
            attempt={attempt}
            onRetry={retry}
            onDismiss={onDismissFailure}
          />
        )}
      >
        {/* The props without this place's own options are P; TypeScript cannot see that through the rest. */}
        {code === null ? fallback : createElement(code.component, props as P)}
      </ErrorBoundary>
    );
  }
  return { Component: Part, preload };
}

/** What a mounted part has of its code: the component, or why it could not download. */
type PartCode<P> = { component: ComponentType<P> } | { failure: unknown; again: boolean };

const sentenceStart = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface PartFailedProps {
  name: string;
  /** The part's code did not download; otherwise the part itself failed with `error`. */
  downloadFailed: boolean;
  error: unknown;
  /** It failed before: the part's code in this page, or the part itself in this place. */
  again: boolean;
  /** How often "Try again" was chosen already. */
  attempt: number;
  onRetry: () => void;
  onDismiss: (() => void) | undefined;
}

/**
 * What shows in a lazy part's place once it failed. A second failure asks for a reload. After a
 * download, because Chromium keeps a failed module fetch for the page's life (the HTML standard
 * dropped that in whatwg/html#10327, browsers follow in their own time), so asking again cannot
 * reach the network there; after a render error, because the part failed twice on what this page
 * holds. The reload is the browser's, guarded like every other (saves still on their way, a
 * changed form).
 */
function PartFailed({ name, downloadFailed, error, again, attempt, onRetry, onDismiss }: PartFailedProps) {
  const Name = sentenceStart(name);
  // "Try again" took its button away; when the new attempt fails too, the keyboard continues on
  // this alert's button instead of the page's start.
  const action = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (attempt > 0) action.current?.focus();
  }, [attempt]);
  // Trying again once is worth it (a dropped connection, a state that has since changed); after
  // that, only a reload starts the part afresh.
  const reload = again;
  const reason = error instanceof Error ? error.message : String(error);
  const message = downloadFailed
    ? reload
      ? `${Name} still could not load. Reload the page to load it: the browser may keep a failed download until then.`
      : `${Name} could not load: its code did not download. Check the connection, then try again.`
    : reload
      ? `${Name} stopped on an error again: ${reason}. Reload the page.`
      : `${Name} stopped on an error: ${reason}. Try again; if it fails again, reload the page.`;
  return (
    <Alert
      severity="warning"
      sx={{ my: 1 }}
      action={
        <>
          {reload ? (
            <Button ref={action} color="inherit" size="small" onClick={() => window.location.reload()}>
              Reload page
            </Button>
          ) : (
            // Named for its part: a page can hold more than one failed part.
            <Button
              ref={action}
              color="inherit"
              size="small"
              onClick={onRetry}
              aria-label={`Try again to load ${name}`}
            >
              Try again
            </Button>
          )}
          {/* Only a part the user opened can be closed; the page's own parts keep their place. */}
          {onDismiss !== undefined && (
            <Button color="inherit" size="small" onClick={onDismiss} aria-label={`Close ${name}`}>
              Close
            </Button>
          )}
        </>
      }
    >
      {message}
    </Alert>
  );
}
