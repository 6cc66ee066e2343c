/**
 * What the format tests hold every reader to: the seed's normalised document (items, links,
 * responsibilities, steps, departments, categories), without what only says where a row came from.
 */
import { readFileSync } from 'node:fs';
import { expect } from '@jest/globals';
import type { SourceDocument } from '../../../src/ingest/formats/source-document';
import { type NormalizedDocument, normalizeDocument } from '../../../src/ingest/normalize';
import { parseDocument, parseSources } from '../../../src/ingest/parse';
import { SEED_FILE } from './seed-lists';

/** A normalised document's content: what users query, not the file, lines and raw cells it came from. */
export function content(document: NormalizedDocument) {
  return {
    town: document.town,
    categories: document.categories,
    departments: document.departments,
    items: document.items.map(({ sourceLine, sourceCells, ...item }) => item),
    warnings: document.warnings.map(({ message }) => message),
  };
}

export function seedContent() {
  return content(normalizeDocument(parseDocument(readFileSync(SEED_FILE), SEED_FILE)));
}

/** Source documents (one file, or a town's three) checked by the one validator and normalised. */
export function readContent(documents: SourceDocument[]) {
  const towns = parseSources(documents);
  expect(towns).toHaveLength(1);
  return content(normalizeDocument(towns[0]));
}
