/** Search highlights as React text: each segment is text, hits are <mark>ed. */
export function Highlighted({ segments }: { segments: readonly { text: string; hit: boolean }[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
