import type { UsersAdapter } from '../../../src/provider-sdk';
import { toUnifiedUser, USER_FIELDS, type SfUser } from '../mappers/user.mapper';
import { soqlSelect } from '../soql';
import { listPage } from './sf-http';

/**
 * Users = the org's User rows by SOQL, ordered by Id and paged with Salesforce's query locator like
 * the records. Inactive users are listed (active: false): they still own records.
 */
export const usersAdapter: UsersAdapter = {
  async list(ctx, params) {
    const page = await listPage<SfUser>(ctx, soqlSelect(USER_FIELDS, 'User', [], 'Id ASC'), { ...params, filters: {} });
    return { items: page.records.map(toUnifiedUser), nextCursor: page.nextCursor };
  },
};
