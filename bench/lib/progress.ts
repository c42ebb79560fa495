/** A progress bar on stderr (redrawn in place on a terminal, a line every 10 % otherwise). */
export function progressBar(label: string, total: number) {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  let lastDraw = 0;
  const draw = (done: number, final = false) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const width = 30;
    const filled = Math.round(ratio * width);
    const line = `${label.padEnd(16)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}  ${seconds.toFixed(1)} s  ${Math.round(rate).toLocaleString("en-US")}/s`;
    if (tty) process.stderr.write(`\r${line}${final ? "\n" : ""}`);
    else {
      const tenth = Math.floor(ratio * 10);
      if (tenth !== lastTenth || final) {
        lastTenth = tenth;
        process.stderr.write(`${line}\n`);
      }
    }
  };
  return {
    tick(done: number) {
      const now = performance.now();
      if (tty && now - lastDraw < 100) return;
      lastDraw = now;
      draw(done);
    },
    done(done = total) {
      draw(done, true);
      return (performance.now() - started) / 1000;
    },
  };
}
