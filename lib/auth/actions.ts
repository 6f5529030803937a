"use server";
import { AuthError } from "next-auth";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { signIn, signOut } from "./next-auth";

/** The failure message, and the email to put back in the form (React resets the form after an action). */
export type SignInState = { message: string; email: string } | null;

const GENERIC = "That email and password do not match an active account.";

function safeCallback(value: FormDataEntryValue | null): string {
  const s = typeof value === "string" ? value : "";
  // Only same-site paths: never an absolute URL or a protocol-relative one.
  return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/\\") ? s : "/workflows";
}

/** Signs in with email and password; every failure reads the same, except the rate limit. */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").slice(0, 320);
  try {
    await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirectTo: safeCallback(form.get("callbackUrl")),
    });
    return null;
  } catch (err) {
    if (isRedirectError(err)) throw err;
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      if (code === "rate_limited") return { message: "Too many sign-in attempts. Wait 15 minutes and try again.", email };
      return { message: GENERIC, email };
    }
    throw err;
  }
}

/** Signs in through an external provider enabled by the environment. */
export async function signInWithProviderAction(form: FormData): Promise<void> {
  await signIn(String(form.get("provider")), { redirectTo: safeCallback(form.get("callbackUrl")) });
}

/** Ends the session and returns to the sign-in page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
