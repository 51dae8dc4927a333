// Receiving Digiteal webhooks with express: verify the Basic credentials Digiteal presents over
// the raw body, then handle each event once (Digiteal resends until it gets a 200).
//
//   DIGITEAL_WEBHOOK_LOGIN=... DIGITEAL_WEBHOOK_PASSWORD=... PORT=3000 node examples/express-webhooks.mjs
//
// and configure https://<your host>/webhooks/digiteal/<TYPE> with `digiteal.webhooks.setConfiguration`.
//
// The classic mistake: `app.use(express.json())` before this route. Verification needs the body
// exactly as it arrived; a parsed-and-re-serialised body is not it. `express.raw` keeps the bytes.
import express from 'express';
import { digiteal, DecodeError, SignatureError } from 'kassa';

const credentials = { login: process.env.DIGITEAL_WEBHOOK_LOGIN, password: process.env.DIGITEAL_WEBHOOK_PASSWORD };
const handled = new Set(); // dedupe keys (use your database: a unique column)

const app = express();
app.post('/webhooks/digiteal/:type', express.raw({ type: 'application/json' }), (req, res) => {
  let event;
  try {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    event = digiteal.webhooks.verify(body, req.get('authorization') ?? null, { ...credentials, type: req.params.type });
  } catch (error) {
    if (error instanceof SignatureError) return res.status(401).send('bad credentials');
    if (error instanceof DecodeError) return res.status(400).send('bad body');
    throw error; // a ValidationError: this server is misconfigured (no password set)
  }
  if (!handled.has(event.dedupe_key)) {
    handled.add(event.dedupe_key);
    console.log(JSON.stringify({ handled: event.type, dedupe_key: event.dedupe_key, family: event.family }));
  }
  res.status(200).send('ok');
});

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
