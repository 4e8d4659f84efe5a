// Crawls a demo/sources example against a local fixture of its kind; shared by the in-process
// examples (example-sources.test.ts) and the one that starts Chromium (example-sources.slow.test.ts).
import { fileURLToPath } from 'node:url';
import { crawlSources } from '../../crawler/index.ts';
import { loadSources, type Source, type SourcesFile } from '../../crawler/sources.ts';
import { closedAfterEach, type Handler } from '../crawler/fixture-server.ts';

const example = (name: string) => fileURLToPath(new URL(`../../demo/sources/${name}.example.yaml`, import.meta.url));

/** The example, pointed at the fixture: same selectors and request shape, local host allowed. */
function pointAt(file: SourcesFile, base: string, start: string): SourcesFile {
  const swap = (url: string) => url.replace(/^https:\/\/[^/]+/, base);
  const sources = file.sources.map((s) => {
    const local = { ...s, start, allowPrivateNetwork: true, rateLimit: { perSecond: 10 } } as Source;
    if (local.type === 'json' && local.request?.handshake)
      local.request = { ...local.request, handshake: { ...local.request.handshake, url: swap(local.request.handshake.url) } };
    return local;
  });
  // No fixture here is slow on purpose: the timeout is only a ceiling, set well above a busy machine.
  return { ...file, sources, http: { timeoutMs: 30_000, retries: 1, backoffMs: 10 } };
}

/** Call at a test file's top level: servers and stores are closed after each test. */
export function exampleCrawler() {
  const { serve, memoryStore } = closedAfterEach();
  return async function crawlExample(name: string, routes: Record<string, Handler>, startPath: string) {
    const file = loadSources(example(name));
    const site = await serve(routes);
    const store = memoryStore();
    const summary = await crawlSources(store, pointAt(file, site.url, `${site.url}${startPath}`));
    return { store, summary, site };
  };
}
