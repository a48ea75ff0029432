import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import type { Page } from '#lib/core';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface ConnectionShape<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Relay-style connection type (nodes + pageInfo + totalCount) for a node type. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(name)
  class ConnectionType {
    @Field(() => [node]) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Number of items matching the filter (all pages).' }) totalCount!: number;
  }
  return ConnectionType as Type<ConnectionShape<T>>;
}

export function toConnection<S, T>(page: Page<S>, map: (s: S) => T): ConnectionShape<T> {
  return {
    nodes: page.items.map(map),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount ?? page.items.length,
  };
}
