import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on the page once it has come to rest and expects no WCAG 2.1 A/AA violation.
 *
 * MUI fades colours in over ~250 ms (a button turning from disabled to enabled, a field turning
 * red). Read mid-way, such a colour is neither the old nor the new one and fails the contrast rule
 * although nobody sees it for longer than a blink; so axe waits for the colours the user is left with.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await waitForFiniteAnimations(page);
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

/**
 * Waits until no CSS transition or finite animation runs. Endless ones (a progress bar's sweep)
 * never end and keep their colours, so they are left running. A render in the frame after one wave
 * may start the next, hence the loop; `getAnimations()` flushes styles, so a change already made to
 * the DOM has its transition listed.
 */
async function waitForFiniteAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const running = () =>
      document
        .getAnimations()
        .filter((animation) => animation.playState === 'running' && animation.effect?.getComputedTiming().endTime !== Infinity);
    for (let wave = running(); wave.length > 0; wave = running()) {
      // `finished` rejects when a transition is replaced by a newer one; the next wave has it.
      await Promise.allSettled(wave.map((animation) => animation.finished));
      await new Promise(requestAnimationFrame);
    }
  });
}
