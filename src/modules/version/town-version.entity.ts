import { Entity, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { GraphQLDate, GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { stableId } from '../common/stable-id';
import { Town } from '../town/town.entity';

/** The formats a document is read from; an old workbook (.xls) is a workbook: XLSX. */
export enum DocumentFormat {
  TEXT = 'TEXT',
  XLSX = 'XLSX',
  DOCX = 'DOCX',
  HTML = 'HTML',
}

registerEnumType(DocumentFormat, { name: 'DocumentFormat', description: 'The format a document was read from' });

@ObjectType({ simpleResolvers: true, description: 'A file a version was imported from' })
export class DocumentSource {
  @Field(() => String)
  name!: string;

  @Field(() => DocumentFormat)
  format!: DocumentFormat;

  @Field(() => String, { description: "SHA-256 of the file's bytes, hex" })
  sha256!: string;

  @Field(() => Int)
  bytes!: number;
}

@ObjectType({ simpleResolvers: true, description: "A version's items per list, and its links" })
export class VersionCounts {
  @Field(() => Int)
  basic!: number;

  @Field(() => Int)
  cooperative!: number;

  @Field(() => Int)
  reclaimed!: number;

  @Field(() => Int)
  links!: number;
}

/**
 * One import of a town's document that changed something (src/ingest/versions.ts). Its items are
 * the current rows and the history rows valid at its number (history.entity.ts).
 */
@ObjectType({ simpleResolvers: true, description: "One version of a town's lists, 1, 2, … in import order" })
@CacheAgeOfParent()
@Entity({ tableName: 'town_version' })
@Unique({ properties: ['town', 'number'] })
export class TownVersion {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Town, { ref: true, deleteRule: 'cascade' })
  town!: Ref<Town>;

  @Field(() => Int, { description: '1, 2, … per town, in the order they were imported' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  importedAt!: Date;

  @Field(() => GraphQLDate, {
    nullable: true,
    description: '发布/施行 date: given at import (--effective-date), or read from the document',
  })
  @Property({ type: 'date', nullable: true })
  effectiveDate: string | null = null;

  @Field(() => [DocumentSource], { description: 'The file(s) it came from' })
  @Property({ type: 'jsonb', default: '[]' })
  sources: DocumentSource[] = [];

  /** SHA-256 of the version's content (src/ingest/version-content.ts): an identical import makes none. */
  @Property({ type: 'text' })
  digest!: string;

  @Property({ type: 'integer' })
  basic!: number;

  @Property({ type: 'integer' })
  cooperative!: number;

  @Property({ type: 'integer' })
  reclaimed!: number;

  @Property({ type: 'integer' })
  links!: number;

  /** Items added, removed and changed against the version before (`history TOWN` reads these). */
  @Property({ type: 'integer' })
  added!: number;

  @Property({ type: 'integer' })
  removed!: number;

  @Property({ type: 'integer' })
  changed!: number;

  /** Whether it is the town's newest version, the one every other query serves (not a column). */
  @Field(() => Boolean)
  current!: boolean;

  /** basic, cooperative, reclaimed, links as one object (not a column). */
  @Field(() => VersionCounts)
  counts!: VersionCounts;

  static idFor(townId: string, number: number): string {
    return stableId('TownVersion', townId, number);
  }
}
