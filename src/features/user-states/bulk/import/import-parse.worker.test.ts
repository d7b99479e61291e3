import { describe, expect, it, vi } from 'vitest';
import { IMPORT_BATCH_RECORDS, type ImportWorkerMessage } from './parse-import-file';

/** Runs the worker's module on this thread: its messages are caught where it posts them. */
async function runWorker(file: File): Promise<ImportWorkerMessage[]> {
  const messages: ImportWorkerMessage[] = [];
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const posting = vi.spyOn(self, 'postMessage').mockImplementation((message: unknown) => {
    const posted = message as ImportWorkerMessage;
    messages.push(posted);
    if (posted.type === 'done' || posted.type === 'failed') finish();
  });
  try {
    await import('./import-parse.worker');
    self.dispatchEvent(new MessageEvent('message', { data: file }));
    await finished;
  } finally {
    posting.mockRestore();
  }
  return messages;
}

describe('the import worker', () => {
  it('posts a 100,000-line file as the header, then every record in order in bounded batches, then done', async () => {
    const lines = ['id,errorDeviceCount'];
    for (let index = 0; index < 100_000; index += 1) lines.push(`state-${index},${index % 7}`);
    const messages = await runWorker(new File([lines.join('\r\n')], 'corrections.csv', { type: 'text/csv' }));

    expect(messages[0]).toEqual({ type: 'header', names: ['id', 'errorDeviceCount'] });
    expect(messages.at(-1)).toEqual({
      type: 'done',
      summary: { header: ['id', 'errorDeviceCount'], records: 100_000, delimiter: ',' },
    });
    const batches = messages.flatMap((message) => (message.type === 'records' ? [message.records] : []));
    // Many messages, none over the batch size: the page maps each as one short step.
    expect(batches.length).toBeGreaterThanOrEqual(100_000 / IMPORT_BATCH_RECORDS);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(IMPORT_BATCH_RECORDS);
    const records = batches.flat();
    expect(records).toHaveLength(100_000);
    expect(records.every((record, index) => record.line === index + 2 && record.values.id === `state-${index}`)).toBe(
      true,
    );
    expect(records[99_999]?.values).toEqual({ id: 'state-99999', errorDeviceCount: String(99_999 % 7) });
    // Progress comes while it reads, not only at the end.
    const progress = messages.filter((message) => message.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
  }, 60_000);

  it('posts why a file cannot be imported, and no record', async () => {
    const messages = await runWorker(new File(['name,errorDeviceCount\nalice,0\n'], 'people.csv'));
    expect(messages).toEqual([{ type: 'failed', code: 'header', message: expect.stringMatching(/no key column/) }]);
  });
});
