/** Every string of the admin console, in zh-CN and English. */
import { registerTexts } from '../i18n/i18n.ts';
import { en } from './texts-en.ts';
import { zh } from './texts-zh.ts';

registerTexts('admin', { 'zh-CN': zh, en });

/** Error codes the console can meet, added to the common error texts. */
registerTexts('common', {
  'zh-CN': {
    'error.not_found': '记录不存在或无权查看',
    'error.conflict': '与现有数据冲突',
    'error.routing.name_taken': '名称已被使用',
    'error.routing.in_use': '仍在使用中，不能删除',
    'error.routing.invalid_queue': '队列设置有误：{{detail}}',
    'error.routing.invalid_workflow': '路由策略有误：{{detail}}',
    'error.routing.unknown_queue': '队列不存在',
    'error.sla.invalid_policy': 'SLA 策略有误：{{detail}}',
    'error.sla.policy_taken': '该类型和优先级已有 SLA 策略',
    'error.calendar.invalid': '日历有误：{{detail}}',
    'error.ivr.invalid_flow': 'IVR 流程有误：{{detail}}',
    'error.user.username_taken': '用户名已被使用',
    'error.team.name_taken': '工作组名称已被使用',
    'error.skill.name_taken': '技能名称已被使用',
    'error.skill.invalid_level': '技能等级应为 1–5',
    'error.agent.invalid_capacity': '并发设置有误：{{detail}}',
    'error.agent.invalid_reason': '离开原因有误：{{detail}}',
    'error.category.invalid_parent': '上级分类无效',
    'error.case_type.code_taken': '类型代码已被使用',
    'error.webhook.invalid_url': '地址无效：{{detail}}',
    'error.webhook.invalid_pattern': '事件类型无效：{{detail}}',
  },
  en: {
    'error.not_found': 'Not found, or not yours to see',
    'error.conflict': 'Conflicts with existing data',
    'error.routing.name_taken': 'That name is taken',
    'error.routing.in_use': 'Still in use; it cannot be deleted',
    'error.routing.invalid_queue': 'The queue is not valid: {{detail}}',
    'error.routing.invalid_workflow': 'The workflow is not valid: {{detail}}',
    'error.routing.unknown_queue': 'No such queue',
    'error.sla.invalid_policy': 'The SLA policy is not valid: {{detail}}',
    'error.sla.policy_taken': 'That case type and priority already have a policy',
    'error.calendar.invalid': 'The calendar is not valid: {{detail}}',
    'error.ivr.invalid_flow': 'The IVR flow is not valid: {{detail}}',
    'error.user.username_taken': 'That username is taken',
    'error.team.name_taken': 'That team name is taken',
    'error.skill.name_taken': 'That skill name is taken',
    'error.skill.invalid_level': 'Skill levels are 1–5',
    'error.agent.invalid_capacity': 'The capacity is not valid: {{detail}}',
    'error.agent.invalid_reason': 'The away reason is not valid: {{detail}}',
    'error.category.invalid_parent': 'Not a valid parent category',
    'error.case_type.code_taken': 'That code is taken',
    'error.webhook.invalid_url': 'The URL is not valid: {{detail}}',
    'error.webhook.invalid_pattern': 'Not a valid event type: {{detail}}',
  },
});
