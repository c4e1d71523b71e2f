/** The knowledge base's use cases, built together (they share the search and the activity log). */
import type { AppDeps } from '../app-context.ts';
import type { CaseService } from '../cases/case-service.ts';
import { KbActivityLog } from './kb-activity.ts';
import { KbArticleService } from './kb-article-service.ts';
import { KbCategories } from './kb-categories.ts';
import { KbReader } from './kb-reader.ts';
import { KbSearch } from './kb-search.ts';
import { KbSuggestions } from './kb-suggestions.ts';
import { KbTransfer } from './kb-transfer.ts';

export interface KnowledgeBase {
  readonly articles: KbArticleService;
  readonly categories: KbCategories;
  readonly search: KbSearch;
  readonly reader: KbReader;
  readonly suggestions: KbSuggestions;
  readonly activity: KbActivityLog;
  readonly transfer: KbTransfer;
}

export function createKnowledgeBase(deps: AppDeps, cases: CaseService): KnowledgeBase {
  const articles = new KbArticleService(deps);
  const categories = new KbCategories(deps);
  const search = new KbSearch(deps);
  const activity = new KbActivityLog(deps);
  return {
    articles,
    categories,
    search,
    activity,
    reader: new KbReader(deps, search, activity),
    suggestions: new KbSuggestions(deps, cases, search),
    transfer: new KbTransfer(deps, articles, categories),
  };
}
