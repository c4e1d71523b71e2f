import type { AgentStatus } from '../api/types.ts';
import type { AgentTask } from './agent-types.ts';
import { OfferCard } from './OfferCard.tsx';
import type { AgentActions } from './use-agent-actions.ts';
import type { Softphone } from '../shared/use-softphone.ts';

/** Pending offers, newest last; nothing when there is none (the layout does not jump). */
export function OfferBanner({
  me,
  actions,
  softphone,
  onAccepted,
}: {
  me: AgentStatus | undefined;
  actions: AgentActions;
  softphone: Softphone | null;
  onAccepted: (task: AgentTask) => void;
}) {
  const offers = (me?.tasks ?? []).filter((t) => t.state === 'reserved' && t.reservation);
  if (offers.length === 0) return null;
  const deskPhone = Boolean(me?.session && !me.session.softphone);
  return (
    <div data-testid="offer-banner" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      {offers.map((t) => (
        <OfferCard
          key={t.reservation?.id ?? t.id}
          task={t}
          actions={actions}
          softphone={softphone}
          deskPhone={deskPhone}
          onAccepted={onAccepted}
        />
      ))}
    </div>
  );
}
