#!/usr/bin/env node
// A webhook receiver for Kabinet deliveries. For each POST it:
//   1. checks X-Kabinet-Signature (`sha256=` + hex HMAC-SHA256 of the exact body bytes, the key
//      being the UTF-8 bytes of the signing secret createWebhook showed once), in constant time;
//   2. refuses a delivery whose signed `occurredAt` is older than MAX_AGE_SECONDS (or too far in
//      the future), so a captured request cannot be replayed later;
//   3. refuses a `deliveryId` it has already accepted within that window (a replay), and answers
//      a retry of an accepted delivery with 200 without handling it twice;
//   4. answers 2xx at once and prints the payload.
// No dependencies beyond Node:
//
//   WEBHOOK_SECRET=whsec_... PORT=8080 node examples/webhook-receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const SECRET = process.env.WEBHOOK_SECRET;
const PORT = Number(process.env.PORT ?? 8080);
const HOST = process.env.HOST ?? '127.0.0.1';
// Kabinet retries a delivery for about two minutes; the window must be longer than that.
const MAX_AGE_SECONDS = Number(process.env.MAX_AGE_SECONDS ?? 600);
const MAX_BODY_BYTES = 64 * 1024;

if (!SECRET) {
  console.error('usage: WEBHOOK_SECRET=whsec_... [PORT=8080] node examples/webhook-receiver.mjs');
  process.exit(2);
}

/** deliveryId → when it was accepted (ms); entries older than the window are dropped. */
const accepted = new Map();

function signatureValid(body, header) {
  if (typeof header !== 'string') {
    return false;
  }
  const expected = Buffer.from('sha256=' + createHmac('sha256', SECRET).update(body).digest('hex'));
  const presented = Buffer.from(header.trim());
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}

function forget(now) {
  for (const [id, at] of accepted) {
    if (now - at > MAX_AGE_SECONDS * 1000) {
      accepted.delete(id);
    }
  }
}

function answer(res, status, reason) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(reason ? { ok: status < 300, reason } : { ok: true }));
  if (status >= 300) {
    console.log(`refused ${status}: ${reason}`);
  }
}

function handle(body, headers, res) {
  // The signature first: nothing else in the request is trusted before it holds.
  if (!signatureValid(body, headers['x-kabinet-signature'])) {
    return answer(res, 401, 'bad signature');
  }
  let payload;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return answer(res, 400, 'body is not JSON');
  }
  const now = Date.now();
  const occurredAt = Date.parse(payload.occurredAt);
  if (!Number.isFinite(occurredAt)) {
    return answer(res, 400, 'no occurredAt');
  }
  if (now - occurredAt > MAX_AGE_SECONDS * 1000 || occurredAt - now > 60_000) {
    return answer(res, 400, 'stale timestamp');
  }
  forget(now);
  if (typeof payload.deliveryId !== 'string' || payload.deliveryId !== headers['x-kabinet-delivery']) {
    return answer(res, 400, 'deliveryId does not match X-Kabinet-Delivery');
  }
  if (accepted.has(payload.deliveryId)) {
    // Already handled: a retry after a lost answer, or a replay. Either way, nothing more to do.
    console.log(`duplicate ${payload.deliveryId}: already handled`);
    return answer(res, 200);
  }
  accepted.set(payload.deliveryId, now);
  answer(res, 200);
  console.log(`verified ${payload.event} ${payload.deliveryId}`);
  console.log(JSON.stringify(payload, null, 2));
  return undefined;
}

const server = createServer((req, res) => {
  if (req.method !== 'POST') {
    return answer(res, 405, 'POST only');
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      answer(res, 413, 'body too large');
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => handle(Buffer.concat(chunks), req.headers, res));
  return undefined;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on http://${HOST}:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
