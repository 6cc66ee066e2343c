import { registerEnumType } from 'type-graphql';

/** Which of a town's three lists an item comes from. Declaration order is the default sort order. */
export enum ItemKind {
  /** 基本履职事项清单: the town does it alone. */
  BASIC = 'BASIC',
  /** 配合履责事项清单: a county department leads, the town cooperates. */
  COOPERATIVE = 'COOPERATIVE',
  /** 上级部门收回事项清单: a county department took the duty back. */
  RECLAIMED = 'RECLAIMED',
}

/** How a department is linked to an item. */
export enum Relation {
  /** 配合: the department leads a cooperative item. */
  SHARED = 'SHARED',
  /** 收回: the department took the item back from the town. */
  RECLAIMED = 'RECLAIMED',
}

registerEnumType(ItemKind, {
  name: 'ItemKind',
  description: 'Which list an item comes from: 基本履职 / 配合履责 / 上级部门收回',
});
registerEnumType(Relation, {
  name: 'Relation',
  description: 'A department shares (配合) or reclaimed (收回) an item',
});
