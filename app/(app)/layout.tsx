import { Providers } from "@/components/providers";
import { AppHeader } from "@/components/shell/app-header";
import { requireActor } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <AppHeader actor={actor} />
      <main className="mx-auto max-w-[1600px] px-6 py-6">
        <Providers>{children}</Providers>
      </main>
    </>
  );
}
