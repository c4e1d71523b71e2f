import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, patch, post } from './problem-api.ts';
import { useRefresh, useTeams } from './queries.ts';
import { teamKinds, type Team } from './types.ts';
import { useEditor } from './useEditor.ts';

type Values = Pick<Team, 'name' | 'kind' | 'description'>;

/** Teams (workgroups): front line for supervision and statistics, back office for dispatch. */
export function TeamsSection() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const teams = useTeams();
  const refresh = useRefresh();
  const ed = useEditor<Team>();
  const save = async (v: Values) => {
    if (ed.row) await patch(`/api/teams/${encodeURIComponent(ed.row.id)}`, v);
    else await post('/api/teams', v);
    void message.success(t('saved'));
    await refresh('adm-teams');
  };
  return (
    <>
      <CrudSection<Team>
        testId="teams"
        title={t('menu.teams')}
        rows={teams.data}
        loading={teams.isLoading}
        rowKey={(x) => x.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (x) => {
          await del(`/api/teams/${encodeURIComponent(x.id)}`);
          await refresh('adm-teams');
        }}
        columns={[
          { title: t('team.name'), dataIndex: 'name', width: 260 },
          {
            title: t('team.kind'),
            dataIndex: 'kind',
            width: 120,
            render: (k: string) => t(`team.kind.${k}`),
          },
          { title: t('team.description'), dataIndex: 'description', ellipsis: true },
        ]}
      />
      <FormModal<Values>
        testId="team-form"
        open={ed.open}
        title={ed.row?.name ?? t('menu.teams')}
        initial={ed.row ?? { kind: 'front', description: '' }}
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item
          name="name"
          label={t('team.name')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input maxLength={100} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('team.kind')}>
          <Select
            data-testid="team-kind"
            options={teamKinds.map((k) => ({ value: k, label: t(`team.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('team.description')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="team-description" />
        </Form.Item>
      </FormModal>
    </>
  );
}
