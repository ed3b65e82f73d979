import { browser } from 'wxt/browser';

/** The keyboard command that opens the agent's feedback page (no suggested key: see wxt.config.ts). */
export const FEEDBACK_COMMAND = 'open-feedback';

/** Shows the feedback page: the tab already open on it, else a new tab. */
export async function openFeedbackPage(): Promise<void> {
  const url = browser.runtime.getURL('/feedback.html');
  const [open] = await browser.tabs.query({ url: `${url}*` });
  if (open?.id !== undefined) {
    await browser.tabs.update(open.id, { active: true });
    if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url });
}

/** Registers the command listener (called synchronously from the background's main()). */
export function listenForFeedbackCommand(): void {
  browser.commands?.onCommand.addListener((command) => {
    if (command === FEEDBACK_COMMAND) void openFeedbackPage();
  });
  if (import.meta.env.MODE === 'demo') {
    // Demo builds only: Playwright cannot press browser-level shortcuts, so the e2e test runs the
    // command's handler through this. Production builds drop this block.
    Object.assign(globalThis, { __seatmateFeedbackCommand: () => openFeedbackPage() });
  }
}
