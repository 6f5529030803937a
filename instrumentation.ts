/** Runs once when the server starts: opens the database, migrates, seeds a fresh install. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./db/boot");
  await boot();
}
