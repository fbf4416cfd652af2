// Preloaded (node --require) into the BUILT services bundle (out/main/services.cjs) when the bench runs
// it as the desktop app's utility process under plain Node (child_process.fork): stands in for
// Electron's process.parentPort, and answers the bench's { type: 'usage' } messages itself with
// what the process used since the previous one — CPU of all its threads, the kernel's peak RSS, and
// the largest RSS seen by a 50 ms sampler with what made it up at that moment (this thread's V8
// heap, ArrayBuffers). The services never see those messages.
const SAMPLE_MS = 50;
const MB = 1048576;

function sample() {
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapMb: m.heapTotal / MB, heapUsedMb: m.heapUsed / MB, arrayBuffersMb: m.arrayBuffers / MB };
}

let peak = sample();
setInterval(() => {
  const rss = process.memoryUsage.rss() / MB;
  if (rss > peak.rssMb) peak = sample();
}, SAMPLE_MS).unref();

let cpuFrom = process.cpuUsage();

function usage() {
  const cpu = process.cpuUsage(cpuFrom);
  cpuFrom = process.cpuUsage();
  const at = peak;
  peak = sample();
  return {
    type: 'usage',
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    peak: at,
  };
}

const listeners = [];
process.parentPort = {
  on(event, listener) {
    if (event === 'message') listeners.push(listener);
  },
  postMessage(message) {
    process.send(message);
  },
};
process.on('message', (data) => {
  if (data && data.type === 'usage') {
    process.send(usage());
    return;
  }
  for (const l of listeners) l({ data });
});
