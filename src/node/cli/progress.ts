// Progress on stderr for `arbiter eval`: a live line on a terminal, a line every few seconds otherwise. Node.
export function createProgressReporter(total: number, already: number) {
  const start = performance.now();
  const tty = process.stderr.isTTY;
  let done = already;
  let fresh = 0;
  let failed = 0;
  let last = 0;
  const line = () => {
    const secs = (performance.now() - start) / 1000;
    const rate = secs > 0 ? fresh / secs : 0;
    const eta = rate > 0 ? `${Math.round((total - done) / rate)} s left` : '';
    return `${done}/${total} scored${failed ? `, ${failed} failed` : ''}, ${rate.toFixed(1)}/s ${eta}`;
  };
  return {
    tick(fail: boolean) {
      done++;
      fresh++;
      if (fail) failed++;
      const now = performance.now();
      if (now - last < (tty ? 100 : 5000)) return;
      last = now;
      process.stderr.write(tty ? `\r${line()}\x1b[K` : `${line()}\n`);
    },
    end() {
      process.stderr.write(tty ? `\r${line()}\x1b[K\n` : `${line()}\n`);
    },
  };
}
