const numberFormat = new Intl.NumberFormat('en-US');

/** The words when Graph has no user state at all for the script (assigned, nobody has run it). */
export const notReportedYet = 'This script is assigned but has not reported yet: no user has run it.';

/** How much of the list has arrived; a script nobody has run says so instead of "0 of 0". */
export function loadedStatus(loaded: number, total: number | null, complete: boolean): string {
  if (complete && loaded === 0) return 'No user run states yet';
  return `Loaded ${numberFormat.format(loaded)} of ${numberFormat.format(total ?? loaded)}`;
}

/** How many rows the search and the status filter leave, when either is set. */
export function matchingStatus(query: string, matching: number, statusFiltered = false): string {
  return query.trim() === '' && !statusFiltered ? '' : ` · ${numberFormat.format(matching)} matching`;
}

/**
 * What the empty grid says, so that "0 matching" is explained: the script has no user states,
 * or the search matches none of them. Null while rows are still on their way.
 */
export function emptyGridLabel(loaded: number, complete: boolean, query: string, statusLabel: string | null = null): string | null {
  if (complete && loaded === 0) return notReportedYet;
  const search = query.trim();
  const status = statusLabel === null ? '' : ` among the user states “${statusLabel}”`;
  if (search !== '') return `No user principal name contains “${search}”${status}.`;
  if (statusLabel !== null && complete) return `No user state matches the status “${statusLabel}”.`;
  return null;
}

/** Said when a link asked for a page beyond the last one the final count fills. */
export function clampedPageNote(asked: number, last: number): string {
  const pages = last === 1 ? 'there is 1 page, so it' : `there are ${numberFormat.format(last)} pages, so the last one`;
  return `This link asked for page ${numberFormat.format(asked)}; ${pages} is shown.`;
}
