/**
 * Characters that change how a name looks without being seen: C0/C1 controls, the soft hyphen,
 * zero-width characters, bidirectional marks, embeddings, overrides and isolates, invisible
 * operators, the byte-order mark, interlinear annotation and tag characters. A UPN with U+202E
 * (RIGHT-TO-LEFT OVERRIDE) can pass for another user or a file name, so they are shown as
 * `⟨U+202E⟩` instead (https://www.unicode.org/reports/tr36/).
 */
const hiddenRanges: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff9, 0xfffb],
  [0xe0000, 0xe007f],
];
const characterClass = hiddenRanges.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join('');
const hiddenCharacter = new RegExp(`[${characterClass}]`, 'u');
const hiddenCharacters = new RegExp(`[${characterClass}]`, 'gu');

export interface TextPart {
  text: string;
  /** A hidden character, already written as its marker (`⟨U+202E⟩`). */
  hidden: boolean;
}

/** `⟨U+202E⟩` for U+202E. */
export function codePointMarker(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  return `⟨U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

export function hasHiddenCharacters(text: string): boolean {
  return hiddenCharacter.test(text);
}

/** The text with every hidden character written as its marker: for titles, toasts and CSV cells. */
export function revealHiddenCharacters(text: string): string {
  return text.replace(hiddenCharacters, codePointMarker);
}

/** The text split into visible runs and markers, for rendering the markers apart. */
export function splitHiddenCharacters(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(hiddenCharacters)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), hidden: false });
    parts.push({ text: codePointMarker(match[0]), hidden: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hidden: false });
  return parts;
}

/** Plain-text form of a user principal name, with a word of warning when it hides characters. */
export function plainUserPrincipalName(value: string): string {
  return hasHiddenCharacters(value) ? `${revealHiddenCharacters(value)} (contains hidden characters)` : value;
}
