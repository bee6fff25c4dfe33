// Preloaded (`node --import bench/watch-parent.ts …`) into every process the benchmark starts, so that
// none outlives the harness even when the harness is killed with SIGKILL: once the parent is gone
// (the process is re-parented), exit. A one-second, unref'd timer; it changes nothing else.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
