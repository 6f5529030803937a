"use client";
import { Button } from "@/components/ui/button";
import { useCopy } from "@/components/ui/use-copy";

/** Copies text, saying so; a refused clipboard leaves the text selectable. */
function CopyButton({ text, label }: { text: string; label: string }) {
  const { state, copy } = useCopy(text);
  return (
    <Button type="button" variant="secondary" onClick={copy} aria-label={label}>
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}
    </Button>
  );
}

/** A shell example that signs a JSON body the way the endpoint checks it, then sends it. */
export function curlExample(url: string, secret: string | null): string {
  return [
    `SECRET='${secret ?? "<the trigger's secret>"}'`,
    `BODY='{"title": "Hello from curl"}'`,
    "TS=$(date +%s)",
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')`,
    `curl -sS -X POST '${url}' \\`,
    "  -H 'Content-Type: application/json' \\",
    '  -H "X-Tandem-Timestamp: $TS" \\',
    '  -H "X-Tandem-Signature: sha256=$SIG" \\',
    '  -H "X-Tandem-Delivery: $(date +%s%N)" \\',
    '  --data "$BODY"',
  ].join("\n");
}

/** How to call a webhook trigger: its URL, the signing rule and a curl example (with the secret, when just made). */
export function WebhookHelp({ url, secret }: { url: string; secret: string | null }) {
  const example = curlExample(url, secret);
  return (
    <div className="space-y-2 text-sm" data-testid="webhook-help">
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 truncate rounded-md bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800" data-testid="webhook-url">
          POST {url}
        </code>
        <CopyButton text={url} label="Copy the webhook URL" />
      </div>
      <p className="text-xs text-slate-600">
        Sign each delivery: <code className="font-mono">X-Tandem-Timestamp</code> is the time in unix seconds (within 5 minutes of ours), and{" "}
        <code className="font-mono">X-Tandem-Signature</code> is <code className="font-mono">sha256=</code> and the hex HMAC-SHA256 of{" "}
        <code className="font-mono">&lt;timestamp&gt;.&lt;raw body&gt;</code> under the secret. A repeated <code className="font-mono">X-Tandem-Delivery</code> id
        creates no second item. The JSON body (up to 256 KB) becomes the item&apos;s <code className="font-mono">payload</code>.
      </p>
      <div className="relative">
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100" data-testid="curl-example">
          {example}
        </pre>
        <div className="absolute right-2 top-2">
          <CopyButton text={example} label="Copy the curl example" />
        </div>
      </div>
    </div>
  );
}

/** A webhook's secret right after it was made or rotated: shown this once, with the example filled in. */
export function SecretNotice({ name, url, secret, onDismiss }: { name: string; url: string; secret: string; onDismiss: () => void }) {
  return (
    <div className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-200" role="status" data-testid="webhook-secret-notice">
      <p className="text-sm font-medium text-amber-900">
        The signing secret of “{name}”. Copy it now: it is shown only this once, and Tandem keeps no copy it could show you again (rotate it to get a new one).
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          value={secret}
          aria-label="Webhook secret"
          data-testid="webhook-secret"
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
        />
        <CopyButton text={secret} label="Copy the secret" />
        <Button type="button" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <WebhookHelp url={url} secret={secret} />
    </div>
  );
}
