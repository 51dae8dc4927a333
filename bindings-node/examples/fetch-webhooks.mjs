// Receiving Digiteal webhooks with a web-standard handler (`Request` in, `Response` out), as
// Deno, Bun, Cloudflare Workers and Next.js route handlers call it; run here on Node's `node:http`
// through a small adapter.
//
//   DIGITEAL_WEBHOOK_LOGIN=... DIGITEAL_WEBHOOK_PASSWORD=... PORT=3000 node examples/fetch-webhooks.mjs
//
// Read the body once, as bytes (`request.arrayBuffer()`), and verify those: never `request.json()`
// first.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';

import { digiteal, DecodeError, SignatureError } from 'kassa';

const credentials = { login: process.env.DIGITEAL_WEBHOOK_LOGIN, password: process.env.DIGITEAL_WEBHOOK_PASSWORD };
const handled = new Set(); // dedupe keys (use your database: a unique column)

/** `POST /webhooks/digiteal/<TYPE>`. */
export async function handle(request) {
  const type = new URL(request.url).pathname.match(/^\/webhooks\/digiteal\/([A-Z_]+)$/)?.[1];
  if (request.method !== 'POST' || !type) return new Response('not found', { status: 404 });
  let event;
  try {
    const body = new Uint8Array(await request.arrayBuffer());
    event = digiteal.webhooks.verify(body, request.headers.get('authorization'), { ...credentials, type });
  } catch (error) {
    if (error instanceof SignatureError) return new Response('bad credentials', { status: 401 });
    if (error instanceof DecodeError) return new Response('bad body', { status: 400 });
    throw error;
  }
  if (!handled.has(event.dedupe_key)) {
    handled.add(event.dedupe_key);
    console.log(JSON.stringify({ handled: event.type, dedupe_key: event.dedupe_key, family: event.family }));
  }
  return new Response('ok', { status: 200 });
}

/** Node's request as a `Request`, the `Response` written back. */
const server = createServer(async (req, res) => {
  try {
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([n, v]) => [v].flat().map((x) => [n, x])),
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Readable.toWeb(req),
      duplex: 'half',
    });
    const response = await handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    console.error(error);
    res.writeHead(500).end();
  }
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
