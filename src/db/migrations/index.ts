import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128214027 } from './Migration20261128214027';

/** Applied in this order; add each new migration here (the CLI writes the file, not this list). */
export const migrationsList: MigrationObject[] = [{ name: 'Migration20261128214027', class: Migration20261128214027 }];
