import { useEffect } from 'react';

export const appName = 'Intune script user states';

/** Sets the tab title. document.title is plain text, so data from Graph cannot inject markup. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title === null || title === '' ? appName : `${title} · ${appName}`;
  }, [title]);
}
