import { Button } from 'antd';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** Twelve keys: digits for dialling, or DTMF during a call. */
export function DialPad({ onKey, disabled }: { onKey: (k: string) => void; disabled?: boolean }) {
  return (
    <div
      data-testid="dialpad"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 4 }}
    >
      {keys.map((k) => (
        <Button
          key={k}
          size="small"
          disabled={disabled}
          onClick={() => onKey(k)}
          data-testid={`dialpad-${k === '*' ? 'star' : k === '#' ? 'hash' : k}`}
        >
          {k}
        </Button>
      ))}
    </div>
  );
}
