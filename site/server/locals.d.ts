// What the console middleware puts on Astro.locals for pages and API routes.
declare namespace App {
  interface Locals {
    store?: import('../../store/store.ts').Store;
    user?: import('../../store/types.ts').User;
    session?: import('../../store/types.ts').Session;
    /** Client address as the server saw it (for throttling and the audit log). */
    ip?: string | null;
  }
}
