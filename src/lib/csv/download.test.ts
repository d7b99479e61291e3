import { csvFileName, downloadBlob } from './download';

describe('csvFileName', () => {
  const date = new Date(2026, 0, 5, 23, 59);

  it('names the file after the script and the local date', () => {
    expect(csvFileName('Fix printers', date)).toBe('Fix printers 2026-01-05.csv');
  });

  it('replaces characters that file systems forbid or that disguise the extension', () => {
    expect(csvFileName('a<b>c:d"e/f\\g|h?i*j', date)).toBe('a_b_c_d_e_f_g_h_i_j 2026-01-05.csv');
    expect(csvFileName('invoice\u202Evsc.exe', date)).toBe('invoice_vsc.exe 2026-01-05.csv');
    expect(csvFileName('line\r\nbreak\ttab', date)).toBe('line_break_tab 2026-01-05.csv');
  });

  it('drops leading dots and outer spaces, and falls back to "export"', () => {
    expect(csvFileName('  ..hidden  name.. ', date)).toBe('hidden name 2026-01-05.csv');
    expect(csvFileName('...', date)).toBe('export 2026-01-05.csv');
  });

  it('keeps unicode and shortens long names without splitting a character', () => {
    expect(csvFileName('Déploiement 日本', date)).toBe('Déploiement 日本 2026-01-05.csv');
    const long = csvFileName('🚀'.repeat(100), date);
    expect(long).toBe(`${'🚀'.repeat(80)} 2026-01-05.csv`);
  });
});

describe('downloadBlob', () => {
  const createObjectURL = vi.fn(() => 'blob:http://localhost/1234');
  const revokeObjectURL = vi.fn();

  beforeEach(() => {
    vi.useFakeTimers();
    // jsdom has no object URLs.
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  afterEach(() => {
    vi.useRealTimers();
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
  });

  it('clicks a download link for the blob, removes it, and revokes the URL afterwards', () => {
    const clicks: { href: string; download: string; inDocument: boolean }[] = [];
    const onClick = (event: MouseEvent) => {
      const link = event.target as HTMLAnchorElement;
      clicks.push({ href: link.href, download: link.download, inDocument: link.isConnected });
      // jsdom cannot navigate.
      event.preventDefault();
    };
    document.addEventListener('click', onClick);
    const blob = new Blob(['id\r\n'], { type: 'text/csv' });

    downloadBlob(blob, 'Fix printers 2026-01-05.csv');
    document.removeEventListener('click', onClick);

    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicks).toEqual([
      { href: 'blob:http://localhost/1234', download: 'Fix printers 2026-01-05.csv', inDocument: true },
    ]);
    expect(document.querySelector('a')).toBeNull();
    expect(revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/1234');
  });
});
