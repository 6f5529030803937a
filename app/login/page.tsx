import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/shell/login-form";
import { Logo } from "@/components/shell/logo";
import { signInWithProviderAction } from "@/lib/auth/actions";
import { externalProviderIds } from "@/lib/auth/providers";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getActor()) redirect("/workflows");
  const { callbackUrl } = await searchParams;
  const providers = externalProviderIds();
  const demo = process.env.TANDEM_SEED !== "off" && !process.env.DATABASE_URL;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo size={40} />
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Tandem</h1>
          <p className="text-sm text-slate-500">Multi-step work with AI agents, people in control.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <LoginForm callbackUrl={callbackUrl} />
          {providers.length ? (
            <div className="mt-6 space-y-2 border-t border-slate-100 pt-6">
              {providers.map((p) => (
                <form key={p.id} action={signInWithProviderAction}>
                  <input type="hidden" name="provider" value={p.id} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/workflows"} />
                  <button className="w-full rounded-md px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">
                    Continue with {p.name}
                  </button>
                </form>
              ))}
            </div>
          ) : null}
        </div>
        {demo ? (
          <p className="mt-4 text-center text-xs text-slate-500">
            Demo accounts: <code>alice@tandem.local</code>, <code>carol@tandem.local</code>, … password{" "}
            <code>tandem-demo</code>
          </p>
        ) : null}
      </div>
    </main>
  );
}
