import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** Turns an error into the sentence for its code (falls back to the server's detail). */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (e: unknown): string => {
    if (e instanceof ApiError) {
      const key = `error.${e.code}`;
      return i18n.exists(key)
        ? t(key, { detail: e.detail })
        : t('error.generic', { detail: e.detail });
    }
    return t('error.generic', { detail: e instanceof Error ? e.message : String(e) });
  };
}

/** Shows an error as a message toast; use for actions whose failure the user must see. */
export function useReportError() {
  const { message } = App.useApp();
  const text = useErrorText();
  return (e: unknown) => void message.error(text(e));
}
