import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import type { Sector } from '#lib/core';
import { Connection, SectorEnum } from '#lib/gql';

@ObjectType()
export class EmployerSite {
  @Field(() => ID) id!: string;
  @Field(() => ID) employerId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) address!: string;
  @Field(() => String, { description: 'District or municipality code (see areas).' }) areaCode!: string;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
}

@ObjectType({ description: 'A named contact person at the employer (kontaktperson).' })
export class EmployerContact {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String) language!: string;
  @Field(() => ID, { nullable: true }) siteId!: string | null;
}

@ObjectType({ description: 'One employer identity (orgnr) shared by every office that works with it.' })
export class Employer {
  @Field(() => ID) id!: string;
  @Field(() => String) orgNumber!: string;
  @Field(() => String) name!: string;
  @Field(() => SectorEnum) sector!: Sector;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => ID, { nullable: true, description: 'The office that owns the relationship.' }) ownerOfficeId!: string | null;
  @Field(() => Date, { nullable: true }) archivedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

export const EmployerConnection = Connection(Employer, 'EmployerConnection');

@InputType()
export class EmployerSiteInput {
  @Field(() => String) name!: string;
  @Field(() => String) address!: string;
  @Field(() => String) areaCode!: string;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
}

@InputType()
export class EmployerContactInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'nb or en' }) language?: 'nb' | 'en';
  @Field(() => ID, { nullable: true }) siteId?: string | null;
}

@InputType()
export class CreateEmployerInput {
  @Field(() => String, { description: '9 digits with a valid mod-11 check digit; spaces allowed.' }) orgNumber!: string;
  @Field(() => String) name!: string;
  @Field(() => SectorEnum) sector!: Sector;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [EmployerSiteInput], { nullable: true }) sites?: EmployerSiteInput[];
  @Field(() => [EmployerContactInput], { nullable: true }) contacts?: EmployerContactInput[];
}

@InputType()
export class UpdateEmployerInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => SectorEnum, { nullable: true }) sector?: Sector;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'Hand the relationship to another office.' }) ownerOfficeId?: string | null;
}

@InputType()
export class EmployerFilterInput {
  @Field(() => String, { nullable: true, description: 'Name (substring) or exact orgnr.' }) search?: string;
  @Field(() => SectorEnum, { nullable: true }) sector?: Sector;
  @Field(() => ID, { nullable: true }) ownerOfficeId?: string;
  @Field(() => Boolean, { nullable: true }) includeArchived?: boolean;
}
