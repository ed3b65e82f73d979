import type { Frame, Page } from 'playwright-core';
import type { Seatmate } from './launch';

/**
 * Reads a global of Seatmate's content script (its isolated world, which the page cannot see)
 * in `frame` of `page` (the top frame by default), through the DevTools protocol. Null when the
 * script has not set it.
 */
export async function contentGlobal<T>(sm: Seatmate, page: Page, name: string, frame?: Frame): Promise<T | null> {
  const cdp = await sm.context.newCDPSession(page);
  const contexts: { id: number; frameId: string }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = e.context.auxData as { frameId?: string } | undefined;
    if (e.context.origin === `chrome-extension://${sm.extensionId}`)
      contexts.push({ id: e.context.id, frameId: aux?.frameId ?? '' });
  });
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const wanted = frame ? await frameIdOf(page, frame, frameTree) : frameTree.frame.id;
  let value: T | null = null;
  for (const ctx of contexts.filter((c) => c.frameId === wanted).reverse()) {
    const r = await cdp
      .send('Runtime.evaluate', {
        expression: `JSON.stringify(globalThis[${JSON.stringify(name)}] ?? null)`,
        contextId: ctx.id,
        returnByValue: true,
      })
      .catch(() => null);
    const raw = r?.result.value as string | undefined;
    if (raw && raw !== 'null') {
      value = JSON.parse(raw) as T;
      break;
    }
  }
  await cdp.detach();
  return value;
}

interface FrameTree {
  frame: { id: string; url: string; name?: string };
  childFrames?: FrameTree[];
}

/** The DevTools frame id of a Playwright frame (matched by URL and name in the frame tree). */
async function frameIdOf(page: Page, frame: Frame, tree: FrameTree): Promise<string> {
  const all: FrameTree['frame'][] = [];
  const walk = (t: FrameTree) => {
    all.push(t.frame);
    for (const c of t.childFrames ?? []) walk(c);
  };
  walk(tree);
  const match = all.find((f) => f.url === frame.url() && (f.name ?? '') === frame.name());
  if (!match) throw new Error(`frame ${frame.url()} not found on ${page.url()}`);
  return match.id;
}
