import { useQuery } from '@tanstack/react-query';
import { App, Button, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgentSettingsModal } from './AgentSettingsModal.tsx';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, get, patch, post } from './problem-api.ts';
import { useRefresh, useTeams } from './queries.ts';
import { roles, type Page, type Role, type UserRow } from './types.ts';
import { useEditor } from './useEditor.ts';
import { UserFields, type UserValues } from './UserFields.tsx';

/** Users of every role; staff also have routing settings (capacity, languages, attributes). */
export function UsersSection() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [settingsOf, setSettingsOf] = useState<UserRow | null>(null);
  const teams = useTeams();
  const refresh = useRefresh();
  const ed = useEditor<UserRow>();
  const users = useQuery({
    queryKey: ['adm-users', q, role ?? ''],
    queryFn: () =>
      get<Page<UserRow>>(
        `/api/users?limit=500${q ? `&q=${encodeURIComponent(q)}` : ''}${role ? `&role=${role}` : ''}`,
      ),
  });
  const teamName = (id: string) => teams.data?.find((x) => x.id === id)?.name ?? id;
  const save = async (v: UserValues) => {
    const common = {
      displayName: v.displayName,
      role: v.role,
      email: v.email?.trim() ? v.email.trim() : null,
      teamIds: v.teamIds ?? [],
      skills: (v.skills ?? []).filter((s) => s.skillId),
      language: v.language,
    };
    if (ed.row)
      await patch(`/api/users/${encodeURIComponent(ed.row.id)}`, {
        ...common,
        disabled: v.disabled ?? false,
        ...(v.password ? { password: v.password } : {}),
      });
    else await post('/api/users', { ...common, username: v.username, password: v.password });
    void message.success(t('saved'));
    await refresh('adm-users');
  };
  return (
    <>
      <CrudSection<UserRow>
        testId="users"
        title={t('menu.users')}
        rows={users.data?.items}
        loading={users.isLoading}
        rowKey={(u) => u.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (u) => {
          await del(`/api/users/${encodeURIComponent(u.id)}`);
          await refresh('adm-users');
        }}
        rowActions={(u) =>
          u.role === 'customer' ? null : (
            <Button size="small" type="link" onClick={() => setSettingsOf(u)}>
              {t('user.settings')}
            </Button>
          )
        }
        toolbar={
          <>
            <Input.Search
              size="small"
              allowClear
              placeholder={t('user.search')}
              onSearch={setQ}
              style={{ width: 200 }}
            />
            <Select<Role>
              size="small"
              allowClear
              placeholder={t('user.role')}
              value={role}
              onChange={setRole}
              style={{ width: 120 }}
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
          </>
        }
        columns={[
          { title: t('user.username'), dataIndex: 'username', width: 120 },
          { title: t('user.displayName'), dataIndex: 'displayName', width: 160 },
          {
            title: t('user.role'),
            dataIndex: 'role',
            width: 90,
            render: (r: string) => t(`role.${r}`),
          },
          {
            title: t('user.teams'),
            dataIndex: 'teamIds',
            ellipsis: true,
            render: (ids: string[]) => ids.map(teamName).join(', '),
          },
          {
            title: t('user.disabled'),
            dataIndex: 'disabled',
            width: 80,
            render: (d: boolean) => (d ? <Tag color="red">{t('user.disabled')}</Tag> : null),
          },
        ]}
      />
      <FormModal<UserValues>
        testId="user-form"
        open={ed.open}
        title={ed.row?.displayName ?? t('menu.users')}
        initial={
          ed.row
            ? { ...ed.row, password: '', language: ed.row.language === 'en' ? 'en' : 'zh-CN' }
            : { role: 'agent', language: 'zh-CN', skills: [] }
        }
        onClose={ed.close}
        onSubmit={save}
        width={640}
      >
        <UserFields isNew={ed.isNew} />
      </FormModal>
      <AgentSettingsModal user={settingsOf} onClose={() => setSettingsOf(null)} />
    </>
  );
}
