import { Global, Module } from '@nestjs/common';
import { ActorLoader } from './actor.loader.js';
import { TokenService } from './token.service.js';

@Global()
@Module({ providers: [TokenService, ActorLoader], exports: [TokenService, ActorLoader] })
export class AuthModule {}
