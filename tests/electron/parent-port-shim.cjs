// Stands in for Electron's process.parentPort when a built utility-process bundle runs under plain Node (child_process.fork).
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage(message) {
    process.send(message);
  },
};
