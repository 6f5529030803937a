import type { RunEventMessage } from "./stream";

/** One server-sent message as a test sees it; `data` is parsed JSON (null when there was none). */
export type SseMessage = { id: string | null; event: string | null; data: unknown };

/**
 * Reads server-sent messages (comments and bare `retry:` lines aside) until `done` is satisfied by those
 * read so far, or the stream ends. Releases the reader, so the caller may cancel the stream afterwards.
 */
export async function readSse(stream: ReadableStream<Uint8Array>, done: (messages: SseMessage[]) => boolean = () => false): Promise<SseMessage[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  let buffer = "";
  while (!done(messages)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(block)?.[1] ?? null;
      const event = field("event");
      if (event === null && field("id") === null) continue;
      const data = field("data");
      messages.push({ id: field("id"), event, data: data === null ? null : JSON.parse(data) });
    }
  }
  reader.releaseLock();
  return messages;
}

/** The run events among the messages (the closing `end` message aside). */
export function runEventsOf(messages: SseMessage[]): RunEventMessage[] {
  return messages.filter((m) => m.id !== null).map((m) => m.data as RunEventMessage);
}

/** Whether the stream said it is over. */
export const ended = (messages: SseMessage[]) => messages.some((m) => m.event === "end");
