import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganisationKind, Role } from '#lib/access';
import { Connection } from '#lib/gql';

registerEnumType(Role, { name: 'Role', description: 'ADVISOR (programrådgiver), MARKET_CONTACT (markedskontakt), TEACHER, EMPLOYER, ADMIN' });
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });

@ObjectType({ description: 'A municipal unit, NAV office or employer organisation (tenancy boundary).' })
export class Organisation {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => OrganisationKind) kind!: OrganisationKind;
  @Field(() => String) municipality!: string;
  @Field(() => String, { nullable: true }) areaCode!: string | null;
  @Field(() => ID, { nullable: true, description: 'For municipal units: the NAV office serving them.' }) navOfficeId!: string | null;
}

@ObjectType()
export class User {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) email!: string;
  @Field(() => Role) role!: Role;
  @Field(() => ID) organisationId!: string;
  @Field(() => String) language!: string;
}

export const OrganisationConnection = Connection(Organisation, 'OrganisationConnection');
