import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSkills, useTeams } from './queries.ts';
import { roles, type Role } from './types.ts';

export interface UserValues {
  username: string;
  password?: string;
  displayName?: string;
  role: Role;
  email?: string | null;
  teamIds?: string[];
  skills?: { skillId: string; level: number }[];
  language?: 'zh-CN' | 'en';
  disabled?: boolean;
}

/** The fields of a user: identity, role, teams and skill levels. */
export function UserFields({ isNew }: { isNew: boolean }) {
  const { t } = useTranslation('admin');
  const teams = useTeams();
  const skills = useSkills();
  const required = [{ required: true, message: t('required') }];
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="username" label={t('user.username')} rules={isNew ? required : []}>
            <Input
              disabled={!isNew}
              maxLength={64}
              autoComplete="off"
              data-testid="user-username"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="password"
            label={t('user.password')}
            rules={isNew ? required : []}
            extra={isNew ? undefined : t('user.passwordKeep')}
          >
            <Input.Password
              maxLength={256}
              autoComplete="new-password"
              data-testid="user-password"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="displayName" label={t('user.displayName')}>
            <Input maxLength={100} data-testid="user-display-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('user.email')}>
            <Input maxLength={254} data-testid="user-email" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="role" label={t('user.role')}>
            <Select
              data-testid="user-role"
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="language" label={t('user.language')}>
            <Select
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          {!isNew && (
            <Form.Item name="disabled" label={t('user.disabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Form.Item name="teamIds" label={t('user.teams')}>
        <Select
          mode="multiple"
          data-testid="user-teams"
          options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
      </Form.Item>
      <Form.Item label={t('user.skills')}>
        <Form.List name="skills">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'skillId']}
                    rules={required}
                    style={{ width: 260, marginBottom: 8 }}
                  >
                    <Select
                      data-testid={`user-skill-${f.name}`}
                      placeholder={t('user.skill')}
                      options={(skills.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'level']} rules={required} style={{ marginBottom: 8 }}>
                    <InputNumber
                      min={1}
                      max={5}
                      precision={0}
                      placeholder={t('user.level')}
                      data-testid={`user-level-${f.name}`}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add({ level: 3 })}
                data-testid="user-add-skill"
              >
                {t('user.addSkill')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
