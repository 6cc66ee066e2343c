import { DatasetGeneration } from '../cache/dataset-generation.entity';
import { DepartmentItemCount, DepartmentItemTotal } from '../modules/aggregates/department-item-count.entity';
import { DepartmentPairTotal } from '../modules/aggregates/department-pair-total.entity';
import {
  CountPerCategoryKind,
  CountPerTownCategoryKind,
  ItemCount,
  ItemTotal,
} from '../modules/aggregates/item-count.entity';
import { SearchBigramChange, SearchBigramTotal } from '../modules/aggregates/search-count.entity';
import { Category } from '../modules/category/category.entity';
import { Department } from '../modules/department/department.entity';
import { Item } from '../modules/item/item.entity';
import { Link } from '../modules/link/link.entity';
import { Town } from '../modules/town/town.entity';
import { ItemHistory, LinkHistory } from '../modules/version/history.entity';
import { TownVersion } from '../modules/version/town-version.entity';

/** Every entity, listed rather than discovered from files: the same in ts and in the built js. */
export const entities = [
  Town,
  Category,
  Department,
  Item,
  Link,
  CountPerCategoryKind,
  CountPerTownCategoryKind,
  ItemCount,
  ItemTotal,
  DepartmentItemCount,
  DepartmentItemTotal,
  DepartmentPairTotal,
  SearchBigramTotal,
  SearchBigramChange,
  DatasetGeneration,
  TownVersion,
  ItemHistory,
  LinkHistory,
];
