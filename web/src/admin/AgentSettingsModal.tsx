import { useQuery } from '@tanstack/react-query';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from './FormModal.tsx';
import { get, put } from './problem-api.ts';
import { useCapacityProfiles } from './queries.ts';
import type { AgentSettings, UserRow } from './types.ts';

interface Values {
  capacityProfileId: string | null;
  languages: string[];
  attributes: string;
}

/** An agent's routing settings: capacity profile, languages and free attributes (JSON). */
export function AgentSettingsModal({
  user,
  onClose,
}: {
  user: UserRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const profiles = useCapacityProfiles();
  const settings = useQuery({
    queryKey: ['adm-settings', user?.id],
    queryFn: () => get<AgentSettings>(`/api/agents/${encodeURIComponent(user?.id ?? '')}/settings`),
    enabled: user !== null,
  });
  const save = async (v: Values) => {
    await put(`/api/agents/${encodeURIComponent(user?.id ?? '')}/settings`, {
      capacityProfileId: v.capacityProfileId ?? null,
      languages: v.languages ?? [],
      attributes: JSON.parse(v.attributes || '{}') as Record<string, unknown>,
    });
    void message.success(t('saved'));
    await settings.refetch();
  };
  const s = settings.data;
  return (
    <FormModal<Values>
      testId="settings-form"
      // Opens once the current settings are loaded, so the form starts from them.
      open={user !== null && s !== undefined && s.userId === user.id}
      title={t('settings.title', { name: user?.displayName ?? '' })}
      initial={
        s
          ? {
              capacityProfileId: s.capacityProfileId,
              languages: s.languages,
              attributes: JSON.stringify(s.attributes, null, 2),
            }
          : {}
      }
      onClose={onClose}
      onSubmit={save}
    >
      <Form.Item name="capacityProfileId" label={t('settings.capacity')}>
        <Select
          allowClear
          options={(profiles.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
      <Form.Item name="languages" label={t('settings.languages')}>
        <Select mode="tags" tokenSeparators={[',', ' ']} />
      </Form.Item>
      <Form.Item
        name="attributes"
        label={t('settings.attributes')}
        rules={[
          {
            validator: async (_r, v: string) => {
              const parsed: unknown = JSON.parse(v || '{}');
              if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
                throw new Error(t('settings.badJson'));
            },
            message: t('settings.badJson'),
          },
        ]}
      >
        <Input.TextArea rows={5} spellCheck={false} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
    </FormModal>
  );
}
