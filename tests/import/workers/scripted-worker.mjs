// A parse worker driven by the job's bytes: "hang" never answers, "die" exits
// (as on out-of-memory), anything else answers with an empty snapshot named after the bytes,
// packed as the real worker packs it (src/services/import/packed.ts).
import { parentPort } from 'node:worker_threads';
import { serialize } from 'node:v8';
import { deflateRawSync } from 'node:zlib';
parentPort.on('message', ({ id, job }) => {
  const text = new TextDecoder().decode(job.bytes);
  if (text === 'hang') return;
  if (text === 'die') process.exit(3);
  // src/services/import/packed.ts's form: the snapshot without its sheets, serialized and deflated, then each sheet so (none here).
  const head = deflateRawSync(serialize({ sheetNames: [text], names: [], date1904: false }), { level: 1 });
  const packed = new Uint8Array(serialize({ head, sheets: [] }));
  parentPort.postMessage({ id, ok: true, packed }, [packed.buffer]);
});
parentPort.postMessage({ ready: true });
