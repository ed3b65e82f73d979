import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDemoServer } from '../fixtures/server';
import { CHROMIUM_PATH, DEMO_EXTENSION_DIR } from '../support/launch';

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://localhost:41234 */
    demoOrigin: string;
    demoPort: number;
    /** A directory the tests write team packs into; served at `${demoOrigin}/packs/<file>`. */
    packsDir: string;
  }
}

/** Serves the demo console for all e2e files; checks the builds and the browser are there. */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`No Chromium at ${CHROMIUM_PATH}. Install it: apt-get install -y chromium`);
  if (!existsSync(join(DEMO_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`The demo build is missing (${DEMO_EXTENSION_DIR}). Run: npm run build:demo`);
  }
  const packsDir = mkdtempSync(join(tmpdir(), 'seatmate-packs-'));
  const server = await startDemoServer(0, { packsDir });
  project.provide('demoOrigin', server.origin);
  project.provide('demoPort', server.port);
  project.provide('packsDir', packsDir);
  return async () => {
    await server.close();
    rmSync(packsDir, { recursive: true, force: true });
  };
}
