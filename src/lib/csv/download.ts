/**
 * Safari reads a blob URL some time after the click that starts the download; FileSaver.js keeps
 * it alive for 40 s for that reason. Chromium and Firefox hold the blob from the click on.
 */
const REVOKE_AFTER_MS = 40_000;

/** Saves `blob` as a file through the browser's download, without leaving a URL or element behind. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  // Firefox starts a download only for a link that is in the document.
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

const MAX_NAME_CHARS = 80;
// Characters Windows forbids in file names, plus controls and invisible format characters: a
// right-to-left override in a script name would otherwise show "…vsc.exe" as "…exe.csv".
const UNSAFE = /[<>:"/\\|?*\p{Cc}\p{Cf}]+/gu;

/**
 * `"<name> <yyyy-mm-dd>.csv"` with the local date, safe as a file name on Windows, macOS and
 * Linux. The date suffix also keeps Windows' reserved device names (CON, NUL…) from being whole names.
 */
export function csvFileName(name: string, date = new Date()): string {
  const cleaned = name
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/gu, ' ')
    // Leading dots hide a file on macOS and Linux; Windows drops trailing dots and spaces.
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const base = Array.from(cleaned).slice(0, MAX_NAME_CHARS).join('').trimEnd() || 'export';
  return `${base} ${localDate(date)}.csv`;
}

function localDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
