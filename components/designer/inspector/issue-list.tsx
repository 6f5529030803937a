/** Problems that belong to the inspected object but to none of its fields. */
export function IssueList({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <ul className="space-y-1 rounded-md bg-rose-50 px-3 py-2 text-xs text-rose-700 ring-1 ring-rose-200" aria-label="Problems here">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}
