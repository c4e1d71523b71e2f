import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, patch, post } from './problem-api.ts';
import { useRefresh, useSkills } from './queries.ts';
import type { Skill } from './types.ts';
import { useEditor } from './useEditor.ts';

type Values = Pick<Skill, 'name' | 'description'>;

/** Skills: queue expressions read them as `skills.<name>` (level 1–5 per agent). */
export function SkillsSection() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const skills = useSkills();
  const refresh = useRefresh();
  const ed = useEditor<Skill>();
  const save = async (v: Values) => {
    if (ed.row) await patch(`/api/skills/${encodeURIComponent(ed.row.id)}`, v);
    else await post('/api/skills', v);
    void message.success(t('saved'));
    await refresh('adm-skills');
  };
  return (
    <>
      <CrudSection<Skill>
        testId="skills"
        title={t('menu.skills')}
        rows={skills.data}
        loading={skills.isLoading}
        rowKey={(x) => x.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (x) => {
          await del(`/api/skills/${encodeURIComponent(x.id)}`);
          await refresh('adm-skills');
        }}
        columns={[
          {
            title: t('skill.name'),
            dataIndex: 'name',
            width: 220,
            render: (v: string) => <Typography.Text code>skills.{v}</Typography.Text>,
          },
          { title: t('skill.description'), dataIndex: 'description', ellipsis: true },
        ]}
      />
      <FormModal<Values>
        testId="skill-form"
        open={ed.open}
        title={ed.row?.name ?? t('menu.skills')}
        initial={ed.row ?? { description: '' }}
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item
          name="name"
          label={t('skill.name')}
          rules={[
            { required: true, message: t('required') },
            {
              // Checked against the list already loaded, so a taken name is shown at the field
              // before saving rather than as a refused request (the server refuses it the same).
              validator: (_, v: unknown) =>
                typeof v === 'string' &&
                skills.data?.some((x) => x.name === v.trim() && x.id !== ed.row?.id)
                  ? Promise.reject(new Error(t('skill.nameTaken')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input maxLength={100} data-testid="skill-name" />
        </Form.Item>
        <Form.Item name="description" label={t('skill.description')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="skill-description" />
        </Form.Item>
      </FormModal>
    </>
  );
}
