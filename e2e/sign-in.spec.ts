import { DEMO_PASSWORD, demoUsers, expect, test } from "./fixtures";

// Every failed sign-in here counts toward the per-IP limit (20 per 15 minutes), which all tests
// share: this file makes 7 failures in all, and no other spec may add any.
const GENERIC = "That email and password do not match an active account.";

test("a signed-out visit lands on /login and signing in returns to the page asked for", async ({ signedOut }) => {
  const { page, login, workflows, header } = signedOut;
  await workflows.goto("team");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fworkflows%3Ffilter%3Dteam$/);
  await expect(login.heading).toBeVisible();

  await login.signIn(demoUsers.bob.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/workflows\?filter=team$/);
  await expect(header.currentUser).toContainText(demoUsers.bob.name);
});

test("a wrong password and an unknown email get the same message", async ({ signedOut }) => {
  const { page, login } = signedOut;
  await login.goto();
  await login.attempt(demoUsers.dan.email, "not-the-password");
  await expect(login.error).toHaveRole("alert");
  await expect(login.error).toHaveText(GENERIC);
  await expect(page).toHaveURL(/\/login$/);
  // The email stays for the next try; the password does not.
  await expect(login.email).toHaveValue(demoUsers.dan.email);
  await expect(login.password).toHaveValue("");

  await login.goto();
  await login.attempt("nobody-here@example.com", DEMO_PASSWORD);
  await expect(login.error).toHaveText(GENERIC);

  // Having failed, the right password now gets in.
  await login.signIn(demoUsers.dan.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/workflows$/);
});

test("signing out ends the session, even for a copy of its cookie", async ({ signInAs }) => {
  const { page, header, workflows, login } = await signInAs("admin");
  const before = await page.context().cookies();
  await header.signOut();
  await expect(login.heading).toBeVisible();

  await workflows.goto();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fworkflows$/);

  // Someone who kept the old cookie gets nowhere: the session id was revoked on the server.
  await page.context().addCookies(before);
  await workflows.goto();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fworkflows$/);
  await expect(login.heading).toBeVisible();
});

test("the sixth wrong attempt for one account is refused as too many", async ({ signedOut }) => {
  const { login } = signedOut;
  const email = "ratelimit-probe@example.com";
  await login.goto();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await login.attempt(email, `wrong-${attempt}`);
    await expect(login.error, `attempt ${attempt}`).toHaveText(GENERIC);
  }
  await login.attempt(email, "wrong-6");
  await expect(login.error).toContainText("Too many sign-in attempts");
});
