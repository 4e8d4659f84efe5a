// The search contract against each backend: embedded always, Meilisearch only with a server.
import { describe } from 'vitest';
import { EmbeddedSearchEngine } from '../../indexer/embedded.ts';
import { MeilisearchEngine, meilisearchConfig } from '../../indexer/meilisearch.ts';
import { parseEnv } from '../../config/env.ts';
import { searchContract } from './contract.ts';

searchContract('embedded', (store) => new EmbeddedSearchEngine(store));

const meili = meilisearchConfig(parseEnv(process.env).meili);
describe.skipIf(!meili)('Meilisearch (MEILI_URL)', () => {
  searchContract('meilisearch', () => new MeilisearchEngine({ ...meili!, index: `minsheng-test-${process.pid}` }));
});
