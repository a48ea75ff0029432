import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { UnauthenticatedError } from '#lib/core';
import type { GqlContext } from './context.js';

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const context = GqlExecutionContext.create(ctx).getContext<GqlContext>();
  if (!context.actor) throw new UnauthenticatedError();
  return context.actor;
});

export const Loaders = createParamDecorator((_data: unknown, ctx: ExecutionContext) => GqlExecutionContext.create(ctx).getContext<GqlContext>().loaders);
