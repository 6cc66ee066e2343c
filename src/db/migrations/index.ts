import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261206043815 } from './Migration20261206043815';
import { Migration20261206083800 } from './Migration20261206083800';

/** Applied in this order; add each new migration here (the CLI writes the file, not this list). */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261206043815', class: Migration20261206043815 },
  { name: 'Migration20261206083800', class: Migration20261206083800 },
];
