// The search contract (tests/indexer/contract.ts) with the embedded engine over PostgreSQL: jieba
// tokens in a tsvector instead of FTS5 must find, filter, rank and highlight the same posts.
import { describe } from 'vitest';
import { openStore } from '../../../store/index.ts';
import { EmbeddedSearchEngine } from '../../../indexer/embedded.ts';
import { searchContract } from '../../indexer/contract.ts';
import { freshSchemaUrl, postgresSkipReason } from '../../helpers/postgres.ts';

const skip = postgresSkipReason();
describe.skipIf(skip)(`embedded search on PostgreSQL${skip ? ` — 跳过：${skip}` : ''}`, () => {
  searchContract(
    'embedded',
    (store) => new EmbeddedSearchEngine(store),
    async () => openStore('unused', { databaseUrl: await freshSchemaUrl() }),
  );
});
