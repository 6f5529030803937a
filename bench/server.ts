import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/** Top-level entries never copied: build output, data folders, reports, dependencies (linked apart). */
const SKIP = new Set([".next", ".tandem", ".git", "node_modules", "test-results", "test-reports", "playwright-report", "tsconfig.tsbuildinfo"]);

/**
 * Copies the project to `dest` for a build of its own, so the bench never touches the working
 * tree's `.next`. Dependencies are hard-linked when the file system allows it (seconds, no space),
 * copied otherwise.
 */
export function copyTree(root: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  cpSync(root, dest, {
    recursive: true,
    filter: (src) => path.dirname(src) !== root || !SKIP.has(path.basename(src)),
  });
  const modules = path.join(root, "node_modules");
  const linked = spawnSync("cp", ["-al", modules, path.join(dest, "node_modules")], { stdio: "ignore" });
  if (linked.status !== 0) cpSync(modules, path.join(dest, "node_modules"), { recursive: true, verbatimSymlinks: true });
}

const nextBin = (dir: string) => path.join(dir, "node_modules", "next", "dist", "bin", "next");

export type Build = { done: Promise<number>; stop: () => Promise<void> };

/** `next build` in `dir`: `done` resolves with the time it took, or rejects with the tail of its output. */
export function buildApp(dir: string, env: NodeJS.ProcessEnv): Build {
  const start = performance.now();
  const child = spawn(process.execPath, [nextBin(dir), "build"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  const done = new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve(performance.now() - start);
      try {
        writeFileSync(path.join(dir, "bench-build.log"), out);
      } catch {
        // the folder is being removed
      }
      reject(new Error(`next build failed (${signal ?? `exit ${code}`}):\n${out.split("\n").slice(-40).join("\n")}`));
    });
  });
  done.catch(() => {}); // the caller awaits it later; an early failure is not "unhandled" meanwhile
  return { done, stop: () => stopChild(child) };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type AppServer = {
  baseUrl: string;
  stop: () => Promise<void>;
  /** The end of the server's output, and whether it is still running: for failure reports. */
  tail: () => string;
};

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** `next start` on a free port in a built `dir`; resolves once /api/health answers ok. */
export async function startApp(dir: string, env: NodeJS.ProcessEnv): Promise<AppServer> {
  if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new Error(`No build in ${dir}.`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [nextBin(dir), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const tail = () => `${child.exitCode ?? child.signalCode ?? "running"}; last output:\n${out.slice(-3000)}`;
  const server = { baseUrl, stop: () => stopChild(child), tail };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${out.slice(-3000)}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`next start did not answer /api/health within 90 s:\n${out.slice(-3000)}`);
}
