/**
 * Sentences for the error codes the desktop meets (agent, offer, call, chat and case errors),
 * added to the common `error.*` texts that `useErrorText` reads. Only codes the common texts
 * do not have yet are added, so a sentence written there always wins.
 */
import { i18n, registerTexts } from '../i18n/i18n.ts';

const zh: Record<string, string> = {
  'error.agent.busy': '您还有进行中的工作，或当前无法接新的工作',
  'error.agent.illegal_transition': '当前状态不能这样切换',
  'error.agent.invalid_reason': '请选择一个有效的示忙原因',
  'error.agent.wrapup_limit': '话后整理已延长到上限',
  'error.reservation.expired': '分配已超时，已转给其他坐席',
  'error.reservation.not_pending': '这个分配已经处理过了',
  'error.task.not_yours': '这不是您的工作',
  'error.task.illegal_transition': '这个工作当前不能这样处理',
  'error.call.not_active': '通话已经结束',
  'error.call.not_yours': '您不在这个通话中',
  'error.call.illegal_command': '当前通话状态不能执行此操作',
  'error.call.no_phone': '您没有已注册的话机',
  'error.call.target_unavailable': '对方现在无法接通',
  'error.chat.closed': '会话已经结束',
  'error.message.no_address': '没有可以发送的地址',
  'error.message.invalid': '消息内容有误',
  'error.message.too_large': '消息太长',
  'error.case.stage_required': '按工单流程还需先经过其他阶段',
  'error.case.closed': '工单已关闭',
  'error.not_found': '找不到，或您没有权限查看',
  'error.connector.timeout': '运营商系统响应超时，请稍后再试',
  'error.connector.unavailable': '运营商系统暂时不可用',
  'error.connector.bad_response': '运营商系统返回了无法识别的结果',
  'error.connector.not_found': '运营商系统中没有找到该用户或单据',
  'error.connector.rejected': '运营商系统拒绝了该请求',
  'error.device.in_use': '该话机正被其他坐席使用，请联系班长审批接管',
};

const en: Record<string, string> = {
  'error.agent.busy': 'You still have work open, or cannot take more right now',
  'error.agent.illegal_transition': 'That state change is not possible now',
  'error.agent.invalid_reason': 'Pick a valid away reason',
  'error.agent.wrapup_limit': 'Wrap-up cannot be extended any further',
  'error.reservation.expired': 'The offer timed out and went to someone else',
  'error.reservation.not_pending': 'That offer was already handled',
  'error.task.not_yours': 'That is not your task',
  'error.task.illegal_transition': 'That is not possible for the task now',
  'error.call.not_active': 'The call has ended',
  'error.call.not_yours': 'You are not on that call',
  'error.call.illegal_command': 'Not possible in the call’s current state',
  'error.call.no_phone': 'You have no registered phone',
  'error.call.target_unavailable': 'That party cannot be reached now',
  'error.chat.closed': 'The chat has ended',
  'error.message.no_address': 'There is no address to send to',
  'error.message.invalid': 'The message is not valid',
  'error.message.too_large': 'The message is too long',
  'error.case.stage_required': 'The case plan needs other stages first',
  'error.case.closed': 'The case is closed',
  'error.not_found': 'Not found, or you may not see it',
  'error.connector.timeout': 'The operator system did not answer in time; try again shortly',
  'error.connector.unavailable': 'The operator system is not available right now',
  'error.connector.bad_response': 'The operator system gave an answer kefu cannot read',
  'error.connector.not_found': 'The operator system has no such subscriber or request',
  'error.connector.rejected': 'The operator system refused the request',
  'error.device.in_use': 'Another agent is using that phone; ask a supervisor to hand it over',
};

const missing = (texts: Record<string, string>, lng: string) =>
  Object.fromEntries(Object.entries(texts).filter(([k]) => !i18n.getResource(lng, 'common', k)));

registerTexts('common', { 'zh-CN': missing(zh, 'zh-CN'), en: missing(en, 'en') });
