// Preloaded (`node --import bench/watch-parent.mjs …`) into every process the benchmark starts, so that
// none outlives the harness even when the harness is killed with SIGKILL: once the parent is gone
// (the process is re-parented), exit. A one-second, unref'd timer; it changes nothing else. Plain
// JavaScript: a .ts file would load node's TypeScript stripper into every measured process (about 13 MB
// of resident memory in each, the peers' too).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
