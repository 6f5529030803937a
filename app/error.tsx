"use client";
import { ErrorMessage } from "@/components/shell/error-message";

export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage {...props} />;
}
