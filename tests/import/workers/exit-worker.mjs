// A parse worker that starts, then dies on its first job (as on out-of-memory).
import { parentPort } from 'node:worker_threads';
parentPort.on('message', () => process.exit(3));
parentPort.postMessage({ ready: true });
