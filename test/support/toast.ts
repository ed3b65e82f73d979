import type { Frame } from 'playwright-core';

/** The tallest the toast frame gets (entrypoints/console.content/toast-host.ts). */
const MAX_HEIGHT = 480;

/**
 * Waits until the wellbeing toast's frame shows at its content's height and stays put. The frame
 * is anchored to a corner of the console page and its new height comes from the content script a
 * moment after its content changes (a language switch, a prompt joining, the breathing exercise
 * starting): a click aimed in between lands where the button was, not where it is.
 */
export async function toastSettled(frame: Frame, timeoutMs = 5_000): Promise<void> {
  const geometry = async (): Promise<string | null> => {
    const box = await (await frame.frameElement()).boundingBox();
    const content = await frame.evaluate(() => {
      const el = document.querySelector('[data-testid="wellbeing-toast"]');
      return el ? Math.ceil(el.getBoundingClientRect().height) : null;
    });
    if (!box || content === null || Math.abs(box.height - Math.min(MAX_HEIGHT, content)) >= 1) return null;
    return `${box.x},${box.y},${box.width},${box.height}`;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = await geometry();
    await new Promise((r) => setTimeout(r, 150));
    const after = await geometry();
    if (before !== null && before === after) return;
    if (Date.now() > deadline) throw new Error(`The toast frame did not settle at its content's height (${after})`);
  }
}

/** Clicks the toast's element `testId` once the toast has settled. */
export async function clickInToast(frame: Frame, testId: string): Promise<void> {
  await toastSettled(frame);
  await frame.getByTestId(testId).click();
}
