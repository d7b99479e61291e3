import TextField from '@mui/material/TextField';
import { useCallback, useEffect, useReducer } from 'react';
import { useLatestRef } from '../../../lib/use-latest-ref';

interface SearchState {
  /** What the box shows. */
  draft: string;
  /** The URL's search as last seen. */
  url: string;
  /** What this box last wrote to the URL. */
  committed: string;
}

type SearchAction = { type: 'typed'; text: string } | { type: 'committed' } | { type: 'url'; url: string };

function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'typed':
      return { ...state, draft: action.text };
    case 'committed':
      return { ...state, committed: state.draft };
    case 'url':
      if (action.url === state.url) return state;
      // Back/forward (or a link) changed the search; our own commit must not undo newer typing.
      return action.url === state.committed ? { ...state, url: action.url } : { draft: action.url, url: action.url, committed: action.url };
  }
}

/**
 * The search box filters as the user types; the URL (one history entry, replaced) follows 250 ms
 * after the last keystroke, and back/forward put the URL's search back in the box.
 */
export function useSearchDraft(urlValue: string, onCommit: (q: string) => void) {
  const [state, dispatch] = useReducer(searchReducer, { draft: urlValue, url: urlValue, committed: urlValue });
  if (urlValue !== state.url) dispatch({ type: 'url', url: urlValue });
  const onCommitRef = useLatestRef(onCommit);
  const { draft, committed } = state;
  useEffect(() => {
    if (draft === committed) return undefined;
    const timer = setTimeout(() => {
      dispatch({ type: 'committed' });
      onCommitRef.current(draft);
    }, 250);
    return () => clearTimeout(timer);
  }, [draft, committed, onCommitRef]);
  const setDraft = useCallback((text: string) => dispatch({ type: 'typed', text }), []);
  return [draft, setDraft] as const;
}

export function SearchField({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  return (
    <TextField
      label="Search by user principal name"
      type="search"
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={{ minWidth: 320 }}
    />
  );
}
