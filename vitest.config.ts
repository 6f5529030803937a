import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; under test the guard has nothing to guard.
      "server-only": path.resolve(import.meta.dirname, "db/testing/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Logs go straight to stdout (past Vitest's console capture): quiet unless asked for.
    env: { TANDEM_BCRYPT_COST: "4", LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
  },
});
