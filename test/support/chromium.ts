// Tests and benches launch Chromium the way the CLI does.
export { chromiumPath, launchChromium } from '../../src/node/chromium.ts';
