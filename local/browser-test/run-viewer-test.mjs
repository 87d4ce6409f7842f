// Opens an attachment view link in Debian's chromium, does what a person would with the document,
// leaves the page (which flushes its beacons) and prints what that person would have got, as JSON.
// Usage:
//   node run-viewer-test.mjs pdf|image|video <view-url> [string that must not appear in the DOM]...
//   node run-viewer-test.mjs record-webm <output-file>   (a ~2 s VP8 WebM recorded by chromium itself)
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const TIMEOUT = 30_000;
// The viewer flushes its batched beacons every 10 s (FLUSH_MS in viewer.js): a wait for a flush may take that long.
const FLUSH_TIMEOUT = 15_000;

const [mode, target, ...forbidden] = process.argv.slice(2);
const drivers = { pdf: viewPdf, image: viewImage, video: viewVideo };
const browser = await chromium.launch({
  executablePath: process.env.GLINT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
  headless: true,
});
try {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  if (mode === 'record-webm') {
    await writeFile(target, await recordWebm(page));
  } else if (drivers[mode]) {
    console.log(JSON.stringify(await view(page, target, drivers[mode])));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  await browser.close();
}

/** Opens the link, lets {@code drive} act on the viewer, checks the DOM and leaves; every beacon batch is kept. */
async function view(page, url, drive) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const beacons = [];
  page.on('response', (answer) => {
    if (answer.url().includes('/beacons')) {
      beacons.push({ status: answer.status(), body: JSON.parse(answer.request().postData()) });
    }
  });
  const response = await page.goto(url);
  const headers = response.headers();
  const result = await drive(page);
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const leaving = beacons.length;
  await page.goto('about:blank');
  return {
    status: response.status(),
    csp: headers['content-security-policy'] ?? null,
    ...result,
    forbiddenFound: forbidden.filter((s) => html.includes(s)),
    htmlLength: html.length,
    beaconStatuses: beacons.map((b) => b.status),
    beaconBatches: beacons.slice(0, leaving).map((b) => b.body.beacons),
    errors,
  };
}

/** Waits until a beacon batch holding a beacon that {@code matches} has been answered. */
function beaconSent(page, matches, timeout = TIMEOUT) {
  return page.waitForResponse((r) => r.url().includes('/beacons')
    && (JSON.parse(r.request().postData()).beacons ?? []).some(matches), { timeout });
}

async function viewPdf(page) {
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
  await beaconSent(page, (b) => b.kind === 'page', FLUSH_TIMEOUT);
  return { failed, canvases: count, inkedPixels };
}

/** Shows the image and keeps it in view over two of the viewer's flushes; reports how long it was visible. */
async function viewImage(page) {
  const shown = await page.waitForFunction(() => {
    const img = document.querySelector('#viewer img.image');
    const status = document.querySelector('#viewer .status');
    if (img?.complete && img.naturalWidth > 0) {
      return { naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, failed: null };
    }
    return status && !status.hidden && status.textContent.includes('could not') ? { failed: status.textContent } : null;
  }, null, { timeout: TIMEOUT }).then((h) => h.jsonValue());
  if (shown.failed) {
    return shown;
  }
  const visibleSince = Date.now();
  for (let flushes = 0; flushes < 2; flushes++) {
    await beaconSent(page, (b) => b.kind === 'image', FLUSH_TIMEOUT);
  }
  return { ...shown, visibleAtLeastMs: Date.now() - visibleSince };
}

/**
 * Plays the video from the start, pauses it, seeks forward past a part, plays it to the end; waits
 * for each playback beacon to be answered before the next step so they reach the queue in order.
 */
async function viewVideo(page) {
  const loaded = await page.waitForFunction(() => {
    const video = document.querySelector('#viewer video');
    const status = document.querySelector('#viewer .status');
    if (video && video.readyState >= 1 && Number.isFinite(video.duration)) {
      return { duration: video.duration, failed: null };
    }
    return status && !status.hidden && status.textContent.includes('could not') ? { failed: status.textContent } : null;
  }, null, { timeout: TIMEOUT }).then((h) => h.jsonValue());
  if (loaded.failed) {
    return loaded;
  }
  const steps = [];
  const step = async (event, act, arg) => {
    const sent = beaconSent(page, (b) => b.kind === 'video' && b.event === event);
    await page.evaluate(act, arg);
    await sent;
    steps.push({ event, position: await page.evaluate(() => document.querySelector('#viewer video').currentTime) });
  };
  // A real click gives the page the user activation that autoplay rules ask of play() with sound.
  await page.click('header h1');
  await step('play', () => document.querySelector('#viewer video').play());
  await page.waitForFunction(() => document.querySelector('#viewer video').currentTime >= 0.5, null, { timeout: TIMEOUT });
  await step('pause', () => document.querySelector('#viewer video').pause());
  const seekTo = Math.round(loaded.duration * 0.6 * 1000) / 1000;
  await step('seek', (to) => { document.querySelector('#viewer video').currentTime = to; }, seekTo);
  const ended = beaconSent(page, (b) => b.kind === 'video' && b.event === 'ended');
  await step('play', () => document.querySelector('#viewer video').play());
  await ended;
  const frame = await page.evaluate(() => {
    const v = document.querySelector('#viewer video');
    return { ended: v.ended, videoWidth: v.videoWidth, videoHeight: v.videoHeight,
      decodedFrames: v.getVideoPlaybackQuality().totalVideoFrames };
  });
  return { failed: null, duration: loaded.duration, seekTo, steps, ...frame };
}

/**
 * Records a ~2 s animation on a canvas with MediaRecorder (VP8 in WebM), then writes the Duration
 * chromium's recorder leaves out (without it the video's duration is Infinity until played through).
 */
async function recordWebm(page) {
  await page.setContent('<canvas width="160" height="120"></canvas>');
  const recorded = await page.evaluate(async () => {
    const canvas = document.querySelector('canvas');
    const ctx = canvas.getContext('2d');
    let frame = 0;
    const draw = () => {
      ctx.fillStyle = `hsl(${(frame * 9) % 360}, 80%, 50%)`;
      ctx.fillRect(0, 0, 160, 120);
      ctx.fillStyle = '#000';
      ctx.fillRect((frame * 4) % 160, 40, 20, 40);
      frame++;
    };
    draw();
    const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm;codecs=vp8' });
    const chunks = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const timer = setInterval(draw, 33);
    const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
    recorder.start(250);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the length of the clip, not a wait for anything
    recorder.stop();
    await stopped;
    clearInterval(timer);
    const blob = new Blob(chunks, { type: 'video/webm' });
    // Seeking far past the end makes chromium find the real end of the stream.
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(blob);
    await new Promise((resolve, reject) => { video.onloadedmetadata = resolve; video.onerror = () => reject(new Error('unplayable')); });
    const known = new Promise((resolve) => { video.ondurationchange = () => { if (Number.isFinite(video.duration)) resolve(); }; });
    video.currentTime = 1e9;
    await known;
    return { bytes: [...new Uint8Array(await blob.arrayBuffer())], durationMs: Math.round(video.duration * 1000) };
  });
  const webm = withDuration(Uint8Array.from(recorded.bytes), recorded.durationMs);
  const check = await page.evaluate(async (bytes) => {
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([Uint8Array.from(bytes)], { type: 'video/webm' }));
    await new Promise((resolve, reject) => { video.onloadedmetadata = resolve; video.onerror = () => reject(new Error('unplayable')); });
    return video.duration;
  }, [...webm]);
  if (!(Number.isFinite(check) && check > 1)) {
    throw new Error(`the recorded WebM has no usable duration (${check})`);
  }
  return webm;
}

/** The WebM with a Duration element (EBML 0x4489, float64 ms at the default timecode scale) added to its Segment Info. */
function withDuration(webm, durationMs) {
  let at = 0;
  const element = () => {
    const start = at;
    const id = vint(true);
    const size = vint(false);
    return { start, id, size, data: at };
  };
  // An EBML variable-length integer; ids keep their marker bit, sizes drop it.
  function vint(keepMarker) {
    const first = webm[at];
    let length = 1;
    while (length <= 8 && !(first & (0x80 >> (length - 1)))) {
      length++;
    }
    let value = keepMarker ? first : first & (0xff >> length);
    for (let i = 1; i < length; i++) {
      value = value * 256 + webm[at + i];
    }
    at += length;
    return value;
  }
  const header = element();
  at = header.data + header.size;
  const segment = element();
  if (header.id !== 0x1a45dfa3 || segment.id !== 0x18538067) {
    throw new Error('not a WebM file');
  }
  for (let child = element(); ; child = element()) {
    if (child.id === 0x1549a966) { // Info
      const duration = new Uint8Array(11);
      duration.set([0x44, 0x89, 0x88]);
      new DataView(duration.buffer).setFloat64(3, durationMs);
      const size = new Uint8Array(8); // the new size as an 8-byte vint
      let n = child.size + duration.length;
      for (let i = 7; i > 0; i--) {
        size[i] = n % 256;
        n = Math.floor(n / 256);
      }
      size[0] = 0x01;
      const end = child.data + child.size;
      return concat(webm.subarray(0, child.start), [0x15, 0x49, 0xa9, 0x66], size,
        webm.subarray(child.data, end), duration, webm.subarray(end));
    }
    if (child.id === 0x1f43b675) { // a Cluster before any Info
      throw new Error('no Segment Info before the first Cluster');
    }
    at = child.data + child.size;
  }
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
