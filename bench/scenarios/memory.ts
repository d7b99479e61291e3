/** The JS heap with every row loaded, after a full garbage collection (Chrome DevTools Protocol). */
import { units, type Metric } from '../metrics.ts';
import { defineScenario } from '../scenario.ts';
import { mb, spread, type Spread } from '../stats.ts';
import { targets } from '../targets.ts';

export interface MemorySample {
  heapUsedBytes: number;
  heapTotalBytes: number;
}

export interface MemorySummary {
  heapUsed: Spread;
}

export const memoryMetrics: ReadonlyArray<Metric<MemorySummary>> = [
  {
    label: ({ rows }) => `JS heap with ${rows} rows (after GC)`,
    unit: units.mb,
    value: (s) => s.heapUsed.median,
    spread: (s) => s.heapUsed,
    target: { atMost: targets.heapBytes },
  },
];

export const memory = defineScenario('memory', {
  async measure({ context, page }): Promise<MemorySample> {
    const cdp = await context.newCDPSession(page);
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      return { heapUsedBytes: heap.usedSize, heapTotalBytes: heap.totalSize };
    } finally {
      await cdp.detach();
    }
  },
  brief: (sample) => [`heap ${mb(sample.heapUsedBytes)}`],
  summarize: (samples) => ({ heapUsed: spread(samples.map((sample) => sample.heapUsedBytes)) }),
  metrics: memoryMetrics,
});
