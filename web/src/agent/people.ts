/** Who someone is, for the desktop: the signed-in user, or a colleague's display name. */
import { useTranslation } from 'react-i18next';
import { useSession } from '../shell/session.tsx';
import { useDirectory } from './queries.ts';

/**
 * `(id) => name`: "us" for the signed-in user, the display name from the staff directory, and
 * "colleague" for anyone the directory does not list (a disabled account, not loaded yet).
 */
export function usePersonName(): (id: string | null | undefined) => string {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const directory = useDirectory();
  return (id) => {
    if (!id) return tc('none');
    if (id === user?.id) return t('message.us');
    return directory.data?.find((x) => x.id === id)?.displayName ?? t('case.colleague');
  };
}
