// A parse worker driven by the job's bytes: "hang" never answers, "die" exits
// (as on out-of-memory), anything else answers with an empty snapshot named after the bytes.
import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, job }) => {
  const text = new TextDecoder().decode(job.bytes);
  if (text === 'hang') return;
  if (text === 'die') process.exit(3);
  parentPort.postMessage({ id, ok: true, snapshot: { sheetNames: [text], sheets: {}, names: [], date1904: false } });
});
parentPort.postMessage({ ready: true });
