/**
 * Case types and their plans. A plan names the stages a case of that type must pass through
 * before the customer is answered: a complaint is verified, dispatched and supervised; a
 * consultation may be answered at once.
 */
import type { CaseStage } from './case-stage.ts';

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

/** Stages a plan may require; accepted/replied/closed always happen. */
export type PlannableStage = Extract<CaseStage, 'verifying' | 'dispatched' | 'supervising'>;
export const plannableStages: readonly PlannableStage[] = [
  'verifying',
  'dispatched',
  'supervising',
];

export interface CaseTypeDef {
  readonly code: string;
  readonly name: string;
  readonly nameZh: string;
  readonly requiredStages: readonly PlannableStage[];
  readonly defaultPriority: Priority;
  readonly active: boolean;
}

/** The five types of the national service specification (咨询 查询 投诉 业务受理 障碍申告). */
export const standardCaseTypes: readonly CaseTypeDef[] = [
  {
    code: 'consultation',
    name: 'Consultation',
    nameZh: '咨询',
    requiredStages: [],
    defaultPriority: 'normal',
    active: true,
  },
  {
    code: 'query',
    name: 'Query',
    nameZh: '查询',
    requiredStages: ['verifying'],
    defaultPriority: 'normal',
    active: true,
  },
  {
    code: 'complaint',
    name: 'Complaint',
    nameZh: '投诉',
    requiredStages: ['verifying', 'dispatched', 'supervising'],
    defaultPriority: 'high',
    active: true,
  },
  {
    code: 'service_request',
    name: 'Service request',
    nameZh: '业务受理',
    requiredStages: ['verifying', 'dispatched'],
    defaultPriority: 'normal',
    active: true,
  },
  {
    code: 'fault_report',
    name: 'Fault report',
    nameZh: '障碍申告',
    requiredStages: ['dispatched', 'supervising'],
    defaultPriority: 'high',
    active: true,
  },
];

export const caseTypeCodePattern = /^[a-z][a-z0-9_]{1,39}$/;
