import './agent.css';
import './texts.ts';
import { Desktop } from './Desktop.tsx';
import { StreamProvider } from './stream-context.tsx';

/** The agent desktop (`/agent`): one event-stream connection for everything on it. */
export default function AgentDesktop() {
  return (
    <StreamProvider>
      <Desktop />
    </StreamProvider>
  );
}
