// In the browser's locale ("152,900" in English, "152.900" in German), made once.
const countFormat = new Intl.NumberFormat();
const shareFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** `part` of `whole` as a percentage ("12.5%"); null when there is nothing to compare. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function formatShare(value: number): string {
  return shareFormat.format(value);
}

/** The count in the browser's locale with its noun in the singular for one: "1 page", "2 pages". */
export function formatCountOf(value: number, [one, many]: readonly [one: string, many: string]): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}
