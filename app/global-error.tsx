"use client";
import { ErrorMessage } from "@/components/shell/error-message";
import "./globals.css";

export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <ErrorMessage {...props} />
      </body>
    </html>
  );
}
