/** Knowledge-base shapes, from the API's contracts. */
import type { z } from 'zod';
import type {
  KbArticleView,
  KbCategoryView,
  KbHitView,
  KbImportReport,
  KbStatsView,
  KbVersionView,
} from '../../../src/contracts/kb.ts';

export type KbArticle = z.infer<typeof KbArticleView>;
export type KbVersion = z.infer<typeof KbVersionView>;
export type KbHit = z.infer<typeof KbHitView>;
export type KbCategory = z.infer<typeof KbCategoryView>;
export type KbStats = z.infer<typeof KbStatsView>;
export type KbImportItem = z.infer<typeof KbImportReport>['items'][number];
