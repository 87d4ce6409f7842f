// The attachment viewer: shows the document (PDF pages on canvases, an image or a video) and
// reports what was seen as beacons to /a/{token}/beacons, flushed every 10 s and when the tab is
// hidden or closed. The document itself is fetched from /a/{token}/file, which redirects to a
// short-lived URL that never enters the page.
const root = document.getElementById('viewer');
const data = root.dataset;
const fileUrl = `${data.file}?s=${encodeURIComponent(data.session)}`;
const FLUSH_MS = 10_000;
const MAX_BATCH = 20;
const MAX_DWELL = 60_000;

const queue = [];
const collectors = [];

function record(beacon) {
  queue.push(beacon);
}

function flush() {
  collectors.forEach((collect) => collect());
  send();
}

function send() {
  while (queue.length > 0) {
    const body = JSON.stringify({ session: data.session, beacons: queue.splice(0, MAX_BATCH) });
    // A string body goes as text/plain: no preflight, and the browser delivers it even as the page closes.
    if (!navigator.sendBeacon(data.beacons, body)) {
      fetch(data.beacons, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain' } })
        .catch(() => {});
    }
  }
}

/** Time something is on screen while the tab is visible, in ms not yet reported. */
class Dwell {
  constructor() { this.onScreen = false; this.since = null; this.pending = 0; }
  update(onScreen) {
    this.settle();
    this.onScreen = onScreen;
    this.since = onScreen && document.visibilityState === 'visible' ? performance.now() : null;
  }
  settle() {
    if (this.since !== null) {
      const now = performance.now();
      this.pending += now - this.since;
      this.since = now;
    }
  }
  /** The unreported time in beacon-sized pieces. */
  take() {
    this.settle();
    const pieces = [];
    let left = Math.round(this.pending);
    this.pending = 0;
    while (left > 0) {
      pieces.push(Math.min(left, MAX_DWELL));
      left -= MAX_DWELL;
    }
    return pieces;
  }
}

const dwellers = [];
document.addEventListener('visibilitychange', () => {
  dwellers.forEach((d) => d.update(d.onScreen));
  if (document.visibilityState === 'hidden') {
    flush();
  }
});
window.addEventListener('pagehide', flush);
setInterval(flush, FLUSH_MS);
root.addEventListener('contextmenu', (e) => e.preventDefault());

function status(text) {
  let p = root.querySelector('.status');
  if (!p) {
    p = document.createElement('p');
    p.className = 'status';
    root.prepend(p);
  }
  p.textContent = text;
  p.hidden = text === '';
}

async function showPdf() {
  const pdfjs = await import(data.pdfjs);
  pdfjs.GlobalWorkerOptions.workerSrc = data.pdfjsWorker;
  const response = await fetch(fileUrl, { credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!response.ok) {
    throw new Error(`the document could not be loaded (${response.status})`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const pdf = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, enableXfa: false }).promise;
  const pages = [];
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const page = pages[Number(entry.target.dataset.page) - 1];
      // Half the page in view, or half the window filled by it (a page taller than the window).
      const visible = entry.intersectionRatio >= 0.5
        || (entry.rootBounds !== null && entry.intersectionRect.height >= 0.5 * entry.rootBounds.height);
      if (visible && !page.shown) {
        page.shown = true;
        page.canvas.dataset.seen = 'true';
        page.fresh = true; // reported at the next flush even before any dwell accrues
      }
      page.dwell.update(visible);
    }
    trackScroll();
  }, { threshold: [0, 0.25, 0.5, 0.75, 1] });

  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: Math.min(2, (root.clientWidth || 800) / page.getViewport({ scale: 1 }).width) });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.dataset.page = String(n);
    canvas.className = 'page';
    canvas.setAttribute('aria-label', `Page ${n} of ${pdf.numPages}`);
    root.append(canvas);
    await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
    pages.push({ n, canvas, shown: false, fresh: false, scroll: 0, reportedScroll: -1, dwell: new Dwell() });
    dwellers.push(pages[n - 1].dwell);
    observer.observe(canvas);
  }
  status('');
  root.dataset.rendered = String(pdf.numPages);

  function trackScroll() {
    const bottom = window.innerHeight;
    for (const page of pages) {
      const box = page.canvas.getBoundingClientRect();
      if (box.height > 0 && box.top < bottom) {
        const seen = Math.max(0, Math.min(100, Math.round(((bottom - box.top) / box.height) * 100)));
        page.scroll = Math.max(page.scroll, seen);
      }
    }
  }
  window.addEventListener('scroll', trackScroll, { passive: true });

  collectors.push(() => {
    for (const page of pages) {
      const pieces = page.dwell.take();
      if (page.fresh && pieces.length === 0) {
        pieces.push(0);
      }
      if (pieces.length === 0 && page.shown && page.scroll > page.reportedScroll) {
        pieces.push(0);
      }
      for (const dwellMs of pieces) {
        record({ kind: 'page', page: page.n, dwellMs, scroll: page.scroll });
      }
      if (pieces.length > 0) {
        page.fresh = false;
        page.reportedScroll = page.scroll;
      }
    }
  });
}

function showImage() {
  const img = document.createElement('img');
  img.alt = document.title;
  img.className = 'image';
  img.draggable = false;
  img.referrerPolicy = 'no-referrer';
  const dwell = new Dwell();
  dwellers.push(dwell);
  img.addEventListener('load', () => {
    status('');
    new IntersectionObserver((entries) => entries.forEach((e) => dwell.update(e.intersectionRatio >= 0.5)),
      { threshold: [0, 0.5, 1] }).observe(img);
  });
  img.addEventListener('error', () => status('The image could not be loaded.'));
  img.src = fileUrl;
  root.append(img);
  collectors.push(() => dwell.take().forEach((dwellMs) => record({ kind: 'image', dwellMs })));
}

function showVideo() {
  const video = document.createElement('video');
  video.controls = true;
  video.preload = 'metadata';
  video.disablePictureInPicture = true;
  video.setAttribute('controlsList', 'nodownload noplaybackrate');
  video.className = 'video';
  const report = (event) => {
    // A recorded WebM may not say how long it is until it has played through: positions only, then.
    const known = Number.isFinite(video.duration) && video.duration > 0;
    const beacon = { kind: 'video', event, position: known ? Math.min(video.currentTime, video.duration) : video.currentTime };
    if (known) {
      beacon.duration = video.duration;
    }
    record(beacon);
    // The worker times each played stretch by when its events arrive: a playback event cannot wait for the flush.
    if (event !== 'timeupdate') {
      send();
    }
  };
  video.addEventListener('loadedmetadata', () => status(''));
  video.addEventListener('error', () => status('The video could not be loaded.'));
  video.addEventListener('play', () => report('play'));
  video.addEventListener('pause', () => { if (!video.ended) report('pause'); });
  video.addEventListener('seeked', () => report('seek'));
  video.addEventListener('ended', () => report('ended'));
  // While playing, where it got to: the worker folds positions into the percent watched.
  collectors.push(() => { if (!video.paused && !video.ended) report('timeupdate'); });
  video.src = fileUrl;
  root.append(video);
}

try {
  switch (data.kind) {
    case 'pdf': await showPdf(); break;
    case 'image': showImage(); break;
    case 'video': showVideo(); break;
    default: status('This file cannot be shown here.');
  }
} catch (e) {
  status(`This file cannot be shown: ${e.message}`);
  root.dataset.failed = e.message;
}
