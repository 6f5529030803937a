"use client";
import { Component } from "react";

/**
 * Keeps one widget's failure in its own card: the other widgets, streamed separately, still show.
 * (A server error's message is hidden in production; the digest ties it to the server log.)
 */
export class WidgetBoundary extends Component<{ title: string; children: React.ReactNode }, { error: (Error & { digest?: string }) | null }> {
  state = { error: null as (Error & { digest?: string }) | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <section role="alert" className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800" data-testid="widget-error">
        <h2 className="font-semibold">{this.props.title}</h2>
        <p>These figures could not be loaded. Reload the page to try again.</p>
        {this.state.error.digest ? <p className="mt-1 text-xs text-rose-600">Reference: {this.state.error.digest}</p> : null}
      </section>
    );
  }
}
