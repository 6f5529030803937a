import { Writable } from "node:stream";
import { type Logger, createLogger } from "./log";

/** A logger whose JSON lines a test can read back (each line parsed). */
export function captureLog(level = "debug"): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  const lines = () =>
    chunks
      .join("")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines };
}
