/**
 * Document properties (docProps/core.xml): title, subject, author (the department), keywords. The dates are the
 * compendium's own (`meta.created`), written when the package is finished (package.ts), never the render time.
 */
import type { DocumentMeta } from '../../document/model.js';

export function documentProperties(meta: DocumentMeta): {
  title: string;
  subject?: string;
  creator: string;
  lastModifiedBy: string;
  keywords?: string;
  description?: string;
  revision: number;
} {
  return {
    title: meta.title,
    ...(meta.subject ? { subject: meta.subject, description: meta.subject } : {}),
    creator: meta.author,
    lastModifiedBy: meta.author,
    ...(meta.keywords.length > 0 ? { keywords: meta.keywords.join('; ') } : {}),
    revision: 1,
  };
}
