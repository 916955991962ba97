// Finds and launches Chromium for the CLI, the browser tests and benches: Debian's /usr/bin/chromium, or a
// Playwright-installed one, with WebGPU on (SwiftShader without a GPU) and background networking off. Node.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // No Playwright-managed browser: fine, the Debian one is preferred anyway.
  }
  const found = candidates.find((p) => p && existsSync(p));
  if (!found)
    throw new Error('No Chromium found: run `apt-get install -y chromium` (or set CHROMIUM_PATH) and try again.');
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox', // required when running as root
      '--enable-unsafe-webgpu',
      '--disable-background-networking', // no connection attempts to a closed network
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
