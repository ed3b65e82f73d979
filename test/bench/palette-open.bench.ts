/**
 * The palette's first open without a preload, as an agent gets it: no test driver attached to
 * the palette's frame while it loads.
 *
 * `test/e2e/palette-open.e2e.ts` measures the same open through Playwright, which attaches its
 * debugger to every new frame (the frame waits for it before it runs) and injects its own scripts
 * into a frame it is asked about: in runs side by side that added about 35 ms to the open. Here
 * Chromium is started directly and driven over the DevTools protocol at the page only: the key is
 * sent to the console page, the page is watched until Seatmate's element has the keyboard, and
 * only then is the palette's frame opened for reading its timings (the key's event time on the
 * page, the frame's navigation timings and the mark its boot search box takes when it gets focus,
 * all on one clock).
 *
 *   npm run build:demo && npm run build:fixture && npm run bench:palette-open [-- opens]
 *   SEATMATE_EXTENSION_DIR=<dir>   measure another build of the extension
 *   SEATMATE_COMPARE_DIR=<dir>     also measure this build, alternating with the first in rounds
 *                                  of five opens (side by side under the same machine load)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../fixtures/server';
import { CHROMIUM_PATH, DEMO_EXTENSION_DIR, chromiumArgs } from '../support/launch';

const opens = Number(process.argv[2] ?? 20);
const ROUND = 5;
const TARGET_MS = 150;
const builds = [
  { name: 'build', dir: process.env.SEATMATE_EXTENSION_DIR ?? DEMO_EXTENSION_DIR },
  ...(process.env.SEATMATE_COMPARE_DIR ? [{ name: 'compared', dir: process.env.SEATMATE_COMPARE_DIR }] : []),
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface CdpReply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** A DevTools-protocol connection to the browser, with flat sessions for its targets. */
class Cdp {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: CdpReply) => void }>();
  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (event) => {
      const reply = JSON.parse(String(event.data)) as CdpReply;
      if (reply.id === undefined) return;
      this.waiting.get(reply.id)?.resolve(reply);
      this.waiting.delete(reply.id);
    });
  }
  static open(url: string): Promise<Cdp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener('open', () => resolve(new Cdp(ws)), { once: true });
      ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
    });
  }
  async send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.next;
    const reply = await new Promise<CdpReply>((resolve) => {
      this.waiting.set(id, { resolve });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result as T;
  }
  async evaluate<T>(expression: string, sessionId: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: { value?: T };
      exceptionDetails?: { text: string };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (exceptionDetails) throw new Error(`evaluate: ${exceptionDetails.text}`);
    return result.value as T;
  }
  close(): void {
    this.ws.close();
  }
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface Browser {
  cdp: Cdp;
  proc: ChildProcess;
  profile: string;
}

async function startBrowser(dir: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'seatmate-open-bench-'));
  const proc = spawn(
    CHROMIUM_PATH,
    [
      `--user-data-dir=${profile}`,
      '--headless=new',
      '--remote-debugging-port=0',
      '--window-size=1280,800',
      ...chromiumArgs(dir, 'en-US'),
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await sleep(50);
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
    webSocketDebuggerUrl: string;
  };
  const cdp = await Cdp.open(version.webSocketDebuggerUrl);
  // Wait until the background has registered the console script (a fresh demo install seeds the
  // demo console site a moment after start-up).
  for (let i = 0; ; i++) {
    const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (worker) {
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
        targetId: worker.targetId,
        flatten: true,
      });
      const count = await cdp
        .evaluate<number>('chrome.scripting.getRegisteredContentScripts().then((s) => s.length)', sessionId)
        .catch(() => 0);
      await cdp.send('Target.detachFromTarget', { sessionId });
      if (count > 0) break;
    }
    if (i > 300) throw new Error('Seatmate did not register its console script in time.');
    await sleep(100);
  }
  return { cdp, proc, profile };
}

async function stopBrowser(b: Browser): Promise<void> {
  const exited = new Promise((r) => b.proc.once('exit', r));
  await b.cdp.send('Browser.close').catch(() => b.proc.kill());
  await exited;
  b.cdp.close();
  rmSync(b.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

interface Open {
  total: number;
  toFrame: number;
  dcl: number;
  load: number;
  focus: number;
}

const key = (type: string, k: string, code: string, vk: number, modifiers: number) => ({
  type,
  key: k,
  code,
  windowsVirtualKeyCode: vk,
  modifiers,
});

/** One open on a fresh console page: the reply box focused, then Alt+K (the default hotkey). */
async function openOnce(b: Browser, consoleUrl: string): Promise<Open | string> {
  const { cdp } = b;
  const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
    url: `${consoleUrl}?seatmateNoPreload`,
  });
  const { sessionId: page } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  });
  try {
    const ready = `document.readyState === 'complete' && document.querySelector('[data-testid="reply-box"]') !== null`;
    for (let i = 0; !(await cdp.evaluate<boolean>(ready, page).catch(() => false)); i++) {
      if (i > 200) return 'the console page did not load';
      await sleep(50);
    }
    await cdp.evaluate(`document.querySelector('[data-testid="reply-box"]').focus()`, page);
    await sleep(3_500); // longer than the idle preload's timeout (3 s), which this page turns off
    await cdp.evaluate(
      `addEventListener('keydown', function onKey(e) {
        if (e.code !== 'KeyK' || !e.altKey) return;
        window.__keyAt = performance.timeOrigin + e.timeStamp;
        removeEventListener('keydown', onKey, true);
      }, true)`,
      page,
    );
    await cdp.send('Input.dispatchKeyEvent', key('rawKeyDown', 'Alt', 'AltLeft', 18, 1), page);
    await cdp.send('Input.dispatchKeyEvent', key('rawKeyDown', 'k', 'KeyK', 75, 1), page);
    await cdp.send('Input.dispatchKeyEvent', key('keyUp', 'k', 'KeyK', 75, 1), page);
    await cdp.send('Input.dispatchKeyEvent', key('keyUp', 'Alt', 'AltLeft', 18, 0), page);
    // Watched from the page, not the frame: Seatmate's element has the keyboard.
    for (let i = 0; ; i++) {
      const active = await cdp.evaluate<string>('document.activeElement?.localName ?? ""', page);
      if (active === 'seatmate-overlay') break;
      if (i > 250) return 'the palette never took the keyboard';
      await sleep(20);
    }
    await sleep(300); // for the focus to reach the frame
    const keyAt = await cdp.evaluate<number>('window.__keyAt', page);
    const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    const frame = targetInfos.find((t) => t.type === 'iframe' && t.url.includes('/overlay.html'));
    if (!frame) return 'no palette frame';
    const { sessionId: inFrame } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: frame.targetId,
      flatten: true,
    });
    const nav = await cdp.evaluate<{
      origin: number;
      dcl: number;
      load: number;
      focus: number;
      has: boolean;
    }>(
      `(() => {
        const e = performance.getEntriesByType('navigation')[0];
        return {
          origin: performance.timeOrigin,
          dcl: e.domContentLoadedEventStart,
          load: e.loadEventStart,
          focus: performance.getEntriesByName('seatmate-boot-focus')[0]?.startTime ?? NaN,
          has: document.hasFocus(),
        };
      })()`,
      inFrame,
    );
    await cdp.send('Target.detachFromTarget', { sessionId: inFrame });
    if (!nav.has || Number.isNaN(nav.focus)) return 'the palette frame does not have focus';
    const toFrame = nav.origin - keyAt;
    return {
      total: toFrame + nav.focus,
      toFrame,
      dcl: toFrame + nav.dcl,
      load: toFrame + nav.load,
      focus: nav.focus,
    };
  } finally {
    await cdp.send('Target.closeTarget', { targetId });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((xs.length * p) / 100) - 1] ?? NaN;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main() {
  const server = await startDemoServer(0);
  const consoleUrl = `${server.origin}/console/`;
  const results = new Map(builds.map((b) => [b.name, [] as Open[]]));
  const failures: string[] = [];
  try {
    for (let done = 0; done < opens; done += ROUND) {
      for (const build of builds) {
        const b = await startBrowser(build.dir);
        try {
          for (let i = 0; i < Math.min(ROUND, opens - done); i++) {
            const open = await openOnce(b, consoleUrl);
            if (typeof open === 'string') failures.push(`${build.name}: ${open}`);
            else results.get(build.name)!.push(open);
          }
        } finally {
          await stopBrowser(b);
        }
      }
      process.stderr.write('.');
    }
  } finally {
    await server.close();
  }
  process.stderr.write('\n');
  console.log(
    `first open without a preload, key → search box focused (no driver on the frame); target ≤ ${TARGET_MS} ms`,
  );
  console.log(
    '| build | opens | median | p90 | range | ≤ 150 ms | key → frame starts / DOMContentLoaded / load / focus (medians) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const build of builds) {
    const r = results.get(build.name)!;
    const totals = r.map((o) => o.total);
    const within = totals.filter((t) => t <= TARGET_MS).length;
    console.log(
      `| ${build.name} (${build.dir}) | ${r.length} | ${ms(median(totals))} | ${ms(pct(totals, 90))} | ` +
        `${ms(Math.min(...totals))}–${ms(Math.max(...totals))} | ${within} of ${r.length} | ` +
        `${[r.map((o) => o.toFrame), r.map((o) => o.dcl), r.map((o) => o.load), r.map((o) => o.toFrame + o.focus)].map((x) => ms(median(x))).join(' / ')} |`,
    );
  }
  for (const f of failures) console.log(`failed: ${f}`);
  if (failures.length > 0) process.exitCode = 1;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
