// Opens an attachment view link in Debian's chromium, lets every page of the document be seen,
// leaves the page (which flushes its beacons) and prints what a person would have got, as JSON.
// Usage: node run-viewer-test.mjs <view-url> [string that must not appear in the DOM]...
import { chromium } from 'playwright-core';

const [url, ...forbidden] = process.argv.slice(2);
const TIMEOUT = 30_000;
const browser = await chromium.launch({
  executablePath: process.env.GLINT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
  headless: true,
});
try {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const response = await page.goto(url);
  const headers = response.headers();
  await page.waitForFunction(() => {
    const viewer = document.getElementById('viewer');
    return viewer && (viewer.dataset.rendered || viewer.dataset.failed);
  }, null, { timeout: TIMEOUT });
  const failed = await page.evaluate(() => document.getElementById('viewer').dataset.failed ?? null);

  const canvases = page.locator('canvas.page');
  const count = await canvases.count();
  for (let i = 0; i < count; i++) {
    await canvases.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => document.querySelectorAll('canvas.page')[n].dataset.seen === 'true', i,
      { timeout: TIMEOUT });
  }
  const inkedPixels = await page.evaluate(() => [...document.querySelectorAll('canvas.page')].map((canvas) => {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] > 0 && (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200)) {
        inked++;
      }
    }
    return inked;
  }));
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const found = forbidden.filter((s) => html.includes(s));

  // The viewer flushes its beacons every 10 s (and on pagehide, which leaving the page fires).
  const sent = await page.waitForRequest((r) => r.url().includes('/beacons'), { timeout: TIMEOUT });
  const answer = await sent.response();
  const beaconStatuses = answer === null ? [] : [answer.status()];
  await page.goto('about:blank');

  console.log(JSON.stringify({
    status: response.status(),
    csp: headers['content-security-policy'] ?? null,
    failed,
    canvases: count,
    inkedPixels,
    forbiddenFound: found,
    htmlLength: html.length,
    beaconStatuses,
    errors,
  }));
} finally {
  await browser.close();
}
